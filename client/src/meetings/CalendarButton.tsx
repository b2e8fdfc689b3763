import { useState } from 'react';
import { useT } from '../i18n/locale';
import { useBoardContext } from '../sync/SessionContext';
import { downloadCalendarFile } from './meetingsApi';

/**
 * "In den Kalender": downloads one calendar file. The button stays focusable while the file loads (aria-disabled,
 * never disabled), so focus does not fall to the page; a failure is said next to it.
 */
export function CalendarButton(props: {
  path: string;
  fileName: string;
  label: string;
  /** The accessible name when the visible label alone does not say what goes into the calendar. */
  ariaLabel?: string;
  testId: string;
  className?: string;
}) {
  const { path, fileName, label, ariaLabel, testId, className = 'button secondary' } = props;
  const t = useT();
  const { token } = useBoardContext();
  const [working, setWorking] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    if (working) return;
    setWorking(true);
    setFailed(false);
    try {
      await downloadCalendarFile(path, token, fileName);
    } catch {
      setFailed(true);
    } finally {
      setWorking(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={className}
        aria-disabled={working || undefined}
        aria-label={ariaLabel}
        onClick={() => void download()}
        data-testid={testId}
      >
        {label}
      </button>
      {failed && (
        <span className="field-error" role="alert">
          {t('meetings.downloadFailed')}
        </span>
      )}
    </>
  );
}
