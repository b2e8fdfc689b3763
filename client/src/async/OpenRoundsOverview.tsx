import type { Round } from '@common-ground/shared/api';
import { useRef, useState } from 'react';
import type { GoalFocus } from '../board/GoalDialog';
import { usePartnerNames } from '../board/lookups';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { missingPartners, openRounds, timeLeft } from './awaiting';
import { useNow } from './useNow';

/**
 * For the facilitator: each open round with who has not answered (names only where the round shows them) and a
 * reminder to copy: for partners without an e-mail address, and on servers that send no mail (no SMTP_URL).
 */
export function OpenRoundsOverview({ onOpen }: { onOpen: (goalId: string, focus: GoalFocus) => void }) {
  const t = useT();
  const rounds = openRounds(useBoard((s) => s.rounds));
  if (rounds.length === 0) return null;
  return (
    <section
      className="notice-panel"
      aria-labelledby="open-rounds-heading"
      data-testid="open-rounds-overview"
    >
      <h2 id="open-rounds-heading">{t('async.facilitatorHeading')}</h2>
      <p className="hint">{t('async.facilitatorIntro')}</p>
      <ul className="notice-list">
        {rounds.map((round) => (
          <OpenRoundItem key={round.id} round={round} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function OpenRoundItem({
  round,
  onOpen,
}: {
  round: Round;
  onOpen: (goalId: string, focus: GoalFocus) => void;
}) {
  const t = useT();
  const now = useNow();
  const { boardId } = useBoardContext();
  const names = usePartnerNames();
  const boardTitle = useBoard((s) => s.title);
  const title =
    useBoard((s) => s.goals.find((goal) => goal.id === round.goalId)?.title) || round.wording.title;
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const left = timeLeft(round.deadline, now);
  const leftText = t(left.key, { count: left.count ?? 0 });
  const missing = missingPartners(round);
  const missingText = missing.hidden
    ? t('async.missingHidden', { missing: missing.missing, eligible: missing.eligible })
    : missing.partnerIds.length === 0
      ? t('async.allAnswered')
      : t('async.missing', {
          names: missing.partnerIds
            .map((id) => names.get(id) ?? id)
            .sort((a, b) => a.localeCompare(b, 'de'))
            .join(', '),
        });
  const reminder = t('async.reminderText', {
    board: boardTitle,
    goal: title,
    timeLeft: leftText,
    url: `${location.origin}/b/${boardId}`,
  });

  const copy = async () => {
    try {
      // navigator.clipboard is missing on plain http (other than localhost) and may be refused.
      await navigator.clipboard.writeText(reminder);
      setCopyState('copied');
    } catch {
      setCopyState('manual');
      requestAnimationFrame(() => textRef.current?.select());
    }
  };

  return (
    <li data-testid="open-round-item">
      <button
        type="button"
        className="link-button notice-title"
        onClick={() => onOpen(round.goalId, 'round')}
      >
        {title}
      </button>
      <span className="badge" data-testid="time-left">
        {leftText}
      </span>
      <span className="notice-detail" data-testid="missing-partners">
        {missingText}
      </span>
      <button type="button" className="button secondary" onClick={copy} data-testid="copy-reminder">
        {copyState === 'copied' ? t('async.copied') : t('async.copyReminder')}
      </button>
      {copyState === 'manual' && (
        <>
          <textarea
            ref={textRef}
            readOnly
            className="reminder-text"
            aria-label={t('async.reminderLabel', { title })}
            value={reminder}
            data-testid="reminder-text"
          />
          <span className="hint" role="status">
            {t('async.copyFallback')}
          </span>
        </>
      )}
    </li>
  );
}
