import * as Y from 'yjs';
import { hashToken, newToken } from '../auth/secrets';
import { boardDocKey, recordDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import { ArchiveCollision, type DocumentDump, type Storage } from '../storage/types';
import { type ArchiveFile, ArchiveRefusal, buildArchive, readArchive } from './format';
import { type ArchiveLimits, verifyArchive } from './verify';

/** The state a server loads: the snapshot and every entry after it that is not quarantined. */
function loadedState(dump: DocumentDump): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  try {
    if (dump.snapshot) Y.applyUpdate(doc, dump.snapshot.state);
    const skipped = new Set(dump.quarantined.map((q) => q.index));
    dump.updates.forEach((u, index) => {
      if (index >= (dump.snapshot?.covers ?? 0) && !skipped.has(index)) Y.applyUpdate(doc, u.data);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A record projection may still be on its way when the dump is read; the export waits and reads again. */
const EXPORT_ATTEMPTS = 3;

export interface ImportResult {
  readonly boardId: string;
  readonly participantId: string;
  readonly token: string;
}

/** The board's archive for download, and an archive's verified import (docs/api.md, "Board archive"). */
export class BoardArchiveService {
  constructor(
    private readonly storage: Storage,
    private readonly rooms: RoomRegistry,
    private readonly limits: ArchiveLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Reads the board in one consistent state after its record was reconciled with the tables (loading it does
   * that), and verifies the archive as an import would before handing it out: a facilitator never downloads an
   * archive another server refuses. Null: no such board.
   */
  async exportBoard(boardId: string, source: string): Promise<ArchiveFile | null> {
    let lastError: unknown = null;
    for (let attempt = 0; attempt < EXPORT_ATTEMPTS; attempt++) {
      // Loading the record projects the tables into it; read() resolves once everything applied is stored.
      await this.rooms.read(recordDocKey(boardId), () => undefined);
      await this.rooms.read(boardDocKey(boardId), () => undefined);
      const dump = await this.storage.boardArchive.dumpBoard(boardId);
      if (!dump) return null;
      const states = { board: loadedState(dump.board), record: loadedState(dump.record) };
      const file = buildArchive(dump, states, source, this.now());
      try {
        // Size limits are the target's business: an exported board always verifies against unlimited ones.
        await verifyArchive(readArchive(JSON.parse(JSON.stringify(file))), { maxDocBytes: Infinity });
        return file;
      } catch (error) {
        if (!(error instanceof ArchiveRefusal)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * Verifies `value` (ArchiveRefusal if anything is off), then stores the board in one transaction with a new
   * token for the chosen facilitator. ArchiveCollision: the board or one of its rows exists here.
   */
  async importArchive(value: unknown, facilitatorId: string | undefined): Promise<ImportResult> {
    const archive = readArchive(value);
    const facilitators = (archive.dump.tables.participants ?? []).filter(
      (p) => p.role === 'facilitator' && p.removed_at === null && p.erased_at === null,
    );
    const chosen =
      facilitatorId === undefined
        ? facilitators.length === 1
          ? facilitators[0]
          : undefined
        : facilitators.find((p) => p.id === facilitatorId);
    if (!chosen || typeof chosen.id !== 'string') {
      throw new ArchiveRefusal(
        'archive_invalid',
        facilitatorId === undefined
          ? 'Say which of the archive’s facilitators you are (?facilitator=<id>)'
          : 'That person is not a facilitator of the archived board',
      );
    }
    if (await this.storage.accounts.getBoard(archive.dump.boardId)) {
      throw new ArchiveCollision('This board exists on this server already');
    }
    await verifyArchive(archive, this.limits);
    const token = newToken();
    await this.storage.boardArchive.importBoard(archive.dump, {
      participantId: chosen.id,
      tokenHash: hashToken(token),
      at: this.now(),
    });
    return { boardId: archive.dump.boardId, participantId: chosen.id, token };
  }
}
