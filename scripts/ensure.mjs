// Set-up shared by `npm start` and `npm test`: installs what the project needs, or says exactly what is missing.
// Uses only Node's built-ins, since it runs before `npm ci` on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} ended with status ${result.status ?? result.signal}`);
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (mtime(marker) >= mtime(join(root, 'package-lock.json'))) return;
  console.log('» Installerer afhængigheder (npm ci) …');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Debian's Chromium for the browser tests: installed with apt when missing and running as root. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (!isRoot()) {
    console.error(`Chromium mangler (${CHROMIUM}). Installér det med:\n  sudo apt-get update && sudo apt-get install -y chromium\n` +
      'eller sæt CHROMIUM_PATH til en Chromium-binær.');
    process.exit(1);
  }
  console.log('» Installerer Debians Chromium (apt-get install chromium) …');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Where Debian's PostgreSQL puts initdb and postgres: the newest /usr/lib/postgresql/<version>/bin, or PG_BIN. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'postgres')) ? process.env.PG_BIN : null;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(base, versions[0], 'bin') : null;
}

export function redisServerPath() {
  return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p)) ?? null;
}

/**
 * Debian's postgresql and redis-server, for the storage tests and the local cluster: installed with apt when
 * missing and running as root; otherwise stops with the command that installs them.
 */
export function ensureServiceBinaries() {
  const missing = [!postgresBinDir() && 'postgresql', !redisServerPath() && 'redis-server'].filter(Boolean);
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(`Mangler ${missing.join(' og ')}. Installér med:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
      '(eller sæt PG_BIN til mappen med initdb og postgres).');
  }
  console.error(`» Installerer ${missing.join(', ')} (apt-get) …`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Builds the client into dist/ when it is missing or older than any client or model source. */
export function ensureClientBuild({ force = false } = {}) {
  const built = mtime(join(root, 'dist', 'index.html'));
  if (!force && built > 0 && built >= newestSource(['client', 'model', 'index.html', 'vite.config.ts'])) return;
  console.log('» Bygger klienten (vite build) …');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

/** The compiled server and CLI: what `npm start`, `npx forandringskort` and the tests run (tsx is for development). */
// worker: the worker pool's threads (server/pool.ts) load build/worker.js
export const SERVER_ENTRIES = { main: 'server/main.ts', cli: 'server/cli.ts', worker: 'server/worker.ts' };
export const buildDir = join(root, 'build');
// the build's inputs: its sources, and what decides how they are built (this file, tsconfig.json, package.json)
const SERVER_SOURCES = ['server', 'model', 'package.json', 'tsconfig.json', 'scripts/ensure.mjs'];

/** The path of a built entry (`build/main.js`, `build/cli.js`). */
export function builtEntry(name) {
  return join(buildDir, `${name}.js`);
}

/**
 * Packages bundled into build/ with the server's own code: what the server and the CLI load at start. One file per
 * package part instead of hundreds to resolve, read and compile (zod alone is some 80 files) shortens a cold start.
 * Every other package stays in node_modules as installed: native ones (better-sqlite3, @resvg/resvg-js), ones that
 * start workers from their own files (piscina), and ones loaded only when used (exporters, pg, ioredis, dagre).
 */
const BUNDLED_PACKAGES = ['yjs', 'lib0', 'y-protocols', 'zod', 'ws', 'pino'];

function externalPackages() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  // ws asks for these optional native helpers inside try/catch
  return [...names.filter((name) => !BUNDLED_PACKAGES.includes(name)), 'bufferutil', 'utf-8-validate'];
}

/**
 * Bundles server/main.ts, server/cli.ts and server/worker.ts with esbuild into build/ when a built file is missing
 * or older than any of SERVER_SOURCES.
 * Safe when several processes ask at once (parallel test files): each builds into its own temp folder and
 * renames the finished files into build/, and a rename replaces a file whole.
 */
export async function ensureServerBuild({ force = false, quiet = false } = {}) {
  const built = Math.min(...Object.keys(SERVER_ENTRIES).map((name) => mtime(builtEntry(name))));
  if (!force && built > 0 && built >= newestSource(SERVER_SOURCES)) return false;
  if (!quiet) console.error('» Bygger serveren (esbuild) …');
  const { build } = await import('esbuild');
  mkdirSync(buildDir, { recursive: true });
  const staging = mkdtempSync(join(buildDir, '.staging-'));
  try {
    await build({
      absWorkingDir: root,
      entryPoints: SERVER_ENTRIES,
      outdir: staging,
      bundle: true,
      external: externalPackages(),
      // bundled CommonJS packages (ws, pino) call require() for Node's modules: an ES module has none of its own
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      platform: 'node',
      format: 'esm',
      // shared code and lazily imported modules (the CLI's export commands) become chunks, loaded only when used
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    // chunks first, entries last: an entry in build/ never points at a chunk that is not there yet
    mkdirSync(join(buildDir, 'chunks'), { recursive: true });
    const fresh = new Set(readdirSync(join(staging, 'chunks')));
    for (const file of readdirSync(join(staging, 'chunks'))) renameSync(join(staging, 'chunks', file), join(buildDir, 'chunks', file));
    for (const file of readdirSync(staging)) if (file !== 'chunks') renameSync(join(staging, file), join(buildDir, file));
    removeOldChunks(fresh);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

/** Chunks of earlier builds, once no process started in the last minutes can still be loading them. */
function removeOldChunks(fresh) {
  const folder = join(buildDir, 'chunks');
  for (const file of readdirSync(folder)) {
    if (!fresh.has(file) && Date.now() - mtime(join(folder, file)) > 10 * 60_000) rmSync(join(folder, file), { force: true });
  }
}

/**
 * Newest modification time (ms) of the given files and of every file and folder under the given folders (a folder's
 * time changes when a file in it is added, deleted or renamed).
 */
function newestSource(paths) {
  let newest = 0;
  const visit = (path) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) {
      if (info.mtimeMs > newest) newest = info.mtimeMs;
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else if (info.mtimeMs > newest) newest = info.mtimeMs;
  };
  for (const path of paths) visit(join(root, path));
  return newest;
}
