import type { Meeting } from '@common-ground/shared/api';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import { useNow } from '../async/useNow';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { MinutesLink } from '../minutes/MinutesLink';
import { hasMinutes, pastMeetings } from '../minutes/minutesLinks';
import { goalTitles } from '../sync/goalIndex';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { CalendarButton } from './CalendarButton';
import { CalendarFeed } from './CalendarFeed';
import { MeetingForm } from './MeetingForm';
import { useMeetingLine } from './MeetingText';
import { meetingsApi } from './meetingsApi';
import { upcomingMeetings } from './meetingTime';

type Mode = { kind: 'list' } | { kind: 'form'; meeting: Meeting | null };

/**
 * The meetings dialog's content: the meetings to come (each can go into one's calendar), for the facilitator the
 * form to schedule, change or cancel them, and the personal calendar subscription.
 */
export function MeetingsPanel() {
  const t = useT();
  const { role } = useBoardContext();
  const now = useNow();
  const meetings = useBoard((s) => s.meetings);
  const upcoming = useMemo(() => upcomingMeetings(meetings, now), [meetings, now]);
  const past = useMemo(() => pastMeetings(meetings, now), [meetings, now]);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [announcement, setAnnouncement] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const scheduleRef = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the list is back: the pressed control is gone by then. */
  const focusNext = useRef<'status' | 'schedule' | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    if (!target || mode.kind !== 'list') return;
    focusNext.current = null;
    (target === 'status' ? statusRef : scheduleRef).current?.focus();
  });
  const facilitator = role === 'facilitator';

  if (mode.kind === 'form') {
    return (
      <MeetingForm
        meeting={mode.meeting}
        onSaved={() => {
          setAnnouncement(t(mode.meeting ? 'meetings.changed' : 'meetings.scheduled'));
          focusNext.current = 'status';
          setMode({ kind: 'list' });
        }}
        onCancel={() => {
          focusNext.current = 'schedule';
          setMode({ kind: 'list' });
        }}
      />
    );
  }

  return (
    <div className="meetings-panel" data-testid="meetings-panel">
      <p
        className={announcement ? 'alert info' : 'visually-hidden'}
        role="status"
        tabIndex={-1}
        ref={statusRef}
        data-testid="meetings-status"
      >
        {announcement}
      </p>
      <section aria-labelledby="meetings-upcoming">
        <h3 id="meetings-upcoming">{t('meetings.upcoming')}</h3>
        {upcoming.length === 0 && <p className="hint">{t('meetings.none')}</p>}
        <ul className="meeting-list">
          {upcoming.map((meeting) => (
            <MeetingItem
              key={meeting.id}
              meeting={meeting}
              facilitator={facilitator}
              now={now}
              onEdit={() => {
                setAnnouncement('');
                setMode({ kind: 'form', meeting });
              }}
              onCancelled={() => {
                setAnnouncement(t('meetings.cancelledDone'));
                focusNext.current = 'status';
              }}
            />
          ))}
        </ul>
        {facilitator && (
          <button
            type="button"
            className="button"
            ref={scheduleRef}
            onClick={() => {
              setAnnouncement('');
              setMode({ kind: 'form', meeting: null });
            }}
            data-testid="meeting-schedule"
          >
            {t('meetings.schedule')}
          </button>
        )}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="meetings-past" data-testid="meetings-past">
          <h3 id="meetings-past">{t('minutes.pastMeetings')}</h3>
          <ul className="meeting-list">
            {past.map((meeting) => (
              <PastMeetingItem key={meeting.id} meeting={meeting} />
            ))}
          </ul>
        </section>
      )}
      <CalendarFeed />
    </div>
  );
}

/** A meeting that was held: its title and time, and the way to its minutes. */
function PastMeetingItem({ meeting }: { meeting: Meeting }) {
  const line = useMeetingLine();
  const headingId = useId();
  return (
    <li
      className="meeting-item"
      aria-labelledby={headingId}
      data-testid="past-meeting"
      data-meeting-id={meeting.id}
    >
      <h4 id={headingId} dir="auto">
        {meeting.title}
      </h4>
      <p className="meeting-when-line">{line(meeting)}</p>
      <div className="button-row">
        <MinutesLink meeting={meeting} />
      </div>
    </li>
  );
}

function MeetingItem(props: {
  meeting: Meeting;
  facilitator: boolean;
  now: number;
  onEdit: () => void;
  onCancelled: () => void;
}) {
  const { meeting, facilitator, now, onEdit, onCancelled } = props;
  const t = useT();
  const locale = useLocale();
  const { boardId, token } = useBoardContext();
  const line = useMeetingLine();
  const goals = useBoard((s) => goalTitles(s.goals));
  const headingId = useId();
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancelled = meeting.status === 'cancelled';
  // The question takes focus on its harmless answer, as the confirmation dialogs do; "keep" returns it to
  // "Absagen". (After a cancellation the panel moves focus to its announcement.)
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (asked.current && !cancelled) cancelRef.current?.focus();
    asked.current = asking;
  }, [asking, cancelled]);
  const agenda = meeting.agenda.flatMap((entry) => {
    if (entry.kind === 'item') return [entry.text];
    const title = goals.find((goal) => goal.id === entry.goalId)?.title;
    return title ? [title] : [];
  });

  const cancel = async () => {
    if (working) return;
    setWorking(true);
    setError(null);
    try {
      await meetingsApi.cancel(boardId, token, meeting.id);
      setAsking(false);
      onCancelled();
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setWorking(false);
    }
  };

  return (
    <li
      className={cancelled ? 'meeting-item cancelled' : 'meeting-item'}
      aria-labelledby={headingId}
      data-testid="meeting-item"
      data-meeting-id={meeting.id}
    >
      <h4 id={headingId} dir="auto">
        {cancelled && (
          <span className="badge" data-testid="meeting-cancelled">
            {t('meetings.cancelled')}
          </span>
        )}{' '}
        {meeting.title}
      </h4>
      <p className="meeting-when-line" data-testid="meeting-when">
        {line(meeting)}
      </p>
      {meeting.link && (
        <p className="meeting-link">
          <a href={meeting.link} target="_blank" rel="noopener noreferrer">
            {t('meetings.videoLink')}
          </a>
        </p>
      )}
      {agenda.length > 0 && (
        <div className="meeting-agenda-list">
          <span className="notice-detail">{t('meetings.agenda')}</span>
          <ol>
            {agenda.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the agenda is a fixed list; the same title may repeat
              <li key={index} dir="auto">
                {item}
              </li>
            ))}
          </ol>
        </div>
      )}
      {meeting.note && (
        <p className="meeting-note" dir="auto">
          {meeting.note}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {t(error)}
        </p>
      )}
      {asking ? (
        <div className="meeting-confirm">
          <p>{t('meetings.cancelAsk')}</p>
          <div className="button-row">
            <button type="button" className="button secondary" ref={keepRef} onClick={() => setAsking(false)}>
              {t('meetings.keep')}
            </button>
            <button
              type="button"
              className="button danger"
              aria-disabled={working || undefined}
              onClick={() => void cancel()}
              data-testid="meeting-cancel-confirm"
            >
              {t('meetings.cancelConfirm')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <CalendarButton
            path={meetingsApi.meetingFile(boardId, meeting.id, locale)}
            fileName={`meeting-${meeting.id}.ics`}
            label={t('meetings.addToCalendar')}
            ariaLabel={t('meetings.addToCalendarLabel', { title: meeting.title })}
            testId="meeting-ics"
          />
          {hasMinutes(meeting, now) && <MinutesLink meeting={meeting} />}
          {facilitator && !cancelled && (
            <>
              <button
                type="button"
                className="button secondary"
                aria-label={t('meetings.editLabel', { title: meeting.title })}
                onClick={onEdit}
                data-testid="meeting-edit"
              >
                {t('meetings.edit')}
              </button>
              <button
                type="button"
                className="button subtle"
                ref={cancelRef}
                aria-label={t('meetings.cancelLabel', { title: meeting.title })}
                onClick={() => setAsking(true)}
                data-testid="meeting-cancel"
              >
                {t('meetings.cancel')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
