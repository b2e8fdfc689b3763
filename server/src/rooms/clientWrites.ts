import { ClientOrigin, type RepairScope, SERVER_ORIGIN, scopeOf } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import { checkApplicable } from './applicability';
import type { DocumentSchema } from './boardSchema';
import type { Connection } from './connection';
import type { DocSize } from './docSize';
import { EarlyUpdates } from './earlyUpdates';
import type { LogBudgets } from './logBudget';
import type { ServerWrite } from './serverWrites';
import { dropPending } from './storedState';
import { malformed } from './violation';
import type { QueuedUpdate, WriteQueue } from './writeQueue';

export interface ClientWritesDeps {
  readonly docKey: string;
  readonly doc: Y.Doc;
  readonly queue: WriteQueue;
  readonly size: DocSize;
  readonly budgets: LogBudgets;
  readonly schema?: DocumentSchema;
  readonly now: () => number;
  /** Bytes of live updates a connection may send ahead of its sync step 2 that wait for it (see EarlyUpdates). */
  readonly maxEarlyBytes: number;
  /** Yjs threw halfway through `sender`'s update: part of it may be in the document, none of it is stored. */
  readonly threw: (sender: Connection, error: unknown) => void;
  /** The schema's check to run once the writer's batch is on its way (it may write again, as the server). */
  readonly followUp: (check: (write: ServerWrite) => Promise<void>) => void;
}

/** A client's update while it is applied: what Yjs emitted for it, and what it touched. */
interface Applying {
  readonly origin: ClientOrigin<Connection>;
  readonly items: QueuedUpdate[];
  scope: RepairScope | null;
}

/**
 * The write path of one room's clients: an update is proven applicable (checkApplicable), checked against the
 * log budgets and the size budget, applied with the writer's ClientOrigin, and what Yjs emitted for it — never
 * the client's bytes — joins the write queue, charged to the writer, with the schema's repair of what it touched
 * behind it in the same batch. Live updates that follow on a sync step 2 still to come wait for it (EarlyUpdates).
 */
export class ClientWrites {
  private readonly early: EarlyUpdates;
  /** Set while a client's update is applied: what Yjs emits for it waits here until the apply succeeded. */
  private applying: Applying | null = null;
  /** Set while the schema repairs what a client's update touched: whose update the server's write repairs. */
  private repairingFor: Connection | null = null;

  constructor(private readonly deps: ClientWritesDeps) {
    this.early = new EarlyUpdates((update) => checkApplicable(deps.doc, update), deps.maxEarlyBytes);
  }

  /**
   * A writer's update (a sync step 2 or a live update). Throws ConnectionViolation (nothing applied or stored) on
   * an update that cannot be taken.
   */
  apply(conn: Connection, update: Uint8Array, kind: 'step2' | 'update'): void {
    if (kind === 'update' && this.early.holds(conn, update)) return;
    this.applyNow(conn, update);
    if (kind === 'step2') for (const held of this.early.release(conn)) this.applyNow(conn, held);
  }

  /** The connection left: what it held back for its sync step 2 goes. */
  forget(conn: Connection): void {
    this.early.forget(conn);
  }

  /**
   * Takes what the document emitted for the update being applied, if `origin` is that update's; false for any
   * other transaction.
   */
  collect(origin: ClientOrigin, update: Uint8Array, transaction: Y.Transaction): boolean {
    const write = this.applying;
    if (!write || origin !== write.origin) return false;
    const { participantId, sender } = write.origin;
    write.scope = scopeOf(transaction);
    write.items.push({
      update,
      sender,
      log: { participantId, update, at: this.deps.now() },
      remoteSeq: null,
    });
    return true;
  }

  private applyNow(conn: Connection, update: Uint8Array): void {
    const { docKey, doc, queue } = this.deps;
    const shape = checkApplicable(doc, update);
    this.deps.budgets.check(docKey, conn.participantId);
    this.deps.size.admit(shape, update.byteLength);
    const write: Applying = { origin: new ClientOrigin(conn.participantId, conn), items: [], scope: null };
    this.applying = write;
    try {
      Y.applyUpdate(doc, update, write.origin);
    } catch (error) {
      this.applying = null;
      this.deps.threw(conn, error);
      throw malformed('Update could not be applied');
    }
    this.applying = null;
    // checkApplicable rules out what Yjs would keep pending; should anything slip through, it is not kept.
    const leftPending = dropPending(doc);
    let charged = 0;
    for (const item of write.items) {
      charged += item.update.byteLength;
      queue.push(item);
    }
    this.deps.budgets.charge(docKey, conn.participantId, charged);
    const followUp = write.scope ? this.repairWrite(conn, write.scope) : null;
    queue.flush();
    if (followUp) this.deps.followUp(followUp);
    if (leftPending) throw malformed('Update refers to changes the board does not have');
  }

  /** The connection whose update the server's transaction now running repairs, if it is such a repair. */
  get repairing(): Connection | null {
    return this.repairingFor;
  }

  /** The schema's repair of what the write touched, as a server write queued behind the client's update. */
  private repairWrite(conn: Connection, scope: RepairScope) {
    const { schema, docKey, doc } = this.deps;
    if (!schema) return null;
    this.repairingFor = conn;
    try {
      return doc.transact(() => schema.repairWrite(docKey, doc, scope, conn.participantId), SERVER_ORIGIN);
    } finally {
      this.repairingFor = null;
    }
  }
}
