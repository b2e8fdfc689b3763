export interface WaitOptions {
  readonly timeout?: number;
  readonly interval?: number;
  readonly message?: string;
}

/** Polls `condition` until it returns a truthy value (which is returned); rejects after `timeout` ms. */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<T> {
  const { timeout = 5000, interval = 10, message = 'condition' } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeout} ms waiting for ${message}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

interface Emitter {
  // biome-ignore lint/suspicious/noExplicitAny: emitters type their listeners in many incompatible ways.
  on(event: string, listener: (...args: any[]) => void): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** Resolves with the arguments of the first `event` whose arguments pass `filter`; rejects after `timeout` ms. */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: Emitter,
  event: string,
  options: { timeout?: number; filter?: (...args: A) => boolean } = {},
): Promise<A> {
  const { timeout = 5000, filter = () => true } = options;
  return new Promise((resolve, reject) => {
    const listener = (...args: A) => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`Timed out after ${timeout} ms waiting for event '${event}'`));
    }, timeout);
    emitter.on(event, listener);
  });
}
