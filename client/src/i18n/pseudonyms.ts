/**
 * How an erased person's pseudonym reads ("Ehemalige/r Teilnehmende/r 3" in German): the server stores it in German,
 * the screens show it in the reader's language from the participant's `erased` number. The language module sets the
 * words whenever the language changes; the record bridge listens and shows the people again. Kept free of the
 * language module itself, whose catalogues load asynchronously, so the sync layer can use it anywhere.
 */
type Format = (n: number) => string;

let format: Format = (n) => `Ehemalige/r Teilnehmende/r ${n}`;
const listeners = new Set<() => void>();

export function setPseudonymFormat(next: Format): void {
  format = next;
  for (const listener of listeners) listener();
}

export function onPseudonymFormat(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const pseudonymOf = (n: number): string => format(n);

/** People with an erased person's name shown as the pseudonym in the current language. */
export function withPseudonyms<T extends { readonly name: string; readonly erased?: number | undefined }>(
  people: readonly T[],
): T[] {
  return people.map((p) => (p.erased ? { ...p, name: format(p.erased) } : p));
}
