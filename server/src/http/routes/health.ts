import type { AppDeps } from '../deps';
import { sendJson } from '../respond';
import type { Router } from '../router';

/**
 * Liveness for load balancers and monitoring, and what an operator should look at: log entries skipped because
 * they cannot be applied (null if storage cannot be read right now) and writes refused by the log budgets.
 */
export function registerHealthRoute(router: Router, deps: AppDeps): void {
  router.add('GET', '/api/health', async ({ res }) => {
    let quarantinedUpdates: number | null = null;
    try {
      quarantinedUpdates = await deps.storage.countQuarantined();
    } catch (error) {
      deps.log.warn('health: quarantine not readable', { error });
    }
    const { refusals } = deps.budgets.stats();
    sendJson(res, 200, { ok: true, quarantinedUpdates, logBudgetRefusals: refusals });
  });
}
