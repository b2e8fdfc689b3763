import { useEffect, useId, useRef, useState } from 'react';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import type { KeptText } from '../sync/keptText';
import { type RefusalKind, refusalKind } from '../sync/refusal';
import { useRefusals } from '../sync/refusalStore';

const MESSAGES: Record<RefusalKind, { heading: MessageKey; text: MessageKey }> = {
  refused: { heading: 'refusal.refusedHeading', text: 'refusal.refused' },
  full: { heading: 'refusal.fullHeading', text: 'refusal.full' },
  tooMany: { heading: 'refusal.tooManyHeading', text: 'refusal.tooMany' },
  forbidden: { heading: 'refusal.forbiddenHeading', text: 'refusal.forbidden' },
  accessEnded: { heading: 'refusal.endedHeading', text: 'refusal.ended' },
};

const KEPT_LABELS: Record<KeptText['kind'], MessageKey> = {
  title: 'refusal.keptTitle',
  description: 'refusal.keptDescription',
  comment: 'refusal.keptComment',
};

const NO_TEXTS: readonly KeptText[] = [];

/**
 * What a refusal did, in plain words, and the text the person wrote that the board does not have, to copy back.
 * Stays until the person marks it done. After a fresh start the board is drawn anew: focus, which was in the
 * discarded board, lands on this notice (or the main content) instead of the page body.
 */
export function RefusalNotice({ boardId }: { boardId: string }) {
  const t = useT();
  const headingId = useId();
  const notice = useRefusals((s) => s.boards[boardId]?.notice ?? null);
  const awaitingReconnect = useRefusals((s) => s.boards[boardId]?.awaitingReconnect ?? false);
  const kept = useRefusals((s) => {
    const board = s.boards[boardId];
    return board?.checked ? board.kept : NO_TEXTS;
  });
  const restarted = useRefusals((s) => (s.boards[boardId]?.generation ?? 0) > 0);
  const sectionRef = useRef<HTMLElement>(null);
  const visible = notice !== null || kept.length > 0;

  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    if (visible) sectionRef.current?.querySelector('h2')?.focus();
    else if (restarted) document.getElementById('main')?.focus();
  }, [visible, restarted]);

  if (!visible) return null;
  const messages = notice ? MESSAGES[refusalKind(notice.code)] : null;
  const refusals = useRefusals.getState();
  return (
    <section
      ref={sectionRef}
      className="alert refusal-notice"
      aria-labelledby={headingId}
      data-testid="refusal-notice"
      data-code={notice?.code}
    >
      {messages && (
        <div role="alert">
          <h2 id={headingId} tabIndex={-1}>
            {t(messages.heading)}
          </h2>
          <p data-testid="refusal-text">{t(messages.text)}</p>
        </div>
      )}
      {awaitingReconnect && (
        <button
          type="button"
          className="button"
          onClick={() => refusals.startFresh(boardId)}
          data-testid="refusal-reconnect"
        >
          {t('refusal.reconnect')}
        </button>
      )}
      {kept.length > 0 && (
        <div className="kept-texts" data-testid="kept-texts">
          {messages ? (
            <h3>{t('refusal.keptHeading')}</h3>
          ) : (
            <h2 id={headingId} tabIndex={-1}>
              {t('refusal.keptHeading')}
            </h2>
          )}
          <p>{t('refusal.keptIntro')}</p>
          <ul>
            {kept.map((entry) => (
              <KeptTextItem key={`${entry.goalId}-${entry.kind}-${entry.commentId ?? ''}`} entry={entry} />
            ))}
          </ul>
        </div>
      )}
      {!awaitingReconnect && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            refusals.dismiss(boardId);
            document.getElementById('main')?.focus();
          }}
          data-testid="refusal-dismiss"
        >
          {t('refusal.dismiss')}
        </button>
      )}
    </section>
  );
}

function KeptTextItem({ entry }: { entry: KeptText }) {
  const t = useT();
  const id = useId();
  const labelId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const label = t(KEPT_LABELS[entry.kind], { title: entry.goalTitle.trim() || t('goal.untitled') });

  const copy = async () => {
    try {
      // navigator.clipboard is missing on plain http (other than localhost) and may be refused.
      await navigator.clipboard.writeText(entry.text);
      setCopyState('copied');
    } catch {
      setCopyState('manual');
      textRef.current?.select();
    }
  };

  return (
    <li data-testid="kept-text" data-goal-id={entry.goalId} data-kind={entry.kind}>
      <label id={labelId} htmlFor={id}>
        {label}
      </label>
      <textarea id={id} ref={textRef} readOnly value={entry.text} rows={3} data-testid="kept-text-value" />
      <button
        type="button"
        className="button secondary"
        onClick={copy}
        aria-describedby={labelId}
        data-testid="kept-text-copy"
      >
        {t('refusal.copy')}
      </button>
      <span className="hint" role="status">
        {copyState === 'copied'
          ? t('refusal.copied')
          : copyState === 'manual'
            ? t('refusal.copyFallback')
            : ''}
      </span>
    </li>
  );
}
