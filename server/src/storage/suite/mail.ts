import { DEFAULT_MAIL_PREFERENCES } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { MailRecipientRecord, NewMail, Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, type OpenedPair, seedBoard } from './fixtures';

const OTHER = facilitatorOf('board-2');

const recipient = (overrides: Partial<MailRecipientRecord> = {}): MailRecipientRecord => ({
  participantId: FACILITATOR,
  boardId: BOARD,
  address: 'moderation@example.org',
  confirmedAt: null,
  confirmTokenHash: 'confirm-hash-1',
  confirmSentAt: NOW,
  preferences: DEFAULT_MAIL_PREFERENCES,
  language: 'de',
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

let unique = 0;
const mail = (overrides: Partial<NewMail> = {}): NewMail => {
  unique += 1;
  return {
    id: `mail-${unique}`,
    boardId: BOARD,
    recipientId: FACILITATOR,
    kind: 'digest',
    subject: `Betreff ${unique}`,
    text: 'Text',
    html: '<p>Text</p>',
    headers: { 'List-Unsubscribe': `<https://example.org/mail/unsubscribe?token=t${unique}>` },
    messageId: `<id-${unique}@example.org>`,
    unsubscribeTokenHash: `unsubscribe-hash-${unique}`,
    dedupeKey: null,
    createdAt: NOW,
    ...overrides,
  };
};

/** Addresses and the outbox: confirmation once, dedupe, leases, retries and the facilitator's counts. */
export function describeMail(ctx: { readonly storage: Storage }): void {
  describe('mail: addresses and the outbox', () => {
    it('stores an address with its choices and confirms it once, by the token’s hash, within its time', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.mail.getRecipient(FACILITATOR)).toBeNull();
      const pending = recipient({
        preferences: { ...DEFAULT_MAIL_PREFERENCES, digest: 'daily', outcomes: false },
      });
      await storage.mail.saveRecipient(pending, null);
      expect(await storage.mail.getRecipient(FACILITATOR)).toEqual(pending);
      expect(await storage.mail.lastConfirmationTo('MODERATION@example.org')).toBe(NOW);
      expect(await storage.mail.confirmRecipient('confirm-hash-1', NOW + 5, NOW + 1)).toBe('expired');
      expect(await storage.mail.confirmRecipient('no-such-hash', NOW + 5, NOW)).toBeNull();
      const confirmed = await storage.mail.confirmRecipient('confirm-hash-1', NOW + 5, NOW);
      expect(confirmed).toEqual({
        ...pending,
        confirmedAt: NOW + 5,
        confirmTokenHash: null,
        updatedAt: NOW + 5,
      });
      expect(await storage.mail.confirmRecipient('confirm-hash-1', NOW + 6, NOW)).toBeNull();
      expect(await storage.mail.getRecipient(FACILITATOR)).toEqual(confirmed);
    });

    it('queues a mail once per dedupe key, and a confirmation replaces what was queued to the person', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.mail.saveRecipient(recipient({ confirmedAt: NOW }), null);
      expect(await storage.mail.enqueue(mail({ dedupeKey: 'round-awaits:r1:p1:opened' }))).toBe(true);
      expect(await storage.mail.enqueue(mail({ dedupeKey: 'round-awaits:r1:p1:opened' }))).toBe(false);
      expect(await storage.mail.enqueue(mail())).toBe(true);
      expect((await storage.mail.outboxStatus(BOARD, 10)).queued).toBe(2);
      await storage.mail.saveRecipient(recipient({ address: 'neu@example.org' }), mail({ kind: 'confirm' }));
      expect((await storage.mail.outboxStatus(BOARD, 10)).queued).toBe(1);
      expect(await storage.mail.getRecipient(FACILITATOR)).toMatchObject({ address: 'neu@example.org' });
    });

    it('claims due mails with a lease: one worker at a time, and only confirmation mails to unconfirmed addresses', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.mail.saveRecipient(recipient(), null);
      const digest = mail();
      const confirm = mail({ kind: 'confirm' });
      await storage.mail.enqueue(digest);
      await storage.mail.enqueue(confirm);
      // Not due yet: nothing.
      expect(await storage.mail.claimDue('w1', NOW - 1, NOW + 100, 10)).toEqual([]);
      const claimed = await storage.mail.claimDue('w1', NOW, NOW + 100, 10);
      expect(claimed).toEqual([{ ...confirm, address: 'moderation@example.org', attempts: 1 }]);
      expect(await storage.mail.claimDue('w2', NOW + 50, NOW + 150, 10)).toEqual([]);
      // The lease ran out (the worker crashed): another takes the mail over, as a second attempt.
      const takenOver = await storage.mail.claimDue('w2', NOW + 101, NOW + 200, 10);
      expect(takenOver.map((m) => [m.id, m.attempts])).toEqual([[confirm.id, 2]]);
      await storage.mail.releaseClaims('w2');
      expect((await storage.mail.claimDue('w3', NOW + 102, NOW + 300, 10)).map((m) => m.id)).toEqual([
        confirm.id,
      ]);
      await storage.mail.markSent(confirm.id, NOW + 103);
      await storage.mail.confirmRecipient('confirm-hash-1', NOW + 104, NOW);
      const now = await storage.mail.claimDue('w1', NOW + 105, NOW + 400, 10);
      expect(now.map((m) => m.id)).toEqual([digest.id]);
      expect(await storage.mail.outboxStatus(BOARD, 10)).toEqual({
        queued: 1,
        sent: 1,
        failed: 0,
        failures: [],
      });
    });

    it('keeps a mail’s attached file and its waiting time, and tells who was told about a meeting', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.mail.saveRecipient(recipient({ confirmedAt: NOW, confirmTokenHash: null }), null);
      const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Treffen\\, Saal 2\r\nEND:VCALENDAR\r\n';
      const file = { filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST', content: ics };
      const invitation = mail({
        kind: 'meeting-invitation',
        dedupeKey: `meeting:m1:0:${FACILITATOR}`,
        attachments: [file],
        sendAfter: NOW + 60,
      });
      await storage.mail.enqueue(invitation);
      await storage.mail.enqueue(mail({ dedupeKey: `meeting:m10:0:${FACILITATOR}` }));
      expect(await storage.mail.deliveredKeys('meeting:m1:')).toEqual([]);
      // Not before its time; then with the very file it was queued with, on every attempt.
      expect((await storage.mail.claimDue('w1', NOW + 59, NOW + 100, 10)).map((m) => m.id)).not.toContain(
        invitation.id,
      );
      const [claimed] = (await storage.mail.claimDue('w1', NOW + 60, NOW + 100, 10)).filter(
        (m) => m.id === invitation.id,
      );
      expect(claimed?.attachments).toEqual([file]);
      // Claimed (it may be going out right now) counts as told, as does sent; another meeting's key never does.
      expect(await storage.mail.deliveredKeys('meeting:m1:')).toEqual([`meeting:m1:0:${FACILITATOR}`]);
      await storage.mail.markSent(invitation.id, NOW + 61);
      expect(await storage.mail.deliveredKeys('meeting:m1:')).toEqual([`meeting:m1:0:${FACILITATOR}`]);
    });

    it('retries a failed mail when due, gives up for good when told, and lists the failure by name', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.mail.saveRecipient(recipient({ confirmedAt: NOW }), null);
      const m = mail();
      await storage.mail.enqueue(m);
      await storage.mail.claimDue('w1', NOW, NOW + 100, 10);
      await storage.mail.markFailed(m.id, 'connection refused', NOW + 60_000, NOW + 1);
      expect(await storage.mail.claimDue('w1', NOW + 59_999, NOW + 70_000, 10)).toEqual([]);
      const again = await storage.mail.claimDue('w1', NOW + 60_000, NOW + 70_000, 10);
      expect(again.map((x) => x.attempts)).toEqual([2]);
      await storage.mail.markFailed(m.id, '550 no such user', null, NOW + 60_001);
      expect(await storage.mail.claimDue('w1', NOW + 10 ** 9, NOW + 10 ** 9 + 1, 10)).toEqual([]);
      expect(await storage.mail.outboxStatus(BOARD, 10)).toEqual({
        queued: 0,
        sent: 0,
        failed: 1,
        failures: [
          {
            id: m.id,
            participantId: FACILITATOR,
            name: 'Moderation',
            kind: 'digest',
            attempts: 2,
            error: '550 no such user',
            at: NOW + 60_001,
          },
        ],
      });
    });

    it('finds the recipient of an unsubscribe token; deleting the address drops its queued mails only', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await storage.mail.saveRecipient(recipient({ confirmedAt: NOW }), null);
      await storage.mail.saveRecipient(
        recipient({ participantId: OTHER, boardId: 'board-2', confirmTokenHash: 'confirm-hash-2' }),
        null,
      );
      const sent = mail();
      await storage.mail.enqueue(sent);
      await storage.mail.claimDue('w1', NOW, NOW + 10, 10);
      await storage.mail.markSent(sent.id, NOW + 1);
      await storage.mail.enqueue(mail());
      await storage.mail.enqueue(mail({ boardId: 'board-2', recipientId: OTHER, kind: 'confirm' }));
      expect(await storage.mail.recipientOfUnsubscribe(sent.unsubscribeTokenHash)).toEqual({
        participantId: FACILITATOR,
        boardId: BOARD,
      });
      expect(await storage.mail.recipientOfUnsubscribe('unknown')).toBeNull();
      expect(await storage.mail.deleteRecipient(FACILITATOR)).toBe(true);
      expect(await storage.mail.deleteRecipient(FACILITATOR)).toBe(false);
      expect(await storage.mail.getRecipient(FACILITATOR)).toBeNull();
      expect(await storage.mail.outboxStatus(BOARD, 10)).toMatchObject({ queued: 0, sent: 1 });
      expect(await storage.mail.outboxStatus('board-2', 10)).toMatchObject({ queued: 1, sent: 0 });
    });

    it('keeps the minutes choice, off as on, and the board’s sender name (the title without one)', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      const off = recipient({ preferences: { ...DEFAULT_MAIL_PREFERENCES, minutes: false } });
      await storage.mail.saveRecipient(off, null);
      expect((await storage.mail.getRecipient(FACILITATOR))?.preferences.minutes).toBe(false);
      await storage.mail.saveRecipient({ ...off, preferences: DEFAULT_MAIL_PREFERENCES }, null);
      expect((await storage.mail.getRecipient(FACILITATOR))?.preferences.minutes).toBe(true);

      expect(await storage.mail.getSenderName(BOARD)).toBeNull();
      expect(await storage.mail.senderNameOf(BOARD)).toBe('Runder Tisch');
      await storage.mail.setSenderName(BOARD, 'Stadtteilrunde Nordstadt', FACILITATOR, NOW);
      await storage.mail.setSenderName(BOARD, '"Nord" <x@y.org>', FACILITATOR, NOW + 1);
      expect(await storage.mail.getSenderName(BOARD)).toBe('"Nord" <x@y.org>');
      expect(await storage.mail.senderNameOf(BOARD)).toBe('"Nord" <x@y.org>');
      // Per board: the other keeps its title.
      expect(await storage.mail.senderNameOf('board-2')).toBe('Runder Tisch');
      await storage.mail.setSenderName(BOARD, null, FACILITATOR, NOW + 2);
      expect(await storage.mail.getSenderName(BOARD)).toBeNull();
      expect(await storage.mail.senderNameOf(BOARD)).toBe('Runder Tisch');
      expect(await storage.mail.senderNameOf('no-such-board')).toBeNull();
    });

    it('removing a participant forgets their address and queued mails; sent ones and others stay', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await storage.accounts.createParticipant({
        id: 'p1',
        boardId: BOARD,
        name: 'Person p1',
        role: 'partner',
        partnerId: null,
        color: '#1d4ed8',
        tokenHash: 'hash-p1',
        createdAt: NOW + 1,
      });
      await storage.mail.saveRecipient(recipient({ confirmedAt: NOW }), null);
      const removed = recipient({
        participantId: 'p1',
        address: 'p1@example.org',
        confirmedAt: NOW,
        confirmTokenHash: null,
      });
      await storage.mail.saveRecipient(removed, null);
      const sent = mail({ recipientId: 'p1' });
      await storage.mail.enqueue(sent);
      await storage.mail.claimDue('w1', NOW, NOW + 10, 10);
      await storage.mail.markSent(sent.id, NOW + 1);
      await storage.mail.enqueue(mail({ recipientId: 'p1', kind: 'round-awaits' }));
      await storage.mail.enqueue(mail({ recipientId: 'p1' }));
      const kept = mail();
      await storage.mail.enqueue(kept);
      expect(await storage.mail.outboxStatus(BOARD, 10)).toMatchObject({ queued: 3, sent: 1 });

      expect(await storage.people.removeParticipant(BOARD, 'p1', FACILITATOR, NOW + 2)).toMatchObject({
        ok: true,
      });
      expect(await storage.mail.getRecipient('p1')).toBeNull();
      expect((await storage.mail.listConfirmedRecipients(BOARD)).map((r) => r.participantId)).toEqual([
        FACILITATOR,
      ]);
      expect(await storage.mail.outboxStatus(BOARD, 10)).toMatchObject({ queued: 1, sent: 1 });
      expect((await storage.mail.claimDue('w1', NOW + 3, NOW + 10, 10)).map((m) => m.id)).toEqual([kept.id]);
      // A request that began before the removal (PUT /me/email) stores no address afterwards.
      await storage.mail.saveRecipient(removed, mail({ recipientId: 'p1', kind: 'confirm' }));
      expect(await storage.mail.getRecipient('p1')).toBeNull();
      expect(await storage.mail.outboxStatus(BOARD, 10)).toMatchObject({ queued: 1, sent: 1 });
    });
  });
}

/** Two storages on one database, as two instances: claiming at the same moment, they never share a mail. */
export function describeMailConcurrency(openPair: () => Promise<OpenedPair>): void {
  describe('mail: two instances claiming at once', () => {
    it('hand each mail to exactly one of them', async () => {
      const pair = await openPair();
      try {
        const { first, second } = pair;
        await seedBoard(first);
        await first.mail.saveRecipient(recipient({ confirmedAt: NOW }), null);
        const ids: string[] = [];
        for (let i = 0; i < 40; i++) {
          const m = mail();
          ids.push(m.id);
          await (i % 2 ? first : second).mail.enqueue(m);
        }
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? first : second).mail.claimDue(`w${i}`, NOW, NOW + 1000, 6),
          ),
        );
        const claimed = claims.flat().map((m) => m.id);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.length).toBe(40);
        expect(claimed.sort()).toEqual([...ids].sort());
      } finally {
        await pair.cleanup();
      }
    });
  });
}
