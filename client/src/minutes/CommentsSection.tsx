import type { MinutesResponse } from '@common-ground/shared/api';
import { MAX_MINUTES_COMMENT_CHARS } from '@common-ground/shared/api';
import { useId, useState } from 'react';
import { useLocale, useT } from '../i18n/locale';
import { formatDateTime } from '../rounds/format';
import type { MinutesEdit } from './edit';
import { minutesApi } from './minutesApi';
import type { MinutesNames } from './names';

/**
 * Comments on the draft: who, when, what. The facilitator and partners' people add one while the minutes are a
 * draft (`comment` is null for observers and once final).
 */
export function CommentsSection(props: {
  minutes: MinutesResponse;
  names: MinutesNames;
  comment: MinutesEdit | null;
}) {
  const { minutes, names, comment } = props;
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const comments = minutes.content.comments;

  const send = async () => {
    if (!comment) return;
    const trimmed = text.trim();
    if (!trimmed) {
      setMissing(true);
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    setMissing(false);
    const done = await comment.run(
      (token) => minutesApi.comment(comment.boardId, token, comment.meetingId, { text: trimmed }),
      t('minutes.commentSent'),
    );
    if (done === 'done') setText('');
  };

  // Final minutes without comments say nothing about them; a draft invites them.
  if (comments.length === 0 && !comment) return null;
  return (
    <section className="minutes-section" aria-labelledby={`${id}-heading`} data-testid="minutes-comments">
      <h2 id={`${id}-heading`}>{t('minutes.comments')}</h2>
      {comments.length === 0 ? (
        <p>{t('minutes.noComments')}</p>
      ) : (
        <ul className="minutes-comments">
          {comments.map((c) => (
            <li key={c.id} className="minutes-comment" data-testid="minutes-comment">
              <p className="minutes-comment-meta">
                <strong>
                  <bdi>{names.person(c.participantId)}</bdi>
                </strong>
                , {formatDateTime(c.at, locale)}
              </p>
              <p className="minutes-comment-text" dir="auto">
                {c.text}
              </p>
            </li>
          ))}
        </ul>
      )}
      {comment && (
        <form
          className="minutes-form stacked screen-only"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('minutes.commentLabel')}</label>
            <p className="hint" id={`${id}-hint`}>
              {t('minutes.commentHint')}
            </p>
            <textarea
              id={`${id}-text`}
              value={text}
              maxLength={MAX_MINUTES_COMMENT_CHARS}
              dir="auto"
              aria-describedby={`${id}-hint`}
              aria-invalid={missing || undefined}
              onChange={(event) => setText(event.target.value)}
              data-testid="comment-text"
            />
            {missing && (
              <p className="field-error" role="alert">
                {t('minutes.commentEmpty')}
              </p>
            )}
          </div>
          <button
            type="submit"
            className="button secondary"
            aria-disabled={comment.working || undefined}
            data-testid="comment-send"
          >
            {t('minutes.commentSend')}
          </button>
        </form>
      )}
    </section>
  );
}
