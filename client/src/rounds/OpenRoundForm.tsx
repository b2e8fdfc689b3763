import { ROUND_VISIBILITIES, type RoundVisibility } from '@common-ground/shared';
import { type FormEvent, useId, useState } from 'react';
import { roundsApi } from '../app/api';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { ruleSummary } from './ruleText';
import { useRoundAction } from './useRoundAction';

/** The facilitator opens a round on the goal's current wording. */
export function OpenRoundForm({ goalId }: { goalId: string }) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const rule = useBoard((s) => s.decisionRule);
  const [visibility, setVisibility] = useState<RoundVisibility>('open');
  const [deadline, setDeadline] = useState('');
  const [autoClose, setAutoClose] = useState(false);
  const { busy, error, run } = useRoundAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // datetime-local has no time zone: the browser reads it as local time, which is what the person meant.
    const deadlineMs = deadline ? new Date(deadline).getTime() : undefined;
    void run(() =>
      roundsApi.open(boardId, token, {
        goalId,
        visibility,
        autoClose,
        ...(deadlineMs && Number.isFinite(deadlineMs) ? { deadline: deadlineMs } : {}),
      }),
    );
  };

  return (
    <form className="open-round" onSubmit={submit} data-testid="open-round-form">
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
      <div className="field">
        <label htmlFor={`${id}-deadline`}>{t('round.deadline')}</label>
        <span className="hint" id={`${id}-deadline-hint`}>
          {t('round.deadlineHint')}
        </span>
        <input
          id={`${id}-deadline`}
          type="datetime-local"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          aria-describedby={`${id}-deadline-hint`}
          data-testid="round-deadline"
        />
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={autoClose}
          onChange={(e) => setAutoClose(e.target.checked)}
          data-testid="round-autoclose"
        />
        {t('round.autoClose')}
      </label>
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy} data-testid="open-round-submit">
          {busy ? t('round.opening') : t('round.open')}
        </button>
      </div>
    </form>
  );
}
