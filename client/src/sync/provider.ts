import { isFinalCloseCode, MessageType } from '@common-ground/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/**
 * Everything this app does to and around y-websocket's provider, in one place: how it is created, the two
 * behaviours it replaces (reconnect scheduling, awareness gossip), and the extra sync round trip the offline
 * tracker uses to learn that the server stored what was sent (see offlineChanges.ts).
 */

export interface BackoffOptions {
  /** Upper bound of the first retry's delay; doubles with each failed attempt. */
  readonly baseMs?: number;
  /** Upper bound of any delay. */
  readonly capMs?: number;
  /** Uniform in [0, 1): Math.random in the app, a seeded generator in tests. */
  readonly random?: () => number;
}

export interface ProviderOptions {
  readonly serverUrl: string;
  /** The board id, or `<boardId>/record`. */
  readonly room: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly token: string;
  readonly random?: () => number;
}

export interface BoardProvider {
  readonly provider: WebsocketProvider;
  /** Undoes the patches and destroys the provider. */
  destroy(): void;
}

/**
 * A provider as the app runs it: not connected yet (the local copy loads first), no BroadcastChannel (every change
 * goes through the server, which checks roles and keeps the audit trail), a refusal never retried, only this
 * client's awareness sent, and reconnects spread with jitter.
 */
export function createProvider(options: ProviderOptions): BoardProvider {
  const provider = new WebsocketProvider(options.serverUrl, options.room, options.doc, {
    params: { token: options.token },
    awareness: options.awareness,
    disableBc: true,
    connect: false,
    shouldReconnect,
  });
  sendOnlyOwnAwareness(provider);
  // Thirty phones on one Wi-Fi must not come back in lockstep after an outage.
  const stopJitter = jitterReconnects(provider, options.random ? { random: options.random } : {});
  return {
    provider,
    destroy: () => {
      stopJitter();
      provider.destroy();
    },
  };
}

/** "Full jitter": anywhere between 0 and the exponential bound, so many clients spread out instead of colliding. */
export function jitteredDelay(
  attempt: number,
  { baseMs = 250, capMs = 5000, random = Math.random }: BackoffOptions = {},
) {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt)));
}

/**
 * The provider's `shouldReconnect`: a refusal (4400–4499, and 1009 for a frame above the size limit) would only be
 * met by resending the same change, so the session explains it instead (see refusal.ts). y-websocket's default
 * knows nothing of 1009.
 */
export const shouldReconnect = (event: CloseEvent): boolean => !isFinalCloseCode(event.code);

/**
 * y-websocket reconnects after a deterministic `min(2^n × 100 ms, maxBackoffTime)`: thirty phones that lost the
 * same Wi-Fi or server come back in lockstep. This takes over the scheduling: when a socket closes while the
 * provider wants to be connected, `shouldConnect` is cleared before the provider schedules its own retry (so that
 * retry does nothing), and `connect()` is called after a jittered delay instead. A final close (the provider's
 * `shouldReconnect` says no) schedules nothing here: the provider then stops too and emits `closed`.
 * `disconnect()` and `destroy()` cancel a pending retry. Returns a function that restores the provider's own
 * behaviour.
 */
export function jitterReconnects(provider: WebsocketProvider, options: BackoffOptions = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const onClose = (event: CloseEvent | null) => {
    if (!provider.shouldConnect) return;
    if (event !== null && !provider.shouldReconnect(event, provider)) return;
    // Emitted before the provider schedules its retry: with shouldConnect false that retry is a no-op.
    provider.shouldConnect = false;
    attempt += 1;
    cancel();
    timer = setTimeout(
      () => {
        timer = null;
        provider.connect();
      },
      jitteredDelay(attempt, options),
    );
  };
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0;
  };

  const { connect, disconnect } = provider;
  provider.disconnect = () => {
    cancel();
    disconnect.call(provider);
  };
  provider.connect = () => {
    cancel();
    connect.call(provider);
  };
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);
  return () => {
    cancel();
    provider.off('connection-close', onClose);
    provider.off('sync', onSync);
    provider.connect = connect;
    provider.disconnect = disconnect;
  };
}

/**
 * y-websocket re-broadcasts every awareness change it sees, other people's states included (it was built for
 * peer gossip), and answers an awareness query with all known states. Our server accepts only the sender's own
 * state and closes the socket otherwise, so this narrows both paths to this client's entry.
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const { awareness, doc } = provider;
  const ownUpdate = () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]));
    return encoding.toUint8Array(encoder);
  };
  const handler = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }) => {
    const changed = [...added, ...updated, ...removed];
    const ws = provider.ws;
    if (changed.includes(doc.clientID) && provider.wsconnected && ws && ws.readyState === ws.OPEN) {
      ws.send(ownUpdate());
    }
  };
  awareness.off('update', provider._awarenessUpdateHandler);
  // destroy() unregisters whatever this property holds, so it must point at our handler.
  provider._awarenessUpdateHandler = handler;
  awareness.on('update', handler);
  provider.messageHandlers[MessageType.QueryAwareness] = (encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [doc.clientID]));
  };
}

/**
 * Sends one more sync step 1 on the open socket. The server handles a socket's messages in order and stores an
 * update before it answers anything after it, so its step 2 answer means everything sent before is stored.
 * False when there is no open socket to send on.
 */
export function sendSyncProbe(provider: WebsocketProvider): boolean {
  const ws = provider.ws;
  if (!ws || !provider.wsconnected) return false;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  syncProtocol.writeSyncStep1(encoder, provider.doc);
  ws.send(encoding.toUint8Array(encoder));
  return true;
}

/**
 * Calls `onAnswer` for every sync step 2 the server sends on the provider's current socket except the first, which
 * answers y-websocket's own step 1: each later one answers a probe. `onNewSocket` runs when the provider has opened
 * another socket: answers to probes sent on a closed one never come. Listens on the socket itself, beside the
 * provider's own handler, because the provider reports no message types.
 */
export function followProbeAnswers(
  provider: WebsocketProvider,
  handlers: { onAnswer: () => void; onNewSocket: () => void },
): () => void {
  let socket: WebSocket | null = null;
  let step2Seen = 0;
  const onMessage = (event: MessageEvent) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    const decoder = decoding.createDecoder(new Uint8Array(event.data));
    if (decoding.readVarUint(decoder) !== messageSync) return;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
    step2Seen += 1;
    if (step2Seen > 1) handlers.onAnswer();
  };
  const followSocket = () => {
    if (provider.ws === socket) return;
    socket?.removeEventListener('message', onMessage);
    socket = provider.ws;
    step2Seen = 0;
    handlers.onNewSocket();
    socket?.addEventListener('message', onMessage);
  };
  provider.on('status', followSocket);
  provider.on('sync', followSocket);
  followSocket();
  return () => {
    provider.off('status', followSocket);
    provider.off('sync', followSocket);
    socket?.removeEventListener('message', onMessage);
  };
}
