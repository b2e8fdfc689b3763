import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseUrl,
  NO_DATABASE_REASON,
  type TestDatabase,
} from '../../../../tests/helpers/postgres';
import type { Storage } from '../types';
import { openPostgresStorage } from './postgresStorage';

const NOW = 1_700_000_000_000;
const bytes = (...values: number[]) => new Uint8Array(values);

describe.skipIf(!databaseUrl)(
  `PostgreSQL group commit${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
  () => {
    let database: TestDatabase;
    let first: Storage;
    let second: Storage;

    beforeEach(async () => {
      database = await createTestDatabase();
      first = await openPostgresStorage(database.url);
      second = await openPostgresStorage(database.url);
    });

    afterEach(async () => {
      await Promise.all([first.close(), second.close()]);
      await database.drop();
    });

    it('numbers every document 1..n when two instances append to the same documents in opposite orders', async () => {
      const docs = Array.from({ length: 12 }, (_, i) => `doc-${String(i).padStart(2, '0')}`);
      const rounds = 8;
      const calls: Promise<{ doc: string; instance: number; round: number; seqs: number[] }>[] = [];
      for (let round = 0; round < rounds; round++) {
        // One turn's appends of each instance go into one statement: instance 1 names the documents in order,
        // instance 2 backwards, so without a fixed lock order the two statements would deadlock.
        for (const [instance, storage] of [first, second].entries()) {
          const order = instance === 0 ? docs : [...docs].reverse();
          for (const doc of order) {
            const update = { participantId: null, update: bytes(instance, round), at: NOW + round };
            calls.push(
              Promise.resolve(storage.log.appendUpdates(doc, [update])).then((seqs) => ({
                doc,
                instance,
                round,
                seqs,
              })),
            );
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const appended = await Promise.all(calls);
      for (const doc of docs) {
        const mine = appended.filter((a) => a.doc === doc);
        const seqs = mine.flatMap((a) => a.seqs).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: rounds * 2 }, (_, i) => i + 1));
        // Each instance's appends to a document keep their call order.
        for (const instance of [0, 1]) {
          const own = mine.filter((a) => a.instance === instance).map((a) => a.seqs[0] ?? 0);
          expect(own).toEqual([...own].sort((a, b) => a - b));
        }
        const logged = await first.log.listUpdates(doc, 0);
        const wrote = new Map(mine.map((a) => [a.seqs[0], [a.instance, a.round]]));
        expect(logged.map((u) => [...u.update])).toEqual(logged.map((u) => wrote.get(u.seq)));
      }
    });

    it('fails only the document at fault when one statement held several', async () => {
      const ok = first.log.appendUpdates('doc-ok', [{ participantId: null, update: bytes(1), at: NOW }]);
      // participant_id references participants: an unknown one is refused by the foreign key.
      const refused = first.log.appendUpdates('doc-bad', [
        { participantId: 'nobody', update: bytes(2), at: NOW },
      ]);
      const also = first.log.appendUpdates('doc-also', [{ participantId: null, update: bytes(3), at: NOW }]);
      await expect(refused).rejects.toThrow(/foreign key/);
      expect(await ok).toEqual([1]);
      expect(await also).toEqual([1]);
      expect(await first.log.listUpdates('doc-bad', 0)).toEqual([]);
      expect((await first.log.listUpdates('doc-also', 0)).map((u) => [...u.update])).toEqual([[3]]);
    });
  },
);
