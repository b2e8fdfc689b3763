import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'live' | 'offline';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Local changes made while not live that the server has not received yet. */
  readonly pending: boolean;
}

/**
 * Follows one provider and reports a calm status: "connecting" only until the first successful sync, after
 * that any interruption is "offline" (a reconnect attempt is not news for the person at the screen).
 * y-websocket does not queue updates made while disconnected; they reach the server in the sync exchange on
 * reconnect, which completes before `synced` turns true — so that is when pending changes count as sent.
 */
export function trackConnection(
  provider: WebsocketProvider,
  doc: Y.Doc,
  onChange: (state: ConnectionState) => void,
): () => void {
  let everLive = false;
  let state: ConnectionState = { status: 'connecting', pending: false };
  const update = (next: Partial<ConnectionState>) => {
    const merged = { ...state, ...next };
    if (merged.status === state.status && merged.pending === state.pending) return;
    state = merged;
    onChange(state);
  };
  const isLive = () => provider.wsconnected && provider.synced;

  const onSync = (synced: boolean) => {
    if (synced && provider.wsconnected) {
      everLive = true;
      update({ status: 'live', pending: false });
    }
  };
  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status !== 'connected' || !provider.synced) update({ status: everLive ? 'offline' : 'connecting' });
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates applied by the provider came from the server; everything else is ours.
    if (origin !== provider && !isLive()) update({ pending: true });
  };

  provider.on('sync', onSync);
  provider.on('status', onStatus);
  doc.on('update', onUpdate);
  onChange(state);
  return () => {
    provider.off('sync', onSync);
    provider.off('status', onStatus);
    doc.off('update', onUpdate);
  };
}
