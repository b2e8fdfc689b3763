import type { WebsocketProvider } from 'y-websocket';

/** Whether the server still accepts this device's token: 'ended' only on its explicit 401, never on a failure. */
export type AccessCheck = () => Promise<'ok' | 'ended'>;

/** A device whose connection keeps failing asks at most this often; a server that is down is not hammered. */
const MIN_CHECK_INTERVAL_MS = 5000;

/**
 * A refused websocket upgrade looks like any failed connection to the browser (it never sees the 401), so
 * y-websocket would retry for ever. When a connection attempt fails, this asks the API instead (`check`); if the
 * server says the token ended (the person was removed, or their devices were replaced while this one was
 * offline), `onEnded` ends the session the way a 4401 close does.
 */
export function watchAccess(
  providers: readonly WebsocketProvider[],
  check: AccessCheck,
  onEnded: () => void,
  now: () => number = Date.now,
): () => void {
  let checking = false;
  let lastCheck = Number.NEGATIVE_INFINITY;
  let stopped = false;
  const onFailure = () => {
    if (checking || stopped || now() - lastCheck < MIN_CHECK_INTERVAL_MS) return;
    checking = true;
    lastCheck = now();
    check().then(
      (answer) => {
        checking = false;
        if (answer === 'ended' && !stopped) onEnded();
      },
      () => {
        // Offline or the server is down: the provider keeps retrying, and the next failure asks again.
        checking = false;
      },
    );
  };
  for (const provider of providers) provider.on('connection-error', onFailure);
  return () => {
    stopped = true;
    for (const provider of providers) provider.off('connection-error', onFailure);
  };
}
