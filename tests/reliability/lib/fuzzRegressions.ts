/**
 * Seeds that once broke a rule; `tests/integration/reliability-fuzz.test.ts` replays every one on each
 * `npm test`. Add a seed here (with what it broke) whenever a fuzz run reports a failure, before fixing it.
 */
export const FUZZ_REGRESSIONS: readonly { readonly seed: number; readonly name: string }[] = [];

/**
 * Updates that once broke a board for good, byte for byte (hex). Each is sent by a writer as a live update and
 * as a sync step 2 and must be refused with 4400, leaving the document as it was: what Yjs applied of them threw
 * halfway (and the board never loaded again), or was kept pending and re-processed on every later update.
 */
export const PINNED_UPDATES: readonly { readonly name: string; readonly hex: string }[] = [
  // An item whose left origin lies ahead of it on its own client: applying it throws ("reading 'length'").
  { name: 'forward origin', hex: '01018280fcff0300848280fcff0305017800' },
  // An empty deleted item: it applies, then every encoding of the board's delete set throws ("Unexpected case").
  { name: 'empty struct', hex: '01018180fcff0300010105676f616c730000' },
  // Deletions of content that no client ever wrote: kept as pending deletes, re-processed on every update.
  { name: 'pending deletes', hex: '00018380fcff030300e807882701c0843dd08603' },
  // A struct that starts at clock 10 of a client that never wrote clocks 0–9: kept pending for ever.
  { name: 'pending struct', hex: '01018480fcff030a040105676f616c73057370c3a47400' },
];
