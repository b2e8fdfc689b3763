import type { NewUpdate } from '../parts/log';
import type { Queryable } from './db';

/** Updates to append to one document's log. */
export interface DocBatch {
  readonly docKey: string;
  readonly updates: readonly NewUpdate[];
}

/**
 * Appends every batch in one statement, so in one transaction and one commit (one WAL flush) however many
 * documents it holds; resolves to each batch's sequence numbers, in order. Each document's counter row in
 * doc_seqs gives out its next numbers (1, 2, 3… without gaps); the rows are locked in doc_key order, so two
 * statements over the same documents (two instances) wait for each other instead of deadlocking, and each row
 * is locked only while PostgreSQL runs the statement, never across a round trip to this process. A document may
 * appear once per call (PostgreSQL updates a counter row once per statement).
 */
export async function appendBatches(db: Queryable, batches: readonly DocBatch[]): Promise<number[][]> {
  if (new Set(batches.map((b) => b.docKey)).size !== batches.length) {
    throw new Error('appendBatches: a document appears twice in one call');
  }
  const docKeys: string[] = [];
  const participants: (string | null)[] = [];
  const data: Uint8Array[] = [];
  const at: number[] = [];
  for (const { docKey, updates } of batches) {
    for (const update of updates) {
      docKeys.push(docKey);
      participants.push(update.participantId);
      data.push(update.update);
      at.push(update.at);
    }
  }
  if (docKeys.length === 0) return batches.map(() => []);
  const { rows } = await db.query<{ doc_key: string; seq: number }>(
    `WITH input AS (
       SELECT u.doc_key COLLATE "C" AS doc_key, u.participant_id, u.data, u.at, u.ord
       FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bigint[])
         WITH ORDINALITY AS u(doc_key, participant_id, data, at, ord)
     ), counts AS (
       SELECT doc_key, count(*) AS n FROM input GROUP BY doc_key
     ), head AS (
       INSERT INTO doc_seqs (doc_key, last_seq) SELECT doc_key, n FROM counts ORDER BY doc_key
       ON CONFLICT (doc_key) DO UPDATE SET last_seq = doc_seqs.last_seq + excluded.last_seq
       RETURNING doc_key, last_seq
     )
     INSERT INTO doc_updates (doc_key, seq, participant_id, data, at)
     SELECT i.doc_key, h.last_seq - c.n + row_number() OVER (PARTITION BY i.doc_key ORDER BY i.ord),
            i.participant_id, i.data, i.at
     FROM input i JOIN counts c ON c.doc_key = i.doc_key JOIN head h ON h.doc_key = i.doc_key
     RETURNING doc_key, seq`,
    [docKeys, participants, data, at],
  );
  const seqs = new Map<string, number[]>(batches.map((b) => [b.docKey, []]));
  for (const row of rows) seqs.get(row.doc_key)?.push(row.seq);
  return batches.map(({ docKey, updates }) => {
    const stored = (seqs.get(docKey) ?? []).sort((a, b) => a - b);
    if (stored.length !== updates.length) {
      throw new Error(`Stored ${stored.length} of ${updates.length} updates of ${docKey}`);
    }
    return stored;
  });
}
