import type { Pool } from 'pg';
import type { IdleBoard, InactiveParticipant, RetentionStore } from '../parts/retention';
import { dollarPlaceholders } from '../peopleRows';
import {
  IDLE_BOARDS_QUERY,
  INACTIVE_ON_BOARD_QUERY,
  INACTIVE_QUERY,
  type InactiveRow,
  idleBoardOf,
  inactiveOf,
  LAST_CHANGE_QUERY,
  MARK_WARNED_QUERY,
} from '../retentionRows';

/** Inactive people and idle boards: the retention part of PostgresStorage. */
export class PostgresRetentionStore implements RetentionStore {
  constructor(private readonly pool: Pool) {}

  async listInactive(activeBefore: number, boardId?: string): Promise<InactiveParticipant[]> {
    const { rows } =
      boardId === undefined
        ? await this.pool.query<InactiveRow>(dollarPlaceholders(INACTIVE_QUERY), [activeBefore])
        : await this.pool.query<InactiveRow>(dollarPlaceholders(INACTIVE_ON_BOARD_QUERY), [
            activeBefore,
            boardId,
          ]);
    return rows.map(inactiveOf);
  }

  async lastChange(boardId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number }>(dollarPlaceholders(LAST_CHANGE_QUERY), [boardId]);
    return rows[0] ? Number(rows[0].at) : null;
  }

  async markWarned(participantId: string, at: number): Promise<void> {
    await this.pool.query(dollarPlaceholders(MARK_WARNED_QUERY), [at, participantId]);
  }

  async listIdleBoards(changedBefore: number): Promise<IdleBoard[]> {
    const { rows } = await this.pool.query<{ id: string; last_change_at: number }>(
      dollarPlaceholders(IDLE_BOARDS_QUERY),
      [changedBefore],
    );
    return rows.map(idleBoardOf);
  }
}
