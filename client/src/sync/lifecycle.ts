import { CloseCode } from '@common-ground/shared/protocol';
import type { WebsocketProvider } from 'y-websocket';
import { type AccessCheck, watchAccess } from './accessCheck';
import type { LocalCopy } from './localPersistence';
import type { OfflineTracker } from './offlineChanges';
import { followBrowserNetwork } from './offlineSignals';
import { type Refusal, watchRefusal } from './refusal';

/**
 * When the session's sockets connect and when they stop for good: they connect once the device's copy is loaded
 * (the board opens offline, and the sync then exchanges only what changed), follow the browser's network, and end
 * at the first refusal or when the API says the token no longer counts. After that nothing reconnects by itself,
 * not even the browser coming back online. Returns the function that stops all of it.
 */
export function runLifecycle(options: {
  providers: readonly WebsocketProvider[];
  localCopy: LocalCopy;
  offline: OfflineTracker;
  checkAccess: AccessCheck;
  /** Called once, with the first refusal. */
  onRefusal: (refusal: Refusal) => void;
}): () => void {
  const { providers, localCopy } = options;
  let stopped = false;
  let refused = false;
  void localCopy.readyToConnect.then(() => {
    if (stopped) return;
    options.offline.markLocalCopy(localCopy.hadCopy());
    for (const provider of providers) provider.connect();
  });
  const stopFollowingNetwork = followBrowserNetwork(providers);
  const endWith = (refusal: Refusal) => {
    if (refused) return;
    refused = true;
    stopFollowingNetwork();
    for (const provider of providers) provider.disconnect();
    options.onRefusal(refusal);
  };
  const stopWatchingRefusal = watchRefusal(providers, endWith);
  // A refused upgrade ends the session as the close code 4401 would have.
  const stopWatchingAccess = watchAccess(providers, options.checkAccess, () =>
    endWith({ code: CloseCode.AccessEnded, at: Date.now() }),
  );
  return () => {
    stopped = true;
    stopWatchingRefusal();
    stopWatchingAccess();
    stopFollowingNetwork();
  };
}
