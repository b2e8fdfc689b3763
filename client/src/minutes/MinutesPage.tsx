import type { MinutesResponse } from '@common-ground/shared/api';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useMarkdownDownload } from '../agreement/useMarkdownDownload';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import type { Locale } from '../i18n/languages';
import { useT } from '../i18n/locale';
import { AttendanceSection } from './AttendanceSection';
import { CommentsSection } from './CommentsSection';
import type { MinutesEdit, RunResult } from './edit';
import { FinaliseSection } from './FinaliseSection';
import { AgendaSection, GoalsSection, MinutesHeader, ObjectionsSection } from './MinutesSections';
import { minutesApi } from './minutesApi';
import { NextStepsEditor, NextStepsView } from './NextStepsSection';
import { useMinutesNames } from './names';
import { useMinutes } from './useMinutes';
import '../agreement/agreement.css';
import './minutes.css';

/**
 * The minutes of one meeting (Sitzungsprotokoll): who was there, what happened to each goal, open objections,
 * next steps, notes and comments; printable on A4 and as Markdown. The facilitator corrects and finalises the draft.
 */
export function MinutesPage({ boardId, meetingId }: { boardId: string; meetingId: string }) {
  const t = useT();
  const remembered = useRememberedBoards((s) => s.boards.find((b) => b.boardId === boardId));
  const token = remembered?.token ?? null;
  const { minutes, board, loadError, change } = useMinutes(boardId, meetingId, token);
  const [announcement, setAnnouncement] = useState<{ text: string; failed: boolean } | null>(null);
  const [working, setWorking] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // Moved on after every change, so the announcement is read even when it repeats the last one.
  const [announced, setAnnounced] = useState(0);
  useEffect(() => {
    if (announced > 0) statusRef.current?.focus();
  }, [announced]);
  // Remounts the next-steps form after a conflict, so it shows what is stored now.
  const [formKey, setFormKey] = useState(0);

  const version = minutes?.version;
  const status = minutes?.status;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version or status is a new file to fetch
  const loadMarkdown = useCallback(
    (locale: Locale) => minutesApi.markdown(boardId, token ?? '', meetingId, locale),
    [boardId, meetingId, token, version, status],
  );
  const markdownUrl = useMarkdownDownload(minutes && token ? loadMarkdown : null);

  useEffect(() => {
    if (minutes) document.title = `${t('minutes.heading')} – ${minutes.content.meeting.title}`;
  }, [minutes, t]);

  const run = useCallback(
    async (write: (token: string) => Promise<MinutesResponse>, success: string): Promise<RunResult> => {
      if (working) return 'failed';
      setWorking(true);
      const result = await change(write);
      setWorking(false);
      setAnnouncement(
        result.ok ? { text: success, failed: false } : { text: t(result.message), failed: true },
      );
      setAnnounced((n) => n + 1);
      if (result.ok) return 'done';
      return result.message === 'minutes.conflict' || result.message === 'minutes.conflictFinal'
        ? 'conflict'
        : 'failed';
    },
    [change, working, t],
  );
  const actions = useMemo(
    (): MinutesEdit => ({ boardId, meetingId, working, run }),
    [boardId, meetingId, working, run],
  );

  const role = board?.me.role;
  const draft = minutes?.status === 'draft';
  const edit = role === 'facilitator' && draft ? actions : null;
  const comment = (role === 'facilitator' || role === 'partner') && draft ? actions : null;

  const toolbar = (
    <>
      <Link href={`/b/${boardId}`} className="button subtle">
        {t('agreement.backToBoard')}
      </Link>
      {minutes && (
        <button type="button" className="button secondary" onClick={() => window.print()} data-testid="print">
          {t('agreement.print')}
        </button>
      )}
      {markdownUrl && (
        <a
          className="button secondary"
          href={markdownUrl}
          download={`protokoll-${meetingId}.md`}
          data-testid="markdown-download"
        >
          {t('agreement.markdown')}
        </a>
      )}
    </>
  );

  return (
    <Shell actions={toolbar}>
      <div className="page agreement minutes" data-testid="minutes-page">
        {!token && <p className="alert">{t('board.noAccessText')}</p>}
        {loadError && (
          <p className="alert" role="alert" data-testid="minutes-load-error">
            {t(loadError)}
          </p>
        )}
        {token && !(minutes && board) && !loadError && <p role="status">{t('minutes.loading')}</p>}
        <p
          className={
            announcement ? `alert screen-only${announcement.failed ? '' : ' info'}` : 'visually-hidden'
          }
          role="status"
          tabIndex={-1}
          ref={statusRef}
          data-testid="minutes-status"
        >
          {announcement?.text ?? ''}
        </p>
        {minutes && board && (
          <MinutesDocument
            minutes={minutes}
            board={board}
            edit={edit}
            comment={comment}
            readOnly={role === 'observer'}
            formKey={formKey}
            onConflict={() => setFormKey((k) => k + 1)}
          />
        )}
      </div>
    </Shell>
  );
}

function MinutesDocument(props: {
  minutes: MinutesResponse;
  board: NonNullable<ReturnType<typeof useMinutes>['board']>;
  edit: MinutesEdit | null;
  comment: MinutesEdit | null;
  readOnly: boolean;
  formKey: number;
  onConflict: () => void;
}) {
  const { minutes, board, edit, comment, readOnly, formKey, onConflict } = props;
  const t = useT();
  const names = useMinutesNames(minutes);
  return (
    <article className="agreement-document minutes-document" data-status={minutes.status}>
      <MinutesHeader minutes={minutes} boardTitle={board.title} names={names} />
      {readOnly && minutes.status === 'draft' && (
        <p className="hint screen-only" data-testid="minutes-read-only">
          {t('minutes.readOnly')}
        </p>
      )}
      <AttendanceSection minutes={minutes} board={board} names={names} edit={edit} />
      <AgendaSection minutes={minutes} />
      <GoalsSection minutes={minutes} names={names} />
      <ObjectionsSection minutes={minutes} names={names} />
      <NextStepsView minutes={minutes} names={names} printOnly={edit !== null} />
      {edit && <NextStepsEditor key={formKey} minutes={minutes} edit={edit} onConflict={onConflict} />}
      <CommentsSection minutes={minutes} names={names} comment={comment} />
      {edit && <FinaliseSection minutes={minutes} edit={edit} />}
    </article>
  );
}
