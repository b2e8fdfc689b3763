import { describe, expect, it } from 'vitest';
import type { NewMail, Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const OTHER_BOARD = 'board-2';
const OTHER = facilitatorOf(OTHER_BOARD);

const mail = (id: string, recipientId: string, boardId: string, createdAt: number): NewMail => ({
  id,
  boardId,
  recipientId,
  kind: 'digest',
  subject: `Betreff ${id}`,
  text: 'Text mit Link ?token=geheim',
  html: '<p>Text</p>',
  headers: {},
  messageId: `<${id}@example.org>`,
  unsubscribeTokenHash: `unsubscribe-${id}`,
  dedupeKey: null,
  createdAt,
});

/** A person's own data that only this part reads: device times, device links and mails, nobody else's. */
export function describePersonal(ctx: { readonly storage: Storage }): void {
  describe('personal: a participant’s devices, links and mails', () => {
    it('lists when each device token was issued, never the token, and only the participant’s', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, OTHER_BOARD, NOW + 1);
      const link = {
        codeHash: 'link-1',
        boardId: BOARD,
        participantId: FACILITATOR,
        kind: 'device' as const,
        expiresAt: NOW + 900_000,
        createdBy: FACILITATOR,
        createdAt: NOW + 10,
      };
      expect(await storage.people.createDeviceLink(link)).toBe(true);
      expect(await storage.people.redeemDeviceLink('link-1', 'second-device-hash', NOW + 20)).toMatchObject({
        ok: true,
      });
      expect(await storage.personal.listDeviceTimes(FACILITATOR)).toEqual([NOW, NOW + 20]);
      expect(await storage.personal.listDeviceTimes(OTHER)).toEqual([NOW + 1]);
      expect(await storage.personal.listDeviceLinks(FACILITATOR)).toEqual([
        { kind: 'device', createdAt: NOW + 10, expiresAt: NOW + 900_000, usedAt: NOW + 20 },
      ]);
      expect(await storage.personal.listDeviceLinks(OTHER)).toEqual([]);
      expect(await storage.personal.listDeviceTimes('nobody')).toEqual([]);
    });

    it('lists the mails to the participant, oldest first, with subject and state and nothing of the body', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, OTHER_BOARD, NOW + 1);
      expect(await storage.mail.enqueue(mail('m2', FACILITATOR, BOARD, NOW + 2))).toBe(true);
      expect(await storage.mail.enqueue(mail('m1', FACILITATOR, BOARD, NOW + 1))).toBe(true);
      expect(await storage.mail.enqueue(mail('m3', OTHER, OTHER_BOARD, NOW + 3))).toBe(true);
      await storage.mail.markSent('m1', NOW + 5);
      const mails = await storage.personal.listMailsTo(FACILITATOR);
      expect(mails).toEqual([
        { kind: 'digest', subject: 'Betreff m1', status: 'sent', createdAt: NOW + 1, sentAt: NOW + 5 },
        { kind: 'digest', subject: 'Betreff m2', status: 'queued', createdAt: NOW + 2, sentAt: null },
      ]);
      expect(JSON.stringify(mails)).not.toContain('geheim');
      expect(await storage.personal.listMailsTo(OTHER)).toHaveLength(1);
    });
  });
}
