import type { Round } from '@common-ground/shared/api';
import { Hyphenated } from '../app/hyphenation';
import { useMyPartnerId, useMyPendingPartnerId } from '../board/lookups';
import {
  TranslationSwitch,
  useOriginalLanguage,
  useReaderTranslation,
  useShowOriginal,
} from '../board/translations';
import { useFollowedGoal } from '../facilitation/followFocus';
import { intlTag } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { OutcomeBanner } from '../rounds/OutcomeBanner';
import { FrozenWording } from '../rounds/RoundSection';
import { StanceForm } from '../rounds/StanceForm';
import { stanceOf } from '../rounds/stances';
import { Tally } from '../rounds/Tally';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { ReadAloudButton } from './ReadAloudButton';
import { useCompact } from './useCompact';

/**
 * On a phone at the table: the goal in focus with its open round (or its result), then any other open round —
 * each with the exact wording and the large stance buttons, no dialog to find. The board follows as a list.
 */
export function PhoneRound() {
  const t = useT();
  const compact = useCompact();
  const followed = useFollowedGoal();
  const goal = useBoard((s) => s.goals.find((g) => g.id === followed));
  const focusedRounds = useBoard((s) => (followed ? s.goalRounds[followed] : undefined));
  const rounds = useBoard((s) => s.rounds);
  const translation = useReaderTranslation(followed ?? '', goal, useLocale());
  const [originalShown, toggleOriginal] = useShowOriginal(followed ?? '');
  const originalLang = useOriginalLanguage(followed ?? '');
  if (!compact) return null;
  // The language of the text shown: hyphenated, marked and read aloud by its own rules, not the UI's.
  const lang = translation && !originalShown ? translation.lang : originalLang;
  const others = rounds.filter((r) => r.status === 'open' && r.goalId !== goal?.id);
  const focusedOpen = focusedRounds?.open ?? null;
  const focusedClosed = focusedRounds?.latestClosed ?? null;
  if (!goal && others.length === 0) return null;
  // The reader's translation unless they asked for the original; either way marked which one it is.
  const shown = translation && !originalShown ? translation : goal;
  return (
    <div className="phone-session" data-testid="phone-session">
      {goal && shown && (
        <section className="phone-focus" aria-labelledby="phone-focus-heading" data-testid="phone-focus">
          <p className="session-focus-label">{t('focus.heading')}</p>
          {translation && (
            <TranslationSwitch
              t={t}
              translation={translation}
              showingOriginal={originalShown}
              onToggle={toggleOriginal}
            />
          )}
          {/* The section's name without the soft hyphens, which Chromium would keep in a name from the text. */}
          <h2
            id="phone-focus-heading"
            dir="auto"
            lang={lang}
            aria-label={shown.title.trim() || t('goal.untitled')}
          >
            <Hyphenated text={shown.title.trim() || t('goal.untitled')} lang={lang} />
          </h2>
          {!focusedOpen && shown.description.trim() && (
            <p dir="auto" lang={lang}>
              <Hyphenated text={shown.description} lang={lang} />
            </p>
          )}
          {!focusedOpen && (
            <ReadAloudButton
              goal={{ title: shown.title, description: shown.description, lang: intlTag(lang) }}
            />
          )}
          {focusedOpen && <OpenRoundCard round={focusedOpen} />}
          {!focusedOpen && focusedClosed && <OutcomeBanner round={focusedClosed} />}
        </section>
      )}
      {others.length > 0 && (
        <section className="phone-round" aria-labelledby="phone-round-heading">
          <h2 id="phone-round-heading">{t('phone.roundHeading')}</h2>
          {others.map((round) => (
            <OpenRoundCard key={round.id} round={round} />
          ))}
        </section>
      )}
    </div>
  );
}

function OpenRoundCard({ round }: { round: Round }) {
  const t = useT();
  const { role } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const waiting = useMyPendingPartnerId() !== null;
  const eligible = myPartnerId !== null && round.eligiblePartnerIds.includes(myPartnerId);
  return (
    <div className="phone-round-card" data-testid="phone-open-round">
      <FrozenWording wording={round.wording} goalId={round.goalId} />
      <ReadAloudButton goal={round.wording} stances={role === 'partner' && eligible} />
      {role === 'partner' && eligible ? (
        <StanceForm roundId={round.id} current={stanceOf(round, myPartnerId)} />
      ) : (
        <>
          {/* Where the stance buttons would be: why there are none yet (the API would refuse them). */}
          {waiting && (
            <p className="alert info" data-testid="round-waiting-confirmation">
              {t('membership.roundWaiting')}
            </p>
          )}
          <Tally round={round} showMissing={false} />
        </>
      )}
    </div>
  );
}
