import { writeRecordEntries } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { hashToken, newToken } from '../auth/secrets';
import { recordEntries } from '../record/entries';
import type { BoardDump, DocumentDump } from '../storage/parts/boardArchive';
import { SqliteStorage } from '../storage/sqlite/sqliteStorage';
import { ArchiveRefusal, type ReadArchive } from './format';

/** The limits an archive must keep on this server. */
export interface ArchiveLimits {
  /** MAX_DOC_BYTES: neither document's state may be larger. */
  readonly maxDocBytes: number;
}

const inconsistent = (message: string) => new ArchiveRefusal('archive_inconsistent', message);

/** Applies updates to a fresh document; refuses one that throws or leaves anything pending. */
function replay(what: string, base: Uint8Array | null, updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  try {
    if (base) Y.applyUpdate(doc, base);
    for (const update of updates) Y.applyUpdate(doc, update);
  } catch {
    doc.destroy();
    throw inconsistent(`${what}: an entry cannot be applied`);
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    throw inconsistent(`${what}: an entry builds on something the log does not have`);
  }
  return doc;
}

/** JSON with sorted keys: two maps with the same entries in another insertion order are equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The same document: the same insertions and deletions (state vector and delete set) and the same content. The
 * content matters because a forged snapshot could reuse the ids of the log's insertions with other text. Every
 * root of both documents is a map in this schema.
 */
function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  if (!Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))) return false;
  const roots = new Set([...a.share.keys(), ...b.share.keys()]);
  for (const name of roots) {
    if (canonical(a.getMap(name).toJSON()) !== canonical(b.getMap(name).toJSON())) return false;
  }
  return true;
}

/**
 * The document the log gives, checked three ways: the whole log replayed from its first entry (a compacted
 * record's log starts at its snapshot), the snapshot with the entries after it (what a server loads), and the
 * state the archive says the document had. All must be the same document. Quarantined entries are skipped, as
 * every read of the log skips them.
 */
function verifyDocument(what: string, dump: DocumentDump, state: Uint8Array, limits: ArchiveLimits): Y.Doc {
  if (state.byteLength > limits.maxDocBytes) {
    throw new ArchiveRefusal('too_large', `${what} is larger than this server allows (MAX_DOC_BYTES)`);
  }
  const skipped = new Set(dump.quarantined.map((q) => q.index));
  const live = (from: number) =>
    dump.updates.flatMap((u, index) => (index >= from && !skipped.has(index) ? [u.data] : []));
  const covers = dump.snapshot?.covers ?? 0;
  const loaded = replay(what, dump.snapshot?.state ?? null, live(covers));
  const docs = [loaded];
  try {
    // A log that starts at its first entry (never compacted) must give the snapshot by itself.
    const compacted = what === 'record document' && dump.snapshot !== null;
    if (!compacted) docs.push(replay(what, null, live(0)));
    docs.push(replay(what, state, []));
    for (const other of docs.slice(1)) {
      if (!sameDocument(loaded, other))
        throw inconsistent(`${what}: the log does not give the archived state`);
    }
    return loaded;
  } finally {
    for (const doc of docs.slice(1)) doc.destroy();
  }
}

/** Every stance names a partner that was eligible in its round (the round's row fixes who may speak). */
function verifyEligibility(dump: BoardDump): void {
  const eligible = new Map<string, Set<string>>();
  for (const round of dump.tables.rounds ?? []) {
    const ids = Array.isArray(round.eligible_partner_ids) ? round.eligible_partner_ids : [];
    eligible.set(String(round.id), new Set(ids.filter((id): id is string => typeof id === 'string')));
  }
  for (const stance of dump.tables.stances ?? []) {
    if (!eligible.get(String(stance.round_id))?.has(String(stance.partner_id))) {
      throw inconsistent('A stance names a partner that was not eligible in its round');
    }
  }
}

/**
 * Verifies an archive against itself, storing nothing here: each document's log against its snapshot and
 * state, each stance against its round, and then the tables against the record document. For the last the
 * archive is imported into a scratch in-memory database (which also refuses duplicate keys, rows of another
 * board and broken references, with the same constraints the real tables have), the record is projected from it
 * as every server does on load, and the projection must change nothing in the archived record. So a participant
 * moved to another organisation, or a stance changed, with the checksums recomputed, is refused.
 */
export async function verifyArchive(archive: ReadArchive, limits: ArchiveLimits): Promise<void> {
  const { dump, states } = archive;
  for (const table of Object.values(dump.tables)) {
    for (const row of table) {
      if ('board_id' in row && row.board_id !== dump.boardId) throw inconsistent('A row names another board');
    }
  }
  const boards = dump.tables.boards ?? [];
  if (boards.length !== 1 || boards[0]?.id !== dump.boardId) throw inconsistent('The board row is missing');
  verifyEligibility(dump);
  verifyDocument('board document', dump.board, states.board, limits).destroy();
  const record = verifyDocument('record document', dump.record, states.record, limits);
  const scratch = new SqliteStorage(new Database(':memory:'));
  try {
    const facilitator = (dump.tables.participants ?? [])[0];
    try {
      await scratch.boardArchive.importBoard(dump, {
        participantId: String(facilitator?.id ?? ''),
        tokenHash: hashToken(newToken()),
        at: 0,
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw inconsistent(`The tables do not fit together: ${detail}`);
    }
    const entries = await recordEntries(scratch, dump.boardId);
    let changed = false;
    record.on('update', () => {
      changed = true;
    });
    writeRecordEntries(record, entries);
    if (changed) throw inconsistent('The tables do not match the record document');
  } finally {
    record.destroy();
    await scratch.close();
  }
}
