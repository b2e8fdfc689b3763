import type { Round, RoundWording } from '@common-ground/shared/api';
import { diffWording } from '@common-ground/shared/rules';
import { useId } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { formatDateTime } from './format';
import { OutcomeBanner } from './OutcomeBanner';
import { Tally } from './Tally';

/** Word by word, what changed: inserted words underlined, removed ones struck through (not colour alone). */
export function WordingDiff({ before, after }: { before: string; after: string }) {
  return (
    <>
      {diffWording(before, after).map((segment, index) => {
        const key = `${index}-${segment.kind}`;
        if (segment.kind === 'added') return <ins key={key}>{segment.text}</ins>;
        if (segment.kind === 'removed') return <del key={key}>{segment.text}</del>;
        return <span key={key}>{segment.text}</span>;
      })}
    </>
  );
}

function RoundWordingView({ wording, previous }: { wording: RoundWording; previous: RoundWording | null }) {
  const t = useT();
  return (
    <div className="history-wording">
      <p className="hint">{previous ? t('history.diffNote') : t('history.firstWording')}</p>
      <p className="frozen-title">
        {previous ? <WordingDiff before={previous.title} after={wording.title} /> : wording.title}
      </p>
      <p className="frozen-description">
        {previous ? (
          <WordingDiff before={previous.description} after={wording.description} />
        ) : (
          wording.description
        )}
      </p>
    </div>
  );
}

function HistoryEntry({ round, previous }: { round: Round; previous: Round | null }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="history-entry" data-testid="history-entry">
      <h4>{t('history.round', { number: round.number, date: formatDateTime(round.openedAt, locale) })}</h4>
      <OutcomeBanner round={round} />
      <RoundWordingView wording={round.wording} previous={previous?.wording ?? null} />
      <Tally round={round} showMissing={false} />
    </li>
  );
}

/** Rounds 1..n of one goal, so every objection can be traced to the amendment and round that resolved it. */
export function RoundHistory({ goalId }: { goalId: string }) {
  const t = useT();
  const headingId = useId();
  const all = useBoard((s) => s.goalRounds[goalId]?.rounds);
  // The running round is shown above, in the round section; the history is what has been decided.
  const rounds = all?.filter((round) => round.status === 'closed');
  if (!rounds || rounds.length === 0) return null;
  return (
    <section className="goal-section" aria-labelledby={headingId} data-testid="round-history">
      <h3 id={headingId}>{t('history.heading')}</h3>
      <ol className="history-list">
        {rounds.map((round, index) => (
          <HistoryEntry key={round.id} round={round} previous={rounds[index - 1] ?? null} />
        ))}
      </ol>
    </section>
  );
}
