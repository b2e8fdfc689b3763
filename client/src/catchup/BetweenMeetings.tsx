import { AwaitingRounds } from '../async/AwaitingRounds';
import { OpenRoundsOverview } from '../async/OpenRoundsOverview';
import type { GoalFocus } from '../board/GoalDialog';
import { MailStatusPanel } from '../mail/MailStatusPanel';
import { NextMeeting } from '../meetings/NextMeeting';
import { useBoardContext } from '../sync/SessionContext';
import { CatchUpPanel } from './CatchUpPanel';
import { ConflictNotice } from './ConflictNotice';
import './betweenMeetings.css';

/**
 * What a person coming back to the board needs first, most urgent on top: what their offline edits did, what
 * happened while they were away, and the rounds waiting for them (or, for the facilitator, for others).
 */
export function BetweenMeetings({ onOpen }: { onOpen: (goalId: string, focus: GoalFocus) => void }) {
  const { role } = useBoardContext();
  return (
    <div className="between-meetings">
      <NextMeeting />
      <ConflictNotice />
      <CatchUpPanel onOpen={onOpen} />
      {role === 'facilitator' ? <OpenRoundsOverview onOpen={onOpen} /> : <AwaitingRounds onOpen={onOpen} />}
      {/* Beside the copyable reminders: what the server's mail did (only when it sends mail). */}
      {role === 'facilitator' && <MailStatusPanel />}
    </div>
  );
}
