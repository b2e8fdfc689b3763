import type { WriterIdentities } from '../rooms/writerIdentities';
import type { RoundService } from '../rounds/service';
import type { DocumentLog } from '../storage/types';
import type { Extension } from './extension';

/** Marks the log entries a load had to skip, so that the next loads skip them quietly and the health check counts them. */
export const quarantineMarks = (
  log: Pick<DocumentLog, 'quarantineUpdates'>,
  now: () => number,
): Extension => ({
  name: 'quarantine marks',
  onQuarantine: ({ docKey, entries }) => log.quarantineUpdates(docKey, entries, now()),
});

/** An open round whose goal's wording changed on the board is closed (RoundService.checkWording). */
export const roundWording = (rounds: Pick<RoundService, 'checkWording'>): Extension => ({
  name: 'round wording',
  onChange: ({ kind, boardId, doc }) => (kind === 'board' ? rounds.checkWording(boardId, doc) : undefined),
});

/** Every change of roles and memberships rewrites the record: the write permissions re-read them. */
export const writePermissions = (identities: Pick<WriterIdentities, 'refresh'>): Extension => ({
  name: 'write permissions',
  onChange: ({ kind, boardId }) => {
    if (kind === 'record') identities.refresh(boardId);
  },
});
