/**
 * The worker pool (piscina) for heavy work (server/worker.ts), so that live sync and /healthz answer while a large
 * plan is read, an export is rendered or a large sync reply is cut. Per-token limits keep one link from filling
 * the pool.
 */
import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import type { ExportFormat, ExportOptions } from '../model/export/formats.ts';
import type { PortfolioComputed } from '../model/portfolio-view.ts';
import type { ExportResult, PortfolioPlanState, ReadPlanResult, WorkerResult, WorkerTask } from './worker.ts';

/**
 * The worker's file: build/worker.js when this module runs compiled (esbuild puts it in build/main.js or in a chunk
 * under build/chunks/); server/worker.ts through tsx (server/worker-tsx.mjs) when it runs as TypeScript.
 */
function workerFile(): string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./worker-tsx.mjs', here).href;
  return new URL(here.includes('/chunks/') ? '../worker.js' : './worker.js', here).href;
}

/** The pool size the config asks for (WORKER_THREADS); by default one less than the cores, at least 1, at most 4. */
function threadCount(configured = 0): number {
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * One server's worker threads (server/app.ts makes one per server and closes it with the server), so closing one
 * of two servers in a process leaves the other's running tasks alone. Piscina and the threads start with the first
 * task, or with `warm()` (npm start calls it once it listens): a server answers /healthz without them.
 */
export class WorkerPool {
  private piscina: Promise<Piscina> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: { threads?: number } = {}) {}

  /** Starts the threads now, so that the first plan created or sync reply cut finds them loaded. */
  warm(): void {
    this.workers().catch(() => {});
  }

  readPlan(text: string, maxBytes: number): Promise<ReadPlanResult> {
    return this.run({ task: 'readPlan', text, maxBytes });
  }

  /** Renders an export of the plan state in a thread (server/export-render.ts), with the format's options. */
  export(state: Uint8Array, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
    return this.run({ task: 'export', state, format, options });
  }

  /** A portfolio's Word or Excel file for a year, from its plans' stored updates (server/render-portfolio.ts). */
  exportPortfolio(task: Omit<Extract<WorkerTask, { task: 'portfolioExport' }>, 'task'>): Promise<ExportResult> {
    return this.run({ task: 'portfolioExport', ...task });
  }

  syncReply(state: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array> {
    return this.run({ task: 'syncReply', state, stateVector });
  }

  /** One state holding every update given, for compaction (server/fold.ts). */
  fold(updates: Uint8Array[]): Promise<Uint8Array> {
    return this.run({ task: 'fold', updates });
  }

  /** A portfolio's view for a year (null: the default year), from its plans' stored states (model/portfolio-view.ts). */
  portfolio(plans: PortfolioPlanState[], year: number | null): Promise<PortfolioComputed> {
    return this.run({ task: 'portfolio', plans, year });
  }

  /** Ends the threads (tasks still running are refused); later tasks are refused too. */
  close(): Promise<void> {
    this.closing ??= (this.piscina ?? Promise.resolve(undefined))
      .then((pool) => pool?.destroy())
      .catch(() => {});
    return this.closing;
  }

  private run<T extends WorkerResult>(task: WorkerTask): Promise<T> {
    return this.workers().then((pool) => pool.run(task) as Promise<T>);
  }

  private workers(): Promise<Piscina> {
    if (this.closing) return Promise.reject(new Error('the worker pool is closed'));
    this.piscina ??= import('piscina').then(({ Piscina: Pool }) => new Pool({ filename: workerFile(), minThreads: 1, maxThreads: threadCount(this.options.threads), idleTimeout: 60_000 }));
    return this.piscina;
  }
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
