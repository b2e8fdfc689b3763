import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { openStorage } from '../storage/open';
import { cliArgs } from './recoverArgs';
import { recoverFacilitator } from './recoverFacilitator';

const USAGE = `Prints a one-time re-entry link for a board's facilitator who lost their device.

Usage: npm run recover-facilitator -- <boardId> [--origin <https://…>] [--participant <id>]
  <boardId>       the board (the part after /b/ in its address)
  --origin        where the server is reached (default: PUBLIC_URL)
  --participant   which facilitator (default: the one who has been on the board longest)

Reads the same DATA_DIR or DATABASE_URL as the server. The link works once, for 15 minutes; the facilitator's
other devices lose their access at once.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: cliArgs(process.argv.slice(2)),
    allowPositionals: true,
    options: {
      origin: { type: 'string' },
      participant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const boardId = positionals[0];
  const origin = (values.origin ?? config.publicUrl ?? '').replace(/\/+$/, '');
  if (!boardId || positionals.length > 1 || !/^https?:\/\/[^/]+/.test(origin)) {
    console.error(`A board id and an origin (--origin or PUBLIC_URL) are needed.\n\n${USAGE}`);
    return 1;
  }
  const storage = await openStorage(config, createLogger('silent'));
  try {
    const recovery = await recoverFacilitator(storage, {
      boardId,
      origin,
      now: Date.now(),
      ...(values.participant ? { participantId: values.participant } : {}),
    });
    console.log(
      `One-time re-entry link for ${recovery.name}, facilitator of "${recovery.boardTitle}" ` +
        `(works once, until ${new Date(recovery.link.expiresAt).toISOString()}):`,
    );
    console.log(recovery.link.url);
    return 0;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`recovery failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
