/** Picks the store from the environment: DATABASE_URL=postgres://… for Postgres, else SQLite in the data folder. */
import { createSqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

export { createMemoryStorage } from './memory.ts';
export { createSqliteStorage };

/** Postgres storage; the driver (pg) is loaded on first use, so a server on SQLite starts without it. */
export async function createPostgresStorage(...args: Parameters<typeof import('./postgres.ts').createPostgresStorage>): Promise<Storage> {
  const { createPostgresStorage: create } = await import('./postgres.ts');
  return create(...args);
}
export type * from './types.ts';

export async function openStorage(options: { databaseUrl?: string; dataDir: string }): Promise<Storage> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return createPostgresStorage(url);
  if (url) throw new Error(`DATABASE_URL skal begynde med postgres://, ikke "${url.split(':')[0]}:"`);
  return createSqliteStorage(options.dataDir);
}
