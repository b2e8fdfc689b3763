import type { Extension } from '../hooks/extension';
import type { ClusterBus } from './bus';
import type { ClusterLink } from './link';

/**
 * The instances serving the same boards, as an extension: a room joins the others as soon as it is built (before
 * anything is written to it, so the link counts the room's own batches from the first), announces each batch it
 * stores, and leaves when it unloads. On shutdown the link stops and the bus closes.
 */
export const clusterExtension = (link: ClusterLink, bus: ClusterBus): Extension => ({
  name: 'cluster',
  afterLoadDocument: ({ room }) => link.attach(room),
  afterStoreDocument: ({ docKey, entries }) => link.stored(docKey, entries),
  afterUnloadDocument: ({ docKey }) => link.detach(docKey),
  onDestroy: async () => {
    link.close();
    await bus.close();
  },
});
