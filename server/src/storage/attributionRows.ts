import type { Attribution } from '@common-ground/shared/schema';

/** An attribution as both engines store it. */
export interface AttributionRow {
  readonly kind: Attribution['kind'];
  readonly item_id: string;
  readonly goal_id: string;
  readonly participant_id: string;
  readonly content_hash: string | null;
  readonly at: number;
}

export const ATTRIBUTION_COLUMNS = 'kind, item_id, goal_id, participant_id, content_hash, at';

export const toAttribution = (row: AttributionRow): Attribution => ({
  kind: row.kind,
  id: row.item_id,
  goalId: row.goal_id,
  participantId: row.participant_id,
  at: row.at,
  contentHash: row.content_hash,
});
