import type { Amendment } from '@common-ground/shared/api';
import { useId, useMemo, useState } from 'react';
import { amendmentsApi, roundsApi } from '../app/api';
import { usePeople } from '../board/lookups';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';

/**
 * The goal's proposed amendments (edits the wording lock of a round refused), live from the record with their
 * author's name. The facilitator adopts one once no round is open on the goal, cancels the round to get there,
 * or dismisses one.
 */
export function AmendmentList({ goalId }: { goalId: string }) {
  const t = useT();
  const all = useBoard((s) => s.amendments);
  const proposed = useMemo(
    () => all.filter((a) => a.goalId === goalId && a.status === 'proposed'),
    [all, goalId],
  );
  const openRoundId = useBoard((s) => s.goalRounds[goalId]?.open?.id ?? null);
  const { role } = useBoardContext();
  const headingId = useId();
  if (proposed.length === 0) return null;
  return (
    <section className="amendments" aria-labelledby={headingId} data-testid="amendments">
      <h3 id={headingId}>{t('amendment.heading')}</h3>
      <ul>
        {proposed.map((amendment) => (
          <AmendmentItem
            key={amendment.id}
            amendment={amendment}
            facilitator={role === 'facilitator'}
            openRoundId={openRoundId}
          />
        ))}
      </ul>
    </section>
  );
}

function AmendmentItem({
  amendment,
  facilitator,
  openRoundId,
}: {
  amendment: Amendment;
  facilitator: boolean;
  openRoundId: string | null;
}) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const people = usePeople();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const author = people.get(amendment.authorId)?.participant.name ?? t('amendment.unknownAuthor');
  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch {
      setError('amendment.error');
    } finally {
      setBusy(false);
    }
  };
  const adopt = () => {
    // While the round is open the button stays focusable (aria-disabled) and its description says why.
    if (openRoundId === null && !busy) {
      void run(() => amendmentsApi.resolve(boardId, token, amendment.id, 'adopt'));
    }
  };
  return (
    <li className="amendment" data-testid="amendment">
      <p className="amendment-author">{t('amendment.by', { name: author })}</p>
      <dl>
        {amendment.title !== null && (
          <>
            <dt>{t('amendment.title')}</dt>
            <dd data-testid="amendment-title">{amendment.title}</dd>
          </>
        )}
        {amendment.description !== null && (
          <>
            <dt>{t('amendment.description')}</dt>
            <dd data-testid="amendment-description">{amendment.description}</dd>
          </>
        )}
      </dl>
      {facilitator && (
        <div className="amendment-actions button-row">
          <button
            type="button"
            className="button"
            aria-disabled={openRoundId !== null || busy}
            aria-describedby={openRoundId !== null ? hintId : undefined}
            onClick={adopt}
            data-testid="adopt-amendment"
          >
            {t('amendment.adopt')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => void run(() => amendmentsApi.resolve(boardId, token, amendment.id, 'dismiss'))}
          >
            {t('amendment.dismiss')}
          </button>
          {openRoundId !== null && (
            <>
              <p id={hintId} className="hint">
                {t('amendment.adoptAfterRound')}
              </p>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => void run(() => roundsApi.cancel(boardId, token, openRoundId))}
                data-testid="cancel-round"
              >
                {t('amendment.cancelRound')}
              </button>
            </>
          )}
        </div>
      )}
      {error && <p role="alert">{t(error)}</p>}
    </li>
  );
}
