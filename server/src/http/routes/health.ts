import { HealthStatusResponse } from '@common-ground/shared/api';
import type { AppDeps } from '../deps';
import { type Router, route } from '../router';

const HEALTH = route('GET', '/api/health', {
  summary: 'Liveness and operator figures',
  auth: 'none',
  response: HealthStatusResponse,
});

/**
 * Liveness for load balancers and monitoring, and what an operator should look at: log entries skipped because
 * they cannot be applied (null if storage cannot be read right now) and writes refused by the log budgets.
 */
export function registerHealthRoute(router: Router, deps: AppDeps): void {
  router.add(HEALTH, async ({ send }) => {
    let quarantinedUpdates: number | null = null;
    try {
      quarantinedUpdates = await deps.storage.log.countQuarantined();
    } catch (error) {
      deps.log.warn('health: quarantine not readable', { error });
    }
    const { refusals } = deps.budgets.stats();
    send({ ok: true, quarantinedUpdates, logBudgetRefusals: refusals });
  });
}
