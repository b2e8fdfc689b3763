import { canWrite } from '@common-ground/shared/api';
import { goalAuthor, isWithdrawn } from '@common-ground/shared/schema';
import { useMemo, useRef, useState } from 'react';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { personLabel, usePeople } from './lookups';
import './withdrawn.css';

/**
 * Whether this person may withdraw and restore the goal: the facilitator, or whoever proposed it by the server's
 * record. The server enforces the same rule (server/src/rooms/writePermissions.ts); this only hides buttons.
 */
export function useMayWithdraw(goalId: string): boolean {
  const { session, role } = useBoardContext();
  const proposer = useBoard((s) => goalAuthor(s.authors, goalId));
  if (!canWrite(role)) return false;
  return role === 'facilitator' || proposer === session.participantId;
}

/**
 * In the goal's dialog: "Ziel zurückziehen", or a note and "Wiederherstellen" once withdrawn. One button that
 * changes its label, so keyboard focus stays on it; what happened is announced.
 */
export function WithdrawToggle({ goalId }: { goalId: string }) {
  const t = useT();
  const { session } = useBoardContext();
  const may = useMayWithdraw(goalId);
  const goal = useBoard((s) => s.goals.find((g) => g.id === goalId));
  const [said, setSaid] = useState('');
  if (!goal) return null;
  const withdrawn = isWithdrawn(goal);
  if (!may && !withdrawn) return null;
  const title = goal.title.trim() || t('goal.untitled');
  const toggle = () => {
    if (withdrawn) session.restoreGoal(goalId);
    else session.withdrawGoal(goalId);
    setSaid(t(withdrawn ? 'withdrawal.restored' : 'withdrawal.withdrawn', { title }));
  };
  return (
    <div className="goal-withdrawal" data-testid="goal-withdrawal">
      {withdrawn && <p className="alert info">{t('withdrawal.isWithdrawn')}</p>}
      {may && (
        <>
          <button
            type="button"
            className="button secondary"
            onClick={toggle}
            aria-describedby={withdrawn ? undefined : `${goalId}-withdraw-hint`}
            data-testid={withdrawn ? 'goal-restore' : 'goal-withdraw'}
          >
            {t(withdrawn ? 'withdrawal.restore' : 'withdrawal.withdraw')}
          </button>
          {!withdrawn && (
            <p className="hint" id={`${goalId}-withdraw-hint`}>
              {t('withdrawal.withdrawHint')}
            </p>
          )}
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

/** "Zurückgezogen (n)" on the board: the withdrawn goals, who withdrew each, and restore buttons for who may. */
export function WithdrawnGoals() {
  const t = useT();
  const goals = useBoard((s) => s.goals);
  const withdrawn = useMemo(() => goals.filter(isWithdrawn), [goals]);
  const summaryRef = useRef<HTMLElement>(null);
  const [said, setSaid] = useState('');
  // Once someone restored from the list it stays, empty, so that focus has the list's toggle to go to.
  if (withdrawn.length === 0 && !said) return null;
  return (
    <details className="withdrawn-goals" data-testid="withdrawn-goals">
      <summary ref={summaryRef} data-testid="withdrawn-toggle">
        {t('withdrawal.list', { count: withdrawn.length })}
      </summary>
      <h2 className="visually-hidden">{t('withdrawal.heading')}</h2>
      <ul>
        {withdrawn.map((goal) => (
          <WithdrawnGoal
            key={goal.id}
            goalId={goal.id}
            title={goal.title.trim() || t('goal.untitled')}
            withdrawnBy={goal.withdrawnBy ?? null}
            onRestored={(title) => {
              // The restored entry leaves the list: focus goes to the list's toggle, not to the page.
              summaryRef.current?.focus();
              setSaid(t('withdrawal.restored', { title }));
            }}
          />
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </details>
  );
}

function WithdrawnGoal({
  goalId,
  title,
  withdrawnBy,
  onRestored,
}: {
  goalId: string;
  title: string;
  withdrawnBy: string | null;
  onRestored: (title: string) => void;
}) {
  const t = useT();
  const { session } = useBoardContext();
  const may = useMayWithdraw(goalId);
  const people = usePeople();
  const person = withdrawnBy ? people.get(withdrawnBy) : undefined;
  return (
    <li data-testid="withdrawn-goal" data-goal-id={goalId}>
      <span className="withdrawn-title">{title}</span>
      {person && <span className="hint"> – {t('withdrawal.by', { name: personLabel(person) })}</span>}
      {may && (
        <button
          type="button"
          className="button subtle"
          aria-label={t('withdrawal.restoreLabel', { title })}
          onClick={() => {
            session.restoreGoal(goalId);
            onRestored(title);
          }}
          data-testid="withdrawn-restore"
        >
          {t('withdrawal.restore')}
        </button>
      )}
    </li>
  );
}
