import type { Meeting } from '@common-ground/shared/api';
import { Link } from 'wouter';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { minutesPath } from './minutesLinks';

/** "Protokoll" for a meeting in the meetings dialog; "Protokoll (abgeschlossen)" once the minutes are final. */
export function MinutesLink({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const { boardId } = useBoardContext();
  const final = useBoard((s) => s.finalMinutes.includes(meeting.id));
  return (
    <Link
      href={minutesPath(boardId, meeting.id)}
      className="button secondary"
      data-testid="meeting-minutes"
      data-final={final || undefined}
    >
      {t(final ? 'minutes.linkFinal' : 'minutes.link')}
      {/* Which meeting's, for screen readers; the visible words stay the start of the name. */}
      <span className="visually-hidden">: {meeting.title}</span>
    </Link>
  );
}
