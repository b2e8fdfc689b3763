import { timerRemaining } from '@common-ground/shared/schema';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useServerNow, useServerOffset } from './serverClock';
import './facilitation.css';

export const formatClock = (ms: number): string => {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/**
 * The timebox as everyone sees it. At zero it changes colour and words (never colour alone) and announces
 * "Zeit ist um" once to screen readers: a gentle signal, no sound, no flashing.
 */
export function TimerDisplay({ className = '' }: { className?: string }) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const timer = useBoard((s) => s.facilitation.timer);
  const offset = useServerOffset(boardId, token);
  const running = timer !== null && timer.pausedRemainingMs === null;
  const now = useServerNow(offset, running);
  if (!timer) return null;
  const remaining = timerRemaining(timer, now);
  const over = remaining <= 0;
  const paused = timer.pausedRemainingMs !== null;
  const state = over ? 'over' : paused ? 'paused' : 'running';
  return (
    <div className={`timebox timebox-${state} ${className}`} data-testid="timer" data-state={state}>
      <span className="timebox-label">{t('timer.heading')}</span>
      <span className="timebox-time" data-testid="timer-time" aria-hidden={over}>
        {over ? t('timer.over') : formatClock(remaining)}
      </span>
      {paused && !over && <span className="timebox-note">{t('timer.paused')}</span>}
      <span className="visually-hidden" role="status">
        {over ? t('timer.over') : ''}
      </span>
    </div>
  );
}
