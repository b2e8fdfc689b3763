import { MessageType } from '@common-ground/shared';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

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
