import { ClientOrigin, IntentOrigin, SERVER_ORIGIN } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LogBudgets } from './logBudget';
import { RoomWrites } from './roomWrites';
import { clientEdit, FakeConnection, UNLIMITED_BUDGETS } from './testSupport';
import type { QueuedUpdate } from './writeQueue';

/** What each stored batch held, as [sender's participant, logged participant or 'not logged', seq]. */
type Row = [string | null, string | null | 'not logged', number | null];

/** A room's write paths over a document of its own, storing synchronously (as SQLite does). */
function setup() {
  const doc = new Y.Doc();
  const rows: Row[] = [];
  let seq = 0;
  const row = (item: QueuedUpdate, stored: number | undefined): Row => [
    item.sender?.participantId ?? null,
    item.log ? item.log.participantId : 'not logged',
    stored ?? item.remoteSeq,
  ];
  const writes = new RoomWrites({
    docKey: 'board-1',
    doc,
    now: () => 1000,
    budgets: new LogBudgets(UNLIMITED_BUDGETS, () => 1000),
    maxDocBytes: 1024 * 1024,
    maxEarlyBytes: 1024 * 1024,
    storedBytes: 0,
    store: (updates) => updates.map(() => ++seq),
    events: {
      stored: (batch, seqs) => {
        let logged = 0;
        for (const item of batch) rows.push(row(item, item.log ? seqs[logged++] : undefined));
      },
      idle: () => {},
      failed: (error) => {
        throw error;
      },
    },
    threw: (_sender, error) => {
      throw error;
    },
    followUp: () => {},
  });
  doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) =>
    writes.emitted(update, origin, tr),
  );
  return { doc, writes, rows };
}

describe('RoomWrites: who made a transaction, by its typed origin', () => {
  it("logs a client's update with its participant and sends it to everyone but its sender", () => {
    const { writes, rows } = setup();
    writes.client.apply(new FakeConnection('alice'), clientEdit('Spielplatz'), 'update');
    expect(rows).toEqual([['alice', 'alice', 1]]);
  });

  it("logs the server's writes with no participant, or with the person a write was made for", async () => {
    const { writes, rows } = setup();
    await writes.server.mutate((doc) => doc.getText('t').insert(0, 'a'));
    await writes.server.mutate((doc) => doc.getText('t').insert(0, 'b'), 'fac');
    expect(rows).toEqual([
      [null, null, 1],
      [null, 'fac', 2],
    ]);
  });

  it("sends another instance's stored updates on under their own seq, without logging them again", () => {
    const { writes, rows } = setup();
    const seen: number[] = [];
    writes.peer.apply([{ seq: 41, update: clientEdit('von nebenan') }], (seq) => seen.push(seq));
    expect(rows).toEqual([[null, 'not logged', 41]]);
    expect(seen).toEqual([41]);
  });

  it('attributes to nobody a transaction that is not the client update being applied, whatever it claims', () => {
    const { doc, writes, rows } = setup();
    const mallory = new FakeConnection('mallory');
    doc.transact(() => doc.getText('t').insert(0, 'x'), new ClientOrigin('mallory', mallory));
    doc.transact(() => doc.getText('t').insert(0, 'y'), new IntentOrigin('proposeGoal'));
    doc.transact(() => doc.getText('t').insert(0, 'z'), 'server');
    writes.queue.flush();
    expect(rows).toEqual([
      [null, null, 1],
      [null, null, 2],
      [null, null, 3],
    ]);
  });

  it('settles a server write only with the update its own transaction emitted', async () => {
    const { doc, writes, rows } = setup();
    doc.transact(() => doc.getText('t').insert(0, 'repair'), SERVER_ORIGIN);
    await writes.server.mutate(() => {}, 'fac');
    expect(rows).toEqual([[null, null, 1]]);
  });
});
