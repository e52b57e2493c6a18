/**
 * A server composed in this process (server/app.ts `createServer`) on a free port (port 0), with the extensions a
 * test names and its own data folder: for testing one extension through HTTP and the sync protocol, fast. Crashes
 * and kill -9 need a real process: test/support/server.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, createServer, type App } from '../../server/app.ts';
import type { Extension } from '../../server/extension.ts';
import { createMemoryStorage, createSqliteStorage, type Storage } from '../../server/storage/index.ts';
import type { PlanLinks } from '../../model/protocol.ts';

export interface InProcessServer {
  app: App;
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  createPlan(plan: unknown): Promise<{ id: string; links: PlanLinks }>;
  close(): Promise<void>;
}

export interface InProcessOptions {
  extensions: Extension[];
  /** environment variables as `npm start` reads them (PLANS_PER_MINUTE, JOIN_GUESSES_PER_MINUTE, …) */
  env?: Record<string, string>;
  /** 'sqlite' (in a temp folder), 'memory' (default), or a store the test made (to hold a commit, say) */
  storage?: 'memory' | 'sqlite' | Storage;
}

const root = join(import.meta.dirname, '..', '..');

export async function startInProcess(options: InProcessOptions): Promise<InProcessServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fk-inproc-'));
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...options.env }, root);
  const storage: Storage = typeof options.storage === 'object' ? options.storage : options.storage === 'sqlite' ? createSqliteStorage(dataDir) : createMemoryStorage();
  const app = createServer({ config, storage, extensions: options.extensions });
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    async createPlan(plan) {
      const res = await fetch(`${url}/api/plans`, { method: 'POST', body: JSON.stringify(plan), headers: { 'content-type': 'application/json' } });
      if (res.status !== 201) throw new Error(`createPlan: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; links: PlanLinks };
    },
    close: () => app.close(),
  };
}
