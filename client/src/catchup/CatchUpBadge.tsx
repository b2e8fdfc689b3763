import { useT } from '../i18n/locale';
import { useChangedSinceVisit } from './catchUpStore';

/** On a card that changed since the person's last visit, until they hide the catch-up. */
export function CatchUpBadge({ goalId }: { goalId: string }) {
  const t = useT();
  if (!useChangedSinceVisit(goalId)) return null;
  return (
    <span className="badge catch-up" data-testid="catch-up-badge">
      {t('catchup.badge')}
    </span>
  );
}
