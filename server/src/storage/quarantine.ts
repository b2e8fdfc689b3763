/** A reason is for an operator to read, typically an error message; a stack trace or a huge message is cut. */
export const MAX_QUARANTINE_REASON = 500;

/** Cuts by code points, not UTF-16 units, so no surrogate pair is split (both engines store the result as is). */
export function cutReason(reason: string): string {
  if (reason.length <= MAX_QUARANTINE_REASON) return reason;
  return Array.from(reason).slice(0, MAX_QUARANTINE_REASON).join('');
}
