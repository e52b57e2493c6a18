/**
 * The worker pool (piscina) for heavy work (server/worker.ts), so that live sync and /healthz answer while a large
 * plan is read, an export is rendered or a large sync reply is cut. Per-token limits keep one link from filling
 * the pool.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import type { ExportFormat } from '../model/export/formats.ts';
import type { ExportResult, ReadPlanResult, WorkerTask } from './worker.ts';

let pool: Piscina | undefined;

/**
 * The worker's file: beside this module when it runs as TypeScript (tsx, development), loaded through tsx too;
 * build/worker.js when it runs compiled (esbuild puts this module in build/main.js or in a chunk under build/chunks/).
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { filename: new URL('./worker.ts', here).href, execArgv: ['--import', 'tsx'] };
  return { filename: new URL(here.includes('/chunks/') ? '../worker.js' : './worker.js', here).href, execArgv: [] };
}

/**
 * WORKER_THREADS sets the pool size; by default one less than the cores, at least 1, at most 4. Piscina is loaded
 * with the first task, not at start: a server answers its first client sooner.
 */
async function workers(): Promise<Piscina> {
  const configured = Number(process.env.WORKER_THREADS);
  const threads = Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, Math.min(4, availableParallelism() - 1));
  if (pool) return pool;
  const { Piscina: Pool } = await import('piscina');
  pool ??= new Pool({
    ...workerFile(),
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return pool;
}

export function runReadPlan(text: string, maxBytes: number): Promise<ReadPlanResult> {
  return workers().then((p) => p.run({ task: 'readPlan', text, maxBytes } satisfies WorkerTask)) as Promise<ReadPlanResult>;
}

/** `year`: the Statusrapport's year (format statusrapport). */
export function runExport(state: Uint8Array, format: ExportFormat, year?: number): Promise<ExportResult> {
  return workers().then((p) => p.run({ task: 'export', state, format, year } satisfies WorkerTask)) as Promise<ExportResult>;
}

export function runSyncReply(state: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array> {
  return workers().then((p) => p.run({ task: 'syncReply', state, stateVector } satisfies WorkerTask)) as Promise<Uint8Array>;
}

/** One state holding every update given, for compaction (server/fold.ts). */
export function runFold(updates: Uint8Array[]): Promise<Uint8Array> {
  return workers().then((p) => p.run({ task: 'fold', updates } satisfies WorkerTask)) as Promise<Uint8Array>;
}

export async function closePool(): Promise<void> {
  await pool?.destroy();
  pool = undefined;
}

/** Tasks running per key (a token), so that one link cannot fill the pool. One per server (an extension's). */
export class Slots {
  private readonly running = new Map<string, number>();

  /** Runs `work` unless `key` already has `limit` tasks running; then null (the caller answers 429). */
  async run<T>(key: string, limit: number, work: () => Promise<T>): Promise<T | null> {
    const count = this.running.get(key) ?? 0;
    if (count >= limit) return null;
    this.running.set(key, count + 1);
    try {
      return await work();
    } finally {
      const left = (this.running.get(key) ?? 1) - 1;
      if (left <= 0) this.running.delete(key);
      else this.running.set(key, left);
    }
  }
}
