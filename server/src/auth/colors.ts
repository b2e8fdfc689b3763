/**
 * Participant colours, by participant index on the board. Each has at least 4.5:1 contrast on white (checked in
 * colors.test.ts), so names drawn in them stay readable; neighbours in the list differ in hue.
 */
export const PARTICIPANT_COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7e22ce',
  '#b45309',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;

export function colorForIndex(index: number): string {
  return PARTICIPANT_COLORS[index % PARTICIPANT_COLORS.length] ?? PARTICIPANT_COLORS[0];
}
