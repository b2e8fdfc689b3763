import { participantOf } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { ServerWrite } from './serverWrites';
import { settleTranslationBases } from './translations';
import { reapplyWithdrawal, settleWithdrawals } from './withdrawals';
import {
  captureStructureBefore,
  mayWrite,
  reapplyLang,
  refusedChanges,
  restore,
  type StructureBefore,
  type StructureField,
} from './writePermissions';
import type { WriterIdentities } from './writerIdentities';

/** What a client's transaction left behind for the hook that runs right after it. */
interface Captured {
  readonly participantId: string;
  readonly before: StructureBefore;
}

/**
 * Enforces who may set a goal's lead, commitments, withdrawal and original language (writePermissions.ts) in
 * the writer's batch, and that a translation's `basedOn` names the original as it stands (translations.ts). The
 * hook runs after the client's transaction, when what it overwrote is garbage-collected; so each watched board
 * document notes, before Yjs cleans a client's transaction up, the structure of the goals it touched, and the hook
 * takes that note. A client's transaction has a ClientOrigin (with its participant id) as origin; the server's and
 * other instances' are not checked.
 */
export class StructureGuard {
  private readonly captured = new WeakMap<Y.Doc, Captured>();

  constructor(
    private readonly identities: WriterIdentities,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads who is who on the board; called when its document loads. */
  load(boardId: string): Promise<void> {
    return this.identities.load(boardId);
  }

  /** Once per loaded board document, before anyone's write. */
  watch(doc: Y.Doc): void {
    doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      const participantId = participantOf(transaction.origin);
      if (participantId === null) return;
      this.captured.set(doc, { participantId, before: captureStructureBefore(transaction) });
    });
  }

  /**
   * Inside the writer's server transaction: puts back what the writer may not change, and sets a permitted
   * withdrawal's writer and time (withdrawals.ts). A writer not known yet (joined a moment ago) is looked up again,
   * and its refused changes are put back in a follow-up batch.
   */
  enforce(
    boardId: string,
    doc: Y.Doc,
    participantId: string,
  ): ((write: ServerWrite) => Promise<void>) | null {
    const captured = this.captured.get(doc);
    this.captured.delete(doc);
    if (!captured || captured.before.size === 0) return null;
    if (captured.participantId !== participantId) {
      // The room calls the hook right after the client's transaction: anything else is a bug, not an attack.
      this.log.error('write permissions: no note of the writer’s transaction', { boardId, participantId });
      return null;
    }
    const { before } = captured;
    const may = (goalId: string, field: StructureField) => {
      const proposer = this.identities.proposerOf(boardId, goalId);
      // Whoever brings a new goal in says which language it is written in (nobody else is its author).
      const creates = field.kind === 'lang' && before.get(goalId) === null && proposer === undefined;
      return mayWrite(
        this.identities.get(boardId, participantId),
        field,
        proposer === participantId || creates,
      );
    };
    const refused = refusedChanges(doc, before, (field, goalId) => may(goalId, field));
    const refusedGoals = new Set(refused.map((change) => change.goalId));
    const permitted = new Set([...before.keys()].filter((goalId) => !refusedGoals.has(goalId)));
    settleWithdrawals(doc, before, permitted, participantId, this.now());
    // Whoever the writer is: a translation is current only against the original as it stands after the write.
    settleTranslationBases(doc, before);
    if (refused.length === 0) return null;
    const writer = this.identities.get(boardId, participantId);
    if (writer) {
      restore(doc, refused);
      this.report(boardId, participantId, refused);
      // A goal proposed a moment ago may have no recorded author here yet: its withdrawal or language is looked
      // at again.
      const recheck = refused.filter(
        (change) =>
          (change.field.kind === 'withdrawal' || change.field.kind === 'lang') &&
          this.identities.proposerOf(boardId, change.goalId) === undefined,
      );
      if (recheck.length === 0) return null;
      return async (write) => {
        await this.identities.load(boardId);
        const allowed = recheck.filter((change) => may(change.goalId, change.field));
        if (allowed.length === 0) return;
        await write((current) => {
          for (const change of allowed) {
            if (change.field.kind === 'lang') reapplyLang(current, change);
            else reapplyWithdrawal(current, change, participantId, this.now());
          }
        });
      };
    }
    // A writer not known yet (joined a moment ago) is looked up again, and its refused changes put back then.
    return async (write) => {
      await this.identities.load(boardId);
      const still = refused.filter((change) => !may(change.goalId, change.field));
      const allowed = new Set(
        refused.filter((change) => !still.includes(change)).map((change) => change.goalId),
      );
      await write((current) => {
        restore(current, still, true);
        settleWithdrawals(current, before, allowed, participantId, this.now());
      });
      if (still.length > 0) this.report(boardId, participantId, still);
    };
  }

  private report(boardId: string, participantId: string, refused: ReturnType<typeof refusedChanges>): void {
    this.log.warn('structure change refused', {
      boardId,
      participantId,
      count: refused.length,
      refused: refused.slice(0, 20).map(({ goalId, field }) => ({ goalId: goalId.slice(0, 64), ...field })),
    });
  }
}
