import type { ReactNode } from 'react';

/**
 * A labelled form field: label, hint (id `${id}-hint`, for the control's aria-describedby) and error above the
 * control, so a screen reader meets them in reading order.
 */
export function Field(props: {
  /** The control's id. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  errorTestId?: string;
  children: ReactNode;
}) {
  const { id, label, hint, error, errorTestId, children } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

/** A labelled checkbox for one yes/no setting. */
export function Checkbox(props: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  testId: string;
  className?: string;
}) {
  const { checked, onChange, label, testId, className } = props;
  return (
    <label className={className ? `choice ${className}` : 'choice'}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}
