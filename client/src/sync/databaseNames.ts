let early: Promise<readonly string[] | null> | null = null;

/** The names of this device's IndexedDB databases; null if IndexedDB cannot say. */
export async function listDatabaseNames(): Promise<readonly string[] | null> {
  try {
    return (await indexedDB.databases()).map((db) => db.name ?? '');
  } catch {
    return null;
  }
}

/**
 * Asks for the names as the page starts on a board link (main.tsx), so that the answer is there when the board
 * opens and a first visit connects in the same task (see keepLocalCopy).
 */
export function askDatabaseNamesEarly(): void {
  early ??= listDatabaseNames();
}

/** The early answer, once (opening a board creates its databases); afterwards, or without one, a fresh answer. */
export function takeDatabaseNames(): Promise<readonly string[] | null> {
  const answer = early ?? listDatabaseNames();
  early = null;
  return answer;
}
