import { useMemo, useState } from 'react';
import { Dialog } from '../app/Dialog';
import { DialogButton } from '../app/DialogButton';
import { useNow } from '../async/useNow';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { MeetingsPanel } from './MeetingsPanel';
import { useMeetingLine } from './MeetingText';
import { nextMeeting } from './meetingTime';
import './meetings.css';

/** A calendar page, drawn (no emoji font on cheap phones). */
function CalendarIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect
        x="3.5"
        y="5"
        width="17"
        height="15"
        rx="1.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.75"
      />
      <path d="M3.5 9.5h17M8 3v4M16 3v4" fill="none" stroke="currentColor" strokeWidth="1.75" />
    </svg>
  );
}

/** Everyone: the board's meetings and the calendar subscription, from the toolbar. */
export function MeetingsButton() {
  const t = useT();
  return (
    <DialogButton
      label={
        <>
          <CalendarIcon />
          {t('meetings.button')}
        </>
      }
      title={t('meetings.heading')}
      testId="meetings-button"
      dialogTestId="meetings-dialog"
      wide
    >
      {() => <MeetingsPanel />}
    </DialogButton>
  );
}

/** Where the meeting goes into the sentence "Nächstes Treffen: {meeting}" (a character no translation contains). */
const MARK = '\u{E000}';

/**
 * The sentence with the meeting in it. Its words around the meeting ("Nächstes Treffen:") give way to the calendar
 * icon on a narrow phone, so that the line keeps the time; the button's name keeps them for a screen reader.
 */
function NextMeetingText({ label, meeting }: { label: string; meeting: string }) {
  const [before = '', after = ''] = label.split(MARK);
  return (
    <span className="next-meeting-text">
      {before && <span className="next-meeting-label">{before}</span>}
      {meeting}
      {after && <span className="next-meeting-label">{after}</span>}
    </span>
  );
}

/**
 * "Nächstes Treffen: Di., 12.01.2027, 18:00–20:00, Stadtteiltreff" — one line (cut with an ellipsis on a phone) that
 * opens the meetings; nothing when no meeting is ahead, so the goals keep their place. While its dialog is open it
 * stays, even when the meeting is cancelled under the reader's eyes.
 */
export function NextMeeting() {
  const t = useT();
  const now = useNow();
  const meetings = useBoard((s) => s.meetings);
  const next = useMemo(() => nextMeeting(meetings, now), [meetings, now]);
  const line = useMeetingLine();
  const [open, setOpen] = useState(false);
  if (!next && !open) return null;
  const close = () => {
    setOpen(false);
    // The line that opened the dialog is gone (the meeting was cancelled): the toolbar's button takes focus.
    if (!next) document.querySelector<HTMLElement>('[data-testid=meetings-button]')?.focus();
  };
  return (
    <div className="next-meeting" data-testid={next ? 'next-meeting' : undefined} data-meeting-id={next?.id}>
      {next && (
        <button
          type="button"
          className="next-meeting-button"
          onClick={() => setOpen(true)}
          // The whole sentence, also where the narrow phone shows only the meeting.
          aria-label={t('meetings.next', { meeting: line(next, { year: false }) })}
          data-testid="next-meeting-open"
        >
          <CalendarIcon />
          <NextMeetingText
            label={t('meetings.next', { meeting: MARK })}
            meeting={line(next, { year: false })}
          />
        </button>
      )}
      <Dialog open={open} onClose={close} title={t('meetings.heading')} testId="meetings-dialog" wide>
        <MeetingsPanel />
      </Dialog>
    </div>
  );
}
