/** Picks the store from the environment: DATABASE_URL=postgres://… for Postgres, else SQLite in the data folder. */
import { createPostgresStorage } from './postgres.ts';
import { createSqliteStorage } from './sqlite.ts';
import type { Storage } from './types.ts';

export { createMemoryStorage } from './memory.ts';
export { createPostgresStorage, createSqliteStorage };
export type * from './types.ts';

export async function openStorage(options: { databaseUrl?: string; dataDir: string }): Promise<Storage> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return createPostgresStorage(url);
  if (url) throw new Error(`DATABASE_URL skal begynde med postgres://, ikke "${url.split(':')[0]}:"`);
  return createSqliteStorage(options.dataDir);
}
