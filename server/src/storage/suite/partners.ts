import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { describe, expect, it } from 'vitest';
import type { NewInvite, Storage } from '../types';
import {
  addPartner,
  BOARD,
  FACILITATOR,
  INVITE_CODE_HASH,
  joinInput,
  NOW,
  newRound,
  seedBoard,
} from './fixtures';

const invite = (overrides: Partial<NewInvite> = {}): NewInvite => ({
  id: 'invite-1',
  codeHash: INVITE_CODE_HASH,
  boardId: BOARD,
  role: 'partner',
  maxUses: null,
  uses: 0,
  expiresAt: NOW + 1000,
  createdBy: FACILITATOR,
  createdAt: NOW,
  revokedAt: null,
  revokedBy: null,
  partnerId: null,
  ...overrides,
});

/** Proposed organisations, claimed memberships and their confirmation. */
export function describePartners(ctx: { readonly storage: Storage }): void {
  describe('partners: confirmed organisations and memberships', () => {
    const proposeJoin = async (name: string) => {
      const input = joinInput({
        partner: { type: 'new', partner: { id: `org-${name}`, name, kind: 'residents' } },
      });
      const result = await ctx.storage.accounts.join(input);
      if (!result.ok) throw new Error(result.reason);
      return result.participant;
    };

    it('keeps a proposed organisation out of the partners and the next round until it is confirmed', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.accounts.createInvite(invite());
      await addPartner(storage, 'partner-a');
      const proposer = await proposeJoin('Erfunden');
      expect(proposer).toMatchObject({ partnerId: null, pendingPartnerId: 'org-Erfunden' });
      expect((await storage.partners.listPartners(BOARD)).map((p) => p.id)).toEqual(['partner-a']);
      const opened = await storage.rounds.openRound(newRound('r1'), DEFAULT_DECISION_RULE);
      expect(opened).toMatchObject({ ok: true, round: { eligiblePartnerIds: ['partner-a'] } });

      expect(await storage.partners.confirmPartner(BOARD, 'org-Erfunden', NOW + 1)).toBe('confirmed');
      expect(await storage.partners.confirmPartner(BOARD, 'org-Erfunden', NOW + 2)).toBe('already');
      expect(await storage.partners.listProposedPartners(BOARD)).toEqual([]);
      const people = await storage.accounts.listParticipants(BOARD);
      expect(people.find((p) => p.id === proposer.id)).toMatchObject({ partnerId: 'org-Erfunden' });
      expect(people.find((p) => p.id === proposer.id)?.pendingPartnerId).toBeUndefined();
      const next = await storage.rounds.openRound(
        newRound('r2', { goalId: 'goal-2' }),
        DEFAULT_DECISION_RULE,
      );
      if (!next.ok) throw new Error(next.reason);
      expect([...next.round.eligiblePartnerIds].sort()).toEqual(['org-Erfunden', 'partner-a']);
    });

    it('declines a proposal: it is gone, its proposer stays without organisation, a confirmed one is kept', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.accounts.createInvite(invite());
      await addPartner(storage, 'partner-a');
      const proposer = await proposeJoin('Strohmann');
      expect(await storage.partners.declinePartner(BOARD, 'partner-a', NOW + 1)).toBe('confirmed');
      expect(await storage.partners.declinePartner(BOARD, 'org-unknown', NOW + 1)).toBe('not_found');
      expect(await storage.partners.declinePartner('board-2', 'org-Strohmann', NOW + 1)).toBe('not_found');
      expect(await storage.partners.declinePartner(BOARD, 'org-Strohmann', NOW + 1)).toBe('declined');
      expect(await storage.partners.declinePartner(BOARD, 'org-Strohmann', NOW + 2)).toBe('not_found');
      expect(await storage.partners.confirmPartner(BOARD, 'org-Strohmann', NOW + 3)).toBe('not_found');
      expect(await storage.partners.listProposedPartners(BOARD)).toEqual([]);
      expect((await storage.partners.listPartners(BOARD)).map((p) => p.id)).toEqual(['partner-a']);
      const person = (await storage.accounts.listParticipants(BOARD)).find((p) => p.id === proposer.id);
      expect(person).toMatchObject({ partnerId: null });
      expect(person?.pendingPartnerId).toBeUndefined();
    });

    it('confirms a claimed membership of a confirmed organisation only', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.accounts.createInvite(invite());
      await addPartner(storage, 'partner-a');
      await addPartner(storage, 'partner-b');
      const claim = await storage.accounts.join(
        joinInput({ partner: { type: 'existing', partnerId: 'partner-a' } }),
      );
      if (!claim.ok) throw new Error(claim.reason);
      const claimant = claim.participant.id;
      expect(await storage.partners.confirmMember(BOARD, 'partner-b', claimant, NOW + 1)).toBe('not_found');
      expect(await storage.partners.confirmMember('board-2', 'partner-a', claimant, NOW + 1)).toBe(
        'not_found',
      );
      expect(await storage.partners.confirmMember(BOARD, 'partner-a', claimant, NOW + 1)).toBe('confirmed');
      expect(await storage.partners.confirmMember(BOARD, 'partner-a', claimant, NOW + 2)).toBe('already');
      const person = (await storage.accounts.listParticipants(BOARD)).find((p) => p.id === claimant);
      expect(person?.partnerId).toBe('partner-a');
      // A proposed organisation is nobody's to claim: its id is refused like an unknown one.
      await proposeJoin('Neu');
      const onProposed = joinInput({ partner: { type: 'existing', partnerId: 'org-Neu' } });
      expect(await storage.accounts.join(onProposed)).toEqual({ ok: false, reason: 'partner_not_found' });
    });

    it('joins through an invite for one organisation as a confirmed member; refuses another or an observer’s', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await addPartner(storage, 'partner-a');
      await storage.accounts.createInvite(invite({ partnerId: 'partner-a' }));
      await storage.accounts.createInvite(
        invite({ id: 'invite-obs', codeHash: 'hash-obs', role: 'observer' }),
      );
      expect(await storage.accounts.findInviteByCodeHash(INVITE_CODE_HASH)).toMatchObject({
        partnerId: 'partner-a',
      });
      const joined = await storage.accounts.join(joinInput({ partner: { type: 'none' } }));
      expect(joined).toMatchObject({ ok: true, participant: { partnerId: 'partner-a' } });
      expect(await storage.accounts.join(joinInput())).toEqual({ ok: false, reason: 'partner_fixed' });
      const other = joinInput({ partner: { type: 'existing', partnerId: 'partner-x' } });
      expect(await storage.accounts.join(other)).toEqual({ ok: false, reason: 'partner_fixed' });
      const observer = joinInput({
        codeHash: 'hash-obs',
        partner: { type: 'existing', partnerId: 'partner-a' },
      });
      expect(await storage.accounts.join(observer)).toEqual({ ok: false, reason: 'partner_fixed' });
      expect(await storage.accounts.listParticipants(BOARD)).toHaveLength(2);
    });
  });
}
