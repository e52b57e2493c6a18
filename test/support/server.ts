/**
 * Starts the REAL server, compiled (build/main.js, rebuilt first when server/ or model/ changed), as a child process on a free port with its own DATA_DIR, for
 * integration, e2e and benchmark runs. It can be killed with SIGKILL and restarted on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, ensureServerBuild } from '../../scripts/ensure.mjs';
import { freePort } from '../../scripts/services.mjs';
import type { PlanLinks } from '../../model/protocol.ts';

const root = join(import.meta.dirname, '..', '..');

export interface TestServer {
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** everything the process wrote, for diagnosis */
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  createPlan(plan: unknown): Promise<{ id: string; links: PlanLinks }>;
}

export interface StartOptions {
  env?: Record<string, string>;
  dataDir?: string;
  port?: number;
}

export { freePort };

export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    // as often as the benchmarks ask the stock server (test/bench/sync.ts), so a cold start is timed alike
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fk-data-'));
  const url = `http://127.0.0.1:${port}`;
  await ensureServerBuild({ quiet: true });
  let log = '';
  const launch = () => {
    const child = spawn(process.execPath, [builtEntry('main')], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_EXAMPLE: '0',
        LOG_LEVEL: 'warn',
        PLANS_PER_MINUTE: '1000',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    return child;
  };
  const server: TestServer = {
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    process: launch(),
    output: () => log,
    async kill(signal = 'SIGKILL') {
      const child = server.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    },
    async restart() {
      await server.kill('SIGKILL');
      server.process = launch();
      await waitForHealth(url, server.process, server.output);
    },
    async createPlan(plan) {
      const res = await fetch(`${url}/api/plans`, { method: 'POST', body: JSON.stringify(plan), headers: { 'content-type': 'application/json' } });
      if (res.status !== 201) throw new Error(`createPlan: ${res.status} ${await res.text()}`);
      return (await res.json()) as Awaited<ReturnType<TestServer['createPlan']>>;
    },
  };
  await waitForHealth(url, server.process, server.output);
  return server;
}
