import { createHash } from 'node:crypto';
import { BOARD_ARCHIVE_FORMAT, BOARD_ARCHIVE_VERSION } from '@common-ground/shared/api';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';
import { z } from 'zod';
import type { BoardDump, DocumentDump } from '../storage/parts/boardArchive';
import { ARCHIVE_TABLES, type ArchiveRow } from './tables';

/**
 * The board archive file: one JSON document (binary as base64), so that it opens in any editor and needs no zip
 * library. Every section has a SHA-256 of its JSON text and the header one over all of them. Checksums find a
 * damaged file; they prove nothing against someone who edits it and recomputes them, which is why the import also
 * replays the logs and projects the tables (verify.ts).
 */
export interface ArchiveDocument {
  readonly updates: readonly { seq: number; participantId: string | null; at: number; data: string }[];
  readonly snapshot: { covers: number; at: number; state: string } | null;
  readonly quarantined: readonly { index: number; reason: string; at: number }[];
  /** The document's state at export (snapshot and log replayed), to compare the replay on import with. */
  readonly state: string;
}

export interface ArchiveFile {
  readonly format: typeof BOARD_ARCHIVE_FORMAT;
  readonly version: typeof BOARD_ARCHIVE_VERSION;
  /** The exporting server's public address (or its host), for the reader. */
  readonly source: string;
  readonly exportedAt: number;
  readonly boardId: string;
  readonly sections: {
    readonly tables: Readonly<Record<string, readonly ArchiveRow[]>>;
    readonly documents: { readonly board: ArchiveDocument; readonly record: ArchiveDocument };
  };
  /** `tables/<name>`, `documents/board`, `documents/record`, and `archive` over the header and all the others. */
  readonly checksums: Readonly<Record<string, string>>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

function documentSection(dump: DocumentDump, state: Uint8Array): ArchiveDocument {
  return {
    updates: dump.updates.map((u) => ({
      seq: u.seq,
      participantId: u.participantId,
      at: u.at,
      data: base64(u.data),
    })),
    snapshot: dump.snapshot
      ? { covers: dump.snapshot.covers, at: dump.snapshot.at, state: base64(dump.snapshot.state) }
      : null,
    quarantined: dump.quarantined.map((q) => ({ ...q })),
    state: base64(state),
  };
}

/** Each section's checksum, then the whole's over the header and the section checksums in a fixed order. */
export function checksumsOf(file: Omit<ArchiveFile, 'checksums'>): Record<string, string> {
  const sums: Record<string, string> = {};
  for (const table of ARCHIVE_TABLES) {
    sums[`tables/${table.name}`] = sha256(JSON.stringify(file.sections.tables[table.name] ?? []));
  }
  sums['documents/board'] = sha256(JSON.stringify(file.sections.documents.board));
  sums['documents/record'] = sha256(JSON.stringify(file.sections.documents.record));
  const { format, version, source, exportedAt, boardId } = file;
  sums.archive = sha256(JSON.stringify({ format, version, source, exportedAt, boardId, sections: sums }));
  return sums;
}

export function buildArchive(
  dump: BoardDump,
  states: { board: Uint8Array; record: Uint8Array },
  source: string,
  exportedAt: number,
): ArchiveFile {
  const tables: Record<string, readonly ArchiveRow[]> = {};
  for (const table of ARCHIVE_TABLES) tables[table.name] = dump.tables[table.name] ?? [];
  const file = {
    format: BOARD_ARCHIVE_FORMAT,
    version: BOARD_ARCHIVE_VERSION,
    source,
    exportedAt,
    boardId: dump.boardId,
    sections: {
      tables,
      documents: {
        board: documentSection(dump.board, states.board),
        record: documentSection(dump.record, states.record),
      },
    },
  } as const;
  return { ...file, checksums: checksumsOf(file) };
}

/** Why an archive is refused: a code for the client's message, and a sentence for the log and the API. */
export class ArchiveRefusal extends Error {
  constructor(
    readonly code:
      | 'archive_invalid'
      | 'archive_version'
      | 'archive_checksum'
      | 'archive_inconsistent'
      | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const Time = z.number().int().nonnegative();
const DocumentSchema = z.strictObject({
  updates: z.array(
    z.strictObject({
      seq: z.number().int().positive(),
      participantId: z.string().max(64).nullable(),
      at: Time,
      data: Base64,
    }),
  ),
  snapshot: z.strictObject({ covers: z.number().int().nonnegative(), at: Time, state: Base64 }).nullable(),
  quarantined: z.array(
    z.strictObject({ index: z.number().int().nonnegative(), reason: z.string().max(500), at: Time }),
  ),
  state: Base64,
});
const Row = z.record(z.string(), z.json());
const FileSchema = z.strictObject({
  format: z.literal(BOARD_ARCHIVE_FORMAT),
  version: z.number(),
  source: z.string().max(2000),
  exportedAt: Time,
  boardId: z.string().regex(BOARD_ID_PATTERN),
  sections: z.strictObject({
    tables: z.record(z.string(), z.array(Row)),
    documents: z.strictObject({ board: DocumentSchema, record: DocumentSchema }),
  }),
  checksums: z.record(z.string(), z.string()),
});

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function toDocumentDump(doc: z.infer<typeof DocumentSchema>, name: string): DocumentDump {
  const count = doc.updates.length;
  if (doc.snapshot && doc.snapshot.covers > count) {
    throw new ArchiveRefusal('archive_invalid', `${name}: the snapshot covers more entries than the log has`);
  }
  const seen = new Set<number>();
  for (const q of doc.quarantined) {
    if (q.index >= count || seen.has(q.index)) {
      throw new ArchiveRefusal('archive_invalid', `${name}: a quarantined entry is not in the log`);
    }
    seen.add(q.index);
  }
  return {
    updates: doc.updates.map((u) => ({
      seq: u.seq,
      participantId: u.participantId,
      at: u.at,
      data: bytes(u.data),
    })),
    snapshot: doc.snapshot ? { ...doc.snapshot, state: bytes(doc.snapshot.state) } : null,
    quarantined: doc.quarantined,
  };
}

/** A parsed, checksum-verified archive: its dump and the states it says the documents had. */
export interface ReadArchive {
  readonly dump: BoardDump;
  readonly states: { readonly board: Uint8Array; readonly record: Uint8Array };
  readonly source: string;
  readonly exportedAt: number;
}

/**
 * Checks the shape, the version and every checksum; refuses with ArchiveRefusal. Each table's rows must carry
 * exactly that table's columns, and no table outside the list may appear.
 */
export function readArchive(value: unknown): ReadArchive {
  if (typeof value === 'object' && value !== null && 'version' in value) {
    if (value.version !== BOARD_ARCHIVE_VERSION) {
      throw new ArchiveRefusal(
        'archive_version',
        `Archive version ${String(value.version)} is not supported`,
      );
    }
  }
  const parsed = FileSchema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ArchiveRefusal('archive_invalid', `Not a board archive (${where})`);
  }
  const file = parsed.data;
  const known = new Set(ARCHIVE_TABLES.map((t) => t.name));
  for (const name of Object.keys(file.sections.tables)) {
    if (!known.has(name)) throw new ArchiveRefusal('archive_invalid', `Unknown table ${name}`);
  }
  for (const table of ARCHIVE_TABLES) {
    const expected = [...table.columns].sort().join(',');
    for (const row of file.sections.tables[table.name] ?? []) {
      if (Object.keys(row).sort().join(',') !== expected) {
        throw new ArchiveRefusal('archive_invalid', `A row of ${table.name} has other columns than expected`);
      }
    }
  }
  // Over the JSON as it came (the parse above checked its shape): the parsed copy may order keys otherwise.
  const raw = value as typeof file;
  const expected = checksumsOf({ ...raw, format: BOARD_ARCHIVE_FORMAT, version: BOARD_ARCHIVE_VERSION });
  for (const [section, sum] of Object.entries(expected)) {
    if (file.checksums[section] !== sum) {
      throw new ArchiveRefusal(
        'archive_checksum',
        `The checksum of ${section} does not match: the file is damaged`,
      );
    }
  }
  const tables: Record<string, readonly ArchiveRow[]> = {};
  for (const table of ARCHIVE_TABLES) tables[table.name] = file.sections.tables[table.name] ?? [];
  return {
    dump: {
      boardId: file.boardId,
      tables,
      board: toDocumentDump(file.sections.documents.board, 'board document'),
      record: toDocumentDump(file.sections.documents.record, 'record document'),
    },
    states: {
      board: bytes(file.sections.documents.board.state),
      record: bytes(file.sections.documents.record.state),
    },
    source: file.source,
    exportedAt: file.exportedAt,
  };
}
