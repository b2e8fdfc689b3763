import type { Role } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { NewDeviceLink, Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const FIRST_TOKEN = `hash-${FACILITATOR}`;

async function addPerson(storage: Storage, id: string, role: Role, boardId = BOARD): Promise<void> {
  await storage.accounts.createParticipant({
    id,
    boardId,
    name: `Person ${id}`,
    role,
    partnerId: null,
    color: '#1d4ed8',
    tokenHash: `hash-${id}`,
    createdAt: NOW + 1,
  });
}

const link = (overrides: Partial<NewDeviceLink> = {}): NewDeviceLink => ({
  codeHash: 'hash-of-link-1',
  boardId: BOARD,
  participantId: FACILITATOR,
  kind: 'device',
  expiresAt: NOW + 15 * 60_000,
  createdBy: FACILITATOR,
  createdAt: NOW,
  ...overrides,
});

/** The people part: device tokens and one-time links, roles, removal and visits. */
export function describePeople(ctx: { readonly storage: Storage }): void {
  describe('people: devices, roles, removal, visits', () => {
    it('remembers a participant’s last visit', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.people.getLastVisit(FACILITATOR)).toBeNull();
      await storage.people.recordVisit(FACILITATOR, NOW + 5);
      expect(await storage.people.getLastVisit(FACILITATOR)).toBe(NOW + 5);
      await storage.people.recordVisit(FACILITATOR, NOW + 9);
      expect(await storage.people.getLastVisit(FACILITATOR)).toBe(NOW + 9);
    });

    it('lists people with their devices and last visit; a new participant has one device', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await addPerson(storage, 'p1', 'partner');
      await storage.people.recordVisit('p1', NOW + 9);
      const people = await storage.people.listPeople(BOARD);
      expect(people.map((p) => [p.participant.id, p.devices, p.lastSeenAt, p.removedAt])).toEqual([
        [FACILITATOR, 1, null, null],
        ['p1', 1, NOW + 9, null],
      ]);
    });

    it('removes a participant: tokens end, the row stays, removing again finds nobody', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await addPerson(storage, 'p1', 'partner');
      expect((await storage.people.findParticipantByTokenHash('hash-p1'))?.id).toBe('p1');
      const removed = await storage.people.removeParticipant(BOARD, 'p1', FACILITATOR, NOW + 5);
      expect(removed).toMatchObject({ ok: true, participant: { id: 'p1' } });
      expect(await storage.people.findParticipantByTokenHash('hash-p1')).toBeNull();
      const person = (await storage.people.listPeople(BOARD)).find((p) => p.participant.id === 'p1');
      expect(person).toMatchObject({ devices: 0, removedAt: NOW + 5, removedBy: FACILITATOR });
      expect(await storage.people.removeParticipant(BOARD, 'p1', FACILITATOR, NOW + 6)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      // Another board's participant is not found through this board.
      await seedBoard(storage, 'board-2');
      expect(
        await storage.people.removeParticipant(BOARD, facilitatorOf('board-2'), FACILITATOR, NOW),
      ).toEqual({
        ok: false,
        reason: 'not_found',
      });
    });

    it('keeps at least one facilitator: the last cannot be removed or demoted; a second one can', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const last = { ok: false, reason: 'last_facilitator' };
      expect(await storage.people.removeParticipant(BOARD, FACILITATOR, FACILITATOR, NOW)).toEqual(last);
      expect(await storage.people.changeRole(BOARD, FACILITATOR, 'partner')).toEqual(last);
      await addPerson(storage, 'p1', 'observer');
      expect(await storage.people.changeRole(BOARD, 'p1', 'facilitator')).toMatchObject({
        ok: true,
        participant: { id: 'p1', role: 'facilitator' },
      });
      expect(await storage.people.changeRole(BOARD, FACILITATOR, 'observer')).toMatchObject({ ok: true });
      expect(await storage.people.changeRole(BOARD, FACILITATOR, 'partner')).toEqual({
        ok: false,
        reason: 'needs_partner',
      });
      expect(await storage.people.removeParticipant(BOARD, 'p1', 'p1', NOW)).toEqual(last);
      expect((await storage.people.findParticipantByTokenHash(FIRST_TOKEN))?.role).toBe('observer');
    });

    it('leaves one device; the last facilitator’s last device stays, a facilitator without one does not count', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.people.createDeviceLink(link());
      await storage.people.redeemDeviceLink('hash-of-link-1', 'hash-laptop', NOW);
      expect(await storage.people.leaveDevice(BOARD, FACILITATOR, FIRST_TOKEN)).toMatchObject({ ok: true });
      expect(await storage.people.findParticipantByTokenHash(FIRST_TOKEN)).toBeNull();
      expect(await storage.people.leaveDevice(BOARD, FACILITATOR, 'hash-laptop')).toEqual({
        ok: false,
        reason: 'last_facilitator',
      });
      // A second facilitator who left every device cannot moderate: the first still may not go.
      await addPerson(storage, 'f2', 'facilitator');
      expect(await storage.people.leaveDevice(BOARD, 'f2', 'hash-f2')).toMatchObject({ ok: true });
      expect(await storage.people.removeParticipant(BOARD, FACILITATOR, 'f2', NOW)).toEqual({
        ok: false,
        reason: 'last_facilitator',
      });
      // The other way round it works: the first stands in.
      expect(await storage.people.changeRole(BOARD, 'f2', 'observer')).toMatchObject({ ok: true });
    });

    it('a device link adds a device once; expired, used and unknown links add nothing', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.people.createDeviceLink(link())).toBe(true);
      expect(await storage.people.createDeviceLink(link({ codeHash: 'old', expiresAt: NOW }))).toBe(true);
      expect(await storage.people.redeemDeviceLink('old', 'hash-new-0', NOW)).toEqual({
        ok: false,
        reason: 'expired',
      });
      expect(await storage.people.redeemDeviceLink('nope', 'hash-new-0', NOW)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      const used = await storage.people.redeemDeviceLink('hash-of-link-1', 'hash-new-1', NOW + 1);
      expect(used).toMatchObject({ ok: true, participant: { id: FACILITATOR } });
      expect(await storage.people.redeemDeviceLink('hash-of-link-1', 'hash-new-2', NOW + 2)).toEqual({
        ok: false,
        reason: 'used',
      });
      // Both devices work.
      expect((await storage.people.findParticipantByTokenHash(FIRST_TOKEN))?.id).toBe(FACILITATOR);
      expect((await storage.people.findParticipantByTokenHash('hash-new-1'))?.id).toBe(FACILITATOR);
      expect(await storage.people.findParticipantByTokenHash('hash-new-2')).toBeNull();
      expect((await storage.people.listPeople(BOARD))[0]?.devices).toBe(2);
    });

    it('a re-entry link ends every device and earlier link at once; a removed person’s link is dead', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await addPerson(storage, 'p1', 'partner');
      await storage.people.createDeviceLink(link({ participantId: 'p1', codeHash: 'earlier' }));
      expect(await storage.people.createDeviceLink(link({ participantId: 'p1', kind: 'reentry' }))).toBe(
        true,
      );
      expect(await storage.people.findParticipantByTokenHash('hash-p1')).toBeNull();
      expect(await storage.people.redeemDeviceLink('earlier', 'hash-x', NOW)).toEqual({
        ok: false,
        reason: 'used',
      });
      expect(await storage.people.redeemDeviceLink('hash-of-link-1', 'hash-back', NOW)).toMatchObject({
        ok: true,
      });
      expect((await storage.people.findParticipantByTokenHash('hash-back'))?.id).toBe('p1');

      await storage.people.createDeviceLink(link({ participantId: 'p1', codeHash: 'before-removal' }));
      await storage.people.removeParticipant(BOARD, 'p1', FACILITATOR, NOW);
      expect(await storage.people.redeemDeviceLink('before-removal', 'hash-y', NOW)).toMatchObject({
        ok: false,
      });
      expect(await storage.people.createDeviceLink(link({ participantId: 'p1', codeHash: 'after' }))).toBe(
        false,
      );
      expect(await storage.people.findParticipantByTokenHash('hash-y')).toBeNull();
    });
  });
}
