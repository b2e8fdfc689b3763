// Before any figure: two real clients of the contender (y-websocket's WebsocketProvider, or HocuspocusProvider
// for Hocuspocus) — one writes, the other must see it. Also checks that the lean WireClient agrees with them.
// On a two-instance cluster the second real client and the WireClient are on instance 2.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { otherPort } from '../lib/cluster.mjs';
import { waitFor } from '../lib/util.mjs';
import { WireClient } from '../lib/wire.mjs';

async function realClient(contender, doc, port) {
  const target = doc.target(port);
  const ydoc = new Y.Doc();
  if (contender.framing === 'hocus') {
    const { HocuspocusProvider } = await import('@hocuspocus/provider');
    const provider = new HocuspocusProvider({
      url: target.url,
      name: target.docName,
      document: ydoc,
      token: target.token,
      WebSocketPolyfill: WebSocket,
    });
    return { ydoc, destroy: () => provider.destroy() };
  }
  const { WebsocketProvider } = await import('y-websocket');
  const [base, query] = target.url.split('?');
  const params = Object.fromEntries(new URLSearchParams(query ?? ''));
  const room = base.slice(base.lastIndexOf('/') + 1);
  const provider = new WebsocketProvider(base.slice(0, base.lastIndexOf('/')), room, ydoc, {
    params,
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  // Our server accepts only presence that names the token's participant.
  provider.awareness.setLocalState({ participantId: doc.participantId });
  return { ydoc, destroy: () => provider.destroy() };
}

/** Throws unless a write from one real client reaches another and a WireClient. */
export async function checkConvergence(contender, server) {
  const doc = await contender.newDoc(server);
  const a = await realClient(contender, doc, server.port);
  const b = await realClient(contender, doc, otherPort(server));
  const wire = new WireClient(doc.target(otherPort(server)), { doc: new Y.Doc() });
  try {
    a.ydoc.getMap('check').set('from-a', 'hello');
    await waitFor(
      () => b.ydoc.getMap('check').get('from-a') === 'hello',
      10_000,
      'b (on instance 2 of a cluster) sees a',
    );
    b.ydoc.getMap('check').set('from-b', 'world');
    await waitFor(() => a.ydoc.getMap('check').get('from-b') === 'world', 10_000, 'a sees b');
    await wire.synced;
    await waitFor(() => wire.doc.getMap('check').size === 2, 10_000, 'wire client sees both');
    return true;
  } finally {
    a.destroy();
    b.destroy();
    wire.close();
  }
}
