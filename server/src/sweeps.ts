/**
 * Runs `run` now and then every `intervalMs`, never two at once (a slow run makes the next tick wait for it rather
 * than overlap); `stop` waits for a run in progress. The timer does not keep the process alive.
 */
export function startSweep(run: () => Promise<void>, intervalMs: number): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= run().finally(() => {
      running = null;
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
