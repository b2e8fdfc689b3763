import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { useMyPartnerId, useMyPendingPartnerId, usePartnerName } from './lookups';

/**
 * For a person whose organisation (or membership of it) waits for confirmation: what they can do meanwhile. The
 * record document brings the confirmation; the notice then says so once, politely announced, without a reload.
 */
export function MembershipNotice() {
  const t = useT();
  const pending = useMyPendingPartnerId();
  const confirmedId = useMyPartnerId();
  const pendingName = usePartnerName(pending);
  const confirmedName = usePartnerName(confirmedId);
  const proposedByMe = useBoard((s) => pending !== null && s.proposedPartners.some((p) => p.id === pending));
  const wasPending = useRef(pending !== null);
  const [justConfirmed, setJustConfirmed] = useState(false);

  useEffect(() => {
    if (pending !== null) wasPending.current = true;
    else if (wasPending.current && confirmedId !== null) setJustConfirmed(true);
  }, [pending, confirmedId]);

  // The live region stays in the page, so the change from waiting to confirmed is announced.
  return (
    <div
      role="status"
      aria-live="polite"
      className="membership-status"
      data-testid="membership-status"
      data-state={pending !== null ? 'waiting' : confirmedId !== null ? 'member' : 'none'}
    >
      {pending !== null && (
        <div className="alert info membership-waiting" data-testid="membership-waiting">
          <p>
            <strong>{t('membership.waitingHeading')}</strong>
          </p>
          <p>
            {t(proposedByMe ? 'membership.waitingNewText' : 'membership.waitingText', {
              partner: pendingName ?? '…',
            })}
          </p>
        </div>
      )}
      {pending === null && justConfirmed && confirmedName && (
        <p className="alert info" data-testid="membership-confirmed">
          {t('membership.confirmed', { partner: confirmedName })}
        </p>
      )}
    </div>
  );
}
