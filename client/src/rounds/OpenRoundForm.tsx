import { ROUND_VISIBILITIES, type Round, type RoundVisibility } from '@common-ground/shared/api';
import { type FormEvent, useId, useState } from 'react';
import { roundsApi } from '../app/api';
import { Checkbox, Field } from '../app/Field';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { ruleSummary } from './ruleText';
import { useRoundAction } from './useRoundAction';

/** The facilitator opens a round on the goal's current wording; `onOpened` follows once it is open. */
export function OpenRoundForm({ goalId, onOpened }: { goalId: string; onOpened: (round: Round) => void }) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const rule = useBoard((s) => s.decisionRule);
  const [visibility, setVisibility] = useState<RoundVisibility>('open');
  const [deadline, setDeadline] = useState('');
  const [autoClose, setAutoClose] = useState(false);
  const { busy, error, run } = useRoundAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Not disabled while busy: a disabled button would drop the keyboard focus.
    if (busy) return;
    // datetime-local has no time zone: the browser reads it as local time, which is what the person meant.
    const deadlineMs = deadline ? new Date(deadline).getTime() : undefined;
    const round = await run(() =>
      roundsApi.open(boardId, token, {
        goalId,
        visibility,
        autoClose,
        ...(deadlineMs && Number.isFinite(deadlineMs) ? { deadline: deadlineMs } : {}),
      }),
    );
    if (round) onOpened(round);
  };

  return (
    <form className="open-round" onSubmit={(e) => void submit(e)} data-testid="open-round-form">
      <p className="hint">{ruleSummary(rule, t)}</p>
      <fieldset>
        <legend>{t('round.visibility')}</legend>
        {ROUND_VISIBILITIES.map((value) => (
          <label key={value} className="choice rich">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
              data-testid={`visibility-${value}`}
            />
            <span>
              <strong>{t(`visibility.${value}`)}</strong>
              <span className="hint">{t(`visibilityHint.${value}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field id={`${id}-deadline`} label={t('round.deadline')} hint={t('round.deadlineHint')}>
        <input
          id={`${id}-deadline`}
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          aria-describedby={`${id}-deadline-hint`}
          data-testid="round-deadline"
        />
      </Field>
      <Checkbox
        checked={autoClose}
        onChange={setAutoClose}
        label={t('round.autoClose')}
        testId="round-autoclose"
      />
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" aria-disabled={busy} data-testid="open-round-submit">
          {busy ? t('round.opening') : t('round.open')}
        </button>
      </div>
    </form>
  );
}
