import type { AgendaEntry, Meeting } from '@common-ground/shared/api';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import { Checkbox, Field } from '../app/Field';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useZoneLabel } from './MeetingText';
import { meetingsApi } from './meetingsApi';
import { defaultMeetingZone, deviceTimeZone, instantOf, wallTimeOf, zoneDiffers } from './meetingTime';

type Problem = 'title' | 'when' | 'order' | 'link';
const PROBLEM_TEXT: Record<Problem, MessageKey> = {
  title: 'meetings.titleMissing',
  when: 'meetings.whenMissing',
  order: 'meetings.endBeforeStart',
  link: 'meetings.linkInvalid',
};

const isWebLink = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
};

/**
 * The facilitator's form to schedule a meeting or change one: title, date, start and end (on the meeting zone's
 * clocks), place or video link, the goals on the agenda, a note. The server checks everything again.
 */
export function MeetingForm(props: {
  meeting: Meeting | null;
  onSaved: (meeting: Meeting) => void;
  onCancel: () => void;
}) {
  const { meeting, onSaved, onCancel } = props;
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const zoneLabel = useZoneLabel();
  const allGoals = useBoard((s) => s.goals);
  const goals = useMemo(() => allGoals.filter((goal) => goal.withdrawnAt === undefined), [allGoals]);
  const timeZone = meeting?.timeZone ?? defaultMeetingZone();
  const starts = meeting ? wallTimeOf(meeting.start, timeZone) : null;
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(starts?.date ?? '');
  const [startTime, setStartTime] = useState(starts?.time ?? '');
  const [endTime, setEndTime] = useState(meeting ? wallTimeOf(meeting.end, timeZone).time : '');
  const [place, setPlace] = useState(meeting?.place ?? '');
  const [link, setLink] = useState(meeting?.link ?? '');
  const [note, setNote] = useState(meeting?.note ?? '');
  const [agenda, setAgenda] = useState<ReadonlySet<string>>(
    () => new Set((meeting?.agenda ?? []).flatMap((entry) => (entry.kind === 'goal' ? [entry.goalId] : []))),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [working, setWorking] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    if (problem || error) errorRef.current?.focus();
  }, [problem, error]);

  // Said only when this device's clocks read the meeting's times differently (a laptop set to London).
  const sample = instantOf(date, startTime, timeZone) ?? Date.now();
  const showZone = zoneDiffers({ start: sample, end: sample, timeZone }, deviceTimeZone());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    setProblem(null);
    setError(null);
    const start = instantOf(date, startTime, timeZone);
    const end = instantOf(date, endTime, timeZone);
    if (!title.trim()) return setProblem('title');
    if (start === null || end === null) return setProblem('when');
    if (end <= start) return setProblem('order');
    if (link.trim() && !isWebLink(link.trim())) return setProblem('link');
    // Free agenda items written elsewhere (by the API) stay; the goals are listed in the board's order.
    const items = (meeting?.agenda ?? []).filter((entry) => entry.kind === 'item');
    const picked: AgendaEntry[] = goals
      .filter((goal) => agenda.has(goal.id))
      .map((goal) => ({ kind: 'goal', goalId: goal.id }));
    const fields = {
      title: title.trim(),
      start,
      end,
      timeZone,
      place: place.trim() || null,
      link: link.trim() || null,
      agenda: [...picked, ...items],
      note: note.trim() || null,
    };
    setWorking(true);
    try {
      const saved = meeting
        ? await meetingsApi.update(boardId, token, meeting.id, fields)
        : await meetingsApi.create(boardId, token, fields);
      onSaved(saved);
    } catch (caught) {
      setError(errorMessageKey(caught));
      setWorking(false);
    }
  };

  const toggleGoal = (goalId: string, on: boolean) =>
    setAgenda((current) => {
      const next = new Set(current);
      if (on) next.add(goalId);
      else next.delete(goalId);
      return next;
    });

  return (
    <form className="meeting-form" onSubmit={(e) => void submit(e)} noValidate data-testid="meeting-form">
      <h3>{meeting ? t('meetings.formEdit') : t('meetings.formNew')}</h3>
      {(problem || error) && (
        <p className="alert" role="alert" tabIndex={-1} ref={errorRef} data-testid="meeting-error">
          {problem ? t(PROBLEM_TEXT[problem]) : error ? t(error) : ''}
        </p>
      )}
      <Field id={`${id}-title`} label={t('meetings.title')}>
        <input
          id={`${id}-title`}
          ref={titleRef}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          required
          aria-invalid={problem === 'title' || undefined}
          data-testid="meeting-title"
        />
      </Field>
      <div className="meeting-when">
        <Field id={`${id}-date`} label={t('meetings.date')}>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
            aria-invalid={problem === 'when' || undefined}
            data-testid="meeting-date"
          />
        </Field>
        <Field id={`${id}-start`} label={t('meetings.start')}>
          <input
            id={`${id}-start`}
            type="time"
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
            required
            aria-invalid={problem === 'when' || undefined}
            data-testid="meeting-start"
          />
        </Field>
        <Field id={`${id}-end`} label={t('meetings.end')}>
          <input
            id={`${id}-end`}
            type="time"
            value={endTime}
            onChange={(e) => setEndTime(e.target.value)}
            required
            aria-invalid={problem === 'when' || problem === 'order' || undefined}
            data-testid="meeting-end"
          />
        </Field>
      </div>
      {showZone && (
        <p className="hint" data-testid="meeting-zone-hint">
          {t('meetings.zoneHint', { zone: zoneLabel(timeZone) })}
        </p>
      )}
      <Field id={`${id}-place`} label={t('meetings.place')} hint={t('meetings.placeHint')}>
        <input
          id={`${id}-place`}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          maxLength={500}
          aria-describedby={`${id}-place-hint`}
          data-testid="meeting-place"
        />
      </Field>
      <Field id={`${id}-link`} label={t('meetings.link')} hint={t('meetings.linkHint')}>
        <input
          id={`${id}-link`}
          type="url"
          inputMode="url"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          maxLength={2000}
          aria-describedby={`${id}-link-hint`}
          aria-invalid={problem === 'link' || undefined}
          data-testid="meeting-link"
        />
      </Field>
      <fieldset className="meeting-agenda">
        <legend>{t('meetings.agendaLegend')}</legend>
        {goals.length === 0 && <p className="hint">{t('meetings.noGoals')}</p>}
        {goals.map((goal) => (
          <Checkbox
            key={goal.id}
            checked={agenda.has(goal.id)}
            onChange={(on) => toggleGoal(goal.id, on)}
            label={<span dir="auto">{goal.title}</span>}
            testId="meeting-agenda-goal"
          />
        ))}
      </fieldset>
      <Field id={`${id}-note`} label={t('meetings.note')}>
        <textarea
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={4000}
          rows={3}
          data-testid="meeting-note"
        />
      </Field>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('board.cancel')}
        </button>
        <button
          type="submit"
          className="button"
          aria-disabled={working || undefined}
          data-testid="meeting-save"
        >
          {working ? t('meetings.saving') : t('meetings.save')}
        </button>
      </div>
    </form>
  );
}
