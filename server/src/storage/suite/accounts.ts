import { describe, expect, it } from 'vitest';
import type { NewInvite, Storage } from '../types';
import {
  addPartner,
  BOARD,
  bytes,
  FACILITATOR,
  facilitatorOf,
  INVITE_CODE_HASH,
  joinInput,
  NOW,
  RECORD,
  seedBoard,
} from './fixtures';

const invite = (overrides: Partial<NewInvite> = {}): NewInvite => ({
  id: 'invite-1',
  codeHash: INVITE_CODE_HASH,
  boardId: BOARD,
  role: 'partner',
  maxUses: 2,
  uses: 0,
  expiresAt: NOW + 1000,
  createdBy: FACILITATOR,
  createdAt: NOW,
  revokedAt: null,
  revokedBy: null,
  partnerId: null,
  ...overrides,
});

/** The invite as storage gives it back: everything but the code's hash. */
const stored = (overrides: Partial<NewInvite> = {}) => {
  const { codeHash: _hash, ...record } = invite(overrides);
  return record;
};

/** The accounts part: boards, participants, invites and joining (partners as the join creates them). */
export function describeAccounts(ctx: { readonly storage: Storage }, contiguousSeqs: boolean): void {
  describe('accounts: boards and participants', () => {
    it('creates a board with its facilitator and both documents’ first updates', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.accounts.getBoard(BOARD)).toEqual({
        id: BOARD,
        title: 'Runder Tisch',
        createdAt: NOW,
      });
      expect(await storage.accounts.getBoard('board-unknown')).toBeNull();
      expect(await storage.people.findParticipantByTokenHash(`hash-${FACILITATOR}`)).toEqual({
        id: FACILITATOR,
        boardId: BOARD,
        name: 'Moderation',
        role: 'facilitator',
        partnerId: null,
        color: '#1d4ed8',
        createdAt: NOW,
      });
      for (const [docKey, value] of [
        [BOARD, 1],
        [RECORD, 2],
      ] as const) {
        const { updates } = await storage.log.loadDocument(docKey);
        expect(updates.map((u) => [u.participantId, [...u.update], u.at])).toEqual([[null, [value], NOW]]);
        if (contiguousSeqs) expect(updates[0]?.seq).toBe(1);
      }
    });

    it('creates a board all or nothing', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const clash = storage.accounts.createBoard({
        board: { id: 'board-2', title: 'Zweiter Tisch', createdAt: NOW },
        facilitator: {
          id: facilitatorOf('board-2'),
          boardId: 'board-2',
          name: 'Moderation',
          role: 'facilitator',
          partnerId: null,
          color: '#1d4ed8',
          tokenHash: `hash-${FACILITATOR}`,
          createdAt: NOW,
        },
        initialUpdates: [{ docKey: 'board-2', update: bytes(1) }],
      });
      await expect(clash).rejects.toThrow();
      expect(await storage.accounts.getBoard('board-2')).toBeNull();
      expect(await storage.log.countUpdates('board-2')).toBe(0);
      await seedBoard(storage, 'board-2');
      const { updates } = await storage.log.loadDocument('board-2');
      expect(updates).toHaveLength(1);
      if (contiguousSeqs) expect(updates[0]?.seq).toBe(1);
    });

    it('lists a board’s partners and participants in the order they came, without token hashes', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-b', BOARD, NOW + 1);
      await addPartner(storage, 'partner-a', BOARD, NOW + 1);
      await addPartner(storage, 'partner-0', BOARD, NOW + 2);
      await addPartner(storage, 'partner-other', 'board-2', NOW);
      expect((await storage.partners.listPartners(BOARD)).map((p) => p.id)).toEqual([
        'partner-a',
        'partner-b',
        'partner-0',
      ]);
      expect((await storage.partners.listPartners(BOARD))[0]).toEqual({
        id: 'partner-a',
        boardId: BOARD,
        name: 'Partner partner-a',
        kind: 'residents',
        createdAt: NOW + 1,
      });

      const created = await storage.accounts.createParticipant({
        id: 'person-1',
        boardId: BOARD,
        partnerId: 'partner-a',
        name: 'Ayşe',
        role: 'partner',
        color: '#123456',
        tokenHash: 'hash-person-1',
        createdAt: NOW + 5,
      });
      expect(created).not.toHaveProperty('tokenHash');
      expect(await storage.people.findParticipantByTokenHash('hash-person-1')).toEqual(created);
      expect(await storage.people.findParticipantByTokenHash('hash-unknown')).toBeNull();
      expect((await storage.accounts.listParticipants(BOARD)).map((p) => p.id)).toEqual([
        FACILITATOR,
        'person-1',
      ]);
      expect((await storage.accounts.listParticipants('board-2')).map((p) => p.id)).toEqual([
        facilitatorOf('board-2'),
      ]);
    });
  });

  describe('accounts: the board’s privacy note', () => {
    it('stores, replaces and removes the note of one board only', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      expect(await storage.accounts.getPrivacyNote(BOARD)).toBeNull();
      const note = {
        text: 'Gemeinsam verantwortlich:\nStadt und Träger',
        updatedBy: FACILITATOR,
        updatedAt: NOW,
      };
      await storage.accounts.setPrivacyNote(BOARD, note);
      expect(await storage.accounts.getPrivacyNote(BOARD)).toEqual(note);
      const changed = { text: 'Ansprechperson: Quartiersbüro', updatedBy: FACILITATOR, updatedAt: NOW + 5 };
      await storage.accounts.setPrivacyNote(BOARD, changed);
      expect(await storage.accounts.getPrivacyNote(BOARD)).toEqual(changed);
      expect(await storage.accounts.getPrivacyNote('board-2')).toBeNull();
      await storage.accounts.setPrivacyNote(BOARD, { ...changed, text: '' });
      expect(await storage.accounts.getPrivacyNote(BOARD)).toBeNull();
    });
  });

  describe('accounts: invites and joining', () => {
    const seedWithInvite = async (overrides: Partial<NewInvite> = {}) => {
      await seedBoard(ctx.storage);
      await ctx.storage.accounts.createInvite(invite(overrides));
    };
    const usesOf = async (codeHash = INVITE_CODE_HASH) =>
      (await ctx.storage.accounts.findInviteByCodeHash(codeHash))?.uses;

    it('stores invites by their code’s hash and finds them by it, never giving the hash back', async () => {
      await seedWithInvite({ maxUses: null, createdBy: null });
      const found = await ctx.storage.accounts.findInviteByCodeHash(INVITE_CODE_HASH);
      expect(found).toEqual(stored({ maxUses: null, createdBy: null }));
      expect(found).not.toHaveProperty('codeHash');
      expect(found).not.toHaveProperty('code');
      expect(await ctx.storage.accounts.findInviteByCodeHash('hash-of-nothing')).toBeNull();
      // The id names the invite; it is no way to find (or use) it.
      expect(await ctx.storage.accounts.findInviteByCodeHash('invite-1')).toBeNull();
      expect((await ctx.storage.accounts.join(joinInput({ codeHash: 'invite-1' }))).ok).toBe(false);
    });

    it('lists a board’s invites oldest first, without hashes, and no other board’s', async () => {
      await seedWithInvite({ createdAt: NOW + 2 });
      const { storage } = ctx;
      await storage.accounts.createInvite(invite({ id: 'invite-0', codeHash: 'hash-0', createdAt: NOW + 1 }));
      await seedBoard(storage, 'board-2');
      await storage.accounts.createInvite(
        invite({ id: 'invite-other', codeHash: 'hash-other', boardId: 'board-2', createdBy: null }),
      );
      expect(await storage.accounts.listInvites(BOARD)).toEqual([
        stored({ id: 'invite-0', createdAt: NOW + 1 }),
        stored({ createdAt: NOW + 2 }),
      ]);
      expect((await storage.accounts.listInvites('board-2')).map((i) => i.id)).toEqual(['invite-other']);
      expect(await storage.accounts.listInvites('board-unknown')).toEqual([]);
    });

    it('revokes an invite of its board once: joins are refused, a second revocation changes nothing', async () => {
      // The organisation the join proposes waits for confirmation: it is not among the board's partners.
      await seedWithInvite();
      const { storage } = ctx;
      await seedBoard(storage, 'board-2');
      expect(
        await storage.accounts.revokeInvite('board-2', 'invite-1', facilitatorOf('board-2'), NOW + 1),
      ).toBeNull();
      expect(await storage.accounts.revokeInvite(BOARD, 'invite-unknown', FACILITATOR, NOW + 1)).toBeNull();
      expect((await storage.accounts.join(joinInput({ now: NOW + 2 }))).ok).toBe(true);

      const revoked = stored({ uses: 1, revokedAt: NOW + 3, revokedBy: FACILITATOR });
      expect(await storage.accounts.revokeInvite(BOARD, 'invite-1', FACILITATOR, NOW + 3)).toEqual(revoked);
      expect(await storage.accounts.revokeInvite(BOARD, 'invite-1', FACILITATOR, NOW + 9)).toEqual(revoked);
      expect(await storage.accounts.join(joinInput({ now: NOW + 4 }))).toEqual({
        ok: false,
        reason: 'invite_revoked',
      });
      expect(await storage.accounts.findInviteByCodeHash(INVITE_CODE_HASH)).toEqual(revoked);
      expect(await storage.accounts.listParticipants(BOARD)).toHaveLength(2);
      expect(await storage.partners.listProposedPartners(BOARD)).toHaveLength(1);
    });

    it('joins with a new partner: proposed partner, waiting participant and the use in one step, colour by index', async () => {
      await seedWithInvite();
      const { storage } = ctx;
      const input = joinInput({ now: NOW + 7 });
      const result = await storage.accounts.join(input);
      if (!result.ok) throw new Error(`join failed: ${result.reason}`);
      const partner = input.partner.type === 'new' ? input.partner.partner : null;
      expect(result.createdPartner).toEqual({
        ...partner,
        boardId: BOARD,
        createdAt: NOW + 7,
        proposedBy: input.participant.id,
      });
      expect(result).toMatchObject({ ok: true, boardId: BOARD });
      expect(result.participant).toEqual({
        id: input.participant.id,
        boardId: BOARD,
        partnerId: null,
        pendingPartnerId: partner?.id,
        name: 'Ayşe',
        role: 'partner',
        color: 'color-1',
        createdAt: NOW + 7,
      });
      expect(await storage.people.findParticipantByTokenHash(input.participant.tokenHash)).toEqual(
        result.participant,
      );
      expect(await storage.partners.listPartners(BOARD)).toEqual([]);
      expect(await storage.partners.listProposedPartners(BOARD)).toEqual([result.createdPartner]);
      expect(await usesOf()).toBe(1);
    });

    it('joins an existing partner of the invite’s board only', async () => {
      await seedWithInvite({ maxUses: null });
      const { storage } = ctx;
      await addPartner(storage, 'partner-a');
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-other', 'board-2');
      const joined = await storage.accounts.join(
        joinInput({ partner: { type: 'existing', partnerId: 'partner-a' } }),
      );
      expect(joined).toMatchObject({
        ok: true,
        createdPartner: null,
        participant: { partnerId: null, pendingPartnerId: 'partner-a' },
      });
      const other = joinInput({ partner: { type: 'existing', partnerId: 'partner-other' } });
      expect(await storage.accounts.join(other)).toEqual({ ok: false, reason: 'partner_not_found' });
      expect(await storage.accounts.join(joinInput({ partner: { type: 'none' } }))).toMatchObject({
        ok: true,
        participant: { partnerId: null, color: 'color-2' },
      });
      expect(await usesOf()).toBe(2);
      expect(await storage.partners.listPartners(BOARD)).toHaveLength(1);
    });

    it('refuses a used-up invite and writes nothing', async () => {
      await seedWithInvite();
      const { storage } = ctx;
      expect((await storage.accounts.join(joinInput())).ok).toBe(true);
      expect((await storage.accounts.join(joinInput())).ok).toBe(true);
      expect(await storage.accounts.join(joinInput())).toEqual({ ok: false, reason: 'invite_used_up' });
      expect(await storage.accounts.listParticipants(BOARD)).toHaveLength(3);
      expect(await storage.partners.listProposedPartners(BOARD)).toHaveLength(2);
      expect(await usesOf()).toBe(2);
    });

    it('lets an invite without a limit be used until it expires', async () => {
      await seedWithInvite({ maxUses: null });
      for (let i = 0; i < 3; i++)
        expect((await ctx.storage.accounts.join(joinInput({ now: NOW + 999 }))).ok).toBe(true);
      expect(await ctx.storage.accounts.join(joinInput({ now: NOW + 1000 }))).toEqual({
        ok: false,
        reason: 'invite_expired',
      });
      expect(await usesOf()).toBe(3);
    });

    it('refuses expired and unknown invites without counting a use', async () => {
      await seedWithInvite();
      const { storage } = ctx;
      expect(await storage.accounts.join(joinInput({ now: NOW + 1000 }))).toEqual({
        ok: false,
        reason: 'invite_expired',
      });
      expect(await storage.accounts.join(joinInput({ codeHash: 'hash-of-nothing' }))).toEqual({
        ok: false,
        reason: 'invite_not_found',
      });
      expect(await usesOf()).toBe(0);
      expect(await storage.accounts.listParticipants(BOARD)).toHaveLength(1);
      expect(await storage.partners.listProposedPartners(BOARD)).toHaveLength(0);
    });

    it('rolls the whole join back when a later step fails', async () => {
      await seedWithInvite();
      const { storage } = ctx;
      const clash = joinInput({ participant: { id: 'x', name: 'Clash', tokenHash: `hash-${FACILITATOR}` } });
      await expect(storage.accounts.join(clash)).rejects.toThrow();
      expect(await usesOf()).toBe(0);
      expect(await storage.partners.listProposedPartners(BOARD)).toHaveLength(0);
      expect(await storage.accounts.listParticipants(BOARD)).toHaveLength(1);
    });
  });
}
