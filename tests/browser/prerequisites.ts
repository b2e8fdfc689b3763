// `npm test` and `npm run test:browser` run this first (through tsx), so that a machine without Chromium or
// pdftoppm learns it in one line before the build, not from every browser test failing in turn.
import { ensureBrowserTools } from '../helpers/browserPrerequisites';

const problem = ensureBrowserTools();
if (problem) {
  console.error(problem);
  process.exit(1);
}
