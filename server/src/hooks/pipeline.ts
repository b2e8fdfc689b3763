import type { Logger } from '../log';
import type { DocumentSchema } from '../rooms/boardSchema';
import type {
  ChangeEvent,
  DocumentHooks,
  DocumentRef,
  LoadedEvent,
  QuarantineEvent,
  StoredEvent,
} from '../rooms/documentHooks';
import type { Room } from '../rooms/room';
import type { ConnectEvent, ConnectionHooks, DisconnectEvent, Extension } from './extension';

const DONE = Promise.resolve();

/**
 * The one seam between the rooms and sockets and everything that reacts to them. Extensions are registered in
 * the composition root, in the order their hooks run, and the pipeline is sealed before the server accepts a
 * connection. afterLoadDocument runs the extensions one after the other and stops at the first throw, which fails
 * the load. Every other hook starts each extension's handler in order in the same tick (a slow one never delays
 * the next) and settles once all have; a handler's throw or rejection is logged and reaches no one else.
 * The in-transaction schema chain is installed here too (useSchema), so the rooms can be built before what it
 * needs: services that write through the rooms.
 */
export class HookPipeline implements DocumentHooks<Room>, ConnectionHooks {
  private readonly extensions: Extension[] = [];
  private installed: DocumentSchema | null = null;
  private sealed = false;

  /** The schema the rooms call inside their transactions: the one installed with useSchema, if any. */
  readonly schema: DocumentSchema = {
    repairWrite: (docKey, doc, scope, participantId) =>
      this.installed?.repairWrite(docKey, doc, scope, participantId) ?? null,
    repairLoaded: async (docKey, write) => this.installed?.repairLoaded(docKey, write),
  };

  constructor(private readonly log: Logger) {}

  /** Adds extensions after those registered before; their hooks run in this order. */
  register(...extensions: Extension[]): this {
    this.assertOpen('register an extension');
    this.extensions.push(...extensions);
    return this;
  }

  useSchema(schema: DocumentSchema): this {
    this.assertOpen('install a schema');
    if (this.installed) throw new Error('The hook pipeline has a schema already');
    this.installed = schema;
    return this;
  }

  /** No extension or schema is added from now on: what runs is what the composition root registered. */
  seal(): void {
    this.sealed = true;
  }

  async afterLoadDocument(event: LoadedEvent<Room>): Promise<void> {
    for (const extension of this.extensions) {
      if (extension.afterLoadDocument) await extension.afterLoadDocument(event);
    }
  }

  onQuarantine(event: QuarantineEvent): Promise<void> {
    return this.notify('onQuarantine', event, (extension) => extension.onQuarantine?.(event));
  }

  afterStoreDocument(event: StoredEvent): Promise<void> {
    return this.notify('afterStoreDocument', event, (extension) => extension.afterStoreDocument?.(event));
  }

  onChange(event: ChangeEvent): Promise<void> {
    return this.notify('onChange', event, (extension) => extension.onChange?.(event));
  }

  afterUnloadDocument(event: DocumentRef): Promise<void> {
    return this.notify('afterUnloadDocument', event, (extension) => extension.afterUnloadDocument?.(event));
  }

  onConnect(event: ConnectEvent): Promise<void> {
    return this.notify('onConnect', event, (extension) => extension.onConnect?.(event));
  }

  onDisconnect(event: DisconnectEvent): Promise<void> {
    return this.notify('onDisconnect', event, (extension) => extension.onDisconnect?.(event));
  }

  /** Shutdown, after the rooms closed: each extension's onDestroy in reverse order, one after the other. */
  async destroy(): Promise<void> {
    for (const extension of [...this.extensions].reverse()) {
      try {
        await extension.onDestroy?.();
      } catch (error) {
        this.log.error('onDestroy hook failed', { extension: extension.name, error });
      }
    }
  }

  private notify(
    hook: string,
    { docKey }: DocumentRef,
    call: (extension: Extension) => void | Promise<void> | undefined,
  ): Promise<void> {
    const running: Promise<void>[] = [];
    for (const extension of this.extensions) {
      const failed = (error: unknown) =>
        this.log.error(`${hook} hook failed`, { extension: extension.name, docKey, error });
      try {
        const result = call(extension);
        if (result) running.push(result.catch(failed));
      } catch (error) {
        failed(error);
      }
    }
    return running.length === 0 ? DONE : Promise.all(running).then(() => undefined);
  }

  private assertOpen(what: string): void {
    if (this.sealed) throw new Error(`The hook pipeline is sealed: cannot ${what} once the server runs`);
  }
}
