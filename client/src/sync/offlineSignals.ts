import type { WebsocketProvider } from 'y-websocket';

/**
 * A lost network often leaves the socket looking open until y-websocket's 30 s silence timer fires; the browser
 * knows sooner. Its "offline" closes the sockets (so the status says so at once) and its "online" reconnects
 * without waiting out the backoff.
 */
export function followBrowserNetwork(providers: readonly WebsocketProvider[]): () => void {
  const onOffline = () => {
    for (const provider of providers) provider.ws?.close();
  };
  const onOnline = () => {
    for (const provider of providers) if (!provider.wsconnected && !provider.wsconnecting) provider.connect();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  return () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}
