import {
  PARTNER_KINDS,
  type Partner,
  type PartnerKind,
  type ProposedPartner,
} from '@common-ground/shared/api';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useMyPartnerId } from '../board/lookups';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { partnersApi } from './partnersApi';

interface MemberClaim {
  readonly participantId: string;
  readonly name: string;
  readonly partner: Partner;
}

/**
 * Who waits to be confirmed, for those who may confirm them: the facilitator sees proposed organisations and every
 * claimed membership; a confirmed member sees the claims on their own organisation (they know their colleagues).
 * One tap confirms; declining an organisation asks first. The list follows the record document, so it updates
 * by itself when someone joins or another device confirms.
 */
export function ConfirmationList() {
  const t = useT();
  const id = useId();
  const { role, boardId, token } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const proposed = useBoard((s) => s.proposedPartners);
  const partners = useBoard((s) => s.partners);
  const participants = useBoard((s) => s.participants);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  // Once used, the list stays in the page even when it empties, so focus has somewhere to go.
  const [used, setUsed] = useState(false);
  const isFacilitator = role === 'facilitator';

  const proposerName = useMemo(() => new Map(participants.map((p) => [p.id, p.name])), [participants]);
  const claims = useMemo((): MemberClaim[] => {
    const byId = new Map(partners.map((p) => [p.id, p]));
    return participants.flatMap((p) => {
      const partner = p.pendingPartnerId ? byId.get(p.pendingPartnerId) : undefined;
      const mayConfirm = partner && (isFacilitator || partner.id === myPartnerId);
      return mayConfirm ? [{ participantId: p.id, name: p.name, partner }] : [];
    });
  }, [partners, participants, isFacilitator, myPartnerId]);

  const shownProposals = isFacilitator ? proposed : [];
  const count = shownProposals.length + claims.length;
  if (!isFacilitator && (role !== 'partner' || myPartnerId === null)) return null;

  /**
   * Runs an action; the item leaves the list, so focus goes to the heading instead of the page's body — at once,
   * because the record document may remove the item (and the focused button with it) before the answer arrives.
   */
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailed(false);
    setUsed(true);
    headingRef.current?.focus();
    try {
      await action();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
      headingRef.current?.focus();
    }
  };

  return (
    <section
      className={count === 0 ? 'confirmation-list is-empty' : 'confirmation-list'}
      aria-labelledby={`${id}-heading`}
      data-testid="confirmation-list"
      hidden={count === 0 && !isFacilitator && !used}
    >
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('membership.listHeading')}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {count > 0 ? t('membership.pendingCount', { count: String(count) }) : ''}
      </p>
      <p className="hint">{t(count > 0 ? 'membership.listIntro' : 'membership.none')}</p>
      {failed && (
        <p className="alert" role="alert">
          {t('membership.failed')}
        </p>
      )}
      <ul className="confirmation-items">
        {shownProposals.map((partner) => (
          <ProposalItem
            key={partner.id}
            partner={partner}
            proposer={partner.proposedBy ? (proposerName.get(partner.proposedBy) ?? '') : ''}
            busy={busy}
            onConfirm={() => act(() => partnersApi.confirm(boardId, token, partner.id))}
            onDecline={() => act(() => partnersApi.decline(boardId, token, partner.id))}
          />
        ))}
        {claims.map((claim) => (
          <li key={claim.participantId} className="confirmation-item" data-testid="confirm-member-item">
            <span>{t('membership.member', { name: claim.name, partner: claim.partner.name })}</span>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={t('membership.confirmMemberLabel', {
                name: claim.name,
                partner: claim.partner.name,
              })}
              onClick={() =>
                act(() => partnersApi.confirmMember(boardId, token, claim.partner.id, claim.participantId))
              }
              data-testid="confirm-member"
            >
              {t('membership.confirm')}
            </button>
          </li>
        ))}
      </ul>
      {isFacilitator && <AddPartnerForm />}
    </section>
  );
}

function ProposalItem(props: {
  partner: ProposedPartner;
  proposer: string;
  busy: boolean;
  onConfirm: () => void;
  onDecline: () => void;
}) {
  const t = useT();
  const { partner, proposer, busy } = props;
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  return (
    <li className="confirmation-item" data-testid="confirm-partner-item">
      <span>
        <strong>{t('membership.newPartner', { partner: partner.name })}</strong>
        <br />
        <span className="hint">
          {t('membership.newPartnerBy', { name: proposer || '–', kind: t(`kind.${partner.kind}`) })}
        </span>
      </span>
      {asking ? (
        <span className="confirmation-ask">
          <span>{t('membership.declineAsk', { partner: partner.name })}</span>
          <span className="button-row">
            <button
              type="button"
              ref={yesRef}
              className="button danger"
              disabled={busy}
              onClick={props.onDecline}
              data-testid="decline-partner-yes"
            >
              {t('membership.declineYes')}
            </button>
            <button type="button" className="button secondary" onClick={() => setAsking(false)}>
              {t('membership.declineNo')}
            </button>
          </span>
        </span>
      ) : (
        <span className="button-row">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('membership.confirmPartnerLabel', { partner: partner.name })}
            onClick={props.onConfirm}
            data-testid="confirm-partner"
          >
            {t('membership.confirm')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            aria-label={t('membership.declinePartnerLabel', { partner: partner.name })}
            onClick={() => {
              setAsking(true);
              // The question replaces the button that had focus: move focus onto its first answer.
              requestAnimationFrame(() => yesRef.current?.focus());
            }}
            data-testid="decline-partner"
          >
            {t('membership.decline')}
          </button>
        </span>
      )}
    </li>
  );
}

/** The facilitator adds an organisation they know: confirmed at once. */
function AddPartnerForm() {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartnerKind>('residents');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const created = await partnersApi.create(boardId, token, { name: name.trim(), kind });
      setMessage(t('membership.added', { partner: created.name }));
      setName('');
    } catch {
      setMessage(t('membership.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="add-partner">
      <summary>{t('membership.addHeading')}</summary>
      <form onSubmit={submit} data-testid="add-partner-form">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('membership.addName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="add-partner-name"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('membership.addKind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PartnerKind)}>
            {PARTNER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || !name.trim()}>
          {t('membership.addSubmit')}
        </button>
        <p role="status" className="hint">
          {message}
        </p>
      </form>
    </details>
  );
}
