import type { Round } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { roundsApi } from '../app/api';
import { ConfirmDialog } from '../app/Dialog';
import { usePartnerNames } from '../board/lookups';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { StanceForm } from './StanceForm';
import { stanceOf } from './stances';
import { useRoundAction } from './useRoundAction';

/**
 * Closing a round is final, so it asks first and says how many have answered; `onClosed` follows once it is
 * closed.
 */
export function CloseRoundButton({ round, onClosed }: { round: Round; onClosed: (round: Round) => void }) {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useRoundAction();
  const close = async () => {
    setAsking(false);
    const closed = await run(() => roundsApi.close(boardId, token, round.id));
    if (closed) onClosed(closed);
  };
  return (
    <>
      <button
        type="button"
        className="button danger"
        aria-disabled={busy}
        onClick={() => {
          // Not disabled while busy: a disabled button would drop the keyboard focus.
          if (!busy) setAsking(true);
        }}
        data-testid="close-round"
      >
        {t('round.close')}
      </button>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title={t('round.closeHeading', { number: round.number })}
        text={t('round.closeText', { responded: round.tally.responded, eligible: round.tally.eligible })}
        confirmLabel={t('round.closeConfirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void close()}
        testId="close-round-dialog"
      />
    </>
  );
}

/** For a partner whose people have no device: the facilitator records its stance, visibly marked as such. */
export function RecordForPartner({ round }: { round: Round }) {
  const t = useT();
  const id = useId();
  const names = usePartnerNames();
  const [partnerId, setPartnerId] = useState('');
  const partners = [...round.eligiblePartnerIds]
    .map((pid) => ({ id: pid, name: names.get(pid) ?? pid }))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const chosen = partners.find((p) => p.id === partnerId);
  return (
    <details className="record-for-partner" data-testid="record-for-partner">
      <summary>{t('round.recordFor')}</summary>
      <p className="hint">{t('round.recordForHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-partner`}>{t('round.recordForPartner')}</label>
        <select
          id={`${id}-partner`}
          value={partnerId}
          onChange={(e) => setPartnerId(e.target.value)}
          data-testid="record-for-select"
        >
          <option value="">{t('join.orgKindChoose')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {chosen && (
        <StanceForm
          key={chosen.id}
          roundId={round.id}
          current={stanceOf(round, chosen.id)}
          onBehalfOf={{ partnerId: chosen.id, name: chosen.name }}
        />
      )}
    </details>
  );
}
