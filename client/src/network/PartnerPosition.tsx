import type { Partner } from '@common-ground/shared/api';
import { type ReactNode, useId } from 'react';
import { useT } from '../i18n/locale';
import { relationLine } from './relationText';
import type { NetworkView } from './useNetwork';

/** One partner's own position: its relations, the goals it proposed, leads and supports, and what it commits. */
export function PartnerPosition({
  partner,
  network,
  onClear,
}: {
  partner: Partner;
  network: NetworkView;
  onClear: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const names = new Map(network.partners.map((p) => [p.id, p.name]));
  const position = network.positions.get(partner.id);
  const relations = network.relations.filter((r) => r.from === partner.id || r.to === partner.id);
  const title = (goalId: string) => network.goalTitles.get(goalId)?.trim() || t('goal.untitled');
  return (
    <section className="partner-position panel" aria-labelledby={headingId} data-testid="partner-position">
      <div className="position-header">
        <h3 id={headingId}>{t('position.heading', { partner: partner.name })}</h3>
        <button type="button" className="button subtle" onClick={onClear}>
          {t('position.deselect')}
        </button>
      </div>
      <p className="hint">{t(`kind.${partner.kind}`)}</p>
      <PositionList heading={t('position.relations')} testId="position-relations">
        {relations.map((r) => (
          <li key={r.id}>
            {relationLine(r, names, t)}
            {r.note && <span className="hint"> – {r.note}</span>}
          </li>
        ))}
      </PositionList>
      {!position && network.server.loading && <p className="hint">{t('transparency.loading')}</p>}
      {position && (
        <>
          <PositionList heading={t('position.proposed')} testId="position-proposed">
            {position.proposedGoalIds.map((id) => (
              <li key={id}>{title(id)}</li>
            ))}
          </PositionList>
          <PositionList heading={t('position.leads')} testId="position-leads">
            {position.leadGoalIds.map((id) => (
              <li key={id}>{title(id)}</li>
            ))}
          </PositionList>
          <PositionList heading={t('position.supports')} testId="position-supports">
            {position.supportedGoals.map((g) => (
              <li key={g.goalId}>
                {title(g.goalId)}
                {g.commitment && (
                  <>
                    <br />
                    <span className="hint">{t('position.commitment', { text: g.commitment })}</span>
                  </>
                )}
              </li>
            ))}
          </PositionList>
        </>
      )}
    </section>
  );
}

function PositionList({
  heading,
  testId,
  children,
}: {
  heading: string;
  testId: string;
  children: ReactNode[];
}) {
  const t = useT();
  return (
    <div className="position-group" data-testid={testId}>
      <h4>{heading}</h4>
      {children.length === 0 ? <p className="hint">{t('position.none')}</p> : <ul>{children}</ul>}
    </div>
  );
}
