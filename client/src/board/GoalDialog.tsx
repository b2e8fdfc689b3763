import { Limits } from '@common-ground/shared/protocol';
import { type GoalTextField, isStage, STAGES } from '@common-ground/shared/schema';
import { useEffect, useId, useRef } from 'react';
import { GoalHistory } from '../activity/GoalHistory';
import { AmendmentList } from '../amendments/AmendmentList';
import { Dialog } from '../app/Dialog';
import { Hyphenated } from '../app/hyphenation';
import { useLocale, useT } from '../i18n/locale';
import { RoundHistory } from '../rounds/RoundHistory';
import { RoundSection } from '../rounds/RoundSection';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { GoalDiscussion } from './GoalDiscussion';
import { GoalProposer } from './GoalProposer';
import { GoalStructureForm } from './GoalStructureForm';
import { GoalTranslations } from './GoalTranslations';
import { TranslationSwitch, useReaderTranslation, useShowOriginal } from './translations';
import { WithdrawToggle } from './WithdrawnGoals';

/** Which part of the goal the dialog opens at: the whole goal, or straight at its consensus round. */
export type GoalFocus = 'goal' | 'round';

/** One goal, opened from its card: collaborative editing for writers, a plain reading view for observers. */
export function GoalDialog({
  goalId,
  focus,
  editable,
  onClose,
}: {
  goalId: string | null;
  focus: GoalFocus;
  editable: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const goal = useBoard((s) => (goalId ? s.goals.find((g) => g.id === goalId) : undefined));
  const agreed = useBoard((s) => (goalId ? (s.goalRounds[goalId]?.agreed ?? false) : false));
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!goalId || focus !== 'round') return;
    const heading = bodyRef.current?.querySelector<HTMLElement>('[data-testid=round-section] h3');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }, [goalId, focus]);

  return (
    <Dialog
      open={goalId !== null}
      onClose={onClose}
      title={editable ? t('goal.editHeading') : t('goal.viewHeading')}
      testId="goal-dialog"
      wide
    >
      {goalId && !goal && <p role="alert">{t('goal.gone')}</p>}
      {goalId && goal && (
        <div ref={bodyRef} className="goal-dialog-body">
          {editable ? <GoalEditor goalId={goalId} /> : <GoalReader goalId={goalId} />}
          <GoalProposer goalId={goalId} />
          <WithdrawToggle goalId={goalId} />
          <GoalTranslations goalId={goalId} editable={editable} />
          <RoundSection goalId={goalId} />
          <AmendmentList goalId={goalId} />
          {/* Who leads and who commits what is agreed with the wording: it is frozen when the round agrees. */}
          {(agreed || goal.stage === 'ready') && <GoalStructureForm goalId={goalId} editable={editable} />}
          <GoalDiscussion goalId={goalId} editable={editable} />
          <RoundHistory goalId={goalId} />
          <GoalHistory goalId={goalId} />
        </div>
      )}
    </Dialog>
  );
}

function GoalReader({ goalId }: { goalId: string }) {
  const t = useT();
  const goal = useBoard((s) => s.goals.find((g) => g.id === goalId));
  const agreed = useBoard((s) => s.goalRounds[goalId]?.agreed ?? false);
  const translation = useReaderTranslation(goalId, goal, useLocale());
  const [originalShown, toggleOriginal] = useShowOriginal(goalId);
  if (!goal) return null;
  const shown = translation && !originalShown ? translation : goal;
  const lang = translation ? (originalShown ? translation.originalLang : translation.lang) : undefined;
  return (
    <div className="goal-reader">
      {translation && (
        <TranslationSwitch
          t={t}
          translation={translation}
          showingOriginal={originalShown}
          onToggle={toggleOriginal}
        />
      )}
      <h3 className="goal-reader-title" dir="auto" lang={lang}>
        <Hyphenated text={shown.title.trim() || t('goal.untitled')} lang={lang} />
      </h3>
      <p className="badge">
        {t('goal.stageNow', { stage: t(agreed ? 'stage.agreed' : `stage.${goal.stage}`) })}
      </p>
      <p className="goal-reader-description" dir="auto" lang={lang}>
        <Hyphenated text={shown.description.trim() || t('goal.noDescription')} lang={lang} />
      </p>
    </div>
  );
}

function GoalEditor({ goalId }: { goalId: string }) {
  const t = useT();
  const id = useId();
  const { session } = useBoardContext();
  const stage = useBoard((s) => s.goals.find((g) => g.id === goalId)?.stage);
  const roundOpen = useBoard((s) => Boolean(s.goalRounds[goalId]?.open));
  const agreed = useBoard((s) => s.goalRounds[goalId]?.agreed ?? false);

  useEffect(() => () => session.setEditing(null), [session]);
  // The server sets any change back while the round is open; the fields say so instead of taking input.
  const lockedBy = roundOpen ? `${id}-locked` : undefined;

  return (
    <div className="goal-editor">
      <p className="hint">{t('goal.liveHint')}</p>
      {roundOpen && (
        <div className="alert" id={`${id}-locked`} data-testid="edit-during-round">
          <p>{t('goal.editDuringRound')}</p>
          <p>{t('goal.lockedHint')}</p>
        </div>
      )}
      {!roundOpen && agreed && <p className="alert info">{t('goal.editAgreed')}</p>}
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('goal.title')}</label>
        <BoundField id={`${id}-title`} goalId={goalId} field="title" lockedBy={lockedBy} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('goal.description')}</label>
        <BoundField id={`${id}-description`} goalId={goalId} field="description" lockedBy={lockedBy} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-stage`}>{t('goal.moveTo')}</label>
        <select
          id={`${id}-stage`}
          value={stage}
          onChange={(e) => {
            if (isStage(e.target.value)) session.setGoalStage(goalId, e.target.value);
          }}
          data-testid="goal-stage-select"
        >
          {STAGES.map((value) => (
            <option key={value} value={value}>
              {t(`stage.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * An uncontrolled field: its value belongs to the shared text, which the binding keeps in step. `lockedBy` names
 * the element that says why it is read-only (announced with the field).
 */
function BoundField({
  id,
  goalId,
  field,
  lockedBy,
}: {
  id: string;
  goalId: string;
  field: GoalTextField;
  lockedBy: string | undefined;
}) {
  const { session } = useBoardContext();
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = inputRef.current ?? areaRef.current;
    return element ? session.bindTextField(element, goalId, field) : undefined;
  }, [session, goalId, field]);
  const onFocus = () => session.setEditing({ goalId, field });
  const onBlur = () => session.setEditing(null);
  if (field === 'title') {
    return (
      <input
        id={id}
        ref={inputRef}
        type="text"
        maxLength={Limits.maxTitleChars}
        dir="auto"
        readOnly={lockedBy !== undefined}
        aria-describedby={lockedBy}
        onFocus={onFocus}
        onBlur={onBlur}
        data-testid="goal-title-input"
      />
    );
  }
  return (
    <textarea
      id={id}
      ref={areaRef}
      rows={8}
      maxLength={Limits.maxDescriptionChars}
      dir="auto"
      readOnly={lockedBy !== undefined}
      aria-describedby={lockedBy}
      onFocus={onFocus}
      onBlur={onBlur}
      data-testid="goal-description-input"
    />
  );
}
