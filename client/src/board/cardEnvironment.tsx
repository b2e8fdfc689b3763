import type { Role } from '@common-ground/shared/api';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Locale } from '../i18n/detect';
import { useLocale, useT } from '../i18n/locale';
import type { Translate } from '../i18n/translate';
import { useBoardContext } from '../sync/SessionContext';
import { useMyPartnerId, usePartnerNames } from './lookups';

/** What every card reads that is the same for the whole board. */
export interface CardEnvironment {
  readonly t: Translate;
  readonly locale: Locale;
  readonly role: Role;
  readonly myPartnerId: string | null;
  readonly partnerNames: ReadonlyMap<string, string>;
}

const CardEnvironmentContext = createContext<CardEnvironment | null>(null);

/**
 * Read once for all cards: each of a board's hundreds of cards subscribing to the stores itself cost one
 * subscription per store and card, set up when the board first renders and run on every change.
 */
export function CardEnvironmentProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const { role } = useBoardContext();
  const myPartnerId = useMyPartnerId();
  const partnerNames = usePartnerNames();
  const value = useMemo(
    () => ({ t, locale, role, myPartnerId, partnerNames }),
    [t, locale, role, myPartnerId, partnerNames],
  );
  return <CardEnvironmentContext.Provider value={value}>{children}</CardEnvironmentContext.Provider>;
}

export function useCardEnvironment(): CardEnvironment {
  const environment = useContext(CardEnvironmentContext);
  if (!environment) throw new Error('cards need a CardEnvironmentProvider');
  return environment;
}
