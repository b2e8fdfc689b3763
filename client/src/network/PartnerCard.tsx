import type { Partner, PartnerProfile } from '@common-ground/shared/api';
import { useId } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { OfferIcon } from './OfferIcon';

/** A partner in the inventory: kind, what it is, brings, wants, and whom to contact. Same size for everyone. */
export function PartnerCard(props: {
  partner: Partner;
  profile: PartnerProfile | null;
  own: boolean;
  updatedByName: string | null;
  onEdit: (() => void) | null;
}) {
  const { partner, profile, own, updatedByName, onEdit } = props;
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  return (
    <article
      className="partner-card"
      aria-labelledby={headingId}
      data-testid="partner-card"
      data-partner-id={partner.id}
    >
      <header>
        <h3 id={headingId}>{partner.name}</h3>
        <p className="partner-kind">
          <span className="visually-hidden">{t('network.kindLabel')}: </span>
          {t(`kind.${partner.kind}`)}
          {own && <span className="badge own-badge">{t('network.ownPartner')}</span>}
        </p>
      </header>
      {!profile && <p className="hint">{t('network.noProfile')}</p>}
      {profile && (
        <dl className="profile-fields">
          <ProfileField
            label={t('network.description')}
            text={profile.description}
            testId="profile-description"
          />
          <div>
            <dt>{t('network.offers')}</dt>
            <dd>
              {profile.offers.length === 0 ? (
                <span className="hint">{t('network.notFilled')}</span>
              ) : (
                <ul className="offer-chips" data-testid="profile-offers">
                  {profile.offers.map((offer) => (
                    <li key={offer} className="offer-chip">
                      <OfferIcon offer={offer} />
                      {t(`offer.${offer}`)}
                    </li>
                  ))}
                </ul>
              )}
              {profile.offersNote && <p className="offers-note">{profile.offersNote}</p>}
            </dd>
          </div>
          <ProfileField label={t('network.interests')} text={profile.interests} testId="profile-interests" />
          <ProfileField label={t('network.contact')} text={profile.contact} testId="profile-contact" />
        </dl>
      )}
      <footer>
        {profile && (
          <p className="hint">
            {t('network.updated', {
              date: formatDateTime(profile.updatedAt, locale),
              name: updatedByName ?? t('goal.unknownAuthor'),
            })}
          </p>
        )}
        {onEdit && (
          <button type="button" className="button secondary" onClick={onEdit} data-testid="edit-profile">
            {t('network.edit')}
            <span className="visually-hidden"> – {partner.name}</span>
          </button>
        )}
      </footer>
    </article>
  );
}

function ProfileField({ label, text, testId }: { label: string; text: string; testId: string }) {
  const t = useT();
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{text || <span className="hint">{t('network.notFilled')}</span>}</dd>
    </div>
  );
}
