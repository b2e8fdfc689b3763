import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import { composeMail } from '../../server/src/mail/compose';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const FROM = 'board@example.org';

/** Every row of the two mail tables, as the database holds them (the test reads the engine directly). */
interface MailTables {
  readonly recipients: readonly Record<string, unknown>[];
  readonly outbox: readonly Record<string, unknown>[];
}

function sqliteTables(dataDir: string): Promise<MailTables> {
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'), { readonly: true });
  try {
    return Promise.resolve({
      recipients: db.prepare('SELECT * FROM mail_recipients').all() as Record<string, unknown>[],
      outbox: db.prepare('SELECT * FROM mail_outbox').all() as Record<string, unknown>[],
    });
  } finally {
    db.close();
  }
}

async function postgresTables(url: string): Promise<MailTables> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return {
      recipients: (await client.query('SELECT * FROM mail_recipients')).rows,
      outbox: (await client.query('SELECT * FROM mail_outbox')).rows,
    };
  } finally {
    await client.end();
  }
}

describe('e-mail: a removed participant’s address and queued mails go with them', () => {
  const clock = { now: 1_800_000_000_000 };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const sweep = (s: TestServer): Promise<number> => {
    const sender = s.server.mailSender;
    if (!sender) throw new Error('mail is off on this server');
    return sender.sweep();
  };

  /** A confirmed address for the token's participant, its confirmation sent and the link followed. */
  async function confirmedAddress(
    s: TestServer,
    smtp: TestSmtp,
    board: SeededBoard,
    token: string,
    address: string,
  ): Promise<void> {
    const put = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token,
      // The default choices include the weekly digest, so the queued digests below are wanted.
      body: { address },
    });
    expect(put.status).toBe(200);
    await sweep(s);
    const confirmation = smtp.received.find((m) => m.to === address) as ReceivedMail;
    const link = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(confirmation.text)?.[0] ?? '';
    expect((await fetch(link)).status).toBe(200);
  }

  const queueDigest = async (s: TestServer, board: SeededBoard, recipientId: string, subject: string) =>
    expect(
      await s.server.storage.mail.enqueue(
        composeMail({
          boardId: board.boardId,
          recipientId,
          kind: 'digest',
          locale: 'de',
          subject,
          blocks: [{ text: 'Zwei neue Ziele.' }],
          origin: s.url,
          now: clock.now,
        }),
      ),
    ).toBe(true);

  async function removalForgets(
    config: Partial<Config>,
    tables: (s: TestServer) => Promise<MailTables>,
  ): Promise<void> {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const s = await startTestServer({
      config: { now: () => clock.now, mail: { smtpUrl: smtp.url, from: FROM }, ...config },
    });
    cleanups.push(() => s.close());
    const board = await seedBoard(s.url);
    await confirmedAddress(s, smtp, board, board.partnerA.token, 'ayse@example.org');
    await confirmedAddress(s, smtp, board, board.partnerB.token, 'bernd@example.org');
    expect(smtp.received).toHaveLength(2);
    await queueDigest(s, board, board.partnerA.participantId, 'Für Ayşe');
    await queueDigest(s, board, board.partnerB.participantId, 'Für Bernd');

    const removed = await api(s.url).request(
      'POST',
      `/api/boards/${board.boardId}/people/${board.partnerA.participantId}/remove`,
      { token: board.facilitator.token },
    );
    expect(removed.status).toBe(200);

    // Gone from the database: no recipient row, no queued mail, and her address in no row at all (the sent
    // confirmation's row never held it).
    const after = await tables(s);
    expect(after.recipients.map((r) => r.participant_id)).toEqual([board.partnerB.participantId]);
    expect(
      after.outbox.filter((m) => m.recipient_id === board.partnerA.participantId).map((m) => m.status),
    ).toEqual(['sent']);
    expect(JSON.stringify(after)).not.toContain('ayse@example.org');

    // Nothing more reaches her; Bernd's digest goes out as before.
    await sweep(s);
    expect(smtp.received.slice(2).map((m) => [m.to, m.subject])).toEqual([
      ['bernd@example.org', 'Für Bernd'],
    ]);
    const status = await api(s.url).request('GET', `/api/boards/${board.boardId}/mail/status`, {
      token: board.facilitator.token,
    });
    expect(status.body).toMatchObject({ queued: 0, sent: 3, failed: 0 });

    // Her device is out like any removed participant's: her mail settings are not hers to read or set any more.
    const mine = `/api/boards/${board.boardId}/me/email`;
    expect((await api(s.url).request('GET', mine, { token: board.partnerA.token })).status).toBe(401);
    const again = await api(s.url).request('PUT', mine, {
      token: board.partnerA.token,
      body: { address: 'ayse@example.org' },
    });
    expect(again.status).toBe(401);
    expect(await s.server.storage.mail.getRecipient(board.partnerA.participantId)).toBeNull();
  }

  it('SQLite: the address and her queued digest are gone, nothing is sent to her, Bernd’s mail is', async () => {
    await removalForgets({}, (s) => sqliteTables(s.dataDir));
  });

  describe.skipIf(!databaseUrl)(`PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('the address and her queued digest are gone, nothing is sent to her, Bernd’s mail is', async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      await removalForgets({ databaseUrl: database.url }, () => postgresTables(database.url));
    });
  });
});
