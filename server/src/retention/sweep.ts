import type { RetentionStatusResponse } from '@common-ground/shared/api';
import type { RetentionConfig } from '../config';
import type { Logger } from '../log';
import { composeMail } from '../mail/compose';
import { mailText } from '../mail/text';
import type { ErasureService } from '../privacy/erasure';
import { Refusal } from '../refusal';
import type { IdleBoard, InactiveParticipant, Storage } from '../storage/types';
import { addMonths, erasesAt, idleSince, inactiveBefore, retentionStep } from './policy';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Month arithmetic is not exactly invertible at month ends: the query asks a little wide, the policy decides. */
const QUERY_SLACK_MS = 3 * DAY_MS;

export interface RetentionMail {
  /** Tells the outbox's worker that mail is waiting. */
  wake(): void;
}

/** How often the retention rules are applied: they count in months and days, an hour late is nothing. */
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface RetentionSweepDeps {
  readonly storage: Pick<Storage, 'retention' | 'mail' | 'accounts'>;
  readonly erasure: Pick<ErasureService, 'eraseInactive'>;
  /** Connected right now: whoever is on the board is not inactive, whatever their last visit says. */
  readonly online: (participantId: string) => boolean;
  readonly config: RetentionConfig;
  /** Null without SMTP_URL: the warnings are only on the facilitators' list. */
  readonly mail: RetentionMail | null;
  readonly publicUrl: string | null;
  readonly log: Logger;
}

export interface RetentionSweepResult {
  readonly warned: number;
  readonly erased: number;
  readonly idleBoards: number;
}

/**
 * Applies the operator's retention periods (RETENTION_…): people inactive for too long are warned, then their
 * personal data is erased (the same erasure a person can ask for); boards without change for too long are brought
 * to their facilitators' attention. Idempotent: each warning and each mail once (dedupe keys), so a sweep may run
 * as often as it likes, on every instance.
 */
export class RetentionSweep {
  private origin: string;

  constructor(private readonly deps: RetentionSweepDeps) {
    this.origin = deps.publicUrl ?? 'http://localhost';
  }

  /** Without PUBLIC_URL, links use the address the server listens on (the start warns about that). */
  useOrigin(listening: string): void {
    if (this.deps.publicUrl === null) this.origin = listening;
  }

  async sweep(now: number): Promise<RetentionSweepResult> {
    const people = await this.people(now);
    const idleBoards = await this.idleBoards(now);
    return { ...people, idleBoards };
  }

  /** What the rules mean for one board now (for its facilitators). */
  async status(boardId: string, now: number): Promise<RetentionStatusResponse> {
    const { config, storage } = this.deps;
    const [inactive, lastChange] = await Promise.all([
      config.inactiveMonths === 0
        ? Promise.resolve([])
        : storage.retention.listInactive(inactiveBefore(now, config) + QUERY_SLACK_MS, boardId),
      storage.retention.lastChange(boardId),
    ]);
    const erasures = inactive.flatMap((person) => {
      const at = erasesAt(person, config);
      return at === null ? [] : [{ participantId: person.participantId, erasesAt: at }];
    });
    return {
      policy: {
        inactiveMonths: config.inactiveMonths,
        warningDays: config.warningDays,
        boardIdleMonths: config.boardIdleMonths,
      },
      erasures,
      idleSince: lastChange === null ? null : idleSince(lastChange, now, config),
    };
  }

  private async people(now: number): Promise<{ warned: number; erased: number }> {
    const { config, storage } = this.deps;
    if (config.inactiveMonths === 0) return { warned: 0, erased: 0 };
    let warned = 0;
    let erased = 0;
    for (const person of await storage.retention.listInactive(inactiveBefore(now, config) + QUERY_SLACK_MS)) {
      if (this.deps.online(person.participantId)) continue;
      const step = retentionStep(person, now, config);
      if (step.kind === 'warn') {
        await storage.retention.markWarned(person.participantId, now);
        await this.warn(person, step.erasesAt, now);
        warned++;
      } else if (step.kind === 'erase' && (await this.erase(person))) {
        erased++;
      }
    }
    return { warned, erased };
  }

  private async erase(person: InactiveParticipant): Promise<boolean> {
    try {
      await this.deps.erasure.eraseInactive(person.boardId, person.participantId);
      return true;
    } catch (error) {
      // The board's last facilitator stays (someone must be able to moderate); anything else is logged and tried
      // again at the next sweep.
      if (!(error instanceof Refusal)) this.deps.log.error('retention erasure failed', { ...person, error });
      return false;
    }
  }

  /** The person's own mail, if they gave a confirmed address; once per period of inactivity. */
  private async warn(person: InactiveParticipant, erasesAt: number, now: number): Promise<void> {
    const { mail } = this.deps;
    if (!mail) return;
    const [recipient, board] = await Promise.all([
      this.deps.storage.mail.getRecipient(person.participantId),
      this.deps.storage.accounts.getBoard(person.boardId),
    ]);
    if (!recipient || recipient.confirmedAt === null || !board) return;
    const text = mailText(recipient.language);
    const vars = { board: board.title, date: text.date(erasesAt), since: text.date(person.lastActiveAt) };
    await this.queue(now, person.boardId, person.participantId, recipient.language, {
      kind: 'retention-warning',
      subject: text.t('retention.subject', vars),
      blocks: [
        { text: text.t('retention.body', vars) },
        { text: text.t('retention.keep') },
        { link: boardLink(this.origin, person.boardId), label: text.t('retention.open') },
      ],
      dedupeKey: `retention:${person.participantId}:${person.lastActiveAt}`,
    });
  }

  private async idleBoards(now: number): Promise<number> {
    const { config, storage } = this.deps;
    if (config.boardIdleMonths === 0) return 0;
    const idle = await storage.retention.listIdleBoards(addMonths(now, -config.boardIdleMonths));
    for (const board of idle) {
      if (idleSince(board.lastChangeAt, now, config) !== null) await this.flag(board, now);
    }
    return idle.length;
  }

  /** A mail to each of the board's facilitators with a confirmed address, once per period without change. */
  private async flag(idle: IdleBoard, now: number): Promise<void> {
    const { mail, storage } = this.deps;
    if (!mail) return;
    const [board, participants, recipients] = await Promise.all([
      storage.accounts.getBoard(idle.boardId),
      storage.accounts.listParticipants(idle.boardId),
      storage.mail.listConfirmedRecipients(idle.boardId),
    ]);
    if (!board) return;
    const facilitators = new Set(
      participants.filter((p) => p.role === 'facilitator' && !p.removed).map((p) => p.id),
    );
    for (const recipient of recipients.filter((r) => facilitators.has(r.participantId))) {
      const text = mailText(recipient.language);
      const vars = { board: board.title, since: text.date(idle.lastChangeAt) };
      await this.queue(now, idle.boardId, recipient.participantId, recipient.language, {
        kind: 'board-idle',
        subject: text.t('idle.subject', vars),
        blocks: [
          { text: text.t('idle.body', vars) },
          { link: boardLink(this.origin, idle.boardId), label: text.t('idle.open') },
        ],
        dedupeKey: `board-idle:${idle.boardId}:${idle.lastChangeAt}`,
      });
    }
  }

  private async queue(
    now: number,
    boardId: string,
    recipientId: string,
    locale: Parameters<typeof mailText>[0],
    mail: Pick<Parameters<typeof composeMail>[0], 'kind' | 'subject' | 'blocks' | 'dedupeKey'>,
  ): Promise<void> {
    const { mail: outbox } = this.deps;
    if (!outbox) return;
    const queued = await this.deps.storage.mail.enqueue(
      composeMail({ ...mail, boardId, recipientId, locale, origin: this.origin, now }),
    );
    if (queued) outbox.wake();
  }
}

const boardLink = (origin: string, boardId: string) => `${origin}/b/${encodeURIComponent(boardId)}`;
