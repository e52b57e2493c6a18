/**
 * PostgreSQL (DATABASE_URL=postgres://…), for a service that runs several instances against one database.
 * Migrations are the .sql files in server/storage/migrations, applied in name order at start, each once, under an
 * advisory lock so that instances starting together do not race.
 *
 * Ordering: an append takes the plan's next number by updating `plans.last_seq`, which locks the plan's row until
 * the append commits; so numbers rise in commit order across instances, and a snapshot that holds every update up
 * to N (read by one statement) holds every row numbered up to N. Compaction runs under a per-plan advisory lock in
 * one transaction and deletes only `seq <= N`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { storedPlan, type AddPlanOutcome, type IdeaRecord, type Storage, type VersionInfo } from './types.ts';

/** advisory lock keys: one for migrations, and a namespace (first key) for per-plan compaction */
const MIGRATION_LOCK = 741_200_001;
const COMPACTION_LOCK = 741_200_002;

const bytes = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const view = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The migrations folder, from the source (server/storage/) and from the bundle in build/ alike. */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'migrations'), join(dir, 'server', 'storage', 'migrations')]) {
      if (existsSync(join(candidate, '001_initial.sql'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('server/storage/migrations blev ikke fundet');
    dir = parent;
  }
}

/** Applies every migration not applied yet; returns the names applied now. */
export async function migrate(pool: pg.Pool, dir = defaultMigrationsDir()): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(dir, name), 'utf8'));
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} fejlede: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

type Queryable = pg.Pool | pg.PoolClient;

/** Runs `work` in one transaction on one connection. */
async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function append(db: Queryable, planId: string, update: Uint8Array): Promise<number> {
  const { rows } = await db.query<{ seq: string }>({
    name: 'fk-append',
    text: `WITH next AS (UPDATE plans SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
     INSERT INTO updates (plan_id, seq, data) SELECT $1, last_seq, $2 FROM next RETURNING seq`,
    values: [planId, bytes(update)],
  });
  if (rows.length === 0) throw new Error(`ukendt plan ${planId}`);
  return Number(rows[0]!.seq);
}

/** Several updates in one statement: the plan's row is locked once and the numbers are consecutive. */
async function appendMany(db: Queryable, planId: string, updates: Uint8Array[]): Promise<number[]> {
  if (updates.length === 0) return [];
  // a named statement: each connection parses and plans it once, not on every group commit
  const { rows } = await db.query<{ seq: string }>({
    name: 'fk-append-many',
    text: `WITH next AS (UPDATE plans SET last_seq = last_seq + $3 WHERE id = $1 RETURNING last_seq - $3 AS first)
     INSERT INTO updates (plan_id, seq, data)
       SELECT $1, next.first + u.ord, u.data FROM next, unnest($2::bytea[]) WITH ORDINALITY AS u(data, ord)
     RETURNING seq`,
    values: [planId, updates.map(bytes), updates.length],
  });
  if (rows.length === 0) throw new Error(`ukendt plan ${planId}`);
  return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
}

const toIdea = (r: { id: string; author: string; text: string; created_at: Date }): IdeaRecord =>
  ({ id: Number(r.id), author: r.author, text: r.text, createdAt: r.created_at.toISOString() });
const toVersion = (r: { id: string; name: string; created_at: Date; created_by: string }): VersionInfo =>
  ({ id: Number(r.id), name: r.name, createdAt: r.created_at.toISOString(), createdBy: r.created_by });

export async function createPostgresStorage(url: string, options: { poolSize?: number; migrationsDir?: string } = {}): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // an idle connection that the server drops must not crash the process; the next query reconnects
  pool.on('error', () => {});
  await migrate(pool, options.migrationsDir);

  return {
    kind: 'postgres',
    updates: {
      async createPlan(planId, initialState) {
        await transaction(pool, async (client) => {
          await client.query('INSERT INTO plans (id) VALUES ($1)', [planId]);
          await client.query('INSERT INTO snapshots (plan_id, seq, data) VALUES ($1, 0, $2)', [planId, bytes(initialState)]);
        });
      },
      async planExists(planId) {
        return (await pool.query('SELECT 1 FROM plans WHERE id = $1', [planId])).rowCount === 1;
      },
      async load(planId) {
        // one statement, so one view of the data: a compaction committing meanwhile cannot hide updates
        const { rows } = await pool.query<{ seq: string; data: Buffer }>(
          `SELECT s.seq, s.data, 0 AS part FROM snapshots s WHERE s.plan_id = $1
           UNION ALL
           SELECT u.seq, u.data, 1 AS part FROM updates u JOIN snapshots s ON s.plan_id = u.plan_id
             WHERE u.plan_id = $1 AND u.seq > s.seq
           ORDER BY part, seq`,
          [planId],
        );
        if (rows.length === 0) return null;
        return storedPlan(rows.map((r) => view(r.data)), Number(rows.at(-1)!.seq));
      },
      async append(planId, update) {
        return append(pool, planId, update);
      },
      async appendMany(planId, updates) {
        return appendMany(pool, planId, updates);
      },
      async compact(planId, state, upToSeq) {
        return transaction(pool, async (client) => {
          const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [COMPACTION_LOCK, planId]);
          if (!locked.rows[0]!.ok) return false;
          const current = await client.query<{ seq: string; last_seq: string }>(
            'SELECT s.seq, p.last_seq FROM snapshots s JOIN plans p ON p.id = s.plan_id WHERE s.plan_id = $1 FOR UPDATE OF s', [planId]);
          const row = current.rows[0];
          if (!row) throw new Error(`ukendt plan ${planId}`);
          if (upToSeq > Number(row.last_seq)) throw new Error(`compact: ${upToSeq} er efter planens sidste opdatering ${row.last_seq}`);
          if (Number(row.seq) >= upToSeq) return false;
          await client.query('UPDATE snapshots SET seq = $2, data = $3, updated_at = now() WHERE plan_id = $1', [planId, upToSeq, bytes(state)]);
          await client.query('DELETE FROM updates WHERE plan_id = $1 AND seq <= $2', [planId, upToSeq]);
          return true;
        });
      },
    },
    versions: {
      async save(planId, name, createdBy, state) {
        const { rows } = await pool.query(
          'INSERT INTO versions (plan_id, name, created_at, created_by, state) VALUES ($1, $2, $3, $4, $5) RETURNING id, name, created_at, created_by',
          [planId, name, new Date(), createdBy, bytes(state)],
        );
        return toVersion(rows[0]);
      },
      async list(planId) {
        const { rows } = await pool.query('SELECT id, name, created_at, created_by FROM versions WHERE plan_id = $1 ORDER BY id DESC', [planId]);
        return rows.map(toVersion);
      },
      async get(planId, versionId) {
        const { rows } = await pool.query('SELECT id, name, created_at, created_by, state FROM versions WHERE plan_id = $1 AND id = $2', [planId, versionId]);
        return rows[0] ? { info: toVersion(rows[0]), state: view(rows[0].state) } : null;
      },
      async delete(planId, versionId) {
        await pool.query('DELETE FROM versions WHERE plan_id = $1 AND id = $2', [planId, versionId]);
      },
    },
    ideas: {
      async add(planId, authorKey, author, text) {
        const { rows } = await pool.query(
          'INSERT INTO ideas (plan_id, author_key, author, text, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, author, text, created_at',
          [planId, authorKey, author, text, new Date()],
        );
        return toIdea(rows[0]);
      },
      async list(planId, authorKey) {
        const { rows } = await pool.query('SELECT id, author, text, created_at FROM ideas WHERE plan_id = $1 AND author_key = $2 ORDER BY id', [planId, authorKey]);
        return rows.map(toIdea);
      },
      async count(planId) {
        return Number((await pool.query('SELECT COUNT(*) AS n FROM ideas WHERE plan_id = $1', [planId])).rows[0].n);
      },
      async remove(planId, authorKey, ideaId) {
        return (await pool.query('DELETE FROM ideas WHERE plan_id = $1 AND author_key = $2 AND id = $3', [planId, authorKey, ideaId])).rowCount === 1;
      },
      async reveal(planId, toUpdate) {
        return transaction(pool, async (client) => {
          const { rows } = await client.query('DELETE FROM ideas WHERE plan_id = $1 RETURNING id, author, text, created_at', [planId]);
          const ideas = rows.map(toIdea).sort((a, b) => a.id - b.id);
          const update = toUpdate(ideas);
          const seq = update ? await append(client, planId, update) : null;
          return { ideas, seq };
        });
      },
    },
    meta: {
      async get(key) {
        return (await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value;
      },
      async set(key, value) {
        await pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
      },
    },
    portfolios: {
      async create(portfolioId, title) {
        await pool.query('INSERT INTO portfolios (id, title) VALUES ($1, $2)', [portfolioId, title]);
      },
      async get(portfolioId) {
        const { rows } = await pool.query<{ id: string; title: string; created_at: Date; plan_id: string | null; added_at: Date | null }>(
          `SELECT f.id, f.title, f.created_at, p.plan_id, p.added_at FROM portfolios f
             LEFT JOIN portfolio_plans p ON p.portfolio_id = f.id WHERE f.id = $1 ORDER BY p.position`,
          [portfolioId],
        );
        const first = rows[0];
        if (!first) return null;
        const plans = rows.flatMap((r) => (r.plan_id && r.added_at ? [{ planId: r.plan_id, addedAt: r.added_at.toISOString() }] : []));
        return { id: first.id, title: first.title, createdAt: first.created_at.toISOString(), plans };
      },
      async rename(portfolioId, title) {
        return (await pool.query('UPDATE portfolios SET title = $2 WHERE id = $1', [portfolioId, title])).rowCount === 1;
      },
      async addPlan(portfolioId, planId, maxPlans) {
        return transaction(pool, async (client): Promise<AddPlanOutcome> => {
          // the portfolio's row is locked until commit: two owners adding at once are counted one after the other
          const locked = await client.query('SELECT 1 FROM portfolios WHERE id = $1 FOR UPDATE', [portfolioId]);
          if (locked.rowCount !== 1) return 'missing';
          if ((await client.query('SELECT 1 FROM plans WHERE id = $1', [planId])).rowCount !== 1) return 'missing';
          if ((await client.query('SELECT 1 FROM portfolio_plans WHERE portfolio_id = $1 AND plan_id = $2', [portfolioId, planId])).rowCount === 1) return 'present';
          const count = Number((await client.query('SELECT COUNT(*) AS n FROM portfolio_plans WHERE portfolio_id = $1', [portfolioId])).rows[0].n);
          if (count >= maxPlans) return 'full';
          await client.query('INSERT INTO portfolio_plans (portfolio_id, plan_id) VALUES ($1, $2)', [portfolioId, planId]);
          return 'added';
        });
      },
      async removePlan(portfolioId, planId) {
        return (await pool.query('DELETE FROM portfolio_plans WHERE portfolio_id = $1 AND plan_id = $2', [portfolioId, planId])).rowCount === 1;
      },
      async hasPlan(portfolioId, planId) {
        return (await pool.query('SELECT 1 FROM portfolio_plans WHERE portfolio_id = $1 AND plan_id = $2', [portfolioId, planId])).rowCount === 1;
      },
    },
    async close() {
      await pool.end();
    },
  };
}
