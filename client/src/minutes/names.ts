import type { MinutesResponse } from '@common-ground/shared/api';
import { useMemo } from 'react';
import { useT } from '../i18n/locale';

/** Names for the ids in the minutes, as they are now; a name the response lacks reads "unknown", never an id. */
export interface MinutesNames {
  readonly person: (participantId: string | null) => string;
  readonly partner: (partnerId: string | null) => string;
}

export function useMinutesNames(minutes: MinutesResponse): MinutesNames {
  const t = useT();
  return useMemo(() => {
    const people = new Map(minutes.people.map((p) => [p.id, p.name]));
    const partners = new Map(minutes.partners.map((p) => [p.id, p.name]));
    return {
      person: (id) => (id ? people.get(id) : undefined) ?? t('minutes.unknownPerson'),
      partner: (id) => (id ? (partners.get(id) ?? t('tally.unknownPartner')) : t('agreement.anonymous')),
    };
  }, [minutes.people, minutes.partners, t]);
}
