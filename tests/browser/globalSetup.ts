// The browser project's global setup: the same check as tests/browser/prerequisites.ts for runs that start
// vitest directly (`npx vitest run --project browser`). It stops the whole run with the one line instead of
// letting each test fail on the missing browser.
import { ensureBrowserTools } from '../helpers/browserPrerequisites';

export default function setup(): void {
  const problem = ensureBrowserTools();
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
