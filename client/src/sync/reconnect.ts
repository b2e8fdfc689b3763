import { isFinalCloseCode } from '@common-ground/shared';
import type { WebsocketProvider } from 'y-websocket';

export interface BackoffOptions {
  /** Upper bound of the first retry's delay; doubles with each failed attempt. */
  readonly baseMs?: number;
  /** Upper bound of any delay. */
  readonly capMs?: number;
  readonly random?: () => number;
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
