import * as Y from 'yjs';
import {
  createClientPool,
  frames,
  isSyncStep2,
  type RawSocket,
  type SeededBoard,
} from '../../helpers/clients';
import type { TestServer } from '../../helpers/server';
import { waitFor } from '../../helpers/wait';
import { type FuzzCase, type FuzzTarget, fuzzCase, pinnedCases } from './frames';
import { PINNED_UPDATES } from './fuzzRegressions';
import { seeded } from './random';

export interface FuzzFailure {
  readonly seed: number;
  readonly kind: string;
  readonly target: FuzzTarget;
  readonly problem: string;
}

export interface FuzzReport {
  readonly frames: number;
  /** How the server answered: `open` (frame accepted or dropped) or the close code. */
  readonly outcomes: Record<string, number>;
  readonly failures: FuzzFailure[];
}

/** What "the document did not change" compares: the stored log length, the state vector and the content. */
async function fingerprint(server: TestServer, docKey: string): Promise<string> {
  const count = await server.server.storage.log.countUpdates(docKey);
  const room = server.server.rooms.get(docKey);
  if (!room) return 'not loaded';
  return `${count}|${Buffer.from(Y.encodeStateVector(room.doc)).toString('hex')}|${JSON.stringify(room.doc.toJSON())}`;
}

/** The document as storage would reload it; must equal the live one after every accepted frame. */
async function storedMatchesLive(server: TestServer, docKey: string): Promise<boolean> {
  const loaded = await server.server.storage.log.loadDocument(docKey);
  const room = server.server.rooms.get(docKey);
  if (!room) return false;
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const entry of loaded.updates) Y.applyUpdate(doc, entry.update);
  // toJSON lists the root types a document has instantiated; the server's repairs instantiate theirs.
  for (const [key, type] of room.doc.share) doc.get(key, type.constructor as typeof Y.AbstractType);
  const same =
    Buffer.compare(Y.encodeStateVector(doc), Y.encodeStateVector(room.doc)) === 0 &&
    JSON.stringify(doc.toJSON()) === JSON.stringify(room.doc.toJSON());
  doc.destroy();
  return same;
}

/**
 * Sends one seeded frame per seed on a raw socket of its target and checks: the server answers (a sync step 1
 * probe after the frame gets its step 2, or the socket is closed), a closed socket or a socket that may not write
 * changed nothing, and what is stored always equals what is live. Two anchor clients keep both documents loaded
 * and own a client id for the "foreign awareness" cases. Needs a server without rate limits.
 */
export async function runFuzz(
  server: TestServer,
  board: SeededBoard,
  seeds: Iterable<number>,
  { pinned = false }: { pinned?: boolean } = {},
): Promise<FuzzReport> {
  const pool = createClientPool();
  const outcomes: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let count = 0;
  try {
    const anchor = pool.connect(server.url, board.boardId, board.partnerB.token, {
      participantId: board.partnerB.participantId,
    });
    const recordAnchor = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
    await Promise.all([anchor.synced, recordAnchor.synced]);
    await waitFor(() =>
      server.server.rooms.get(board.boardId)?.awareness.getStates().has(anchor.doc.clientID),
    );
    const identity = {
      participantId: board.partnerA.participantId,
      otherParticipantId: board.partnerB.participantId,
      foreignClientId: anchor.doc.clientID,
    };
    const paths: Record<FuzzTarget, string> = {
      writer: `/ws/${board.boardId}?token=${board.partnerA.token}`,
      observer: `/ws/${board.boardId}?token=${board.observer.token}`,
      record: `/ws/${board.boardId}/record?token=${board.partnerA.token}`,
    };
    const sockets = new Map<FuzzTarget, RawSocket>();
    const socketFor = async (target: FuzzTarget): Promise<RawSocket> => {
      const existing = sockets.get(target);
      if (existing && existing.ws.readyState === existing.ws.OPEN) return existing;
      const raw = pool.raw(server.url, paths[target]);
      await raw.opened;
      sockets.set(target, raw);
      return raw;
    };

    const cases = function* (): Generator<FuzzCase> {
      if (pinned) yield* pinnedCases(PINNED_UPDATES);
      for (const seed of seeds) yield fuzzCase(seed, seeded(seed), identity);
    };
    for (const c of cases()) {
      const { seed } = c;
      const docKey = c.target === 'record' ? `${board.boardId}/record` : board.boardId;
      const fail = (problem: string) => failures.push({ seed, kind: c.kind, target: c.target, problem });
      const before = await fingerprint(server, docKey);
      const raw = await socketFor(c.target);
      const repliesBefore = raw.received.filter(isSyncStep2).length;
      for (const frame of c.setup ?? []) raw.ws.send(frame);
      raw.ws.send(c.frame);
      raw.ws.send(frames.syncStep1());
      const outcome = await Promise.race([
        raw.closed.then(({ code }) => String(code)),
        waitFor(() => raw.received.filter(isSyncStep2).length > repliesBefore, { timeout: 5000 }).then(
          () => 'open',
          () => 'no answer',
        ),
      ]);
      count++;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (outcome === 'no answer') fail('the server neither answered nor closed the socket');
      const after = await fingerprint(server, docKey);
      if ((c.target !== 'writer' || outcome !== 'open') && after !== before) {
        fail(`document changed although the frame was ${outcome === 'open' ? 'not allowed' : 'refused'}`);
      }
      if (c.mustClose !== undefined && outcome !== String(c.mustClose)) {
        fail(`expected close ${c.mustClose}, got ${outcome}`);
      }
      if (c.target === 'writer' && outcome === 'open' && !(await storedMatchesLive(server, docKey))) {
        fail('live document differs from what storage would reload');
      }
    }
    const health = await fetch(`${server.url}/api/health`);
    if (health.status !== 200)
      failures.push({ seed: -1, kind: 'health', target: 'writer', problem: 'unhealthy' });
    return { frames: count, outcomes, failures };
  } finally {
    pool.destroyAll();
  }
}
