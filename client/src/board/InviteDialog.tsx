import type { CreateInviteResponse, Role } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { api } from '../app/api';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import { LoopbackWarning } from '../app/LoopbackWarning';
import { useLinkReach } from '../app/linkReach';
import { ShareLink } from '../app/ShareLink';
import type { MessageKey } from '../i18n/catalogues';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { InviteList } from './InviteList';

export function InviteButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('invite.button')}
      title={t('invite.heading')}
      testId="invite-button"
      dialogTestId="invite-dialog"
      wide
    >
      {() => <InviteManager />}
    </DialogButton>
  );
}

/** Creating invites, and below them the board's invites, which list each new one at once. */
function InviteManager() {
  const t = useT();
  const reach = useLinkReach();
  const [created, setCreated] = useState(0);
  const onCreated = () => setCreated((n) => n + 1);
  return (
    <>
      <p>{t('invite.intro')}</p>
      {reach === 'loopback' && <LoopbackWarning />}
      <div className="invite-grid" data-link-reach={reach ?? 'unknown'}>
        <InviteSection inviteRole="partner" onCreated={onCreated} />
        <InviteSection inviteRole="observer" onCreated={onCreated} />
        <InviteSection inviteRole="facilitator" onCreated={onCreated} />
      </div>
      <InviteList refreshKey={created} />
    </>
  );
}

/** Each invite's heading and what its people may do; co-facilitators can do everything the facilitator can. */
const SECTION_TEXTS: Record<Role, { heading: MessageKey; hint: MessageKey }> = {
  partner: { heading: 'invite.partnerHeading', hint: 'invite.partnerHint' },
  observer: { heading: 'invite.observerHeading', hint: 'invite.observerHint' },
  facilitator: { heading: 'invite.facilitatorHeading', hint: 'invite.facilitatorHint' },
};

function InviteSection({ inviteRole: role, onCreated }: { inviteRole: Role; onCreated: () => void }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [invite, setInvite] = useState<CreateInviteResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const partners = useBoard((s) => s.partners);
  // '' = any organisation (a new one, or a claim: both wait for confirmation).
  const [forPartner, setForPartner] = useState('');
  const [singleUse, setSingleUse] = useState(false);

  const create = async () => {
    // Not disabled while busy: a disabled button would drop the keyboard focus.
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setInvite(
        await api.createInvite(boardId, token, {
          role,
          ...(forPartner ? { partnerId: forPartner } : {}),
          ...(singleUse ? { maxUses: 1 } : {}),
        }),
      );
      onCreated();
    } catch (caught) {
      setError(errorMessageKey(caught));
    } finally {
      setBusy(false);
    }
  };

  const heading = t(SECTION_TEXTS[role].heading);
  return (
    <section className="invite-section" aria-labelledby={`${id}-heading`} data-testid={`invite-${role}`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="hint">{t(SECTION_TEXTS[role].hint)}</p>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {!invite && role === 'partner' && (
        <>
          {partners.length > 0 && (
            <div className="field">
              <label htmlFor={`${id}-partner`}>{t('invite.forPartner')}</label>
              <select
                id={`${id}-partner`}
                value={forPartner}
                onChange={(e) => setForPartner(e.target.value)}
                data-testid="invite-partner"
              >
                <option value="">{t('invite.forPartnerAny')}</option>
                {partners.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <label className="choice">
            <input
              type="checkbox"
              checked={singleUse}
              onChange={(e) => setSingleUse(e.target.checked)}
              data-testid="invite-single-use"
            />
            <span>{t('invite.singleUse')}</span>
          </label>
        </>
      )}
      {!invite ? (
        <button
          type="button"
          className="button"
          onClick={create}
          aria-disabled={busy}
          data-testid="invite-create"
        >
          {busy ? t('invite.creating') : t('invite.create')}
        </button>
      ) : (
        <ShareLink
          key={invite.url}
          url={invite.url}
          label={t('invite.link')}
          qrLabel={t('invite.qrLabel')}
          validity={t('invite.validUntil', {
            date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(invite.expiresAt),
          })}
          urlTestId="invite-url"
          copyTestId="invite-copy"
          takeFocus
        />
      )}
      <p className="visually-hidden" role="status">
        {invite ? t('invite.created') : ''}
      </p>
    </section>
  );
}
