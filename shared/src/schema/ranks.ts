import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** True when `key` is a rank that fractional-indexing accepts (foreign clients may write anything). */
export function isValidRank(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

export function rankBetween(lower: string | null, upper: string | null): string {
  return generateKeyBetween(lower, upper);
}

export function ranksBetween(lower: string | null, upper: string | null, count: number): string[] {
  return generateNKeysBetween(lower, upper, count);
}

/** Total order of ranked items: by rank, ties (concurrent moves to one slot) broken by id so every replica agrees. */
export function compareRanked(a: { rank: string; id: string }, b: { rank: string; id: string }): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
