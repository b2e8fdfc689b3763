import { describe } from 'vitest';
import { describeAccounts } from './suite/accounts';
import { describeAmendments } from './suite/amendments';
import { describeAttributions } from './suite/attributions';
import { describeConcurrency } from './suite/concurrency';
import { describeErasure } from './suite/erasure';
import { type OpenStorage, type StorageSuiteOptions, useStorage } from './suite/fixtures';
import { describeLifecycle } from './suite/lifecycle';
import { describeLog } from './suite/log';
import { describeMail, describeMailConcurrency } from './suite/mail';
import { describeMeetings } from './suite/meetings';
import { describeMinutes } from './suite/minutes';
import { describeModeration } from './suite/moderation';
import { describeNetwork } from './suite/network';
import { describePartners } from './suite/partners';
import { describePeople } from './suite/people';
import { describePersonal } from './suite/personal';
import { describeRounds } from './suite/rounds';
import { describeSegments } from './suite/segments';

export type { OpenedPair, OpenedStorage, OpenStorage, StorageSuiteOptions } from './suite/fixtures';

/**
 * The contract of `Storage` (types.ts and parts/), one suite for every engine, one describe per part: each test
 * gets a fresh, empty storage from `open` and removes it afterwards. Engine-specific behaviour (files, migrations,
 * raw SQL) is tested next to each engine.
 */
export function describeStorageSuite(
  engineName: string,
  open: OpenStorage,
  options: StorageSuiteOptions = {},
): void {
  describe(`Storage contract: ${engineName}`, () => {
    const ctx = useStorage(open);
    const contiguousSeqs = options.contiguousSeqs ?? false;
    describeLog(ctx, contiguousSeqs);
    describeSegments(ctx);
    describeAccounts(ctx, contiguousSeqs);
    describePartners(ctx);
    describePeople(ctx);
    describeRounds(ctx);
    describeAmendments(ctx);
    describeNetwork(ctx);
    describeModeration(ctx);
    describeAttributions(ctx);
    describeMail(ctx);
    describeMeetings(ctx);
    describeMinutes(ctx);
    describeErasure(ctx);
    describePersonal(ctx);
    describeLifecycle(ctx);
    if (options.openPair) describeConcurrency(options.openPair);
    if (options.openPair) describeMailConcurrency(options.openPair);
  });
}
