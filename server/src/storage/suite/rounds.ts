import { DEFAULT_DECISION_RULE, type DecisionRule } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import type { RoundRecord, Storage } from '../types';
import {
  addPartner,
  BOARD,
  FACILITATOR,
  NOW,
  newClosure,
  newRound,
  newStance,
  openNewRound,
  seedBoard,
} from './fixtures';

const MAJORITY: DecisionRule = { kind: 'majority', quorum: 0.5, threshold: 0.6 };

/** Rounds, stances, closures and the decision rule. */
export function describeRounds(ctx: { readonly storage: Storage }): void {
  describe('rounds: rounds, stances, decision rule', () => {
    const seed = async () => {
      await seedBoard(ctx.storage);
      await addPartner(ctx.storage, 'partner-b', BOARD, NOW);
      await addPartner(ctx.storage, 'partner-a', BOARD, NOW + 1);
    };
    /** Also board-2, with a partner of its own, whose rounds must stay apart. */
    const seedWithOtherBoard = async () => {
      await seed();
      await seedBoard(ctx.storage, 'board-2');
      await addPartner(ctx.storage, 'partner-other', 'board-2');
    };

    it('opens a round with every current partner eligible and the default rule, stored as opened', async () => {
      await seed();
      const { storage } = ctx;
      const input = newRound('r1', { deadline: NOW + 50, visibility: 'hidden', autoClose: true });
      const result = await storage.rounds.openRound(input, DEFAULT_DECISION_RULE);
      const expected: RoundRecord = {
        ...input,
        number: 1,
        rule: DEFAULT_DECISION_RULE,
        eligiblePartnerIds: ['partner-b', 'partner-a'],
      };
      expect(result).toEqual({ ok: true, round: expected });
      expect(await storage.rounds.getRound('r1')).toEqual({ ...expected, closure: null, stances: [] });
      expect(await storage.rounds.getRound('round-unknown')).toBeNull();
    });

    it('numbers rounds per goal and refuses a second open round for a goal', async () => {
      await seed();
      const { storage } = ctx;
      expect((await openNewRound(storage, 'r1')).number).toBe(1);
      expect(
        await storage.rounds.openRound(newRound('r1b', { openedAt: NOW + 1 }), DEFAULT_DECISION_RULE),
      ).toEqual({
        ok: false,
        reason: 'round_open',
      });
      expect(await storage.rounds.getRound('r1b')).toBeNull();
      expect((await openNewRound(storage, 'r-other', { goalId: 'goal-2' })).number).toBe(1);
      expect(await storage.rounds.closeRound(newClosure('r1'))).toBe(true);
      expect((await openNewRound(storage, 'r2', { openedAt: NOW + 2 })).number).toBe(2);
      expect(await storage.rounds.countRounds(BOARD, 'goal-1')).toBe(2);
      expect(await storage.rounds.countRounds(BOARD, 'goal-2')).toBe(1);
      expect(await storage.rounds.countRounds(BOARD, 'goal-unknown')).toBe(0);
    });

    it('refuses to open a round on a board without partners', async () => {
      await seedBoard(ctx.storage);
      expect(await ctx.storage.rounds.openRound(newRound('r1'), DEFAULT_DECISION_RULE)).toEqual({
        ok: false,
        reason: 'no_partners',
      });
      expect(await ctx.storage.rounds.countRounds(BOARD, 'goal-1')).toBe(0);
    });

    it('takes the board’s rule once it set one; a round keeps the rule and partners it opened with', async () => {
      await seed();
      const { storage } = ctx;
      expect(await storage.rounds.getDecisionRule(BOARD)).toBeNull();
      const first = await openNewRound(storage, 'r1');
      await storage.rounds.setDecisionRule(BOARD, MAJORITY, FACILITATOR, NOW + 1);
      expect(await storage.rounds.getDecisionRule(BOARD)).toEqual(MAJORITY);
      await addPartner(storage, 'partner-late', BOARD, NOW + 2);
      const second = await openNewRound(storage, 'r2', { goalId: 'goal-2', openedAt: NOW + 3 });
      expect(second.rule).toEqual(MAJORITY);
      expect(second.eligiblePartnerIds).toEqual(['partner-b', 'partner-a', 'partner-late']);
      expect(await storage.rounds.getRound('r1')).toMatchObject({
        rule: first.rule,
        eligiblePartnerIds: ['partner-b', 'partner-a'],
      });
      const consensus: DecisionRule = { kind: 'consensus', quorum: 1, maxStandAsides: 1 };
      await storage.rounds.setDecisionRule(BOARD, consensus, FACILITATOR, NOW + 4);
      expect(await storage.rounds.getDecisionRule(BOARD)).toEqual(consensus);
      expect(await storage.rounds.getDecisionRule('board-unknown')).toBeNull();
    });

    it('keeps every stance in order; none is stored once the round is closed', async () => {
      await seed();
      const { storage } = ctx;
      await openNewRound(storage, 'r1');
      const first = await storage.rounds.appendStance(newStance('r1', 'partner-a'));
      const objection = newStance('r1', 'partner-a', {
        stance: 'object',
        reason: 'Zu teuer',
        provisionalUntil: NOW + 500,
        byFacilitator: false,
        at: NOW + 1,
      });
      const second = await storage.rounds.appendStance(objection);
      const third = await storage.rounds.appendStance(
        newStance('r1', 'partner-b', { stance: 'stand_aside' }),
      );
      if (!first || !second || !third) throw new Error('a stance on an open round was refused');
      expect(second.id).toBeGreaterThan(first.id);
      expect(third.id).toBeGreaterThan(second.id);
      expect(second).toEqual({ ...objection, id: second.id });
      expect((await storage.rounds.getRound('r1'))?.stances).toEqual([first, second, third]);

      expect(await storage.rounds.closeRound(newClosure('r1'))).toBe(true);
      expect(await storage.rounds.appendStance(newStance('r1', 'partner-b', { stance: 'agree' }))).toBeNull();
      expect((await storage.rounds.getRound('r1'))?.stances).toEqual([first, second, third]);
    });

    it('closes a round once; the closure is never rewritten', async () => {
      await seed();
      const { storage } = ctx;
      await openNewRound(storage, 'r1');
      await openNewRound(storage, 'r2', { goalId: 'goal-2', openedAt: NOW + 1 });
      expect((await storage.rounds.listOpenRounds(BOARD)).map((r) => r.id)).toEqual(['r1', 'r2']);
      expect(await storage.rounds.closeRound(newClosure('r1'))).toBe(true);
      expect(
        await storage.rounds.closeRound(newClosure('r1', { outcome: 'agreed', reasons: [], closedBy: null })),
      ).toBe(false);
      expect((await storage.rounds.getRound('r1'))?.closure).toEqual(newClosure('r1'));
      expect(
        await storage.rounds.closeRound(
          newClosure('r2', { outcome: 'invalidated', reasons: [], closedBy: null }),
        ),
      ).toBe(true);
      expect((await storage.rounds.getRound('r2'))?.closure).toEqual(
        newClosure('r2', { outcome: 'invalidated', reasons: [], closedBy: null }),
      );
      expect(await storage.rounds.listOpenRounds(BOARD)).toEqual([]);
    });

    it('keeps an agreed round’s frozen structure with its closure, as stored', async () => {
      await seed();
      const { storage } = ctx;
      await openNewRound(storage, 'r1');
      const agreedStructure = {
        leadPartnerId: 'partner-a',
        commitments: [{ partnerId: 'partner-b', text: 'Stellt „20.000 €“ bereit' }],
        reviewDate: '2027-06-30',
      };
      const closure = newClosure('r1', { outcome: 'agreed', reasons: [], agreedStructure });
      expect(await storage.rounds.closeRound(closure)).toBe(true);
      expect((await storage.rounds.getRound('r1'))?.closure).toEqual(closure);
      expect((await storage.rounds.listRounds(BOARD))[0]?.closure?.agreedStructure).toEqual(agreedStructure);
    });

    it('lists a board’s rounds oldest first, with closures and stances', async () => {
      await seedWithOtherBoard();
      const { storage } = ctx;
      await openNewRound(storage, 'r1', { openedAt: NOW + 5 });
      await openNewRound(storage, 'r0', { goalId: 'goal-2', openedAt: NOW + 5 });
      await openNewRound(storage, 'r-early', { goalId: 'goal-3', openedAt: NOW });
      await openNewRound(storage, 'r-elsewhere', { boardId: 'board-2', openedBy: 'board-2-facilitator' });
      await storage.rounds.appendStance(newStance('r1', 'partner-a'));
      await storage.rounds.closeRound(newClosure('r0'));
      const rounds = await storage.rounds.listRounds(BOARD);
      expect(rounds.map((r) => r.id)).toEqual(['r-early', 'r0', 'r1']);
      expect(rounds[1]?.closure).toEqual(newClosure('r0'));
      expect(rounds[2]?.stances.map((s) => s.partnerId)).toEqual(['partner-a']);
      expect(rounds[2]).toEqual(await storage.rounds.getRound('r1'));
      expect((await storage.rounds.listOpenRounds(BOARD)).map((r) => r.id)).toEqual(['r-early', 'r1']);
      expect((await storage.rounds.listRounds('board-2')).map((r) => r.id)).toEqual(['r-elsewhere']);
    });

    it('lists the open rounds of any board whose deadline has come', async () => {
      await seedWithOtherBoard();
      const { storage } = ctx;
      await openNewRound(storage, 'r-late', { deadline: NOW + 30 });
      await openNewRound(storage, 'r-soon', { goalId: 'goal-2', deadline: NOW + 10 });
      await openNewRound(storage, 'r-none', { goalId: 'goal-3' });
      await openNewRound(storage, 'r-closed', { goalId: 'goal-4', deadline: NOW + 5 });
      await openNewRound(storage, 'r-elsewhere', {
        boardId: 'board-2',
        openedBy: 'board-2-facilitator',
        deadline: NOW + 20,
      });
      await storage.rounds.closeRound(newClosure('r-closed'));
      expect(await storage.rounds.listDueRounds(NOW + 9)).toEqual([]);
      expect((await storage.rounds.listDueRounds(NOW + 10)).map((r) => r.id)).toEqual(['r-soon']);
      expect((await storage.rounds.listDueRounds(NOW + 30)).map((r) => r.id)).toEqual([
        'r-soon',
        'r-elsewhere',
        'r-late',
      ]);
      const [due] = await storage.rounds.listDueRounds(NOW + 10);
      expect(due).toEqual(await storage.rounds.getRound('r-soon'));
    });
  });
}
