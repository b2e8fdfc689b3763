import type { MinutesComment, MinutesContent } from '@common-ground/shared/api';
import type Database from 'better-sqlite3';
import {
  commentOf,
  finalOf,
  MINUTES_COLUMNS,
  type MinutesCommentRow,
  type MinutesRow,
  minutesOf,
  refusalOf,
} from '../minutesRows';
import {
  EMPTY_MINUTES_DRAFT,
  type MinutesCommentRecord,
  type MinutesDraft,
  type MinutesRecord,
  type MinutesStore,
  type MinutesWrite,
} from '../parts/minutes';

/** Minutes, their comments and meeting attendance: the minutes part of SqliteStorage. */
export class SqliteMinutesStore implements MinutesStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], MinutesRow>(
        `SELECT ${MINUTES_COLUMNS} FROM meeting_minutes WHERE meeting_id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO meeting_minutes (meeting_id, board_id, version, draft_json, final_json, finalised_at,
           finalised_by, updated_at)
         VALUES (@meeting_id, @board_id, @version, @draft_json, @final_json, @finalised_at, @finalised_by, @at)`,
      ),
      saveDraft: db.prepare(
        `UPDATE meeting_minutes SET version = version + 1, draft_json = @draft_json, updated_at = @at
         WHERE meeting_id = @meeting_id`,
      ),
      finalise: db.prepare(
        `UPDATE meeting_minutes SET final_json = @final_json, finalised_at = @at, finalised_by = @by,
           updated_at = @at
         WHERE meeting_id = @meeting_id`,
      ),
      listFinal: db.prepare<[string], { final_json: string }>(
        `SELECT final_json FROM meeting_minutes WHERE board_id = ? AND final_json IS NOT NULL ORDER BY meeting_id`,
      ),
      countComments: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM meeting_minutes_comments WHERE meeting_id = ?',
      ),
      insertComment: db.prepare(
        `INSERT INTO meeting_minutes_comments (id, meeting_id, board_id, participant_id, text, created_at)
         VALUES (@id, @meetingId, @boardId, @participantId, @text, @at)`,
      ),
      listComments: db.prepare<[string], MinutesCommentRow>(
        `SELECT id, participant_id, text, created_at FROM meeting_minutes_comments WHERE meeting_id = ?
         ORDER BY created_at, id`,
      ),
      attend: db.prepare<[string, string, number]>(
        `INSERT INTO meeting_attendance (meeting_id, participant_id, first_seen_at) VALUES (?, ?, ?)
         ON CONFLICT (meeting_id, participant_id) DO NOTHING`,
      ),
      attendance: db.prepare<[string], { participant_id: string; first_seen_at: number }>(
        `SELECT participant_id, first_seen_at FROM meeting_attendance WHERE meeting_id = ?
         ORDER BY first_seen_at, participant_id`,
      ),
    };
  }

  async getMinutes(meetingId: string): Promise<MinutesRecord | null> {
    const row = this.statements.get.get(meetingId);
    return row ? minutesOf(row) : null;
  }

  async saveDraft(
    meetingId: string,
    boardId: string,
    draft: MinutesDraft,
    expectedVersion: number,
    at: number,
  ): Promise<MinutesWrite> {
    const draftJson = JSON.stringify(draft);
    return this.db.transaction((): MinutesWrite => {
      const current = this.statements.get.get(meetingId);
      const refusal = refusalOf(current, expectedVersion);
      if (refusal) return refusal;
      if (current) this.statements.saveDraft.run({ meeting_id: meetingId, draft_json: draftJson, at });
      else this.insert(meetingId, boardId, { version: 1, draft_json: draftJson, at });
      return 'saved';
    })();
  }

  async finalise(
    meetingId: string,
    boardId: string,
    content: MinutesContent,
    expectedVersion: number,
    by: string,
    at: number,
  ): Promise<MinutesWrite> {
    const finalJson = JSON.stringify(content);
    return this.db.transaction((): MinutesWrite => {
      const current = this.statements.get.get(meetingId);
      const refusal = refusalOf(current, expectedVersion);
      if (refusal) return refusal;
      if (current) this.statements.finalise.run({ meeting_id: meetingId, final_json: finalJson, by, at });
      else {
        this.insert(meetingId, boardId, {
          version: 0,
          draft_json: JSON.stringify(EMPTY_MINUTES_DRAFT),
          final_json: finalJson,
          finalised_at: at,
          finalised_by: by,
          at,
        });
      }
      return 'saved';
    })();
  }

  async listFinal(boardId: string): Promise<MinutesContent[]> {
    return this.statements.listFinal.all(boardId).flatMap((r) => finalOf(r.final_json) ?? []);
  }

  async addComment(comment: MinutesCommentRecord, max: number): Promise<'added' | 'final' | 'limit_reached'> {
    return this.db.transaction((): 'added' | 'final' | 'limit_reached' => {
      const current = this.statements.get.get(comment.meetingId);
      if (current && current.final_json !== null) return 'final';
      if ((this.statements.countComments.get(comment.meetingId)?.n ?? 0) >= max) return 'limit_reached';
      this.statements.insertComment.run(comment);
      return 'added';
    })();
  }

  async listComments(meetingId: string): Promise<MinutesComment[]> {
    return this.statements.listComments.all(meetingId).map(commentOf);
  }

  async recordAttendance(meetingId: string, participantId: string, at: number): Promise<void> {
    this.statements.attend.run(meetingId, participantId, at);
  }

  async listAttendance(meetingId: string): Promise<{ participantId: string; firstSeenAt: number }[]> {
    return this.statements.attendance
      .all(meetingId)
      .map((r) => ({ participantId: r.participant_id, firstSeenAt: r.first_seen_at }));
  }

  private insert(
    meetingId: string,
    boardId: string,
    fields: {
      version: number;
      draft_json: string;
      final_json?: string;
      finalised_at?: number;
      finalised_by?: string;
      at: number;
    },
  ): void {
    this.statements.insert.run({
      meeting_id: meetingId,
      board_id: boardId,
      final_json: null,
      finalised_at: null,
      finalised_by: null,
      ...fields,
    });
  }
}
