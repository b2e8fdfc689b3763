// Whether dist/ was built from the sources as they are now, so that `npm start` can skip a build that would
// produce the same bundles. The test is a SHA-256 over the content (not the mtimes: a checkout or a copy changes
// those without changing a byte, and an edit undone leaves them newer) of every file that feeds the client build
// (vite) or the server bundle (esbuild). Test files feed neither and are left out, so editing a test never
// triggers a rebuild. Hashing the ~500 files takes a few tens of milliseconds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Directories whose files feed a build, relative to the repository root. */
export const BUILD_INPUT_DIRS = ['client', 'shared', 'server/src'];

/** Single files that feed a build: configs, manifests (dependency versions) and the build scripts themselves. */
export const BUILD_INPUT_FILES = [
  'vite.config.ts',
  'tsconfig.base.json',
  'package.json',
  'package-lock.json',
  'server/package.json',
  'server/tsconfig.json',
  'scripts/build.mjs',
  'scripts/build-server.mjs',
  'scripts/lib/buildStamp.mjs',
];

/** Written by scripts/build.mjs after a complete build; removed when a build starts. */
export const STAMP_FILE = 'dist/build-stamp.json';

/** What a complete build leaves behind; a stamp without them (a build interrupted after it) does not count. */
export const BUILD_OUTPUTS = ['dist/client/index.html', 'dist/server/main.mjs', 'dist/server/supervisor.mjs'];

const isBuildInput = (name) => !/\.test\.[cm]?[jt]sx?$/.test(name);

function listFiles(root, dir, into) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    // Forward slashes whatever the platform, so a hash names the same files on Windows and elsewhere.
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') listFiles(root, relative, into);
    } else if (entry.isFile() && isBuildInput(entry.name)) {
      into.push(relative);
    }
  }
}

/** The hash of every build input under `root` (path and content, in a fixed order). */
export function buildInputsHash(root) {
  const files = [];
  for (const dir of BUILD_INPUT_DIRS) listFiles(root, dir, files);
  for (const file of BUILD_INPUT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = fs.readFileSync(path.join(root, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

export function removeStamp(root) {
  fs.rmSync(path.join(root, STAMP_FILE), { force: true });
}

export function writeStamp(root, inputsHash) {
  fs.mkdirSync(path.join(root, path.dirname(STAMP_FILE)), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP_FILE), `${JSON.stringify({ inputsHash })}\n`);
}

/** Why dist/ under `root` needs a build, or null when it is current. */
export function staleReason(root) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP_FILE), 'utf8'));
  } catch {
    return 'no complete build yet';
  }
  const missing = BUILD_OUTPUTS.find((file) => !fs.existsSync(path.join(root, file)));
  if (missing) return `${missing} is missing`;
  if (stamp?.inputsHash !== buildInputsHash(root)) return 'the sources changed since the last build';
  return null;
}
