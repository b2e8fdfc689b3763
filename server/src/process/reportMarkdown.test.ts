import type { HealthFigure, ProcessReportResponse } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { processReportMarkdown } from './reportMarkdown';

const AT = Date.UTC(2027, 2, 10, 9, 0);

const figure = (id: HealthFigure['id'], count: number, at: number | null): HealthFigure => ({
  id,
  count,
  of: null,
  names: [],
  at,
  kinds: [],
});

const report = (figures: HealthFigure[]): ProcessReportResponse => ({
  boardId: 'b1',
  title: 'Runder Tisch',
  generatedAt: AT,
  boardCreatedAt: AT,
  phase: 'inventory',
  phases: [{ phase: 'inventory', from: AT, to: null }],
  partners: [],
  rounds: [],
  health: {
    generatedAt: AT,
    lines: [{ principle: 'organisation', attention: false, suggestion: 'organisation.ok', figures }],
  },
});

const lines = (...figures: HealthFigure[]) => processReportMarkdown(report(figures)).split('\n');

describe('process report: what it says about meetings is true for the data', () => {
  it('says there was no meeting, one meeting so far, or how many', () => {
    expect(lines(figure('meetings', 0, null))).toContain('- Noch kein Treffen');
    expect(lines(figure('meetings', 1, AT))).toContain('- Bisher ein Treffen, am 10.03.2027');
    expect(lines(figure('meetings', 3, AT))).toContain('- 3 Treffen, zuletzt am 10.03.2027');
  });

  it('says today, yesterday, or the days since the last meeting', () => {
    expect(lines(figure('sinceLastMeeting', 0, AT))).toContain('- Das letzte Treffen war heute');
    expect(lines(figure('sinceLastMeeting', 1, AT))).toContain('- Das letzte Treffen war gestern');
    expect(lines(figure('sinceLastMeeting', 2, AT))).toContain('- 2 Tage seit dem letzten Treffen');
  });

  it('uses the glossary terms for partners and stances', () => {
    const text = processReportMarkdown(report([]));
    expect(text).toContain('## Kooperationspartner/innen');
    expect(text).toContain('Noch keine Kooperationspartner/innen.');
  });
});
