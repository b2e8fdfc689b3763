import { decodeSegment } from './logSegment';
import type { StoredUpdate } from './parts/log';

/** Which entries a read wants: after `afterSeq`, at or before `untilAt`, not quarantined. */
export interface EntryFilter {
  readonly afterSeq: number;
  readonly untilAt: number;
  readonly quarantined: ReadonlySet<number>;
}

const wanted = (filter: EntryFilter) => (e: StoredUpdate) =>
  e.seq > filter.afterSeq && e.at <= filter.untilAt && !filter.quarantined.has(e.seq);

/**
 * The logical log from sealed segments and hot rows (already filtered by their query), in seq order. A seal moves
 * rows into a segment in one transaction, so no entry is in both; the sort only matters if a segment was sealed
 * after hot rows of a later seq were read, which a read inside one snapshot never sees.
 */
export async function mergeSegments(
  segments: readonly Uint8Array[],
  hot: readonly StoredUpdate[],
  filter: EntryFilter,
): Promise<StoredUpdate[]> {
  const keep = wanted(filter);
  const sealed: StoredUpdate[] = [];
  for (const blob of segments) {
    for (const entry of await decodeSegment(blob)) if (keep(entry)) sealed.push(entry);
  }
  const all = sealed.concat(hot);
  for (let i = 1; i < all.length; i++) {
    if ((all[i - 1]?.seq ?? 0) >= (all[i]?.seq ?? 0)) return all.sort((a, b) => a.seq - b.seq);
  }
  return all;
}
