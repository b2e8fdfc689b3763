import { useT } from '../i18n/locale';

/** The button that opens or closes a compact section; its name says what it opens, its state is aria-expanded. */
export function ExpandToggle({
  expanded,
  onToggle,
  controls,
  label,
  testId,
}: {
  expanded: boolean;
  onToggle: () => void;
  controls: string;
  label: string;
  testId: string;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className="button subtle expand-toggle"
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
      data-testid={testId}
    >
      <span aria-hidden="true">{expanded ? '▴' : '▾'}</span>{' '}
      <span className="expand-toggle-word">{expanded ? t('expand.less') : t('expand.more')}</span>
      <span className="visually-hidden">: {label}</span>
    </button>
  );
}
