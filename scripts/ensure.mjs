// Set-up shared by `npm start` and `npm test`: installs what the project needs, or says exactly what is missing.
// Uses only Node's built-ins, since it runs before `npm ci` on a fresh clone.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
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
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium mangler (${CHROMIUM}). Installér det med:\n  sudo apt-get update && sudo apt-get install -y chromium\n` +
      'eller sæt CHROMIUM_PATH til en Chromium-binær.');
    process.exit(1);
  }
  console.log('» Installerer Debians Chromium (apt-get install chromium) …');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Builds the client into dist/ when it is missing or older than any client or model source. */
export function ensureClientBuild({ force = false } = {}) {
  const built = mtime(join(root, 'dist', 'index.html'));
  if (!force && built > 0 && built >= newestSource(['client', 'model', 'index.html', 'vite.config.ts'])) return;
  console.log('» Bygger klienten (vite build) …');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

function newestSource(paths) {
  const out = execFileSync('find', paths.map((p) => join(root, p)).filter(existsSync).concat(['-type', 'f', '-printf', '%T@\\n']), { encoding: 'utf8' });
  return Math.max(0, ...out.split('\n').filter(Boolean).map((s) => Number(s) * 1000));
}
