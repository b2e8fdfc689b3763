import type { AsOfGoal, AsOfResponse, Round } from '@common-ground/shared/api';
import { STAGES } from '@common-ground/shared/schema';
import { useId, useState } from 'react';
import { transparencyApi } from '../app/api';
import { BoardPage } from '../board/BoardPage';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { TransparencyFrame } from '../network/TransparencyFrame';
import { formatDateTime } from '../rounds/format';
import { useBoardContext } from '../sync/SessionContext';
import { AS_OF_PRESETS, type AsOfPreset, fromLocalInput, toLocalInput } from './asOfMoment';
import { RestoreButton } from './RestoreButton';
import { useRefreshing } from './useRefreshing';
import './activity.css';

/** /b/:boardId/as-of — the board read-only as it stood at a chosen moment, rebuilt by the server. */
export function AsOfPage({ boardId }: { boardId: string }) {
  return (
    <BoardPage boardId={boardId}>
      <TransparencyFrame view="as-of" heading="asOf.heading" intro="asOf.intro">
        <AsOfView />
      </TransparencyFrame>
    </BoardPage>
  );
}

function AsOfView() {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [at, setAt] = useState(() => Date.now() - AS_OF_PRESETS.week);
  const [input, setInput] = useState(() => toLocalInput(at));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const result = useRefreshing(() => transparencyApi.asOf(boardId, token, at), `${boardId}:${at}`);

  const choose = (moment: number) => {
    setProblem(null);
    setAt(moment);
    setInput(toLocalInput(moment));
  };
  const showInput = () => {
    const moment = fromLocalInput(input);
    if (moment === null) return setProblem('asOf.invalid');
    if (moment > Date.now()) return setProblem('asOf.future');
    choose(moment);
  };

  return (
    <>
      <div className="as-of-controls panel">
        <p className="label">{t('asOf.choose')}</p>
        <div className="button-row as-of-presets">
          {(Object.keys(AS_OF_PRESETS) as AsOfPreset[]).map((preset) => (
            <button
              key={preset}
              type="button"
              className="button secondary"
              onClick={() => choose(Date.now() - AS_OF_PRESETS[preset])}
              data-testid={`as-of-${preset}`}
            >
              {t(`asOf.preset.${preset}`)}
            </button>
          ))}
        </div>
        <form
          className="as-of-custom"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            showInput();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-at`}>{t('asOf.custom')}</label>
            {problem && (
              <p className="field-error" id={`${id}-error`} role="alert">
                {t(problem)}
              </p>
            )}
            <input
              id={`${id}-at`}
              type="datetime-local"
              value={input}
              max={toLocalInput(Date.now())}
              onChange={(e) => setInput(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-error` : undefined}
              data-testid="as-of-input"
            />
          </div>
          <button type="submit" className="button" data-testid="as-of-show">
            {t('asOf.show')}
          </button>
        </form>
      </div>
      <p className="as-of-banner" role="status" data-testid="as-of-banner">
        <strong>{t('asOf.banner', { date: formatDateTime(at, locale) })}</strong> {t('asOf.bannerHint')}
      </p>
      {result.error && (
        <p className="alert" role="alert">
          {t(result.error)}
        </p>
      )}
      {!result.data && !result.error && <p role="status">{t('transparency.loading')}</p>}
      {result.data && <RestoreButton at={result.data.at} />}
      {result.data && <AsOfBoard board={result.data} />}
    </>
  );
}

function AsOfBoard({ board }: { board: AsOfResponse }) {
  const t = useT();
  if (board.goals.length === 0) return <p className="hint">{t('asOf.noGoals')}</p>;
  return (
    <div className="as-of-columns" data-testid="as-of-board">
      {STAGES.map((stage) => {
        const goals = board.goals.filter((g) => g.stage === stage);
        return (
          <section
            key={stage}
            className="as-of-column"
            aria-label={t(`stage.${stage}`)}
            data-testid={`as-of-${stage}`}
          >
            <h2>{t(`stage.${stage}`)}</h2>
            {goals.length === 0 ? (
              <p className="hint">{t('column.empty')}</p>
            ) : (
              <ul>
                {goals.map((goal) => (
                  <AsOfCard
                    key={goal.id}
                    at={board.at}
                    goal={goal}
                    rounds={board.rounds.filter((r) => r.goalId === goal.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

function AsOfCard({ at, goal, rounds }: { at: number; goal: AsOfGoal; rounds: readonly Round[] }) {
  const t = useT();
  const last = rounds.reduce<Round | null>(
    (latest, r) => (!latest || r.number > latest.number ? r : latest),
    null,
  );
  return (
    <li className="as-of-card" data-testid="as-of-goal">
      <h3>{goal.title.trim() || t('goal.untitled')}</h3>
      {goal.description && <p>{goal.description}</p>}
      {last?.status === 'open' && <p className="badge">{t('asOf.roundOpen', { number: last.number })}</p>}
      {last?.status === 'closed' && last.outcome && (
        <p className="badge">{t('asOf.lastRound', { outcome: t(`activity.outcome.${last.outcome}`) })}</p>
      )}
      {goal.comments.length > 0 && (
        <p className="hint">{t('asOf.comments', { count: goal.comments.length })}</p>
      )}
      <RestoreButton at={at} goal={goal} />
    </li>
  );
}
