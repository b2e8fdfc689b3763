import type { PrivacyInfoResponse } from '@common-ground/shared/api';
import { useId } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { usePrivacyInfo } from './usePrivacyInfo';
import './privacy.css';

type Level = 2 | 3;
const heading = (level: Level) => (level === 2 ? 'h2' : 'h3');
const subheading = (level: Level) => (level === 2 ? 'h3' : 'h4');

/** An address that is only an e-mail address becomes a mailto link; anything else stays text. */
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** The operator's values, or visible placeholders for what the operator has not filled in (never invented). */
function useOperator(info: PrivacyInfoResponse) {
  const t = useT();
  return {
    operator: info.operatorName ?? t('privacy.placeholderOperator'),
    contact: info.operatorContact ?? t('privacy.placeholderContact'),
  };
}

/**
 * The information before joining (DSGVO Art. 13), shown above the name field of the join and landing pages: a
 * short summary, the full text behind "more", the facilitator's note for the board, the imprint and the
 * accessibility statement. Every text is plain text: React escapes it, so a note with markup shows as written.
 */
export function PrivacyNotice({ boardNote = null, level = 2 }: { boardNote?: string | null; level?: Level }) {
  const t = useT();
  const id = useId();
  const info = usePrivacyInfo();
  const Heading = heading(level);
  return (
    <section className="privacy-notice" aria-labelledby={`${id}-heading`} data-testid="privacy-notice">
      <Heading id={`${id}-heading`}>{t('privacy.heading')}</Heading>
      {info === null ? (
        <p className="hint">…</p>
      ) : (
        <>
          <PrivacySummary info={info} />
          <details className="privacy-more" data-testid="privacy-more">
            <summary>{t('privacy.more')}</summary>
            <PrivacyText info={info} level={level} />
          </details>
          {boardNote && <BoardPrivacyNote text={boardNote} level={level} />}
          <PrivacyLinks info={info} />
        </>
      )}
    </section>
  );
}

export function PrivacySummary({ info }: { info: PrivacyInfoResponse }) {
  const t = useT();
  const { operator } = useOperator(info);
  return <p data-testid="privacy-summary">{t('privacy.summary', { operator })}</p>;
}

/**
 * The full notice: the operator's own text in the reader's language if the operator gave one
 * (PRIVACY_NOTICE_FILE; Einfache Sprache falls back to standard German's), otherwise the default text.
 */
export function PrivacyText({ info, level }: { info: PrivacyInfoResponse; level: Level }) {
  const t = useT();
  const locale = useLocale();
  const { operator, contact } = useOperator(info);
  const Sub = subheading(level);
  const own = info.notices[locale] ?? (locale === 'de-simple' ? info.notices.de : undefined);
  if (own) {
    return (
      <div className="privacy-text" data-testid="privacy-text">
        <p className="privacy-plain" dir="auto" data-testid="privacy-own-text">
          {own}
        </p>
      </div>
    );
  }
  return (
    <div className="privacy-text" data-testid="privacy-text">
      <Sub>{t('privacy.controllerHeading')}</Sub>
      <p>{t('privacy.controller', { operator, contact })}</p>
      {info.dpoContact && <p>{t('privacy.dpo', { dpo: info.dpoContact })}</p>}
      <p>{t('privacy.jointControllers')}</p>
      <Sub>{t('privacy.whatHeading')}</Sub>
      <p>{t('privacy.what')}</p>
      <Sub>{t('privacy.whyHeading')}</Sub>
      <p>{t('privacy.why')}</p>
      <Sub>{t('privacy.howLongHeading')}</Sub>
      <p>
        {info.retentionMonths > 0
          ? t('privacy.howLongRetention', { months: info.retentionMonths })
          : t('privacy.howLong')}
      </p>
      <Sub>{t('privacy.rightsHeading')}</Sub>
      <p>{t('privacy.rights', { contact })}</p>
    </div>
  );
}

/** The facilitator's addition for this board, as plain text with its line breaks. */
export function BoardPrivacyNote({ text, level }: { text: string; level: Level }) {
  const t = useT();
  const Sub = subheading(level);
  return (
    <div className="privacy-board-note" data-testid="privacy-board-note">
      <Sub>{t('privacy.boardNoteHeading')}</Sub>
      <p className="privacy-plain" dir="auto">
        {text}
      </p>
    </div>
  );
}

/** Imprint, accessibility statement and where to report a barrier: only what the operator configured. */
export function PrivacyLinks({ info }: { info: PrivacyInfoResponse }) {
  const t = useT();
  const contact = info.accessibilityContact;
  if (!info.imprintUrl && !info.accessibilityUrl && !contact) return null;
  return (
    <nav aria-label={t('privacy.links')} className="privacy-links" data-testid="privacy-links">
      <ul>
        {info.imprintUrl && (
          <li>
            <a href={info.imprintUrl} data-testid="imprint-link">
              {t('privacy.imprint')}
            </a>
          </li>
        )}
        {info.accessibilityUrl && (
          <li>
            <a href={info.accessibilityUrl} data-testid="accessibility-link">
              {t('privacy.accessibility')}
            </a>
          </li>
        )}
        {contact && (
          <li data-testid="barrier-contact">
            {EMAIL.test(contact) ? (
              <a href={`mailto:${contact}`}>{t('privacy.reportBarrier', { contact })}</a>
            ) : (
              t('privacy.reportBarrier', { contact })
            )}
          </li>
        )}
      </ul>
    </nav>
  );
}
