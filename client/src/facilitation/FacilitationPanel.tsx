import { useId, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/locale';
import { goalTitles } from '../sync/goalIndex';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { AgendaEditor } from './AgendaEditor';
import { useFacilitate } from './useFacilitate';

const DURATIONS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60];

/** The facilitator's controls for the session: focus, timebox, agenda, and the projector view. */
export function FacilitationPanel() {
  const t = useT();
  const { boardId } = useBoardContext();
  return (
    <details className="facilitation-panel" data-testid="facilitation-panel">
      <summary>{t('table.controls')}</summary>
      <p className="hint">{t('table.controlsHint')}</p>
      <div className="facilitation-grid">
        <FocusControl />
        <TimerControls />
        <AgendaEditor />
      </div>
      <Link href={`/b/${boardId}/present`} className="button secondary" data-testid="present-link">
        {t('table.present')}
      </Link>
    </details>
  );
}

function FocusControl() {
  const t = useT();
  const id = useId();
  const goals = useBoard((s) => goalTitles(s.goals));
  const focus = useBoard((s) => s.facilitation.focus);
  const { busy, error, send } = useFacilitate();
  return (
    <div className="field">
      <label htmlFor={`${id}-focus`}>{t('focus.choose')}</label>
      <select
        id={`${id}-focus`}
        value={focus ?? ''}
        disabled={busy}
        onChange={(e) => void send({ focus: e.target.value || null })}
        data-testid="focus-select"
      >
        <option value="">{t('focus.chooseNone')}</option>
        {goals.map((goal) => (
          <option key={goal.id} value={goal.id}>
            {goal.title.trim() || t('goal.untitled')}
          </option>
        ))}
      </select>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </div>
  );
}

function TimerControls() {
  const t = useT();
  const id = useId();
  const timer = useBoard((s) => s.facilitation.timer);
  const [minutes, setMinutes] = useState(5);
  const { busy, error, send } = useFacilitate();
  const paused = timer?.pausedRemainingMs != null;
  return (
    <fieldset className="timer-controls" data-testid="timer-controls">
      <legend>{t('timer.heading')}</legend>
      <div className="button-row">
        <label htmlFor={`${id}-minutes`} className="visually-hidden">
          {t('timer.minutes')}
        </label>
        <select
          id={`${id}-minutes`}
          value={minutes}
          onChange={(e) => setMinutes(Number(e.target.value))}
          data-testid="timer-minutes"
        >
          {DURATIONS.map((m) => (
            <option key={m} value={m}>
              {m} {t('timer.minutes')}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void send({ timer: { action: 'start', durationMs: minutes * 60_000 } })}
          data-testid="timer-start"
        >
          {t('timer.start')}
        </button>
      </div>
      {timer && (
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void send({ timer: { action: paused ? 'resume' : 'pause' } })}
            data-testid="timer-pause"
          >
            {paused ? t('timer.resume') : t('timer.pause')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void send({ timer: { action: 'addMinute' } })}
            data-testid="timer-add"
          >
            {t('timer.addMinute')}
          </button>
          <button
            type="button"
            className="button subtle"
            disabled={busy}
            onClick={() => void send({ timer: { action: 'reset' } })}
            data-testid="timer-reset"
          >
            {t('timer.reset')}
          </button>
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
    </fieldset>
  );
}
