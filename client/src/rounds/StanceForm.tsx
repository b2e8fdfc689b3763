import { type LinkedStance, MAX_REASON_CHARS } from '@common-ground/shared/api';
import { STANCES, type Stance } from '@common-ground/shared/rules';
import { type FormEvent, useId, useRef, useState } from 'react';
import { roundsApi } from '../app/api';
import { Checkbox, Field } from '../app/Field';
import { useLocale, useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { formatDateTime, formatDay } from './format';
import { StanceIcon } from './StanceIcon';
import { useRoundAction } from './useRoundAction';

const needsReason = (stance: Stance | null) => stance === 'concerns' || stance === 'object';

/**
 * One partner's stance on the frozen wording. For the facilitator recording a stance on behalf of a partner,
 * `onBehalfOf` names that partner; the record marks such stances as recorded by the facilitator.
 */
export function StanceForm(props: {
  roundId: string;
  current: LinkedStance | undefined;
  onBehalfOf?: { partnerId: string; name: string };
  onDone?: () => void;
}) {
  const { roundId, current, onBehalfOf } = props;
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const [stance, setStance] = useState<Stance | null>(current?.stance ?? null);
  const [reason, setReason] = useState(current?.reason ?? '');
  const [provisional, setProvisional] = useState(current?.provisional !== undefined);
  const [until, setUntil] = useState('');
  const [problem, setProblem] = useState<'stance' | 'reason' | 'until' | null>(null);
  const [saved, setSaved] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { busy, error, run } = useRoundAction();
  // Refused while offline (never queued): a stance is a decision, and sending it later could surprise.
  const offline = useBoard((s) => s.connection.status === 'offline');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (offline) return;
    if (!stance) return setProblem('stance');
    if (needsReason(stance) && !reason.trim()) {
      setProblem('reason');
      reasonRef.current?.focus();
      return;
    }
    // The organisation decides by the end of that day, in the person's own time zone.
    const untilMs = until ? new Date(`${until}T23:59:59`).getTime() : Number.NaN;
    if (provisional && !Number.isFinite(untilMs)) return setProblem('until');
    setProblem(null);
    const round = await run(() =>
      roundsApi.stance(boardId, token, roundId, {
        stance,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        ...(provisional ? { provisional: { until: untilMs } } : {}),
        ...(onBehalfOf ? { onBehalfOfPartnerId: onBehalfOf.partnerId } : {}),
      }),
    );
    if (round) {
      setSaved(true);
      props.onDone?.();
    }
  };

  const reasonHintId = `${id}-reason-hint`;
  return (
    <form className="stance-form" onSubmit={submit} noValidate data-testid="stance-form">
      {current && (
        <p className="alert info" data-testid="current-stance">
          {t('stance.current', {
            stance: t(`stance.${current.stance}`),
            date: formatDateTime(current.at, locale),
          })}{' '}
          {current.provisional &&
            t('stance.currentProvisional', { date: formatDateTime(current.provisional.until, locale) })}{' '}
          {t('stance.changeable')}
        </p>
      )}
      <fieldset>
        <legend>
          {onBehalfOf ? t('stance.legendFor', { partner: onBehalfOf.name }) : t('stance.legend')}
        </legend>
        {problem === 'stance' && (
          <p className="field-error" role="alert">
            {t('stance.choose')}
          </p>
        )}
        <div className="stance-options">
          {STANCES.map((value) => (
            <label key={value} className={`stance-option stance-${value}`} data-testid={`stance-${value}`}>
              <input
                type="radio"
                name={`${id}-stance`}
                value={value}
                checked={stance === value}
                onChange={() => setStance(value)}
              />
              <StanceIcon stance={value} size={24} />
              <span>
                <strong>{t(`stance.${value}`)}</strong>
                <span className="stance-hint">{t(`stanceHint.${value}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id={`${id}-reason`}
        label={
          <>
            {t('stance.reason')}{' '}
            <span className="label-note">
              {needsReason(stance) ? t('stance.reasonRequired') : t('stance.reasonOptional')}
            </span>
          </>
        }
        hint={t('stance.reasonHint')}
        error={problem === 'reason' && stance && t('stance.reasonMissing', { stance: t(`stance.${stance}`) })}
        errorTestId="reason-error"
      >
        <textarea
          id={`${id}-reason`}
          ref={reasonRef}
          rows={4}
          maxLength={MAX_REASON_CHARS}
          dir="auto"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={problem === 'reason' ? true : undefined}
          aria-describedby={reasonHintId}
          data-testid="stance-reason"
        />
      </Field>
      <Checkbox
        checked={provisional}
        onChange={setProvisional}
        label={t('stance.provisional')}
        testId="stance-provisional"
      />
      {provisional && (
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('stance.provisionalUntil')}</label>
          {problem === 'until' && (
            <span className="field-error" role="alert">
              {t('stance.provisionalUntilMissing')}
            </span>
          )}
          <input
            id={`${id}-until`}
            type="date"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            aria-invalid={problem === 'until' ? true : undefined}
            data-testid="stance-until"
          />
          {until && <span className="hint">{formatDay(until, locale)}</span>}
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      {offline && (
        <p className="alert" role="alert" data-testid="stance-offline">
          {t('stance.offline')}
        </p>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button stance-submit"
          disabled={busy || offline}
          data-testid="stance-submit"
        >
          {busy ? t('stance.sending') : current ? t('stance.change') : t('stance.submit')}
        </button>
      </div>
      <p role="status" className="saved-note">
        {saved ? t('stance.saved') : ''}
      </p>
    </form>
  );
}
