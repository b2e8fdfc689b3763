import { MAX_COMMENT_CHARS } from '@common-ground/shared';
import { type FormEvent, useId, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { useAuthors } from './lookups';

/** The goal's discussion thread: everyone reads it, people who may write add to it. */
export function GoalDiscussion({ goalId, editable }: { goalId: string; editable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { session } = useBoardContext();
  const comments = useBoard((s) => s.details[goalId]?.comments);
  const authors = useAuthors();
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
          {comments.map((comment) => {
            const person = authors.comment(goalId, comment);
            return (
              <li key={comment.id} className="comment" data-testid="comment">
                <p className="comment-meta">
                  <strong>{person?.participant.name ?? t('goal.unknownAuthor')}</strong>
                  {person?.partner && <span> · {person.partner.name}</span>}
                  {' · '}
                  <time dateTime={new Date(comment.at).toISOString()}>
                    {formatDateTime(comment.at, locale)}
                  </time>
                </p>
                <p className="comment-text">{comment.text}</p>
              </li>
            );
          })}
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
