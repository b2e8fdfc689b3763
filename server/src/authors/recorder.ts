import { type Attribution, writeRecordEntries } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import { BoardReplay } from '../activity/replay';
import { replayTurns, type Turns } from '../activity/turns';
import type { Logger } from '../log';
import type { DocumentSchema } from '../rooms/boardSchema';
import { boardDocKey, parseDocKey, recordDocKey } from '../rooms/docKeys';
import type { ServerWrite } from '../rooms/serverWrites';
import type { Storage } from '../storage/types';
import { attributionsFromEvents } from './backfill';
import { claimNew, noteLoaded } from './claims';

export interface AuthorRecorderDeps {
  readonly storage: Pick<Storage, 'log' | 'attributions'>;
  readonly log: Logger;
  readonly now: () => number;
  /** A server write to a document (RoomRegistry.mutate). */
  readonly mutate: (docKey: string, fn: (doc: Y.Doc) => void) => Promise<void>;
  readonly turns?: Turns;
}

/**
 * Records who created each goal and comment: the participant whose socket sent the update that brought it in
 * (never the document's client-written `createdBy`/`authorId`). Claims are found in the writer's batch, stored
 * once that batch is on its way (the first writer of an item wins in storage), and written to the record
 * document's `authors` map, which every client shows. A board whose log predates this is backfilled once from
 * the log, in the background.
 */
export class AuthorRecorder {
  private readonly backfills = new Map<string, Promise<void>>();

  constructor(private readonly deps: AuthorRecorderDeps) {}

  /** `schema` with the attribution of what each client's write created behind its repairs. */
  around(schema: DocumentSchema): DocumentSchema {
    return {
      repairWrite: (docKey, doc, scope, participantId) => {
        const repair = schema.repairWrite(docKey, doc, scope, participantId);
        const record = this.claim(docKey, doc, scope, participantId);
        if (!record) return repair;
        if (!repair) return record;
        return async (write) => {
          await Promise.all([repair(write), record()]);
        };
      },
      repairLoaded: async (docKey, write) => {
        await this.loaded(docKey, write);
        await schema.repairLoaded(docKey, write);
      },
    };
  }

  private claim(
    docKey: string,
    doc: Y.Doc,
    scope: Parameters<DocumentSchema['repairWrite']>[2],
    participantId: string,
  ): (() => Promise<void>) | null {
    const { boardId, kind } = parseDocKey(docKey);
    if (kind !== 'board' || scope.goalIds.size === 0) return null;
    const claims = claimNew(doc, scope, participantId, this.deps.now());
    if (claims.length === 0) return null;
    return () => this.store(boardId, claims);
  }

  private async loaded(docKey: string, write: ServerWrite): Promise<void> {
    const { boardId, kind } = parseDocKey(docKey);
    if (kind !== 'board') return;
    // A transaction that changes nothing: it only reads the document as loaded, before anyone's write.
    await write((doc) => noteLoaded(doc));
    if (!this.backfills.has(boardId)) {
      const running = this.backfill(boardId).finally(() => this.backfills.delete(boardId));
      this.backfills.set(boardId, running);
    }
  }

  /** Stores the claims and shows what storage kept (an earlier writer's attribution stays). Never rejects. */
  private async store(boardId: string, claims: readonly Attribution[]): Promise<void> {
    try {
      const stored = await this.deps.storage.attributions.addAttributions(boardId, claims);
      await this.show(boardId, stored);
    } catch (error) {
      // The record catches up from storage when it is next loaded; a claim that did not reach storage is lost.
      this.deps.log.error('authorship not recorded', { boardId, count: claims.length, error });
    }
  }

  /**
   * Once per board: replays its log from seq 1 in slices that take turns with everything else (as the activity
   * feed does), and stores the first proposer of each goal and the first author of each comment id. Until it has
   * run, boards that predate attribution show no author for their older items, never a client-written one.
   */
  private async backfill(boardId: string): Promise<void> {
    const { storage, log, now } = this.deps;
    const replay = new BoardReplay();
    try {
      if ((await storage.attributions.attributionBackfilledAt(boardId)) !== null) return;
      const updates = await storage.log.listUpdates(boardDocKey(boardId), 0);
      await (this.deps.turns ?? replayTurns).sliced(updates, (update) => replay.advance([update]));
      const stored = await storage.attributions.addAttributions(
        boardId,
        attributionsFromEvents(replay.events),
        now(),
      );
      await this.show(boardId, stored);
    } catch (error) {
      log.error('authorship backfill failed', { boardId, error });
    } finally {
      replay.destroy();
    }
  }

  private async show(boardId: string, attributions: readonly Attribution[]): Promise<void> {
    if (attributions.length === 0) return;
    await this.deps.mutate(recordDocKey(boardId), (doc) => writeRecordEntries(doc, { attributions }));
  }
}
