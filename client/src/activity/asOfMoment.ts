const HOUR = 60 * 60 * 1000;

export const AS_OF_PRESETS = {
  hour: HOUR,
  day: 24 * HOUR,
  week: 7 * 24 * HOUR,
  month: 28 * 24 * HOUR,
} as const;
export type AsOfPreset = keyof typeof AS_OF_PRESETS;

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a `datetime-local` value in the person's own time zone: "2027-03-12T14:30". */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The moment a `datetime-local` value means in the person's time zone (seconds are optional: browsers send them
 * when set); null for an empty or broken value.
 */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, sec] = match.map(Number);
  const ms = new Date(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, sec || 0).getTime();
  return Number.isNaN(ms) ? null : ms;
}
