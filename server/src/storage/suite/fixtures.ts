import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import { afterEach, beforeEach, expect } from 'vitest';
import type { JoinInput, NewRound, NewStance, RoundClosureRecord, RoundRecord, Storage } from '../types';

export interface OpenedStorage {
  readonly storage: Storage;
  /** Closes the storage and removes what it stored (temp directory, test database). */
  cleanup(): Promise<void>;
}
export type OpenStorage = () => Promise<OpenedStorage>;

export interface OpenedPair {
  /** Two storages on one database, as two server instances have. */
  readonly first: Storage;
  readonly second: Storage;
  cleanup(): Promise<void>;
}

export interface StorageSuiteOptions {
  /** The engine numbers each document 1, 2, 3… without gaps (PostgreSQL); otherwise seqs only increase. */
  readonly contiguousSeqs?: boolean;
  /** Enables the concurrency tests: two storages sharing one database. */
  readonly openPair?: () => Promise<OpenedPair>;
}

export const NOW = 1_800_000_000_000;
export const BOARD = 'board-1';
export const RECORD = `${BOARD}/record`;
export const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
export const facilitatorOf = (boardId: string): string => `${boardId}-facilitator`;
export const FACILITATOR = facilitatorOf(BOARD);
/** Storage never sees a code, only its hash; any string stands for one here. */
export const INVITE_CODE_HASH = 'hash-of-invite-1';

/** A fresh storage per test, closed and removed after it; read `storage` inside tests only. */
export function useStorage(open: OpenStorage): { readonly storage: Storage } {
  let opened: OpenedStorage | undefined;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });
  return {
    get storage() {
      if (!opened) throw new Error('The storage exists only inside a test');
      return opened.storage;
    },
  };
}

/** A board with its facilitator and both documents' first updates ([1] on the board, [2] on the record). */
export async function seedBoard(storage: Storage, boardId = BOARD, createdAt = NOW): Promise<void> {
  await storage.accounts.createBoard({
    board: { id: boardId, title: 'Runder Tisch', createdAt },
    facilitator: {
      id: facilitatorOf(boardId),
      boardId,
      name: 'Moderation',
      role: 'facilitator',
      partnerId: null,
      color: '#1d4ed8',
      tokenHash: `hash-${facilitatorOf(boardId)}`,
      createdAt,
    },
    initialUpdates: [
      { docKey: boardId, update: bytes(1) },
      { docKey: `${boardId}/record`, update: bytes(2) },
    ],
  });
}

export async function addPartner(
  storage: Storage,
  id: string,
  boardId = BOARD,
  createdAt = NOW,
): Promise<void> {
  await storage.partners.createPartner({ id, boardId, name: `Partner ${id}`, kind: 'residents', createdAt });
}

let unique = 0;
/** Joins with a new partner by default; ids and token hashes are unique per call. */
export function joinInput(overrides: Partial<JoinInput> = {}): JoinInput {
  unique += 1;
  return {
    codeHash: INVITE_CODE_HASH,
    now: NOW,
    participant: { id: `person-${unique}`, name: 'Ayşe', tokenHash: `hash-person-${unique}` },
    partner: {
      type: 'new',
      partner: { id: `partner-new-${unique}`, name: 'Mieterverein', kind: 'residents' },
    },
    colors: Array.from({ length: 16 }, (_, n) => `color-${n}`),
    ...overrides,
  };
}

export function newRound(id: string, overrides: Partial<NewRound> = {}): NewRound {
  return {
    id,
    boardId: BOARD,
    goalId: 'goal-1',
    openedAt: NOW,
    openedBy: FACILITATOR,
    deadline: null,
    visibility: 'open',
    autoClose: false,
    wording: { title: 'Ziel', description: 'Text', hash: 'a'.repeat(64) },
    ...overrides,
  };
}

export function newStance(roundId: string, partnerId: string, overrides: Partial<NewStance> = {}): NewStance {
  return {
    roundId,
    partnerId,
    stance: 'agree',
    reason: null,
    provisionalUntil: null,
    recordedBy: FACILITATOR,
    byFacilitator: true,
    at: NOW,
    ...overrides,
  };
}

export function newClosure(roundId: string, overrides: Partial<RoundClosureRecord> = {}): RoundClosureRecord {
  return {
    roundId,
    closedAt: NOW + 100,
    outcome: 'objected',
    reasons: ['objection', 'quorum_not_met'],
    closedBy: FACILITATOR,
    agreedStructure: null,
    ...overrides,
  };
}

/** Opens a round that must open (under the default rule), returning it. */
export async function openNewRound(
  storage: Storage,
  ...args: Parameters<typeof newRound>
): Promise<RoundRecord> {
  const result = await storage.rounds.openRound(newRound(...args), DEFAULT_DECISION_RULE);
  if (!result.ok) throw new Error(`openRound refused: ${result.reason}`);
  return result.round;
}

/** Round 'r1' with a stance of `partnerId` and its closure: a row in each append-only rounds table. */
export async function seedClosedRound(storage: Storage, partnerId: string): Promise<void> {
  await openNewRound(storage, 'r1');
  await storage.rounds.appendStance(newStance('r1', partnerId));
  await storage.rounds.closeRound(newClosure('r1'));
}

/** Statements that would rewrite or delete the rows seedClosedRound leaves; each engine's schema refuses them. */
export const ROUND_REWRITES = [
  "UPDATE rounds SET wording_title = 'x'",
  'DELETE FROM rounds',
  "UPDATE round_closures SET outcome = 'agreed'",
  'DELETE FROM round_closures',
  "UPDATE stances SET stance = 'object'",
  'DELETE FROM stances',
] as const;

/**
 * What a board stored before confirmations existed must still do once migrated (seeded by the engine's test as
 * board-1 with partner-old and its member member-old): the partner is confirmed and eligible, the member speaks for
 * it, and nothing waits.
 */
export async function expectConfirmedAfterMigration(storage: Storage): Promise<void> {
  expect(await storage.partners.listPartners('board-1')).toEqual([
    { id: 'partner-old', boardId: 'board-1', name: 'Mieterverein', kind: 'residents', createdAt: 2 },
  ]);
  expect(await storage.partners.listProposedPartners('board-1')).toEqual([]);
  const member = (await storage.accounts.listParticipants('board-1')).find((p) => p.id === 'member-old');
  expect(member?.partnerId).toBe('partner-old');
  expect(member?.pendingPartnerId).toBeUndefined();
  const opened = await storage.rounds.openRound(
    newRound('r-old', { boardId: 'board-1', openedBy: 'facilitator-old' }),
    DEFAULT_DECISION_RULE,
  );
  expect(opened).toMatchObject({ ok: true, round: { eligiblePartnerIds: ['partner-old'] } });
  const stance = await storage.rounds.appendStance({
    roundId: 'r-old',
    partnerId: 'partner-old',
    stance: 'agree',
    reason: null,
    provisionalUntil: null,
    recordedBy: 'member-old',
    byFacilitator: false,
    at: 5,
  });
  expect(stance).not.toBeNull();
}
