// Probes injected into the page (page.addInitScript) before the app loads. The function below is serialised by
// Playwright and runs in the browser: it may use nothing from this module's scope.

/**
 * 1. A stand-in for React DevTools' global hook. React calls `onCommitFiberRoot` after every commit, in production
 *    builds too. While `window.__cgRenders.counting` is set, each commit is walked the way DevTools decides what
 *    rendered: a subtree whose child list is the previous commit's (`fiber.child === fiber.alternate.child`) was
 *    skipped whole; elsewhere a component rendered if it is new (no alternate) or has the PerformedWork flag. A
 *    memoized component whose props were equal bails out without that flag. A GoalCard is the component whose first
 *    child is the `<article data-testid="goal-card">`: that holds in a minified build, where names do not.
 * 2. A mark (`performance.mark('cg-remote-update')`, in the trace as blink.user_timing) at the start of every
 *    Yjs update message (sync message type 0, update 2) on the board socket, i.e. every remote keystroke.
 */
export function installPageProbes() {
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]); // function, class, forwardRef, simple memo
  const HOST_COMPONENT = 5;
  const PERFORMED_WORK = 1;
  const probe = { counting: false, commits: [], updates: 0 };
  window.__cgRenders = probe;

  const rendered = (fiber) => fiber.alternate === null || (fiber.flags & PERFORMED_WORK) !== 0;
  const isGoalCard = (fiber) =>
    fiber.child?.tag === HOST_COMPONENT && fiber.child.memoizedProps?.['data-testid'] === 'goal-card';
  const renderers = new Map();
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers,
    inject(renderer) {
      const id = renderers.size + 1;
      renderers.set(id, renderer);
      return id;
    },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      if (!probe.counting) return;
      let cards = 0;
      let components = 0;
      const stack = [root.current];
      while (stack.length > 0) {
        const fiber = stack.pop();
        if (COMPONENT_TAGS.has(fiber.tag) && rendered(fiber)) {
          components += 1;
          if (isGoalCard(fiber)) cards += 1;
        }
        if (fiber.sibling) stack.push(fiber.sibling);
        if (fiber.child && (fiber.alternate === null || fiber.child !== fiber.alternate.child)) {
          stack.push(fiber.child);
        }
      }
      probe.commits.push({ at: performance.now(), cards, components });
    },
  };

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).includes('/record')) return;
      // Added before y-websocket sets `onmessage`, so the mark comes first in the message's task.
      this.addEventListener('message', (event) => {
        if (!(event.data instanceof ArrayBuffer) || event.data.byteLength < 2) return;
        const [type, syncType] = new Uint8Array(event.data, 0, 2);
        if (type !== 0 || syncType !== 2) return;
        if (probe.counting) probe.updates += 1;
        performance.mark('cg-remote-update');
      });
    }
  };
}
