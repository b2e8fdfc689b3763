import type { Partner } from '@common-ground/shared/api';
import { mayChangeRelation, mayEditProfile } from '@common-ground/shared/rules';
import { useId, useState } from 'react';
import { BoardPage } from '../board/BoardPage';
import { useMyPartnerId } from '../board/lookups';
import { useT } from '../i18n/locale';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { relationSources } from './access';
import { NetworkMap } from './NetworkMap';
import { PartnerCard } from './PartnerCard';
import { PartnerPosition } from './PartnerPosition';
import { ProfileDialog } from './ProfileDialog';
import { RelationForm } from './RelationForm';
import { RelationList } from './RelationList';
import { TransparencyFrame } from './TransparencyFrame';
import { useNetwork } from './useNetwork';
import './network.css';

/** /b/:boardId/network — the inventory of the local network, its map, and each partner's own position. */
export function NetworkPage({ boardId }: { boardId: string }) {
  return (
    <BoardPage boardId={boardId}>
      <NetworkView />
    </BoardPage>
  );
}

function NetworkView() {
  const t = useT();
  const { role } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const participants = useBoard((s) => s.participants);
  const network = useNetwork();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Partner | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const mapHeading = useId();
  const partnersHeading = useId();
  const relationsHeading = useId();
  const names = new Map(network.partners.map((p) => [p.id, p.name]));
  const personName = (id: string) => participants.find((p) => p.id === id)?.name ?? null;
  const selected = network.partners.find((p) => p.id === selectedId) ?? null;
  const sources = relationSources(role, myPartnerId, network.partners);

  return (
    <TransparencyFrame view="network" heading="network.heading" intro="network.intro">
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {network.partners.length === 0 && <p className="alert info">{t('network.empty')}</p>}
      {network.partners.length > 0 && (
        <section aria-labelledby={mapHeading} className="network-overview">
          <h2 id={mapHeading}>{t('map.heading')}</h2>
          <div className="network-overview-grid">
            <NetworkMap
              partners={network.partners}
              relations={network.relations}
              selectedId={selectedId}
              onSelect={setSelectedId}
            />
            {selected ? (
              <PartnerPosition partner={selected} network={network} onClear={() => setSelectedId(null)} />
            ) : (
              <p className="panel hint position-placeholder">{t('position.choose')}</p>
            )}
          </div>
        </section>
      )}
      <section aria-labelledby={relationsHeading}>
        <h2 id={relationsHeading}>{t('relation.heading')}</h2>
        <p>{t('relation.intro')}</p>
        <h3 className="visually-hidden">{t('map.listHeading')}</h3>
        <RelationList
          relations={network.relations}
          names={names}
          canRemove={(relation) => mayChangeRelation(role, myPartnerId, relation)}
        />
        {sources.length > 0 && network.partners.length < 2 && <p className="hint">{t('relation.needTwo')}</p>}
        {sources.length > 0 && network.partners.length >= 2 && !adding && (
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="relation-add">
            {t('relation.add')}
          </button>
        )}
        {role === 'partner' && sources.length > 0 && <p className="hint">{t('relation.onlyOwn')}</p>}
        {adding && (
          <RelationForm sources={sources} partners={network.partners} onDone={() => setAdding(false)} />
        )}
      </section>
      <section aria-labelledby={partnersHeading}>
        <h2 id={partnersHeading}>{t('network.partnersHeading')}</h2>
        <div className="partner-grid">
          {network.partners.map((partner) => {
            const profile = network.profiles.get(partner.id) ?? null;
            return (
              <PartnerCard
                key={partner.id}
                partner={partner}
                profile={profile}
                own={partner.id === myPartnerId}
                updatedByName={profile ? personName(profile.updatedBy) : null}
                onEdit={mayEditProfile(role, myPartnerId, partner.id) ? () => setEditing(partner) : null}
              />
            );
          })}
        </div>
      </section>
      {editing && (
        <ProfileDialog
          partner={editing}
          profile={network.profiles.get(editing.id) ?? null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('profile.saved'));
          }}
        />
      )}
    </TransparencyFrame>
  );
}
