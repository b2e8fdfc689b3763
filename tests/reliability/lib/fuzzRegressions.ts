/**
 * Seeds that once broke a rule; `tests/integration/reliability-fuzz.test.ts` replays every one on each
 * `npm test`. Add a seed here (with what it broke) whenever a fuzz run reports a failure, before fixing it.
 */
export const FUZZ_REGRESSIONS: readonly { readonly seed: number; readonly name: string }[] = [];
