import { create } from 'zustand';

interface AppUpdateState {
  /** A new version's worker, installed and waiting for this page to let it take over. */
  readonly waiting: ServiceWorker | null;
}

export const useAppUpdate = create<AppUpdateState>()(() => ({ waiting: null }));

// A facilitator's laptop may keep one tab open all evening: look for a new version now and then.
const UPDATE_CHECK_MS = 60 * 60_000;

// A page that never reports its content (see registerServiceWorker) still gets its worker this long after load.
const PAGE_READY_CEILING_MS = 10_000;
let reportPageReady: () => void = () => undefined;
const pageReady = new Promise<void>((resolve) => {
  reportPageReady = resolve;
});

/** The page's own content has arrived (a board's first sync): the worker may now fetch the rest. */
export const markPageReady = (): void => reportPageReady();

/**
 * Registers /sw.js (built by client/build/serviceWorker.ts) in production builds. A new version installs beside
 * the running one and waits: the page offers to reload instead of swapping code under the person's hands.
 * On a first visit the worker downloads every asset; with `waitForPage` it starts once markPageReady is called,
 * so a board that is still loading does not share a phone's few cores with it.
 */
export function registerServiceWorker({ waitForPage }: { waitForPage: boolean }): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  const start = () => {
    const ceiling = new Promise((resolve) => setTimeout(resolve, PAGE_READY_CEILING_MS));
    const ready = waitForPage ? Promise.race([pageReady, ceiling]) : Promise.resolve();
    void ready.then(() => register(container));
  };
  // The load event may be over: the page's modules run after the start language arrives (i18n/locale.ts).
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
}

async function register(container: ServiceWorkerContainer): Promise<void> {
  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register('/sw.js', { scope: '/' });
  } catch {
    // No worker (blocked, or an insecure origin): the app works online as before.
    return;
  }
  // Without a controller this is the first install: nothing old to replace, so nothing to offer.
  const offer = (worker: ServiceWorker) => {
    if (container.controller) useAppUpdate.setState({ waiting: worker });
  };
  if (registration.waiting) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
  setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
}

/** Lets the waiting version take over, then reloads once it controls the page: old and new never mix. */
export function applyUpdate(worker: ServiceWorker): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  worker.postMessage('skip-waiting');
}
