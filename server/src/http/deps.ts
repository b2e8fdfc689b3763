import type { AmendmentService } from '../amendments/service';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { LogBudgets } from '../rooms/logBudget';
import type { RoomRegistry } from '../rooms/registry';
import type { RoundService } from '../rounds/service';
import type { Storage } from '../storage/types';
import type { RateLimiter } from './rateLimit';

/** What the HTTP handlers need; assembled once in server.ts. */
export interface AppDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly rounds: RoundService;
  readonly amendments: AmendmentService;
  readonly log: Logger;
  readonly limiter: RateLimiter;
  readonly budgets: LogBudgets;
}
