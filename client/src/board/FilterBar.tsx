import { STAGES, type Stage } from '@common-ground/shared/schema';
import { useMemo } from 'react';
import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';
import { type GoalFilter, isFiltering, NO_FILTER } from './goalFilter';

/** The "Filter" button of the board's toolbar: opens the filter fields (FilterPanel) below it. */
export function FilterToggle({
  panelId,
  open,
  onToggle,
  active,
}: {
  panelId: string;
  open: boolean;
  onToggle: () => void;
  /** A filter is on (shown in bold, also while the fields are folded away). */
  active: boolean;
}) {
  const t = useT();
  return (
    <button
      type="button"
      className={`button secondary filter-toggle${active ? ' is-active' : ''}`}
      aria-expanded={open}
      aria-controls={panelId}
      onClick={onToggle}
      data-testid="filter-toggle"
    >
      {t('filter.toggle')}
    </button>
  );
}

/**
 * Text, stage and organisation filters for this device only (never synced: each person looks for their own).
 * The fields fold away behind the toolbar's "Filter" button, so the goals stay on the first screen; while a filter
 * is on, the count of hidden goals stays visible either way.
 */
export function FilterPanel({
  id,
  open,
  filter,
  onChange,
  hidden,
  total,
  editable,
}: {
  id: string;
  open: boolean;
  filter: GoalFilter;
  onChange: (filter: GoalFilter) => void;
  hidden: number;
  total: number;
  /** Whether this person could drag goals, and so needs to know why dragging pauses. */
  editable: boolean;
}) {
  const t = useT();
  const partners = useBoard((s) => s.partners);
  const sortedPartners = useMemo(
    () => [...partners].sort((a, b) => a.name.localeCompare(b.name)),
    [partners],
  );
  const filtering = isFiltering(filter);

  return (
    <section className="filter-bar" aria-labelledby={`${id}-heading`} data-testid="filter-bar">
      <h2 id={`${id}-heading`} className="visually-hidden">
        {t('filter.heading')}
      </h2>
      <div id={id} className="filter-fields" hidden={!open}>
        <label className="filter-field filter-text">
          <span>{t('filter.text')}</span>
          <input
            type="search"
            value={filter.text}
            onChange={(event) => onChange({ ...filter, text: event.target.value })}
            data-testid="filter-text"
          />
        </label>
        <label className="filter-field">
          <span>{t('filter.stage')}</span>
          <select
            value={filter.stage ?? ''}
            onChange={(event) => onChange({ ...filter, stage: (event.target.value || null) as Stage | null })}
            data-testid="filter-stage"
          >
            <option value="">{t('filter.anyStage')}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stage.${stage}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('filter.partner')}</span>
          <select
            value={filter.partnerId ?? ''}
            onChange={(event) => onChange({ ...filter, partnerId: event.target.value || null })}
            data-testid="filter-partner"
          >
            <option value="">{t('filter.anyPartner')}</option>
            {sortedPartners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button subtle"
          aria-disabled={!filtering}
          onClick={() => filtering && onChange(NO_FILTER)}
          data-testid="filter-clear"
        >
          {t('filter.clear')}
        </button>
      </div>
      <p className="filter-summary" role="status" data-testid="filter-summary">
        {filtering && t('filter.hidden', { hidden, total })}
        {filtering && editable && <span className="filter-note"> {t('filter.noDrag')}</span>}
      </p>
    </section>
  );
}
