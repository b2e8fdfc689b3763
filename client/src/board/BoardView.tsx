import { canWrite } from '@common-ground/shared/api';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError } from '../app/apiError';
import { ConfirmDialog, Dialog } from '../app/Dialog';
import { errorMessageKey } from '../app/errorMessage';
import { Hyphenated } from '../app/hyphenation';
import { useRememberedBoards } from '../app/rememberedBoards';
import { Shell } from '../app/Shell';
import { BetweenMeetings } from '../catchup/BetweenMeetings';
import { ConfirmationList } from '../facilitation/ConfirmationList';
import { FacilitationPanel } from '../facilitation/FacilitationPanel';
import { MoveDeviceButton } from '../facilitation/MoveDeviceButton';
import { PeopleButton } from '../facilitation/PeopleButton';
import { peopleApi } from '../facilitation/peopleApi';
import { SessionBar } from '../facilitation/SessionBar';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { LifecycleBanner } from '../lifecycle/LifecycleBanner';
import { useReadOnlyBoard } from '../lifecycle/useReadOnlyBoard';
import { MailButton } from '../mail/MailButton';
import { MeetingsButton } from '../meetings/NextMeeting';
import { TransparencyLinks } from '../network/TransparencyFrame';
import { PhoneRound } from '../phone/PhoneRound';
import { PrivacyFooter } from '../privacy/PrivacyFooter';
import { HealthSummary } from '../process/HealthSummary';
import { ProcessStepper } from '../process/ProcessStepper';
import { PlainConnectionNote } from '../pwa/PlainConnectionNote';
import { DecisionRuleButton } from '../rounds/DecisionRuleDialog';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { ConnectionStatus, Presence } from './BoardStatus';
import { Columns } from './Columns';
import { FilterPanel, FilterToggle } from './FilterBar';
import { GoalDialog, type GoalFocus } from './GoalDialog';
import { type GoalFilter, NO_FILTER } from './goalFilter';
import { InviteButton } from './InviteDialog';
import { MembershipNotice } from './MembershipNotice';
import { ProposeGoalButton } from './ProposeGoalDialog';
import { RefusalNotice } from './RefusalNotice';
import { UndoButtons } from './UndoButtons';
import { useGoalFilter } from './useGoalFilter';
import { useGoalFromLink } from './useGoalFromLink';
import { WithdrawnGoals } from './WithdrawnGoals';

export function BoardView({ rememberedTitle }: { rememberedTitle: string }) {
  const t = useT();
  const { boardId, role } = useBoardContext();
  const liveTitle = useBoard((s) => s.title);
  const updateTitle = useRememberedBoards((s) => s.updateTitle);
  const [opened, setOpened] = useState<{ goalId: string; focus: GoalFocus } | null>(null);
  const openGoalId = opened?.goalId ?? null;
  const [filter, setFilter] = useState<GoalFilter>(NO_FILTER);
  const filtered = useGoalFilter(filter);
  const [filterOpen, setFilterOpen] = useState(false);
  const filterId = useId();
  // Archived or waiting for its deletion: nobody changes it, whatever their role (the server refuses it too).
  const readOnlyBoard = useReadOnlyBoard();
  const editable = canWrite(role) && !readOnlyBoard;
  const title = liveTitle || rememberedTitle;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Stable, because every goal card gets it and the cards are memoized.
  const openGoal = useCallback(
    (goalId: string, focus: GoalFocus = 'goal') => setOpened({ goalId, focus }),
    [],
  );

  useGoalFromLink(openGoal);
  useEffect(() => updateTitle(boardId, liveTitle), [updateTitle, boardId, liveTitle]);
  // Arriving from the landing or join page, focus was on a form that is gone: the board's name takes it.
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  const closeGoal = () => {
    const goalId = openGoalId;
    setOpened(null);
    // The card may have moved to another column while open; return focus to it there.
    if (goalId) {
      document
        .querySelector<HTMLElement>(`[data-goal-id="${CSS.escape(goalId)}"] [data-testid="goal-open"]`)
        ?.focus();
    }
  };

  return (
    <Shell
      actions={
        <>
          {role === 'facilitator' && !readOnlyBoard && <InviteButton />}
          {role === 'facilitator' && <PeopleButton />}
          <MailButton />
          <MoveDeviceButton />
          <LeaveBoardButton />
        </>
      }
    >
      <div className="board-page">
        <div className="board-header">
          <div className="board-heading">
            {/* The plain title as its name: Chromium keeps soft hyphens in a name taken from the text. */}
            <h1 ref={headingRef} tabIndex={-1} dir="auto" data-testid="board-title" aria-label={title}>
              <Hyphenated text={title} />
            </h1>
            <ConnectionStatus />
          </div>
          <Presence />
        </div>
        <LifecycleBanner />
        <RefusalNotice boardId={boardId} />
        <MembershipNotice />
        {!readOnlyBoard && <ConfirmationList />}
        <ProcessStepper />
        <SessionBar onOpen={(goalId) => setOpened({ goalId, focus: 'goal' })} />
        <PhoneRound />
        <PlainConnectionNote />
        {!canWrite(role) && (
          <p className="alert info" data-testid="read-only-note">
            {t('board.readOnly')}
          </p>
        )}
        <div className="board-toolbar">
          <h2 className="visually-hidden">{t('board.heading')}</h2>
          {editable && <ProposeGoalButton />}
          {editable && <UndoButtons />}
          <FilterToggle
            panelId={filterId}
            open={filterOpen}
            onToggle={() => setFilterOpen(!filterOpen)}
            active={filtered.visible !== null}
          />
          {role === 'facilitator' && !readOnlyBoard && <DecisionRuleButton />}
          <MeetingsButton />
          <Link href={`/b/${boardId}/agreement`} className="button secondary" data-testid="agreement-link">
            {t('agreement.link')}
          </Link>
          <TransparencyLinks />
          {role === 'observer' && (
            <Link href={`/b/${boardId}/present`} className="button secondary" data-testid="present-link">
              {t('table.present')}
            </Link>
          )}
        </div>
        {role === 'facilitator' && <FacilitationPanel />}
        {role === 'facilitator' && <HealthSummary />}
        <BetweenMeetings onOpen={(goalId, focus) => setOpened({ goalId, focus })} />
        <FilterPanel
          id={filterId}
          open={filterOpen}
          filter={filter}
          onChange={setFilter}
          hidden={filtered.hidden}
          total={filtered.total}
          editable={editable}
        />
        <WithdrawnGoals />
        <Columns editable={editable} onOpen={openGoal} visible={filtered.visible} />
        <GoalDialog
          goalId={openGoalId}
          focus={opened?.focus ?? 'goal'}
          editable={editable}
          onClose={closeGoal}
        />
        <PrivacyFooter />
      </div>
    </Shell>
  );
}

/**
 * Leaving ends this device's token on the server first (the person's other devices stay), then the device forgets
 * the board. The server refuses it for the last facilitator's last device, and the person reads why; a token the
 * server no longer knows has nothing left to end.
 */
function LeaveBoardButton() {
  const t = useT();
  const { boardId, token } = useBoardContext();
  const forget = useRememberedBoards((s) => s.forget);
  const [, navigate] = useLocation();
  const [asking, setAsking] = useState(false);
  const [refusal, setRefusal] = useState<MessageKey | null>(null);
  const leave = async () => {
    setAsking(false);
    setRefusal(null);
    try {
      await peopleApi.leave(boardId, token);
    } catch (caught) {
      const ended =
        caught instanceof ApiError && caught.failure.kind === 'http' && caught.failure.status === 401;
      if (!ended) {
        const lastFacilitator =
          caught instanceof ApiError &&
          caught.failure.kind === 'http' &&
          caught.failure.code === 'last_facilitator';
        setRefusal(lastFacilitator ? 'leave.lastFacilitator' : errorMessageKey(caught));
        return;
      }
    }
    navigate('/');
    forget(boardId);
  };
  return (
    <>
      <button
        type="button"
        className="button subtle"
        onClick={() => setAsking(true)}
        data-testid="leave-board"
      >
        {t('board.leave')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('board.leaveHeading')}
        text={t('board.leaveText')}
        confirmLabel={t('board.leaveConfirm')}
        onCancel={() => setAsking(false)}
        onConfirm={() => void leave()}
        testId="leave-dialog"
      />
      <Dialog
        open={refusal !== null}
        onClose={() => setRefusal(null)}
        title={t('board.leave')}
        testId="leave-refused"
      >
        <p role="alert">{refusal && t(refusal)}</p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setRefusal(null)}>
            {t('board.close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
