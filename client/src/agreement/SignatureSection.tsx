import type { Partner } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { Hyphenated } from '../app/hyphenation';
import { useLocale, useT } from '../i18n/locale';
import { formatDay } from '../rounds/format';

/**
 * Place, date and one signature block per confirmed partner, for the printed agreement. Place and date are typed
 * in just before printing and stored nowhere: the signed paper carries them, and a board must not keep a date
 * nobody signed on. Left empty, they print as lines to fill in by hand.
 */
export function SignatureSection({ partners }: { partners: readonly Partner[] }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [place, setPlace] = useState('');
  const [day, setDay] = useState('');
  return (
    <section className="agreement-signing" aria-labelledby={`${id}-heading`} data-testid="agreement-signing">
      <h2 id={`${id}-heading`}>{t('agreement.signing')}</h2>
      <p className="hint screen-only">{t('agreement.signingHint')}</p>
      <div className="agreement-place-date">
        <div className="agreement-field">
          <label htmlFor={`${id}-place`}>{t('agreement.place')}</label>
          <input
            id={`${id}-place`}
            type="text"
            className="screen-only"
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            autoComplete="address-level2"
            data-testid="agreement-place"
          />
          <span className="agreement-fill print-only" data-testid="agreement-place-print">
            {place.trim()}
          </span>
        </div>
        <div className="agreement-field">
          <label htmlFor={`${id}-date`}>{t('agreement.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            className="screen-only"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            data-testid="agreement-date"
          />
          <span className="agreement-fill print-only" data-testid="agreement-date-print">
            {day ? formatDay(day, locale) : ''}
          </span>
        </div>
      </div>
      {partners.length === 0 && <p>{t('agreement.noSignatures')}</p>}
      <ul className="agreement-signatures">
        {partners.map((p) => (
          <li key={p.id} className="agreement-signature" data-testid="agreement-signature">
            <p className="agreement-signature-org" dir="auto">
              <Hyphenated text={p.name} />
            </p>
            <div className="agreement-signature-lines">
              <span className="agreement-line">{t('agreement.signature')}</span>
              <span className="agreement-line">{t('agreement.nameInPrint')}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
