import type { Round, RoundWording } from '@common-ground/shared/api';
import { useEffect, useId, useRef, useState } from 'react';
import { useMyPartnerId } from '../board/lookups';
import { useLocale, useT } from '../i18n/locale';
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
  const { role } = useBoardContext();
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
      <FrozenWording wording={round.wording} />
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
export function FrozenWording({ wording }: { wording: RoundWording }) {
  const t = useT();
  return (
    <figure className="frozen-wording" data-testid="frozen-wording">
      <figcaption>{t('round.wordingCaption')}</figcaption>
      <blockquote>
        <p className="frozen-title">{wording.title}</p>
        {wording.description && <p className="frozen-description">{wording.description}</p>}
      </blockquote>
    </figure>
  );
}
