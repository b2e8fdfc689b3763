import {
  BOARD_LIMITS,
  type Repair,
  type RepairScope,
  readGoalStructure,
  repairBoard,
} from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { WordingLocks } from '../rounds/wordingLock';
import type { Storage } from '../storage/types';
import { parseDocKey } from './docKeys';
import type { ServerWrite } from './serverWrites';
import type { StructureGuard } from './structureGuard';

/** What the room needs of a document's schema: repairs in the writer's batch, and once after loading. */
export interface DocumentSchema {
  /**
   * Runs inside a server transaction right after a client's update applied, before its batch is stored: what it
   * changes is stored and sent in the same batch, behind the client's update. Returns a check to run once that
   * batch is on its way (it needs storage), or null.
   */
  repairWrite(
    docKey: string,
    doc: Y.Doc,
    scope: RepairScope,
    participantId: string,
  ): ((write: ServerWrite) => Promise<void>) | null;
  /** Once when a document has loaded, before anyone joins: repairs what was stored before the checks existed. */
  repairLoaded(docKey: string, write: ServerWrite): Promise<void>;
}

/**
 * The board document's schema (shared/src/schema/repair.ts), with the board's partners from storage. Partners are
 * never deleted, so the known set only grows: a lead or commitment naming an id outside it may be a partner that
 * joined through another instance a moment ago. Those are checked against a fresh list right after the write and
 * repaired then, in a batch of their own; everything else is repaired in the writer's batch.
 */
export class BoardSchema implements DocumentSchema {
  private readonly partners = new Map<string, Set<string>>();

  constructor(
    private readonly storage: Pick<Storage, 'partners'>,
    private readonly log: Logger,
    /** Open rounds' wording: set back in the writer's batch, the refused edit kept as an amendment. */
    private readonly wordingLocks?: WordingLocks,
    /** Who may set a goal's lead and commitments: the rest is set back in the writer's batch. */
    private readonly guard?: StructureGuard,
  ) {}

  repairWrite(
    docKey: string,
    doc: Y.Doc,
    scope: RepairScope,
    participantId: string,
  ): ((write: ServerWrite) => Promise<void>) | null {
    const { boardId, kind } = parseDocKey(docKey);
    if (kind !== 'board') return null;
    this.report(
      docKey,
      participantId,
      repairBoard(doc, { isPartner: () => true, limits: BOARD_LIMITS }, scope),
    );
    // After the repair, so that what the writer's batch finally holds is compared with what was there before.
    const guardLater = this.guard?.enforce(boardId, doc, participantId) ?? null;
    const lockRefused = this.wordingLocks?.enforce(boardId, doc, scope, participantId) ?? null;
    const keepRefused = both(lockRefused, guardLater);
    const known = this.partners.get(boardId);
    const unknown = [...scope.goalIds].some((goalId) => {
      const { leadPartnerId, commitments } = readGoalStructure(doc, goalId);
      const named = [...(leadPartnerId ? [leadPartnerId] : []), ...commitments.map((c) => c.partnerId)];
      return named.some((id) => !known?.has(id));
    });
    if (!unknown) return keepRefused;
    return async (write) => {
      await keepRefused?.(write);
      const isPartner = await this.freshPartners(boardId);
      await write((fresh) =>
        this.report(docKey, participantId, repairBoard(fresh, { isPartner, limits: BOARD_LIMITS }, scope)),
      );
    };
  }

  async repairLoaded(docKey: string, write: ServerWrite): Promise<void> {
    const { boardId, kind } = parseDocKey(docKey);
    if (kind !== 'board') return;
    // A transaction that changes nothing: it only hands the guard the document, before anyone's write.
    const guard = this.guard;
    if (guard) {
      await write((doc) => guard.watch(doc));
      await guard.load(boardId);
    }
    const isPartner = await this.freshPartners(boardId);
    await write((doc) => this.report(docKey, null, repairBoard(doc, { isPartner, limits: BOARD_LIMITS })));
    await this.wordingLocks?.load(boardId);
  }

  private async freshPartners(boardId: string): Promise<(id: string) => boolean> {
    const ids = new Set((await this.storage.partners.listPartners(boardId)).map((partner) => partner.id));
    this.partners.set(boardId, ids);
    return (id) => ids.has(id);
  }

  private report(docKey: string, participantId: string | null, repairs: readonly Repair[]): void {
    if (repairs.length === 0) return;
    this.log.warn('board repaired', {
      docKey,
      participantId,
      count: repairs.length,
      repairs: repairs.slice(0, 20),
    });
  }
}

/** Two checks that run once the writer's batch is on its way, one after the other; null if neither. */
function both(
  first: (() => Promise<void>) | null,
  second: ((write: ServerWrite) => Promise<void>) | null,
): ((write: ServerWrite) => Promise<void>) | null {
  if (!first && !second) return null;
  return async (write) => {
    await first?.();
    await second?.(write);
  };
}
