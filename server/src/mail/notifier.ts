import type { BoardLifecycle } from '@common-ground/shared/api';
import type { ActivityService } from '../activity/service';
import type { MeetingListener } from '../calendar/meetings';
import type { CalendarService } from '../calendar/service';
import type { Logger } from '../log';
import type { MinutesListener, MinutesService } from '../minutes/service';
import type { RoundListener } from '../rounds/service';
import { currentStances, PUBLIC_VIEWER } from '../rounds/view';
import type {
  ClaimedMail,
  MailAttachment,
  MeetingRecord,
  NotifiableRecipient,
  ParticipantRecord,
  Storage,
  StoredRound,
} from '../storage/types';
import { startSweep } from '../sweeps';
import { composeMail, type MailBlock } from './compose';
import { DELETION_KIND, deletionKey, deletionMail, deletionRequestOfKey } from './deletion';
import { digestBlocks, isEmptyDigest, outcomeText, summarise } from './digest';
import {
  INVITATION_KINDS,
  INVITATION_SETTLE_MS,
  type InvitationOccasion,
  invitationKey,
  invitationMail,
  isInvitationKind,
  meetingKeyPrefix,
  parseInvitationKey,
} from './invitations';
import { MINUTES_KIND, minutesKey, minutesMail, minutesOfKey } from './minutes';
import { digestPeriodMs, latestDigestSlot } from './schedule';
import { mailText, oneLine } from './text';

/** The kinds of mail this file queues; each one's dedupe key names what it is about and for whom. */
export const NOTICE_KINDS = {
  awaits: 'round-awaits',
  reminder: 'round-reminder',
  outcome: 'round-outcome',
  digest: 'digest',
} as const;

const HOUR_MS = 60 * 60_000;
/** The reminder goes out when the deadline is at most this far away. */
export const REMINDER_BEFORE_MS = 24 * HOUR_MS;
/**
 * Rounds opened or closed this recently are looked at again by the sweep: a notice the round service's event
 * could not queue (the process died right after storing the round) is queued late rather than never.
 */
export const CATCH_UP_MS = HOUR_MS;
/** A first digest, or one after a long pause, reports at most this far back. */
const DIGEST_MAX_BACK_MS = 7 * 24 * HOUR_MS;

/** `<kind>:<round id>:<participant id>`: one mail per round, recipient and occasion, across restarts and instances. */
const roundKey = (kind: string, roundId: string, participantId: string) =>
  `${kind}:${roundId}:${participantId}`;
const roundOfKey = (key: string | null): string | null => key?.split(':')[1] ?? null;

/** Reads a meeting's minutes (names as they are now): the minutes service. */
export type MinutesReader = Pick<MinutesService, 'read'>;

export interface MailNotifierOptions {
  readonly storage: Pick<
    Storage,
    'mail' | 'rounds' | 'accounts' | 'partners' | 'meetings' | 'minutes' | 'lifecycle'
  >;
  readonly activity: Pick<ActivityService, 'events'>;
  /** Writes the .ics a meeting invitation carries; without it no invitations are queued. */
  readonly calendar?: Pick<CalendarService, 'invitationFile'>;
  /** The sending address (from MAIL_FROM), named as the ORGANIZER of an invitation's .ics; null = none. */
  readonly organizerAddress?: string | null;
  /** Reads finalised minutes for their mail; without it (see useMinutes) no minutes are mailed. */
  readonly minutes?: MinutesReader;
  readonly now: () => number;
  readonly log: Logger;
  /** PUBLIC_URL; null = the server's own address (see useOrigin). */
  readonly publicUrl: string | null;
  /** A mail was queued: the sender should look now. */
  readonly wake: () => void;
}

export interface SweepResult {
  readonly reminders: number;
  readonly digests: number;
  readonly caughtUp: number;
}

/**
 * What people hear by e-mail between meetings: "a round awaits your organisation's stance" (when it opens and
 * 24 h before its deadline), round outcomes, and daily or weekly digests. Only ever queues, to the confirmed
 * addresses participants gave for themselves; every mail carries a dedupe key, so whichever instance or restart
 * queues it, it is queued once. A mail whose reason is gone when it is claimed is dropped (stillWanted).
 */
export class MailNotifier implements RoundListener, MeetingListener, MinutesListener {
  private readonly pending = new Set<Promise<unknown>>();
  private origin: string;
  private minutesReader: MinutesReader | null;

  constructor(private readonly options: MailNotifierOptions) {
    this.origin = options.publicUrl ?? 'http://localhost';
    this.minutesReader = options.minutes ?? null;
  }

  /**
   * The minutes service, given after both exist: it tells this notifier when minutes are finalised, and this
   * notifier reads them through it (names as they are now), so neither can be built first with the other.
   */
  useMinutes(reader: MinutesReader): void {
    this.minutesReader = reader;
  }

  /** The facilitator finalised a meeting's minutes: one mail with the Markdown to every opted-in recipient. */
  minutesFinalised(boardId: string, meetingId: string): void {
    this.track(this.withMinutes(boardId, meetingId));
  }

  /** Without PUBLIC_URL, links use the address the server listens on (the start warns about that). */
  useOrigin(listening: string): void {
    if (this.options.publicUrl === null) this.origin = listening;
  }

  roundOpened(boardId: string, roundId: string): void {
    this.track(this.withRound(boardId, roundId, (round) => this.awaiting(round, 'awaits')));
  }

  roundClosed(boardId: string, roundId: string): void {
    this.track(this.withRound(boardId, roundId, (round) => this.outcome(round)));
  }

  /** The facilitator scheduled, changed or cancelled a meeting: its mails to every opted-in recipient. */
  meetingChanged(boardId: string, meetingId: string): void {
    this.track(this.withMeeting(boardId, meetingId));
  }

  /** Resolves once every notice started so far is queued (tests; the shutdown, before storage closes). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Everything that is due by the clock, at `now`: the 24-h reminders, the digests whose hour has come, and a
   * late look at rounds opened or closed and meetings changed within CATCH_UP_MS. Safe to run on every instance at once.
   */
  async sweep(now: number): Promise<SweepResult> {
    const byBoard = new Map<string, NotifiableRecipient[]>();
    for (const recipient of await this.options.storage.mail.listConfirmedRecipients(null)) {
      byBoard.set(recipient.boardId, [...(byBoard.get(recipient.boardId) ?? []), recipient]);
    }
    let reminders = 0;
    let digests = 0;
    let caughtUp = 0;
    for (const [boardId, recipients] of byBoard) {
      try {
        const rounds = await this.options.storage.rounds.listRounds(boardId);
        for (const round of rounds) {
          if (round.closure === null) {
            if (round.openedAt >= now - CATCH_UP_MS) caughtUp += await this.awaiting(round, 'awaits');
            if (this.reminderDue(round, now)) reminders += await this.awaiting(round, 'reminder');
          } else if (round.closure.closedAt >= now - CATCH_UP_MS) {
            caughtUp += await this.outcome(round);
          }
        }
        for (const meeting of await this.options.storage.meetings.listMeetings(boardId)) {
          if (meeting.updatedAt >= now - CATCH_UP_MS) caughtUp += await this.invitations(meeting);
        }
        for (const minutes of await this.options.storage.minutes.listFinal(boardId)) {
          if ((minutes.finalisedAt ?? 0) >= now - CATCH_UP_MS) {
            caughtUp += await this.minutesMails(boardId, minutes.meetingId);
          }
        }
        digests += await this.digests(boardId, recipients, now);
      } catch (error) {
        this.options.log.error('mail notices of a board failed', { boardId, error });
      }
    }
    return { reminders, digests, caughtUp };
  }

  /**
   * Whether a claimed mail still has its reason: the recipient still wants that kind, and a round notice's
   * round is open and the recipient's organisation has not answered. The sender drops it otherwise.
   */
  async stillWanted(mail: ClaimedMail): Promise<boolean> {
    const { storage } = this.options;
    const recipient = await storage.mail.getRecipient(mail.recipientId);
    if (!recipient) return false;
    if (isInvitationKind(mail.kind)) {
      // Still wanted while the choice is on, the person is on the board, and the meeting is as the mail says
      // (a newer version has a mail of its own, queued with the change).
      if (!recipient.preferences.invitations) return false;
      const key = parseInvitationKey(mail.dedupeKey);
      const meeting = key ? await storage.meetings.getMeeting(key.meetingId) : null;
      if (!key || !meeting || meeting.sequence !== key.sequence) return false;
      const participants = await storage.accounts.listParticipants(meeting.boardId);
      const me = participants.find((p) => p.id === mail.recipientId);
      return me !== undefined && !me.removed;
    }
    switch (mail.kind) {
      case DELETION_KIND: {
        // Only while that deletion is still pending: undone before the mail went, it has nothing to say.
        const lifecycle = await storage.lifecycle.getLifecycle(mail.boardId);
        return (
          lifecycle !== null &&
          lifecycle.deleteAfter !== null &&
          lifecycle.deletionRequestedAt === deletionRequestOfKey(mail.dedupeKey)
        );
      }
      case MINUTES_KIND: {
        // Still wanted while the choice is on and the person is on the board (finalised minutes never change).
        if (!recipient.preferences.minutes || minutesOfKey(mail.dedupeKey) === null) return false;
        const participants = await storage.accounts.listParticipants(mail.boardId);
        const me = participants.find((p) => p.id === mail.recipientId);
        return me !== undefined && !me.removed;
      }
      case NOTICE_KINDS.outcome:
        return recipient.preferences.outcomes;
      case NOTICE_KINDS.digest:
        return recipient.preferences.digest !== 'off';
      case NOTICE_KINDS.awaits:
      case NOTICE_KINDS.reminder: {
        if (!recipient.preferences.roundAwaits) return false;
        const roundId = roundOfKey(mail.dedupeKey);
        const round = roundId ? await storage.rounds.getRound(roundId) : null;
        if (!round || round.closure !== null) return false;
        const participants = await storage.accounts.listParticipants(round.boardId);
        const me = participants.find((p) => p.id === mail.recipientId);
        return me !== undefined && this.awaitedPartner(round, me) !== null;
      }
      default:
        return true;
    }
  }

  private reminderDue(round: StoredRound, now: number): boolean {
    const { deadline } = round;
    // A round that opened with less than a day to go said so in its opening notice: no second mail at once.
    return (
      deadline !== null &&
      deadline > now &&
      deadline - now <= REMINDER_BEFORE_MS &&
      deadline - round.openedAt > REMINDER_BEFORE_MS
    );
  }

  /** The partner of `person` whose stance the open round still awaits; null if none (answered, not eligible). */
  private awaitedPartner(round: StoredRound, person: ParticipantRecord): string | null {
    const { partnerId } = person;
    if (person.removed || person.role === 'observer' || partnerId === null) return null;
    if (!round.eligiblePartnerIds.includes(partnerId)) return null;
    const answered = currentStances(round).some((stance) => stance.partnerId === partnerId);
    return answered ? null : partnerId;
  }

  /** Queues "a round awaits your organisation's stance" to each opted-in member of a partner that has not answered. */
  private async awaiting(round: StoredRound, occasion: 'awaits' | 'reminder'): Promise<number> {
    if (round.closure !== null) return 0;
    const { storage } = this.options;
    const recipients = (await storage.mail.listConfirmedRecipients(round.boardId)).filter(
      (r) => r.preferences.roundAwaits,
    );
    if (recipients.length === 0) return 0;
    const [participants, partners, board] = await Promise.all([
      storage.accounts.listParticipants(round.boardId),
      storage.partners.listPartners(round.boardId),
      storage.accounts.getBoard(round.boardId),
    ]);
    const people = new Map(participants.map((p) => [p.id, p]));
    const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
    const kind = NOTICE_KINDS[occasion];
    let queued = 0;
    for (const recipient of recipients) {
      const person = people.get(recipient.participantId);
      const partnerId = person ? this.awaitedPartner(round, person) : null;
      if (!person || partnerId === null) continue;
      const text = mailText(recipient.language);
      const vars = {
        board: oneLine(board?.title ?? ''),
        goal: oneLine(round.wording.title),
        partner: oneLine(partnerNames.get(partnerId) ?? ''),
      };
      const blocks: MailBlock[] = [
        { text: text.t('greeting', { name: oneLine(person.name) }) },
        { text: text.t(occasion === 'awaits' ? 'awaits.opened' : 'awaits.reminder', vars) },
        {
          text:
            round.deadline === null
              ? text.t('awaits.noDeadline')
              : text.t('awaits.deadline', { deadline: text.dateTime(round.deadline) }),
        },
        { link: this.goalLink(round.boardId, round.goalId, true), label: text.t('awaits.button') },
        { text: text.t('awaits.once', vars) },
        { text: text.t('footer.choice', vars) },
      ];
      const subject = text.t(occasion === 'awaits' ? 'awaits.subject' : 'awaits.reminder.subject', vars);
      if (
        await this.enqueue(
          recipient,
          kind,
          subject,
          blocks,
          roundKey(kind, round.id, recipient.participantId),
        )
      )
        queued++;
    }
    return queued;
  }

  /**
   * Queues the outcome of a closed round to every opted-in recipient of the board. Who objected is named only in
   * an open round; a hidden or anonymous one gives how many objected. A round that ended without a decision says
   * so in plain words (too few stances; stopped because the wording changed, where its stances count for nothing
   * and are not reported) and that the goal stays: people waiting for the decision hear that none came, which the
   * digest alone told them a day or a week later.
   */
  private async outcome(round: StoredRound): Promise<number> {
    const { closure } = round;
    if (closure === null) return 0;
    const undecided =
      closure.outcome === 'no_quorum'
        ? 'outcome.ended.noQuorum'
        : closure.outcome === 'invalidated'
          ? 'outcome.ended.invalidated'
          : null;
    const { storage } = this.options;
    const recipients = (await storage.mail.listConfirmedRecipients(round.boardId)).filter(
      (r) => r.preferences.outcomes,
    );
    if (recipients.length === 0) return 0;
    const [participants, partners, board] = await Promise.all([
      storage.accounts.listParticipants(round.boardId),
      storage.partners.listPartners(round.boardId),
      storage.accounts.getBoard(round.boardId),
    ]);
    const people = new Map(participants.map((p) => [p.id, p]));
    const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
    const objectors =
      closure.outcome === 'invalidated'
        ? []
        : currentStances(round).filter((s) => s.stance === 'object' && s.at <= closure.closedAt);
    let queued = 0;
    for (const recipient of recipients) {
      const person = people.get(recipient.participantId);
      if (!person || person.removed) continue;
      const text = mailText(recipient.language);
      const vars = {
        board: oneLine(board?.title ?? ''),
        goal: oneLine(round.wording.title),
        number: round.number,
      };
      const blocks: MailBlock[] = [
        { text: text.t('greeting', { name: oneLine(person.name) }) },
        { text: text.t('outcome.body', vars) },
        {
          text:
            undecided === null
              ? outcomeText(text, closure.outcome, round.number, closure.closedAt)
              : text.t(undecided, { number: round.number }),
        },
      ];
      if (objectors.length > 0) {
        blocks.push({
          text:
            round.visibility === 'open'
              ? text.t('outcome.objectedBy', {
                  partners: objectors.map((s) => oneLine(partnerNames.get(s.partnerId) ?? '')).join(', '),
                })
              : text.t('outcome.objectionCount', { count: objectors.length }),
        });
      }
      if (undecided !== null) blocks.push({ text: text.t('outcome.ended.next') });
      blocks.push(
        { link: this.goalLink(round.boardId, round.goalId, false), label: text.t('outcome.button') },
        { text: text.t('footer.choice', vars) },
      );
      const kind = NOTICE_KINDS.outcome;
      const key = roundKey(kind, round.id, recipient.participantId);
      if (await this.enqueue(recipient, kind, text.t('outcome.subject', vars), blocks, key)) queued++;
    }
    return queued;
  }

  /**
   * The digests of one board whose hour has come: each covers from where the recipient's previous one ended (or
   * their confirmation) to the latest digest time, and is queued only when something changed. Either way that
   * time is remembered, so the next digest starts there.
   */
  private async digests(
    boardId: string,
    recipients: readonly NotifiableRecipient[],
    now: number,
  ): Promise<number> {
    const due = recipients.flatMap((recipient) => {
      const { digest } = recipient.preferences;
      if (digest === 'off') return [];
      const slot = latestDigestSlot(now, digest);
      if (recipient.digestUntil !== null && recipient.digestUntil >= slot) return [];
      const from = Math.max(
        recipient.digestUntil ?? recipient.confirmedAt ?? slot - digestPeriodMs(digest),
        slot - DIGEST_MAX_BACK_MS,
      );
      // Confirmed after this digest's time: the next one is theirs.
      return from < slot ? [{ recipient, from, slot }] : [];
    });
    if (due.length === 0) return 0;
    const { storage } = this.options;
    // Only what everyone may see: a digest names no stance, and round outcomes are public.
    const [events, board, participants] = await Promise.all([
      this.options.activity.events(boardId, PUBLIC_VIEWER),
      storage.accounts.getBoard(boardId),
      storage.accounts.listParticipants(boardId),
    ]);
    const people = new Map(participants.map((p) => [p.id, p]));
    let queued = 0;
    for (const { recipient, from, slot } of due) {
      const person = people.get(recipient.participantId);
      const summary = summarise(events, from, slot);
      if (person && !person.removed && !isEmptyDigest(summary)) {
        const text = mailText(recipient.language);
        const vars = { board: oneLine(board?.title ?? '') };
        const blocks: MailBlock[] = [
          { text: text.t('greeting', { name: oneLine(person.name) }) },
          { text: text.t('digest.intro', { ...vars, since: text.dateTime(from) }) },
          ...digestBlocks(text, summary),
          { link: `${this.origin}/b/${encodeURIComponent(boardId)}`, label: text.t('digest.button') },
          { text: text.t('footer.choice', vars) },
        ];
        const kind = NOTICE_KINDS.digest;
        const key = `${kind}:${recipient.participantId}:${slot}`;
        if (await this.enqueue(recipient, kind, text.t('digest.subject', vars), blocks, key)) queued++;
      }
      await storage.mail.setDigestUntil(recipient.participantId, slot);
    }
    return queued;
  }

  /**
   * The board with the goal's dialog open (`focus=round`: at its round). The link carries no token: a device
   * without access is told on the board how to get in.
   */
  private goalLink(boardId: string, goalId: string, round: boolean): string {
    const query = new URLSearchParams({ goal: goalId });
    if (round) query.set('focus', 'round');
    return `${this.origin}/b/${encodeURIComponent(boardId)}?${query}`;
  }

  /**
   * Queues the mail about this version of a meeting to every opted-in recipient of its board who is on it: an
   * invitation (new to them), an update (they had an earlier version) or a cancellation (only to those who had
   * it). Each carries the meeting's .ics in the recipient's language and waits INVITATION_SETTLE_MS.
   */
  private async invitations(meeting: MeetingRecord): Promise<number> {
    const { storage, calendar } = this.options;
    if (!calendar) return 0;
    const recipients = (await storage.mail.listConfirmedRecipients(meeting.boardId)).filter(
      (r) => r.preferences.invitations,
    );
    if (recipients.length === 0) return 0;
    const [participants, board, delivered, senderName] = await Promise.all([
      storage.accounts.listParticipants(meeting.boardId),
      storage.accounts.getBoard(meeting.boardId),
      storage.mail.deliveredKeys(meetingKeyPrefix(meeting.id)),
      storage.mail.senderNameOf(meeting.boardId),
    ]);
    const people = new Map(participants.map((p) => [p.id, p]));
    const told = new Set(delivered.map((key) => parseInvitationKey(key)?.participantId));
    const boardTitle = board?.title ?? '';
    // The organizer as the mail's From names it: the board's sender name, else its title.
    const organizer = this.options.organizerAddress
      ? { name: oneLine(senderName ?? boardTitle) || 'Common Ground', address: this.options.organizerAddress }
      : null;
    // One file per language: the agenda's goal titles are read from the board once per language, not per person.
    const files = new Map<string, ReturnType<CalendarService['invitationFile']>>();
    let queued = 0;
    for (const recipient of recipients) {
      const person = people.get(recipient.participantId);
      if (!person || person.removed) continue;
      const wasTold = told.has(recipient.participantId);
      const occasion: InvitationOccasion | null =
        meeting.status === 'cancelled' ? (wasTold ? 'cancel' : null) : wasTold ? 'update' : 'invitation';
      if (occasion === null) continue;
      let file = files.get(recipient.language);
      if (!file) {
        file = calendar.invitationFile(meeting, recipient.language, this.origin, organizer);
        files.set(recipient.language, file);
      }
      const { ics, goalTitles } = await file;
      const { subject, blocks } = invitationMail({
        text: mailText(recipient.language),
        occasion,
        meeting,
        name: person.name,
        board: boardTitle,
        boardLink: `${this.origin}/b/${encodeURIComponent(meeting.boardId)}`,
        goalTitles,
      });
      const method = occasion === 'cancel' ? 'CANCEL' : 'REQUEST';
      const attachment: MailAttachment = {
        filename: 'invite.ics',
        contentType: `text/calendar; charset=utf-8; method=${method}`,
        content: ics,
      };
      const key = invitationKey(meeting.id, meeting.sequence, recipient.participantId);
      if (
        await this.enqueue(recipient, INVITATION_KINDS[occasion], subject, blocks, key, {
          attachments: [attachment],
          sendAfter: this.options.now() + INVITATION_SETTLE_MS,
        })
      )
        queued++;
    }
    return queued;
  }

  /**
   * Queues the finalised minutes to every confirmed recipient of the board who chose them and is on it: a short
   * mail in their language with the minutes as Markdown attached (also in their language). Drafts send nothing.
   */
  private async minutesMails(boardId: string, meetingId: string): Promise<number> {
    const reader = this.minutesReader;
    if (!reader) return 0;
    const { storage } = this.options;
    const recipients = (await storage.mail.listConfirmedRecipients(boardId)).filter(
      (r) => r.preferences.minutes,
    );
    if (recipients.length === 0) return 0;
    const [minutes, participants, board] = await Promise.all([
      reader.read(boardId, meetingId),
      storage.accounts.listParticipants(boardId),
      storage.accounts.getBoard(boardId),
    ]);
    if (minutes.status !== 'final') return 0;
    const people = new Map(participants.map((p) => [p.id, p]));
    const boardTitle = board?.title ?? '';
    const link = `${this.origin}/b/${encodeURIComponent(boardId)}/minutes/${encodeURIComponent(meetingId)}`;
    // One Markdown file per language, however many recipients read it.
    const files = new Map<string, MailAttachment>();
    let queued = 0;
    for (const recipient of recipients) {
      const person = people.get(recipient.participantId);
      if (!person || person.removed) continue;
      const { subject, blocks, attachment } = minutesMail({
        minutes,
        locale: recipient.language,
        name: person.name,
        board: boardTitle,
        link,
        files,
      });
      const key = minutesKey(meetingId, recipient.participantId);
      if (await this.enqueue(recipient, MINUTES_KIND, subject, blocks, key, { attachments: [attachment] }))
        queued++;
    }
    return queued;
  }

  /**
   * The board will be deleted: one mail to everyone on it with a confirmed address, whatever kinds of mail they
   * chose (it concerns all their data on the board), with the date and that the facilitator can still undo it.
   */
  async deletionScheduled(boardId: string, lifecycle: BoardLifecycle): Promise<void> {
    const { deletionRequestedAt, deleteAfter } = lifecycle;
    if (deletionRequestedAt === null || deleteAfter === null) return;
    const { storage } = this.options;
    const [recipients, participants, board] = await Promise.all([
      storage.mail.listConfirmedRecipients(boardId),
      storage.accounts.listParticipants(boardId),
      storage.accounts.getBoard(boardId),
    ]);
    const people = new Map(participants.map((p) => [p.id, p]));
    const link = `${this.origin}/b/${encodeURIComponent(boardId)}`;
    for (const recipient of recipients) {
      const person = people.get(recipient.participantId);
      if (!person || person.removed) continue;
      const { subject, blocks } = deletionMail({
        locale: recipient.language,
        name: person.name,
        board: board?.title ?? '',
        deleteAfter,
        link,
      });
      await this.enqueue(
        recipient,
        DELETION_KIND,
        subject,
        blocks,
        deletionKey(deletionRequestedAt, recipient.participantId),
      );
    }
  }

  private async withMinutes(boardId: string, meetingId: string): Promise<void> {
    try {
      await this.minutesMails(boardId, meetingId);
    } catch (error) {
      this.options.log.error('minutes mails not queued', { boardId, meetingId, error });
    }
  }

  private async withMeeting(boardId: string, meetingId: string): Promise<void> {
    try {
      const meeting = await this.options.storage.meetings.getMeeting(meetingId);
      if (meeting && meeting.boardId === boardId) await this.invitations(meeting);
    } catch (error) {
      this.options.log.error('meeting invitations not queued', { boardId, meetingId, error });
    }
  }

  private async enqueue(
    recipient: NotifiableRecipient,
    kind: string,
    subject: string,
    blocks: readonly MailBlock[],
    dedupeKey: string,
    extra: { readonly attachments?: readonly MailAttachment[]; readonly sendAfter?: number } = {},
  ): Promise<boolean> {
    const queued = await this.options.storage.mail.enqueue(
      composeMail({
        boardId: recipient.boardId,
        recipientId: recipient.participantId,
        kind,
        locale: recipient.language,
        subject,
        blocks,
        origin: this.origin,
        dedupeKey,
        now: this.options.now(),
        ...extra,
      }),
    );
    if (queued) this.options.wake();
    return queued;
  }

  private async withRound(
    boardId: string,
    roundId: string,
    notice: (round: StoredRound) => Promise<number>,
  ): Promise<void> {
    try {
      const round = await this.options.storage.rounds.getRound(roundId);
      if (round && round.boardId === boardId) await notice(round);
    } catch (error) {
      this.options.log.error('round notice not queued', { boardId, roundId, error });
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }
}

/** How often the notifier's sweep runs: a reminder or digest goes out within this much of its time. */
export const NOTICE_SWEEP_MS = 60_000;

/**
 * Runs the notifier's sweep now and then every interval on the injected clock (like the deadline sweep: a test or
 * a clock change moving time forward is seen at the next tick; sweeps never overlap). `stop` waits for one running.
 */
export function startNoticeSweep(
  notifier: Pick<MailNotifier, 'sweep'>,
  now: () => number,
  log: Logger,
  intervalMs = NOTICE_SWEEP_MS,
): { stop: () => Promise<void> } {
  return startSweep(async () => {
    try {
      const result = await notifier.sweep(now());
      if (result.reminders + result.digests + result.caughtUp > 0)
        log.info('mail notices queued', { ...result });
    } catch (error) {
      log.error('mail notice sweep failed', { error });
    }
  }, intervalMs);
}
