import { PROCESS_PHASES, type ProcessPhase, phaseEnteredAt } from '@common-ground/shared/schema';
import { useId, useState } from 'react';
import { ExpandToggle } from '../app/ExpandToggle';
import { errorMessageKey } from '../app/errorMessage';
import { Hyphenated } from '../app/hyphenation';
import { useExpanded } from '../app/useExpanded';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useCompact } from '../phone/useCompact';
import { formatDate } from '../rounds/format';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { processApi } from './api';
import { phaseBefore, phaseName, phasePurpose } from './phases';
import './process.css';

/**
 * The board's process path under the header: five steps, the current one marked by a word, an icon and weight
 * (not colour alone), with what the phase is for and what should be done before moving on. The facilitator
 * moves by choosing a step; every move is allowed, the tool never blocks the group. Closed (the default), it is
 * one line so the goals stay on the first screen; "Mehr zeigen" adds what the phase is for.
 */
export function ProcessStepper() {
  const t = useT();
  const locale = useLocale();
  const compact = useCompact();
  const { boardId, token, role } = useBoardContext();
  const process = useBoard((s) => s.process);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const explainId = useId();
  const [expanded, toggleExpanded] = useExpanded('process');
  const current = PROCESS_PHASES.indexOf(process.phase);
  const enteredAt = phaseEnteredAt(process);
  const since =
    enteredAt === null
      ? t('process.sinceStart')
      : t('process.since', { date: formatDate(enteredAt, locale) });
  const facilitator = role === 'facilitator';

  const move = (phase: ProcessPhase) => {
    setBusy(true);
    setError(null);
    processApi.move(boardId, token, phase).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessageKey(failure) === 'error.network' ? 'error.network' : 'process.moveError');
      },
    );
  };

  const explanation = (
    <>
      <p>
        <Hyphenated text={t(phasePurpose(process.phase))} />
      </p>
      <p>
        <Hyphenated text={t(phaseBefore(process.phase))} />
      </p>
      {facilitator && (
        <p className="hint">
          <Hyphenated text={t('process.moveHint')} />
        </p>
      )}
    </>
  );

  return (
    <section
      className="process"
      aria-labelledby={headingId}
      data-testid="process-stepper"
      data-phase={process.phase}
    >
      <h2 id={headingId} className={compact || !expanded ? 'visually-hidden' : 'process-heading'}>
        {t('process.heading')}
      </h2>
      <div className="process-line">
        {compact && (
          <p className="process-compact" data-testid="process-compact">
            <span className="process-step-of">
              {t('process.step', { number: current + 1, total: PROCESS_PHASES.length })}:
            </span>{' '}
            <strong>{t(phaseName(process.phase))}</strong> <span className="hint">({since})</span>
          </p>
        )}
        <ol className={compact ? 'process-steps is-compact' : 'process-steps'} hidden={compact && !expanded}>
          {PROCESS_PHASES.map((phase, index) => {
            const isCurrent = index === current;
            const state = isCurrent ? 'current' : index < current ? 'done' : 'next';
            const label = (
              <>
                <span className="process-marker" aria-hidden="true">
                  {isCurrent ? '●' : index < current ? '✓' : index + 1}
                </span>
                <span className="process-name">{t(phaseName(phase))}</span>
                {isCurrent && <span className="process-now">{t('process.now')}</span>}
              </>
            );
            return (
              <li
                key={phase}
                className={`process-step is-${state}`}
                aria-current={isCurrent ? 'step' : undefined}
                data-testid={`process-step-${phase}`}
              >
                {facilitator && !isCurrent ? (
                  <button
                    type="button"
                    className="process-move"
                    onClick={() => move(phase)}
                    disabled={busy}
                    data-testid={`process-move-${phase}`}
                  >
                    <span className="visually-hidden">{t('process.moveTo')}</span>
                    {label}
                  </button>
                ) : (
                  <span className="process-label">{label}</span>
                )}
              </li>
            );
          })}
        </ol>
        <ExpandToggle
          expanded={expanded}
          onToggle={toggleExpanded}
          controls={explainId}
          label={t('process.heading')}
          testId="process-expand"
        />
      </div>
      <div className="process-explain" id={explainId} hidden={!expanded} data-testid="process-explain">
        {!compact && <p className="hint">{since}</p>}
        {explanation}
      </div>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </section>
  );
}
