import type { InviteStatus, InviteSummary } from '@common-ground/shared/api';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { inviteApi } from './inviteApi';

const STATUS_TEXT: Record<InviteStatus, MessageKey> = {
  usable: 'invites.status.usable',
  revoked: 'invites.status.revoked',
  expired: 'invites.status.expired',
  used_up: 'invites.status.used_up',
};

/**
 * The board's invites with their status, so that a facilitator can end a link that went too far.
 * `refreshKey` changes whenever the dialog created an invite, which then appears here.
 */
export function InviteList({ refreshKey }: { refreshKey: number }) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [invites, setInvites] = useState<readonly InviteSummary[] | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [pending, setPending] = useState<InviteSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The revoke button that asked; a cancelled question gives focus back to it.
  const askedFrom = useRef<HTMLElement | null>(null);

  const load = useCallback(async () => {
    try {
      setInvites(await inviteApi.list(boardId, token));
    } catch (caught) {
      setError(errorMessageKey(caught));
    }
  }, [boardId, token]);
  useEffect(() => {
    // Read so that each new invite made in this dialog reloads the list.
    void refreshKey;
    void load();
  }, [load, refreshKey]);

  // The safe answer takes focus: Enter on a revoke button must not revoke at once.
  useEffect(() => {
    if (pending) cancelRef.current?.focus();
  }, [pending]);

  const ask = (invite: InviteSummary, button: HTMLElement) => {
    askedFrom.current = button;
    setAnnouncement('');
    setPending(invite);
  };
  const cancel = () => {
    setPending(null);
    askedFrom.current?.focus();
  };
  const revoke = async (invite: InviteSummary) => {
    setPending(null);
    // Its revoke button disappears with the new status: the list's heading keeps focus inside the dialog.
    headingRef.current?.focus();
    setError(null);
    try {
      await inviteApi.revoke(boardId, token, invite.id);
      setAnnouncement(t('invites.revoked'));
    } catch (caught) {
      setError(errorMessageKey(caught));
    }
    await load();
  };

  return (
    <section className="invite-list" aria-labelledby={`${id}-heading`} data-testid="invite-list">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('invites.heading')}
      </h3>
      <p className="hint" role="status" data-testid="invite-list-status">
        {invites === null && !error ? t('invites.loading') : announcement}
      </p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {pending && (
        <div className="alert invite-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <h4 id={`${id}-confirm`}>{t('invites.revokeHeading')}</h4>
          <p>{t('invites.revokeText')}</p>
          <div className="button-row">
            <button type="button" className="button secondary" onClick={cancel} ref={cancelRef}>
              {t('board.cancel')}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => void revoke(pending)}
              data-testid="invite-revoke-confirm"
            >
              {t('invites.revokeConfirm')}
            </button>
          </div>
        </div>
      )}
      {invites?.length === 0 && <p>{t('invites.none')}</p>}
      {invites && invites.length > 0 && (
        <ul className="invite-items">
          {invites.map((invite) => (
            <InviteItem key={invite.id} invite={invite} onAsk={(button) => ask(invite, button)} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** One invite as a labelled list of facts: unlike table columns, it stays readable on a phone. */
function InviteItem({ invite, onAsk }: { invite: InviteSummary; onAsk: (button: HTMLElement) => void }) {
  const t = useT();
  const locale = useLocale();
  const partners = useBoard((s) => s.partners);
  const participants = useBoard((s) => s.participants);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const role = t(`people.role.${invite.role}`);
  const created = when.format(invite.createdAt);
  const creator = participants.find((p) => p.id === invite.createdBy)?.name ?? t('invites.unknownCreator');
  // Without an organisation of its own, a partner invite lets each person name theirs; other roles have none.
  const organisation = invite.partnerId
    ? (partners.find((p) => p.id === invite.partnerId)?.name ?? t('invites.unknownOrganisation'))
    : invite.role === 'partner'
      ? t('invites.anyOrganisation')
      : t('people.noOrganisation');
  return (
    <li className="invite-item" data-testid="invite-row">
      <h4>{role}</h4>
      <dl className="invite-facts">
        <div>
          <dt>{t('invites.status')}</dt>
          <dd data-testid="invite-status">{t(STATUS_TEXT[invite.status])}</dd>
        </div>
        <div>
          <dt>{t('invites.uses')}</dt>
          <dd data-testid="invite-uses">
            {invite.maxUses === null
              ? t('invites.usesUnlimited', { uses: invite.uses })
              : t('invites.usesOf', { uses: invite.uses, max: invite.maxUses })}
          </dd>
        </div>
        <div>
          <dt>{t('invites.organisation')}</dt>
          <dd>{organisation}</dd>
        </div>
        <div>
          <dt>{t('invites.created')}</dt>
          <dd>{t('invites.createdBy', { date: created, name: creator })}</dd>
        </div>
        <div>
          <dt>{t('invites.expires')}</dt>
          <dd>{when.format(invite.expiresAt)}</dd>
        </div>
      </dl>
      {invite.status === 'usable' && (
        <button
          type="button"
          className="button danger"
          onClick={(e) => onAsk(e.currentTarget)}
          aria-label={t('invites.revokeLabel', { role, date: created })}
          data-testid="invite-revoke"
        >
          {t('invites.revoke')}
        </button>
      )}
    </li>
  );
}
