import type { FacilitationRequest } from '@common-ground/shared/api';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useExpanded } from '../app/useExpanded';
import { BoardArchiveButton } from '../boardArchive/BoardArchiveButton';
import { useT } from '../i18n/locale';
import { LifecycleControls } from '../lifecycle/LifecycleControls';
import { useReadOnlyBoard } from '../lifecycle/useReadOnlyBoard';
import { PrivacyNoteButton } from '../privacy/PrivacyNoteButton';
import { RetentionNotice } from '../privacy/RetentionNotice';
import { goalTitles } from '../sync/goalIndex';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { AgendaEditor } from './AgendaEditor';
import { useFacilitate } from './useFacilitate';

const DURATIONS = [1, 2, 3, 5, 10, 15, 20, 30, 45, 60];

/** The facilitator's controls for the session: focus, timebox, agenda, and the projector view. */
export function FacilitationPanel() {
  const t = useT();
  const { boardId } = useBoardContext();
  const [expanded, toggleExpanded] = useExpanded('facilitation');
  // An archived board has no session to lead: only the projector, the notice and the lifecycle stay.
  const readOnly = useReadOnlyBoard();
  return (
    <>
      <RetentionNotice />
      <details
        className="facilitation-panel"
        open={expanded}
        onToggle={(event) => {
          if (event.currentTarget.open !== expanded) toggleExpanded();
        }}
        data-testid="facilitation-panel"
      >
        <summary>{t('table.controls')}</summary>
        <p className="hint">{t('table.controlsHint')}</p>
        {!readOnly && (
          <div className="facilitation-grid">
            <FocusControl />
            <TimerControls />
            <AgendaEditor />
          </div>
        )}
        <div className="button-row">
          <Link href={`/b/${boardId}/present`} className="button secondary" data-testid="present-link">
            {t('table.present')}
          </Link>
          <PrivacyNoteButton />
        </div>
        <BoardArchiveButton />
        <LifecycleControls />
      </details>
    </>
  );
}

/** Keys that move the selection of a closed list (type-ahead included, Space opens it). */
const movesSelection = (key: string) =>
  key.startsWith('Arrow') || ['Home', 'End', 'PageUp', 'PageDown'].includes(key) || /^\S$/u.test(key);

/**
 * The goal in focus for the whole room. Arrow keys on the closed list only move a local choice (each would
 * otherwise jump every screen in the room); Enter or "Fokus setzen" confirms it. A pick with the mouse confirms
 * at once. The controls are never disabled while sending, so focus stays on them.
 */
function FocusControl() {
  const t = useT();
  const id = useId();
  const goals = useBoard((s) => goalTitles(s.goals));
  const focus = useBoard((s) => s.facilitation.focus) ?? '';
  const { busy, error, send } = useFacilitate(focus);
  // A choice the room has not taken yet: moved to by key, or confirmed and on its way through the record.
  const [draft, setDraft] = useState<{ choice: string; confirmed: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const selectRef = useRef<HTMLSelectElement>(null);
  const movedByKey = useRef(false);
  const value = draft?.choice ?? focus;

  // Once the room's focus changes, a confirmed choice has arrived (or another facilitator's came after it).
  useEffect(() => {
    void focus;
    setDraft((current) => (current?.confirmed ? null : current));
  }, [focus]);

  const confirm = async (choice: string) => {
    if (busy) return;
    if (choice === focus) {
      setDraft(null);
      return;
    }
    setDraft({ choice, confirmed: true });
    setAnnouncement('');
    if (!(await send({ focus: choice || null }))) {
      setDraft(null);
      return;
    }
    const goal = goals.find((g) => g.id === choice);
    setAnnouncement(
      goal ? t('focus.set', { title: goal.title.trim() || t('goal.untitled') }) : t('focus.cleared'),
    );
  };

  return (
    <div className="field focus-control">
      <label htmlFor={`${id}-focus`}>{t('focus.choose')}</label>
      <span className="hint" id={`${id}-focus-hint`}>
        {t('focus.chooseHint')}
      </span>
      <div className="button-row">
        <select
          id={`${id}-focus`}
          ref={selectRef}
          value={value}
          aria-describedby={`${id}-focus-hint`}
          onKeyDown={(e) => {
            movedByKey.current = movesSelection(e.key);
            if (e.key === 'Enter') {
              e.preventDefault();
              void confirm(value);
            }
          }}
          onPointerDown={() => {
            movedByKey.current = false;
          }}
          onChange={(e) => {
            const choice = e.target.value;
            if (!movedByKey.current) void confirm(choice);
            else setDraft(choice === focus ? null : { choice, confirmed: false });
            movedByKey.current = false;
          }}
          data-testid="focus-select"
        >
          <option value="">{t('focus.chooseNone')}</option>
          {goals.map((goal) => (
            <option key={goal.id} value={goal.id}>
              {goal.title.trim() || t('goal.untitled')}
            </option>
          ))}
        </select>
        {draft && !draft.confirmed && (
          <button
            type="button"
            className="button"
            onClick={() => {
              // The button leaves with the draft: focus goes back to the list whose choice it confirmed.
              selectRef.current?.focus();
              void confirm(draft.choice);
            }}
            data-testid="focus-confirm"
          >
            {t('focus.confirm')}
          </button>
        )}
      </div>
      <p className="visually-hidden" role="status" data-testid="focus-announcement">
        {announcement}
      </p>
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
  const { busy, error, send } = useFacilitate(
    timer ? `${timer.startedAt}:${timer.durationMs}:${timer.pausedRemainingMs}` : '',
  );
  const paused = timer?.pausedRemainingMs != null;
  const startRef = useRef<HTMLButtonElement>(null);
  // Buttons are never disabled while sending (a disabled button drops the keyboard focus); a click then waits.
  const act = (body: FacilitationRequest) => {
    if (!busy) void send(body);
  };
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
          ref={startRef}
          className="button"
          aria-disabled={busy}
          onClick={() => act({ timer: { action: 'start', durationMs: minutes * 60_000 } })}
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
            aria-disabled={busy}
            onClick={() => act({ timer: { action: paused ? 'resume' : 'pause' } })}
            data-testid="timer-pause"
          >
            {paused ? t('timer.resume') : t('timer.pause')}
          </button>
          <button
            type="button"
            className="button secondary"
            aria-disabled={busy}
            onClick={() => act({ timer: { action: 'addMinute' } })}
            data-testid="timer-add"
          >
            {t('timer.addMinute')}
          </button>
          <button
            type="button"
            className="button subtle"
            aria-disabled={busy}
            onClick={() => {
              // The timebox's buttons leave with it: focus goes to "Starten".
              startRef.current?.focus();
              act({ timer: { action: 'reset' } });
            }}
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
