import { useT } from '../i18n/locale';
import { useBoard } from '../sync/SessionContext';

/** Who is connected, per partner organisation, in the neutral order of names; a filled or empty mark, and words. */
export function PartnerPresence() {
  const t = useT();
  const partners = useBoard((s) => s.partners);
  const participants = useBoard((s) => s.participants);
  const online = useBoard((s) => s.online);
  const onlineIds = new Set(online.map((p) => p.participantId));
  if (partners.length === 0) return null;
  return (
    <section className="present-presence" aria-label={t('present.presence')} data-testid="present-presence">
      <ul>
        {partners.map((partner) => {
          const count = participants.filter((p) => p.partnerId === partner.id && onlineIds.has(p.id)).length;
          return (
            <li
              key={partner.id}
              className={count > 0 ? 'is-online' : 'is-offline'}
              data-testid="present-partner"
              data-online={count}
            >
              <span className="present-presence-mark" aria-hidden="true">
                {count > 0 ? '●' : '○'}
              </span>
              <bdi className="present-presence-name">{partner.name}</bdi>{' '}
              <span className="present-presence-count">
                {count > 0 ? t('present.connected', { count }) : t('present.notConnected')}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
