import type { FacilitationRequest, TimerAction } from '@common-ground/shared/api';
import { type FacilitationState, type FacilitationTimer, timerRemaining } from '@common-ground/shared/schema';
import { conflict } from '../refusal';

const MINUTE_MS = 60_000;

/**
 * The timer after an action at server time `now`. Stored as start time + duration (not as a ticking value), so
 * every client counts down the same from one write; a pause freezes what is left.
 */
export function nextTimer(timer: FacilitationTimer | null, action: TimerAction, now: number) {
  switch (action.action) {
    case 'start':
      return { startedAt: now, durationMs: action.durationMs, pausedRemainingMs: null };
    case 'reset':
      return null;
    case 'pause':
      if (!timer || timer.pausedRemainingMs !== null) throw conflict('The timer is not running');
      return { ...timer, pausedRemainingMs: timerRemaining(timer, now) };
    case 'resume':
      if (!timer || timer.pausedRemainingMs === null) throw conflict('The timer is not paused');
      return { startedAt: now, durationMs: timer.pausedRemainingMs, pausedRemainingMs: null };
    case 'addMinute':
      if (!timer) throw conflict('There is no timer to extend');
      if (timer.pausedRemainingMs !== null) {
        return { ...timer, pausedRemainingMs: timer.pausedRemainingMs + MINUTE_MS };
      }
      // Restarted from now, so a minute added after zero gives a full minute, not the rest of an overdue one.
      return { startedAt: now, durationMs: timerRemaining(timer, now) + MINUTE_MS, pausedRemainingMs: null };
  }
}

/** The goal ids a request names; each must be a goal of the board (checked by the caller). */
export function namedGoals(request: FacilitationRequest): string[] {
  if ('focus' in request) return request.focus === null ? [] : [request.focus];
  if ('agenda' in request) return request.agenda;
  if ('agendaDone' in request) return [request.agendaDone.goalId];
  return [];
}

export function applyRequest(
  state: FacilitationState,
  request: FacilitationRequest,
  now: number,
): FacilitationState {
  if ('focus' in request) return { ...state, focus: request.focus };
  if ('timer' in request) return { ...state, timer: nextTimer(state.timer, request.timer, now) };
  if ('agenda' in request) {
    // Reordering or extending the agenda keeps what was already ticked off.
    const done = new Map(state.agenda.map((item) => [item.goalId, item.done]));
    return {
      ...state,
      agenda: request.agenda.map((goalId) => ({ goalId, done: done.get(goalId) ?? false })),
    };
  }
  const { goalId, done } = request.agendaDone;
  if (!state.agenda.some((item) => item.goalId === goalId)) {
    throw conflict('This goal is not on the agenda');
  }
  return {
    ...state,
    agenda: state.agenda.map((item) => (item.goalId === goalId ? { goalId, done } : item)),
  };
}
