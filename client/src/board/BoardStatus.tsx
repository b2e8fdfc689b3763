import { useT } from '../i18n/locale';
import { useOffline } from '../sync/offlineHooks';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { initials, usePeople } from './lookups';

/**
 * Always visible and calm: one short line, announced politely when it changes. With a copy of the board on this
 * device, a server that cannot be reached is "offline" from the first failed attempt, not "connecting".
 */
export function ConnectionStatus() {
  const t = useT();
  const connection = useBoard((s) => s.connection.status);
  const unsent = useOffline((s) => s.unsent);
  const allSent = useOffline((s) => s.allSent);
  const localOnly = useOffline((s) => s.localCopy && s.unreachable);
  const status = connection === 'connecting' && localOnly ? 'offline' : connection;
  const pending = unsent > 0;
  const label =
    status === 'connecting'
      ? t('board.status.connecting')
      : status === 'offline'
        ? pending
          ? t('offline.unsent', { count: unsent })
          : t('board.status.offlineSaved')
        : pending
          ? t('board.status.sending')
          : allSent
            ? t('offline.allSent')
            : t('board.status.live');
  return (
    <p
      className={`connection-status status-${status}`}
      role="status"
      data-testid="connection-status"
      data-status={status}
      data-pending={pending}
      data-unsent={unsent}
    >
      <span className="status-dot" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Who is here now, in the neutral order of names; each person with initials and name, never colour alone. */
export function Presence() {
  const t = useT();
  const online = useBoard((s) => s.online);
  const people = usePeople();
  const { session } = useBoardContext();
  const onlineIds = new Set(online.map((p) => p.participantId));
  const present = [...people.values()].filter((person) => onlineIds.has(person.participant.id));
  return (
    <section className="presence" aria-label={t('board.presenceLabel')} data-testid="presence">
      <span className="presence-count">{t('board.presenceCount', { count: present.length })}</span>
      <ul className="presence-list">
        {present.map(({ participant, partner }) => (
          <li
            key={participant.id}
            className="presence-person"
            data-testid="presence-person"
            data-participant-id={participant.id}
          >
            <span className="avatar" style={{ backgroundColor: participant.color }} aria-hidden="true">
              {initials(participant.name)}
            </span>
            <span className="presence-name">
              <bdi>{participant.name}</bdi>
              {participant.id === session.participantId && <> {t('board.you')}</>}
              {partner && <bdi className="presence-partner">{partner.name}</bdi>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
