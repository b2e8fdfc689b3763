import type { MinutesComment, MinutesContent, MinutesGuest, NextStep } from '@common-ground/shared/api';

/**
 * Minutes of meetings: the facilitator's draft with its version, the content frozen when finalised, partners'
 * comments on the draft, and who was seen connected during a meeting. Finalised minutes never change: both engines
 * refuse an update of a finalised row with a trigger, whatever code asks for it.
 */
export interface MinutesStore {
  /** The stored minutes of a meeting; null when nobody saved or finalised them yet. */
  getMinutes(meetingId: string): Promise<MinutesRecord | null>;
  /**
   * Stores the draft as version `expectedVersion + 1` if the stored version is `expectedVersion` (0: none stored)
   * and the minutes are not final.
   */
  saveDraft(
    meetingId: string,
    boardId: string,
    draft: MinutesDraft,
    expectedVersion: number,
    at: number,
  ): Promise<MinutesWrite>;
  /** Freezes the minutes with this content, under the same conditions as saveDraft (the version stays). */
  finalise(
    meetingId: string,
    boardId: string,
    content: MinutesContent,
    expectedVersion: number,
    by: string,
    at: number,
  ): Promise<MinutesWrite>;
  /** The board's finalised minutes (for the record document), by meeting id. */
  listFinal(boardId: string): Promise<MinutesContent[]>;
  /** Adds a comment unless the minutes are final or hold `max` comments already. */
  addComment(comment: MinutesCommentRecord, max: number): Promise<'added' | 'final' | 'limit_reached'>;
  /** The meeting's comments, oldest first. */
  listComments(meetingId: string): Promise<MinutesComment[]>;
  /** Notes that a participant was connected during a meeting; the first time counts, later ones change nothing. */
  recordAttendance(meetingId: string, participantId: string, at: number): Promise<void>;
  /** Who was seen during a meeting, by first time seen. */
  listAttendance(meetingId: string): Promise<{ participantId: string; firstSeenAt: number }[]>;
}

/** What the facilitator adds to the computed minutes while they are a draft. */
export interface MinutesDraft {
  readonly attendance: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly guests: readonly MinutesGuest[];
  readonly nextSteps: readonly NextStep[];
  readonly notes: string | null;
}

export const EMPTY_MINUTES_DRAFT: MinutesDraft = {
  attendance: { added: [], removed: [] },
  guests: [],
  nextSteps: [],
  notes: null,
};

export interface MinutesRecord {
  readonly meetingId: string;
  readonly boardId: string;
  readonly version: number;
  readonly draft: MinutesDraft;
  /** The frozen content; null while a draft. */
  readonly final: MinutesContent | null;
  readonly updatedAt: number;
}

export interface MinutesCommentRecord extends MinutesComment {
  readonly meetingId: string;
  readonly boardId: string;
}

export type MinutesWrite = 'saved' | 'conflict' | 'final';
