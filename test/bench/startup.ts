/**
 * Start-up figures of the compiled server and CLI (build/, see scripts/ensure.mjs), each against a baseline
 * measured in the same run: a bare `node -e 0` for the CLI, the stock @y/websocket-server for the server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, ensureServerBuild } from '../../scripts/ensure.mjs';
import { freePort } from '../support/server.ts';
import { percentile, row, sleep, type BenchContext, type Row } from './harness.ts';

const root = join(import.meta.dirname, '..', '..');
const starter = join(root, 'examples', 'skabelon.json');

/** Median wall time (ms) of running a Node process to its end. */
function medianRun(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    if (result.status === null || result.status > 1) throw new Error(`node ${args.join(' ')} ended with ${result.status ?? result.signal}`);
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

/** Milliseconds from spawning a server until `url` answers; the process is killed afterwards. */
async function timeToAnswer(args: string[], env: Record<string, string>, url: (port: number) => string): Promise<number> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`node ${args.join(' ')} ended with ${child.exitCode}`);
      try {
        await fetch(url(port));
        return performance.now() - start;
      } catch {
        await sleep(5);
      }
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

export async function startupBench(ctx: BenchContext): Promise<Row[]> {
  await ensureServerBuild({ quiet: true });
  const runs = ctx.size(3, 9);
  const rows: Row[] = [];

  const bare = medianRun(['-e', '0'], runs);
  const built = medianRun([join(root, 'bin', 'forandringskort.mjs'), 'check', starter], runs);
  const viaTsx = medianRun(['--import', 'tsx', join(root, 'server', 'cli.ts'), 'check', starter], ctx.size(1, 3));
  rows.push(row('startup', '`forandringskort check` of the starter plan (built CLI)', built, 'ms', '`node -e 0`', bare, 'median wall time of a whole process'));
  rows.push(row('startup', '`check` of the starter plan through tsx (development)', viaTsx, 'ms', 'the built CLI', built));
  // each command loads only what it needs (server/cli.ts): help and a Markdown export within 3× of a bare Node
  const cli = join(root, 'bin', 'forandringskort.mjs');
  const out = mkdtempSync(join(tmpdir(), 'fk-bench-cli-'));
  try {
    const help = medianRun([cli, '--help'], runs);
    const md = medianRun([cli, 'export', starter, '--to', 'md', '-o', join(out, 'plan.md')], runs);
    const docx = medianRun([cli, 'export', starter, '--to', 'docx', '-o', join(out, 'plan.docx')], ctx.size(2, 5));
    rows.push(row('startup', '`forandringskort --help` (built CLI)', help, 'ms', '`node -e 0`', bare, 'median wall time; goal within 3×'));
    rows.push(row('startup', '`export --to md` of the starter plan (built CLI)', md, 'ms', '`node -e 0`', bare, 'median wall time; goal within 3×'));
    rows.push(row('startup', '`export --to docx` of the starter plan (built CLI, figures included)', docx, 'ms', '`node -e 0`', bare, 'median wall time; goal ≤ 1000 ms'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const stock = join(root, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
  const ourSamples: number[] = [];
  const stockSamples: number[] = [];
  for (let i = 0; i < ctx.size(2, 5); i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'fk-bench-start-'));
    try {
      ourSamples.push(await timeToAnswer([builtEntry('main')], { DATA_DIR: dataDir, SEED_EXAMPLE: '0', LOG_LEVEL: 'error' }, (p) => `http://127.0.0.1:${p}/healthz`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    stockSamples.push(await timeToAnswer([stock], {}, (p) => `http://127.0.0.1:${p}/`));
  }
  rows.push(row('startup', 'server cold start until HTTP answers (built, fresh data folder)', percentile(ourSamples, 50), 'ms', 'stock @y/websocket-server 0.1.1', percentile(stockSamples, 50), 'median'));
  return rows;
}
