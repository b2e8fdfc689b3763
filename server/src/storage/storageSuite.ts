import { describe } from 'vitest';
import { describeAccounts } from './suite/accounts';
import { describeAmendments } from './suite/amendments';
import { describeAttributions } from './suite/attributions';
import { describeConcurrency } from './suite/concurrency';
import { describeDocuments } from './suite/documents';
import { type OpenStorage, type StorageSuiteOptions, useStorage } from './suite/fixtures';
import { describeHiddenComments } from './suite/hiddenComments';
import { describeNetwork } from './suite/network';
import { describePartners } from './suite/partners';
import { describePeople } from './suite/people';
import { describeRounds } from './suite/rounds';

export type { OpenedPair, OpenedStorage, OpenStorage, StorageSuiteOptions } from './suite/fixtures';

/**
 * The contract of `Storage` (types.ts), one suite for every engine: each test gets a fresh, empty storage from
 * `open` and removes it afterwards. Engine-specific behaviour (files, migrations, raw SQL) is tested next to
 * each engine.
 */
export function describeStorageSuite(
  engineName: string,
  open: OpenStorage,
  options: StorageSuiteOptions = {},
): void {
  describe(`Storage contract: ${engineName}`, () => {
    const ctx = useStorage(open);
    const contiguousSeqs = options.contiguousSeqs ?? false;
    describeAccounts(ctx, contiguousSeqs);
    describeDocuments(ctx, contiguousSeqs);
    describeNetwork(ctx);
    describeRounds(ctx);
    describePartners(ctx);
    describeAttributions(ctx);
    describeAmendments(ctx);
    describeHiddenComments(ctx);
    describePeople(ctx);
    if (options.openPair) describeConcurrency(options.openPair);
  });
}
