import type { Round, RoundWording } from '@common-ground/shared/api';
import type { TranslationLanguage } from '@common-ground/shared/schema';
import { useEffect, useId, useRef, useState } from 'react';
import { Hyphenated } from '../app/hyphenation';
import { useMyPartnerId } from '../board/lookups';
import { useReaderTranslation } from '../board/translations';
import { LANGUAGES } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { CalendarButton } from '../meetings/CalendarButton';
import { meetingsApi } from '../meetings/meetingsApi';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { CloseRoundButton, RecordForPartner } from './FacilitatorTools';
import { formatDateTime } from './format';
import { OpenRoundForm } from './OpenRoundForm';
import { BackToDiscussionButton, OutcomeBanner } from './OutcomeBanner';
import { StanceForm } from './StanceForm';
import { stanceOf } from './stances';
import { Tally } from './Tally';

/** The goal dialog's "Konsensrunde" section: explained where it happens, for each role what it may do. */
export function RoundSection({ goalId }: { goalId: string }) {
  const t = useT();
  const headingId = useId();
  const { role } = useBoardContext();
  const state = useBoard((s) => s.goalRounds[goalId]);
  // The server refuses a round on a withdrawn goal: the form is not offered.
  const withdrawn = useBoard((s) => s.goals.find((g) => g.id === goalId)?.withdrawnAt !== undefined);
  const open = state?.open ?? null;
  const latest = state?.latestClosed ?? null;
  const facilitator = role === 'facilitator';
  // The facilitator's form or button leaves with the action: focus goes to what the action brought.
  const [arrival, setArrival] = useState<'opened' | 'closed' | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (arrival === 'opened' && open) {
      setArrival(null);
      headingRef.current?.focus();
      setAnnouncement(t('round.opened', { number: open.number }));
    }
    if (arrival === 'closed' && !open && latest) {
      setArrival(null);
      // The outcome is a live region too: its text is announced with the focus, so nothing more is said.
      outcomeRef.current?.focus();
    }
  }, [arrival, open, latest, t]);

  return (
    <section className="goal-section round-section" aria-labelledby={headingId} data-testid="round-section">
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('round.heading')}
      </h3>
      <p className="hint">{t('round.explain')}</p>
      <p className="visually-hidden" role="status" data-testid="round-announcement">
        {announcement}
      </p>
      <div aria-live="polite">
        {!open && latest && <OutcomeBanner round={latest} ref={outcomeRef} />}
        {!open && latest?.outcome === 'objected' && <BackToDiscussionButton goalId={goalId} />}
      </div>
      {open && (
        <OpenRound
          round={open}
          onClosed={() => {
            setAnnouncement('');
            setArrival('closed');
          }}
        />
      )}
      {!open && facilitator && state?.agreed && !state.changedSinceAgreement && (
        <p className="hint">{t('round.agreedNoNewRound')}</p>
      )}
      {!open && facilitator && withdrawn && <p className="hint">{t('withdrawal.noRound')}</p>}
      {!open && facilitator && !withdrawn && !(state?.agreed && !state.changedSinceAgreement) && (
        <OpenRoundForm
          goalId={goalId}
          onOpened={() => {
            setAnnouncement('');
            setArrival('opened');
          }}
        />
      )}
      {!open && !facilitator && !latest && <p className="hint">{t('round.none')}</p>}
    </section>
  );
}

function OpenRound({ round, onClosed }: { round: Round; onClosed: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { role, boardId } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const eligible = myPartnerId !== null && round.eligiblePartnerIds.includes(myPartnerId);
  return (
    <div className="open-round-panel" data-testid="open-round">
      <p className="round-running">
        <span className="badge round">{t('round.running')}</span>{' '}
        {t('round.openedAt', { number: round.number, date: formatDateTime(round.openedAt, locale) })}
        {round.deadline !== undefined && (
          <> {t('round.endsAt', { date: formatDateTime(round.deadline, locale) })}</>
        )}
        {round.autoClose && <> {t('round.autoCloseNote')}</>}
      </p>
      {round.deadline !== undefined && (
        <p>
          <CalendarButton
            path={meetingsApi.deadlineFile(boardId, round.id, locale)}
            fileName={`round-${round.id}-deadline.ics`}
            label={t('meetings.deadlineToCalendar')}
            testId="deadline-ics"
            className="button subtle"
          />
        </p>
      )}
      <FrozenWording wording={round.wording} goalId={round.goalId} />
      <p className="hint">{t(`visibilityHint.${round.visibility}`)}</p>
      <Tally round={round} showMissing={role === 'facilitator'} />
      {role === 'partner' && eligible && (
        <StanceForm roundId={round.id} current={stanceOf(round, myPartnerId)} />
      )}
      {role === 'partner' && !eligible && <p className="hint">{t('round.notEligible')}</p>}
      {role === 'facilitator' && (
        <div className="facilitator-tools">
          <RecordForPartner round={round} />
          <CloseRoundButton round={round} onClosed={onClosed} />
        </div>
      )}
    </div>
  );
}

/** The exact words being decided, frozen when the round opened. */
export function FrozenWording({ wording, goalId }: { wording: RoundWording; goalId?: string }) {
  const t = useT();
  const locale = useLocale();
  // The reader's translation beside it, never instead: the round decides on the original's words.
  const translation = useReaderTranslation(goalId ?? '', wording, locale);
  if (goalId && translation) {
    return (
      <div className="wording-pair" data-testid="wording-pair">
        <OriginalWording
          wording={wording}
          caption={t('translation.binding')}
          lang={translation.originalLang}
        />
        <figure className="frozen-wording translated-wording" data-testid="translated-wording">
          <figcaption>
            {t('translation.forReading', { language: LANGUAGES[translation.lang].name })}{' '}
            {translation.outdated && (
              <span
                className="badge outdated"
                title={t('translation.outdatedHint')}
                data-testid="translation-outdated"
              >
                {t('translation.outdated')}
              </span>
            )}
          </figcaption>
          {translation.translators.length > 0 && (
            <p className="hint">
              {t('translation.translatedBy', { names: translation.translators.join(', ') })}
            </p>
          )}
          <blockquote lang={translation.lang} dir="auto">
            <p className="frozen-title">
              <Hyphenated text={translation.title} lang={translation.lang} />
            </p>
            {translation.description && (
              <p className="frozen-description">
                <Hyphenated text={translation.description} lang={translation.lang} />
              </p>
            )}
          </blockquote>
        </figure>
      </div>
    );
  }
  return <OriginalWording wording={wording} caption={t('round.wordingCaption')} />;
}

function OriginalWording({
  wording,
  caption,
  lang,
}: {
  wording: RoundWording;
  caption: string;
  lang?: TranslationLanguage;
}) {
  return (
    <figure className="frozen-wording" data-testid="frozen-wording">
      <figcaption>{caption}</figcaption>
      <blockquote lang={lang}>
        <p className="frozen-title" dir="auto">
          <Hyphenated text={wording.title} lang={lang} />
        </p>
        {wording.description && (
          <p className="frozen-description" dir="auto">
            <Hyphenated text={wording.description} lang={lang} />
          </p>
        )}
      </blockquote>
    </figure>
  );
}
