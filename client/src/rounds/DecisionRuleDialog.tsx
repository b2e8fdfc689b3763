import { DecisionRuleSchema } from '@common-ground/shared/rules';
import { type FormEvent, useId, useState } from 'react';
import { roundsApi } from '../app/api';
import { DialogButton } from '../app/DialogButton';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { percent, ruleSummary } from './ruleText';

const KINDS = ['consent', 'consensus', 'majority'] as const;
type Kind = (typeof KINDS)[number];

export function DecisionRuleButton() {
  const t = useT();
  return (
    <DialogButton
      label={t('rule.button')}
      title={t('rule.heading')}
      testId="rule-button"
      dialogTestId="rule-dialog"
    >
      {(close) => <DecisionRuleForm onDone={close} />}
    </DialogButton>
  );
}

function NumberField(props: {
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <span className="hint" id={`${id}-hint`}>
        {props.hint}
      </span>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        aria-describedby={`${id}-hint`}
        data-testid={props.testId}
      />
    </div>
  );
}

/** The facilitator's choice of rule, in plain words; it applies to rounds opened afterwards. */
function DecisionRuleForm({ onDone }: { onDone: () => void }) {
  const t = useT();
  const id = useId();
  const { boardId, token } = useBoardContext();
  const current = useBoard((s) => s.decisionRule);
  const [kind, setKind] = useState<Kind>(current.kind);
  const [quorum, setQuorum] = useState(percent(current.quorum));
  const [maxStandAsides, setMaxStandAsides] = useState(
    current.kind === 'consensus' ? current.maxStandAsides : 0,
  );
  const [threshold, setThreshold] = useState(current.kind === 'majority' ? percent(current.threshold) : 50);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const candidate = DecisionRuleSchema.safeParse(
    kind === 'consent'
      ? { kind, quorum: quorum / 100 }
      : kind === 'consensus'
        ? { kind, quorum: quorum / 100, maxStandAsides }
        : { kind, quorum: quorum / 100, threshold: threshold / 100 },
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!candidate.success) return setError('rule.invalid');
    setBusy(true);
    setError(null);
    try {
      await roundsApi.setDecisionRule(boardId, token, { rule: candidate.data });
      onDone();
    } catch (failure) {
      setError(errorMessageKey(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="rule-form">
      <p className="hint">{t('rule.intro')}</p>
      <p>
        <strong>{t('rule.current')}</strong> {ruleSummary(current, t)}
      </p>
      <fieldset>
        <legend>{t('rule.kind')}</legend>
        {KINDS.map((value) => (
          <label key={value} className="choice rich">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === value}
              onChange={() => setKind(value)}
              data-testid={`rule-${value}`}
            />
            <span>
              <strong>{t(`rule.${value}.name`)}</strong>
              <span className="hint">{t(`rule.${value}.explain`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <NumberField
        label={t('rule.quorum')}
        hint={t('rule.quorumHint')}
        value={quorum}
        min={1}
        max={100}
        onChange={setQuorum}
        testId="rule-quorum"
      />
      {kind === 'consensus' && (
        <NumberField
          label={t('rule.maxStandAsides')}
          hint={t('rule.maxStandAsidesHint')}
          value={maxStandAsides}
          min={0}
          max={50}
          onChange={setMaxStandAsides}
          testId="rule-max-stand-asides"
        />
      )}
      {kind === 'majority' && (
        <NumberField
          label={t('rule.threshold')}
          hint={t('rule.thresholdHint')}
          value={threshold}
          min={1}
          max={100}
          onChange={setThreshold}
          testId="rule-threshold"
        />
      )}
      {candidate.success && <p className="alert info">{ruleSummary(candidate.data, t)}</p>}
      {error && (
        <p className="alert" role="alert">
          {t(error)}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy} data-testid="rule-save">
          {t('rule.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('board.cancel')}
        </button>
      </div>
    </form>
  );
}
