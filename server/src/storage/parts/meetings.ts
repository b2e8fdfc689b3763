import type { Meeting } from '@common-ground/shared/api';

/** Meetings the facilitator schedules, and each participant's secret calendar feed. */
export interface MeetingStore {
  /** Stores a new meeting unless the board has `maxPerBoard` already (cancelled ones count: they stay). */
  createMeeting(meeting: MeetingRecord, maxPerBoard: number): Promise<'created' | 'limit_reached'>;
  getMeeting(meetingId: string): Promise<MeetingRecord | null>;
  /** The board's meetings, cancelled ones included, by start (then id). */
  listMeetings(boardId: string): Promise<MeetingRecord[]>;
  /**
   * Replaces a meeting with its next version if the stored one still has sequence `next.sequence - 1`: two
   * changes made at once cannot both win (the later one finds the sequence moved and is refused: false).
   */
  updateMeeting(next: MeetingRecord): Promise<boolean>;

  /** Gives the participant this feed, ending any earlier one (one feed per participant). */
  setCalendarFeed(feed: CalendarFeedRecord): Promise<void>;
  /** Ends the participant's feed; false if there was none. */
  removeCalendarFeed(participantId: string): Promise<boolean>;
  /** The feed with this public lookup id; its secret's hash is for the caller to compare. */
  findCalendarFeed(feedId: string): Promise<CalendarFeedRecord | null>;
  getCalendarFeedOf(participantId: string): Promise<CalendarFeedRecord | null>;
}

export interface MeetingRecord extends Meeting {
  readonly boardId: string;
}

/**
 * A feed address is `/cal/<feedId><secret>.ics`: `feedId` finds the row, the secret proves it; only the
 * secret's SHA-256 is stored, so whoever reads the database cannot subscribe to anyone's feed.
 */
export interface CalendarFeedRecord {
  readonly participantId: string;
  readonly boardId: string;
  readonly feedId: string;
  readonly secretHash: string;
  readonly createdAt: number;
}
