import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPartner,
  BOARD,
  bytes,
  joinInput,
  NOW,
  newRound,
  newStance,
  type OpenedPair,
  seedBoard,
} from './fixtures';

const PARTNERS = ['partner-a', 'partner-b', 'partner-c'];

/**
 * What must hold across instances, raced through two storages on one database (two pools, as two instances
 * have). Races are not forced here (the engine's own tests do that where they can); many rounds at once make
 * the interleavings likely, and the assertions hold for every interleaving.
 */
export function describeConcurrency(openPair: () => Promise<OpenedPair>): void {
  describe('two instances on one database', () => {
    let opened: OpenedPair | undefined;
    const pair = (): OpenedPair => {
      if (!opened) throw new Error('The storages exist only inside a test');
      return opened;
    };
    beforeEach(async () => {
      opened = await openPair();
      await seedBoard(opened.first);
      for (const id of PARTNERS) await addPartner(opened.first, id);
    });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it('opens exactly one round when both open one for the same goal at once', async () => {
      const { first, second } = pair();
      const goals = Array.from({ length: 10 }, (_, i) => `goal-${i}`);
      const results = await Promise.all(
        goals.map((goalId) =>
          Promise.all([
            first.rounds.openRound(newRound(`${goalId}-first`, { goalId }), DEFAULT_DECISION_RULE),
            second.rounds.openRound(newRound(`${goalId}-second`, { goalId }), DEFAULT_DECISION_RULE),
          ]),
        ),
      );
      for (const [index, outcomes] of results.entries()) {
        expect(outcomes.filter((r) => r.ok).map((r) => r.ok && r.round.number)).toEqual([1]);
        expect(outcomes.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'round_open' }]);
        expect(await second.rounds.countRounds(BOARD, goals[index] ?? '')).toBe(1);
      }
      expect(await first.rounds.listOpenRounds(BOARD)).toHaveLength(goals.length);
    });

    it('lets concurrent joins neither overuse an invite nor share a colour', async () => {
      const { first, second } = pair();
      const invite = {
        boardId: BOARD,
        role: 'partner',
        uses: 0,
        expiresAt: NOW + 1000,
        createdBy: null,
        createdAt: NOW,
        revokedAt: null,
        revokedBy: null,
      } as const;
      await first.accounts.createInvite({ ...invite, id: 'once', codeHash: 'hash-once', maxUses: 1 });
      // One invite per join: joins on one invite already take turns on its row.
      const codes = Array.from({ length: 10 }, (_, i) => `hash-open-${i}`);
      for (const codeHash of codes) {
        await first.accounts.createInvite({ ...invite, id: codeHash, codeHash, maxUses: null });
      }
      const once = await Promise.all([
        first.accounts.join(joinInput({ codeHash: 'hash-once' })),
        second.accounts.join(joinInput({ codeHash: 'hash-once' })),
      ]);
      expect(once.filter((r) => r.ok)).toHaveLength(1);
      expect(once.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'invite_used_up' }]);
      const joins = await Promise.all(
        codes.map((codeHash, i) =>
          (i % 2 === 0 ? first : second).accounts.join(joinInput({ codeHash, partner: { type: 'none' } })),
        ),
      );
      const colors = joins.map((r) => (r.ok ? r.participant.color : r.reason)).sort();
      // The facilitator is participant 0, the single ONCE join participant 1.
      expect(colors).toEqual(Array.from({ length: 10 }, (_, i) => `color-${i + 2}`).sort());
      for (const codeHash of codes)
        expect((await second.accounts.findInviteByCodeHash(codeHash))?.uses).toBe(1);
      // The single ONCE join proposed one organisation; it waits for the facilitator.
      expect(await second.partners.listPartners(BOARD)).toHaveLength(PARTNERS.length);
      expect(await second.partners.listProposedPartners(BOARD)).toHaveLength(1);
    });

    it('numbers 50 concurrent appends to one document 1..n without gaps or duplicates', async () => {
      const { first, second } = pair();
      const docKey = 'doc-raced';
      const calls = Array.from({ length: 50 }, (_, call) => {
        const batch = Array.from({ length: 1 + (call % 3) }, (_, i) => ({
          participantId: null,
          update: bytes(call, i),
          at: NOW + call,
        }));
        // Promise.resolve: an engine may return the sequence numbers themselves (Appended).
        return Promise.resolve((call % 2 === 0 ? first : second).log.appendUpdates(docKey, batch)).then(
          (seqs) => ({ call, seqs }),
        );
      });
      const appended = await Promise.all(calls);
      const total = appended.reduce((n, { seqs }) => n + seqs.length, 0);
      const all = appended.flatMap(({ seqs }) => seqs).sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      for (const { seqs } of appended) {
        expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      }
      const bySeq = new Map(
        appended.flatMap(({ call, seqs }) => seqs.map((seq, i) => [seq, [call, i]] as const)),
      );
      const logged = await second.log.listUpdates(docKey, 0);
      expect(logged.map((u) => u.seq)).toEqual(all);
      expect(logged.map((u) => [...u.update])).toEqual(logged.map((u) => bySeq.get(u.seq)));
    });

    it('never lets a stance land after the round’s closure', async () => {
      const { first, second } = pair();
      const roundIds = Array.from({ length: 10 }, (_, i) => `round-${i}`);
      for (const [i, id] of roundIds.entries()) {
        const result = await first.rounds.openRound(
          newRound(id, { goalId: `goal-${i}` }),
          DEFAULT_DECISION_RULE,
        );
        expect(result.ok).toBe(true);
      }
      const raced = await Promise.all(
        roundIds.map(async (roundId) => {
          const closing = second.rounds
            .closeRound({
              roundId,
              closedAt: NOW + 1,
              outcome: 'agreed',
              reasons: [],
              closedBy: null,
              agreedStructure: null,
            })
            // Read as soon as the closure is committed: no stance may appear after this.
            .then(async (closed) => ({ closed, atClosure: await second.rounds.getRound(roundId) }));
          const stances = Promise.all(
            PARTNERS.flatMap((partnerId) => [
              first.rounds.appendStance(newStance(roundId, partnerId)),
              second.rounds.appendStance(newStance(roundId, partnerId, { stance: 'concerns' })),
            ]),
          );
          const [closure, given] = await Promise.all([closing, stances]);
          return { roundId, ...closure, stances: given };
        }),
      );
      for (const { roundId, closed, stances, atClosure } of raced) {
        expect(closed).toBe(true);
        const final = await first.rounds.getRound(roundId);
        expect(final?.stances).toEqual(atClosure?.stances);
        expect(final?.stances.map((s) => s.id).sort((a, b) => a - b)).toEqual(
          stances.flatMap((s) => (s ? [s.id] : [])).sort((a, b) => a - b),
        );
        expect(await first.rounds.appendStance(newStance(roundId, 'partner-a'))).toBeNull();
      }
    });
  });
}
