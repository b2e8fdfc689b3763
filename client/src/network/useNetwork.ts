import type {
  NetworkResponse,
  Partner,
  PartnerPosition,
  PartnerProfile,
  Relation,
} from '@common-ground/shared/api';
import { useMemo } from 'react';
import { type Loaded, useBoardChanges, useRefreshing } from '../activity/useRefreshing';
import { transparencyApi } from '../app/api';
import { useBoard, useBoardContext } from '../sync/SessionContext';

export interface NetworkView {
  /** In a neutral order: by name. */
  readonly partners: readonly Partner[];
  readonly profiles: ReadonlyMap<string, PartnerProfile>;
  /** Only relations between partners on the board. */
  readonly relations: readonly Relation[];
  readonly positions: ReadonlyMap<string, PartnerPosition>;
  readonly goalTitles: ReadonlyMap<string, string>;
  readonly server: Loaded<NetworkResponse>;
}

const byName = (a: Partner, b: Partner) => a.name.localeCompare(b.name, 'de');

/**
 * Partners, profiles and relations live from the record document; the positions (who proposed what, by the
 * server's log) from the API, reloaded a moment after the board changes.
 */
export function useNetwork(): NetworkView {
  const { boardId, token } = useBoardContext();
  const livePartners = useBoard((s) => s.partners);
  const liveProfiles = useBoard((s) => s.profiles);
  const liveRelations = useBoard((s) => s.relations);
  const version = useBoardChanges();
  const server = useRefreshing(() => transparencyApi.network(boardId, token), `${boardId}:${version}`);
  const data = server.data;

  return useMemo(() => {
    const partners = [...livePartners].sort(byName);
    const ids = new Set(partners.map((p) => p.id));
    const profiles = new Map<string, PartnerProfile>();
    for (const p of data?.partners ?? []) if (p.profile) profiles.set(p.id, p.profile);
    for (const [id, profile] of Object.entries(liveProfiles)) profiles.set(id, profile);
    return {
      partners,
      profiles,
      relations: liveRelations.filter((r) => ids.has(r.from) && ids.has(r.to)),
      positions: new Map((data?.partners ?? []).map((p) => [p.id, p.position])),
      goalTitles: new Map((data?.goals ?? []).map((g) => [g.id, g.title])),
      server,
    };
  }, [livePartners, liveProfiles, liveRelations, data, server]);
}
