import { describe, expect, it } from 'vitest';
import { colorForIndex, PARTICIPANT_COLORS } from './colors';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('participant colours', () => {
  it.each(PARTICIPANT_COLORS)('%s has at least 4.5:1 contrast on white', (color) => {
    expect(1.05 / (luminance(color) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('cycles through the palette by participant index', () => {
    expect(colorForIndex(0)).toBe(PARTICIPANT_COLORS[0]);
    expect(colorForIndex(8)).toBe(PARTICIPANT_COLORS[0]);
    expect(new Set(Array.from({ length: 8 }, (_, i) => colorForIndex(i))).size).toBe(8);
  });
});
