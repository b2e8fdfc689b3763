import type { Goal } from '@common-ground/shared/schema';
import { useRef, useState } from 'react';
import { useHyphenated } from '../app/hyphenation';
import { usePartnerNames } from '../board/lookups';
import { useLocale, useT } from '../i18n/locale';
import { OutcomeBanner } from '../rounds/OutcomeBanner';
import { useBoard } from '../sync/SessionContext';
import { RoundGrid, RoundHead } from './RoundGrid';
import { roomWording } from './roomView';
import { useFitScale } from './useFitScale';

/**
 * The type grows by up to a quarter where the screen has room (a short wording is read from further away) and
 * shrinks to 60 % where it has not; the CSS keeps body text at 28 px or more whatever the scale.
 */
const MIN_SCALE = 0.6;
const MAX_SCALE = 1.25;

/**
 * The goal the facilitator put in focus: its whole wording (the round's frozen one while a round is open), the
 * outcome, and the round as a partner × stance grid with the reasons of objections and concerns. The type shrinks
 * until everything fits; what still does not fit at the smallest size scrolls, with a line saying it continues.
 */
export function FocusedGoal({ goal }: { goal: Goal }) {
  const t = useT();
  const locale = useLocale();
  const state = useBoard((s) => s.goalRounds[goal.id]);
  const names = usePartnerNames();
  const round = state?.open ?? state?.latestClosed ?? null;
  const wording = roomWording(goal, round);
  const plainTitle = wording.title.trim() || t('goal.untitled');
  const title = useHyphenated(plainTitle);
  const text = useHyphenated(wording.description.trim() ? wording.description : '');
  const body = useRef<HTMLDivElement>(null);
  // The hyphenated text is part of the content: the type is fitted again once the soft hyphens have arrived.
  const overflowing = useFitScale(
    body,
    JSON.stringify([title, text, round, [...names], locale]),
    MIN_SCALE,
    MAX_SCALE,
  );
  const [atEnd, setAtEnd] = useState(false);
  return (
    <section className="present-focus" aria-labelledby="present-focus-title" data-testid="present-focus">
      <div
        ref={body}
        className="present-focus-body"
        data-testid="present-focus-body"
        data-overflowing={overflowing}
        // Focusable only when it scrolls, so a facilitator at the projector can page through it by keyboard.
        tabIndex={overflowing ? 0 : undefined}
        onScroll={(event) => {
          const el = event.currentTarget;
          setAtEnd(el.scrollTop + el.clientHeight >= el.scrollHeight - 1);
        }}
      >
        {/* Once closed, the outcome heads the goal: it names the round, and it is what the room looks for. */}
        {round?.status === 'closed' ? (
          <OutcomeBanner round={round} />
        ) : round ? (
          <RoundHead round={round} />
        ) : (
          <p className="present-label">{t('focus.heading')}</p>
        )}
        {/* The section's name without soft hyphens (Chromium keeps them in a name taken from the text). */}
        <h2 id="present-focus-title" className="present-focus-title" dir="auto" aria-label={plainTitle}>
          {title}
        </h2>
        {text && (
          <p className="present-focus-text" dir="auto" data-testid="present-wording">
            {text}
          </p>
        )}
        {round && <RoundGrid round={round} />}
      </div>
      {overflowing && !atEnd && (
        <p className="present-continues" data-testid="present-continues">
          <span aria-hidden="true">↓</span> {t('present.continues')}
        </p>
      )}
    </section>
  );
}
