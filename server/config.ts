/**
 * A server's configuration, read from the environment once (server/main.ts, and the tests' in-process servers):
 * nothing else in server/ reads process.env, so an extension's or the pool's options all come through
 * `createServer`'s config. Light on purpose: main.ts reads it before it loads the server.
 */
import { join } from 'node:path';
import type { ConnectionLimits } from './connection.ts';
import { createMemoryStorage } from './storage/memory.ts';
import type { Storage } from './storage/types.ts';

export interface SyncLimits extends ConnectionLimits {
  /** largest plan state, in bytes */
  maxPlanBytes: number;
  /** largest awareness state of one client, in bytes of JSON */
  maxAwarenessBytes: number;
  /** participants and viewers together in one plan (facilitators are not counted and always get in) */
  maxConnectionsPerPlan: number;
  /** viewers in one plan: viewers alone can never fill the plan */
  maxViewersPerPlan: number;
  /** participant and viewer connections to one plan from one address (a venue's Wi-Fi shares one address) */
  maxConnectionsPerAddress: number;
  /** plan states above this size answer a sync request from a worker thread */
  workerSyncBytes: number;
  /** fold the update log into a snapshot after this many updates */
  compactEvery: number;
  /** unload a plan this long after its last connection left */
  unloadAfterMs: number;
  /** save an automatic version when the plan was edited and the last one is this old (server/auto-versions.ts) */
  autoVersionEveryMs: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxPlanBytes: 32 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  messagesPerSecond: 100,
  messageBurst: 400,
  maxConnectionsPerPlan: 200,
  maxViewersPerPlan: 120,
  maxConnectionsPerAddress: 80,
  presenceBytesPerSecond: 16 * 1024,
  presenceBurstBytes: 64 * 1024,
  workerSyncBytes: 256 * 1024,
  compactEvery: 500,
  unloadAfterMs: 30_000,
  autoVersionEveryMs: 15 * 60 * 1000,
};

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  secret?: string;
  /** the address people open; by default taken from the request's Host header */
  publicUrl?: string;
  /** allowed browser origins for the sync endpoint; empty = any */
  origins: string[];
  staticDir: string;
  maxFrameBytes: number;
  maxBodyBytes: number;
  plansPerMinutePerAddress: number;
  /** wrong join codes an address may try per minute before it must wait (429) */
  joinGuessesPerMinutePerAddress: number;
  sync: SyncLimits;
  logLevel: string;
  /** DATABASE_URL=postgres://…: Postgres instead of SQLite in dataDir */
  databaseUrl?: string;
  /** REDIS_URL=redis://…: updates and presence fan out to the other instances */
  redisUrl?: string;
  /** a store given from outside (STORAGE=memory, tests); else opened from databaseUrl/dataDir */
  storage?: Storage;
  /** exports one link may have rendering at once; more answer 429 (server/extensions/exports.ts) */
  exportsPerToken: number;
  /** the worker pool's threads; 0: one less than the cores, at least 1, at most 4 (server/pool.ts) */
  workerThreads: number;
  /** import examples/rum-for-liv.json on the first start and print its links (SEED_EXAMPLE=0: not) */
  seedExample: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv, root: string): AppConfig {
  const number = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} skal være et tal, ikke "${value}"`);
    return parsed;
  };
  // A shared store means several instances: each must verify the links the others sign. Without SECRET each would
  // sign with its own random one (kept in its own DATA_DIR), and a link made on one instance would fail on the next.
  if ((env.DATABASE_URL || env.REDIS_URL) && !env.SECRET) {
    const shared = [env.DATABASE_URL && 'DATABASE_URL', env.REDIS_URL && 'REDIS_URL'].filter(Boolean).join(' og ');
    throw new Error(
      `SECRET mangler: med ${shared} deler flere instanser de samme planer, og alle skal signere links med den samme SECRET. ` +
        'Sæt SECRET til en lang tilfældig værdi (fx openssl rand -base64 32), den samme på alle instanser.\n' +
        `SECRET is missing: with ${shared.replace(' og ', ' and ')} set, instances share plans and must sign links with the same SECRET. ` +
        'Set SECRET to a long random value, the same on every instance.',
    );
  }
  return {
    port: number('PORT', 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: env.DATA_DIR || join(root, 'data'),
    secret: env.SECRET || undefined,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    origins: (env.ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    staticDir: env.STATIC_DIR || join(root, 'dist'),
    maxFrameBytes: number('MAX_FRAME_BYTES', 4 * 1024 * 1024),
    maxBodyBytes: number('MAX_BODY_BYTES', 10 * 1024 * 1024),
    plansPerMinutePerAddress: number('PLANS_PER_MINUTE', 20),
    joinGuessesPerMinutePerAddress: number('JOIN_GUESSES_PER_MINUTE', 10),
    sync: {
      maxPlanBytes: number('MAX_PLAN_BYTES', DEFAULT_SYNC_LIMITS.maxPlanBytes),
      maxAwarenessBytes: number('MAX_AWARENESS_BYTES', DEFAULT_SYNC_LIMITS.maxAwarenessBytes),
      messagesPerSecond: number('MESSAGES_PER_SECOND', DEFAULT_SYNC_LIMITS.messagesPerSecond),
      messageBurst: number('MESSAGE_BURST', DEFAULT_SYNC_LIMITS.messageBurst),
      maxConnectionsPerPlan: number('MAX_CONNECTIONS_PER_PLAN', DEFAULT_SYNC_LIMITS.maxConnectionsPerPlan),
      maxConnectionsPerAddress: number('MAX_CONNECTIONS_PER_ADDRESS', DEFAULT_SYNC_LIMITS.maxConnectionsPerAddress),
      maxViewersPerPlan: number('MAX_VIEWERS_PER_PLAN', DEFAULT_SYNC_LIMITS.maxViewersPerPlan),
      presenceBytesPerSecond: number('PRESENCE_BYTES_PER_SECOND', DEFAULT_SYNC_LIMITS.presenceBytesPerSecond),
      presenceBurstBytes: number('PRESENCE_BURST_BYTES', DEFAULT_SYNC_LIMITS.presenceBurstBytes),
      workerSyncBytes: number('WORKER_SYNC_BYTES', DEFAULT_SYNC_LIMITS.workerSyncBytes),
      compactEvery: number('COMPACT_EVERY', DEFAULT_SYNC_LIMITS.compactEvery),
      unloadAfterMs: number('UNLOAD_AFTER_MS', DEFAULT_SYNC_LIMITS.unloadAfterMs),
      autoVersionEveryMs: number('AUTO_VERSION_EVERY_MS', DEFAULT_SYNC_LIMITS.autoVersionEveryMs),
    },
    logLevel: env.LOG_LEVEL || 'info',
    // STORAGE=memory keeps plans in memory only: for measuring what durability costs, never for real work
    storage: env.STORAGE === 'memory' ? createMemoryStorage() : undefined,
    exportsPerToken: number('EXPORTS_PER_TOKEN', 2) || 2,
    workerThreads: Math.floor(number('WORKER_THREADS', 0)),
    seedExample: env.SEED_EXAMPLE !== '0',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
  };
}
