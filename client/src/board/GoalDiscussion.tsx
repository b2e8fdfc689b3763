import { CommentVisibilityResponse } from '@common-ground/shared/api';
import { type GoalComment, MAX_COMMENT_CHARS } from '@common-ground/shared/schema';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ConfirmDialog } from '../app/Dialog';
import { request } from '../app/request';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useAuthors, usePeople } from './lookups';

/** The goal's discussion thread: everyone reads it, people who may write add to it. */
export function GoalDiscussion({ goalId, editable }: { goalId: string; editable: boolean }) {
  const t = useT();
  const id = useId();
  const { session } = useBoardContext();
  const comments = useBoard((s) => s.details[goalId]?.comments);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setEmpty(true);
    session.addComment(goalId, text);
    setText('');
    setEmpty(false);
  };

  return (
    <section className="goal-section" aria-labelledby={`${id}-heading`} data-testid="goal-discussion">
      <h3 id={`${id}-heading`}>{t('discussion.heading')}</h3>
      {!comments || comments.length === 0 ? (
        <p className="hint">{t('discussion.empty')}</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <CommentItem key={comment.id} goalId={goalId} comment={comment} />
          ))}
        </ol>
      )}
      {editable && (
        <form onSubmit={submit} noValidate className="comment-form">
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('discussion.label')}</label>
            {empty && (
              <span className="field-error" role="alert">
                {t('discussion.emptyError')}
              </span>
            )}
            <textarea
              id={`${id}-comment`}
              rows={3}
              maxLength={MAX_COMMENT_CHARS}
              dir="auto"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={empty ? true : undefined}
              data-testid="comment-input"
            />
          </div>
          <button type="submit" className="button secondary" data-testid="comment-submit">
            {t('discussion.send')}
          </button>
        </form>
      )}
    </section>
  );
}

/**
 * One comment. A comment the facilitator hid (the record's `hiddenComments`) shows who hid it instead of its text,
 * for everyone; the facilitator may reveal the text on this screen only, hide a comment (after asking) and show it
 * to everyone again.
 */
function CommentItem({ goalId, comment }: { goalId: string; comment: GoalComment }) {
  const t = useT();
  const locale = useLocale();
  const textId = useId();
  const { boardId, token, role } = useBoardContext();
  const hidden = useBoard((s) => s.hiddenComments[comment.id] ?? null);
  const person = useAuthors().comment(goalId, comment);
  const hiddenBy = usePeople().get(hidden?.by ?? '')?.participant.name ?? t('moderation.unknownFacilitator');
  const facilitator = role === 'facilitator';
  const [revealed, setRevealed] = useState(false);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  // The button that had focus disappears once the record changes: focus moves to the one that replaces it.
  const [focusAfter, setFocusAfter] = useState<'hidden' | 'shown' | null>(null);
  const revealRef = useRef<HTMLButtonElement>(null);
  const hideRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusAfter === 'hidden' && hidden) revealRef.current?.focus();
    else if (focusAfter === 'shown' && !hidden) hideRef.current?.focus();
    else return;
    setFocusAfter(null);
  }, [focusAfter, hidden]);

  const change = async (action: 'hide' | 'unhide') => {
    setAsking(false);
    setBusy(true);
    setFailed(false);
    try {
      const path = `/api/boards/${encodeURIComponent(boardId)}/goals/${encodeURIComponent(goalId)}/comments/${encodeURIComponent(comment.id)}/${action}`;
      await request(CommentVisibilityResponse, path, { method: 'POST', token });
      setRevealed(false);
      setFocusAfter(action === 'hide' ? 'hidden' : 'shown');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const author = person?.participant.name ?? t('goal.unknownAuthor');
  const about = <span className="visually-hidden">: {t('moderation.commentOf', { name: author })}</span>;

  return (
    <li className="comment" data-testid="comment">
      <p className="comment-meta">
        <strong>
          <bdi>{author}</bdi>
        </strong>
        {person?.partner && (
          <span>
            {' · '}
            <bdi>{person.partner.name}</bdi>
          </span>
        )}
        {' · '}
        <time dateTime={new Date(comment.at).toISOString()}>{formatDateTime(comment.at, locale)}</time>
      </p>
      {hidden ? (
        <p className="comment-text hint" data-testid="comment-hidden">
          {t('moderation.hiddenBy', { name: hiddenBy })}
        </p>
      ) : (
        <p className="comment-text" dir="auto">
          {comment.text}
        </p>
      )}
      {hidden && facilitator && revealed && (
        <p id={textId} className="comment-text" dir="auto" data-testid="comment-revealed">
          <span className="visually-hidden">{t('moderation.revealedNote')}: </span>
          {comment.text}
        </p>
      )}
      {facilitator && (
        <div className="button-row">
          {hidden ? (
            <>
              <button
                ref={revealRef}
                type="button"
                className="button subtle"
                aria-expanded={revealed}
                aria-controls={revealed ? textId : undefined}
                onClick={() => setRevealed(!revealed)}
                data-testid="comment-reveal"
              >
                {t(revealed ? 'moderation.conceal' : 'moderation.reveal')}
                {about}
              </button>
              <button
                type="button"
                className="button subtle"
                disabled={busy}
                onClick={() => void change('unhide')}
                data-testid="comment-unhide"
              >
                {t('moderation.unhide')}
                {about}
              </button>
            </>
          ) : (
            <button
              ref={hideRef}
              type="button"
              className="button subtle"
              disabled={busy}
              onClick={() => setAsking(true)}
              data-testid="comment-hide"
            >
              {t('moderation.hide')}
              {about}
            </button>
          )}
        </div>
      )}
      {failed && <p role="alert">{t('moderation.error')}</p>}
      {facilitator && (
        <ConfirmDialog
          open={asking}
          title={t('moderation.hideHeading')}
          text={t('moderation.hideText')}
          confirmLabel={t('moderation.hideConfirm')}
          onCancel={() => setAsking(false)}
          onConfirm={() => void change('hide')}
          testId="comment-hide-dialog"
        />
      )}
    </li>
  );
}
