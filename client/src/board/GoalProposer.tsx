import { useT } from '../i18n/locale';
import { personLabel, useAuthors } from './lookups';

/** "Vorgeschlagen von …" in the goal's detail, by the server's record; "unbekannt" until the record names someone. */
export function GoalProposer({ goalId }: { goalId: string }) {
  const t = useT();
  const author = useAuthors().goal(goalId);
  return (
    <p className="hint" data-testid="goal-proposer">
      {t('goal.proposedBy', { name: author ? personLabel(author) : t('goal.unknownAuthor') })}
    </p>
  );
}
