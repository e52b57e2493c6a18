/**
 * The embedded default store: one SQLite file (`forandringskort.sqlite`) per data folder, implementing the
 * `Storage` contract of ./types.ts like ./postgres.ts and ./memory.ts do (test/integration/storage-contract.test.ts
 * holds all three to it). The tables below are created when missing, so older data folders keep working.
 * better-sqlite3 is synchronous; every promise resolves after its commit. WAL with synchronous = NORMAL survives a
 * crash of this process (kill -9): a commit is in the OS before the room relays it.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { storedPlan, type AddPlanOutcome, type IdeaRecord, type PortfolioRecord, type Storage, type VersionInfo } from './types.ts';

export const SQLITE_FILE = 'forandringskort.sqlite';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS updates (
    plan_id TEXT NOT NULL REFERENCES plans(id), seq INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (plan_id, seq)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS snapshots (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id), seq INTEGER NOT NULL, data BLOB NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id), name TEXT NOT NULL,
    created_at TEXT NOT NULL, created_by TEXT NOT NULL, state BLOB NOT NULL);
  CREATE INDEX IF NOT EXISTS versions_by_plan ON versions (plan_id, id);
  CREATE TABLE IF NOT EXISTS ideas (
    id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id), author_key TEXT NOT NULL,
    author TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS ideas_by_author ON ideas (plan_id, author_key);
  CREATE TABLE IF NOT EXISTS portfolios (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS portfolio_plans (
    position INTEGER PRIMARY KEY AUTOINCREMENT, portfolio_id TEXT NOT NULL REFERENCES portfolios(id),
    plan_id TEXT NOT NULL REFERENCES plans(id), added_at TEXT NOT NULL, UNIQUE (portfolio_id, plan_id));
`;

const bytes = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
const view = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

export function createSqliteStorage(dataDir: string): Storage {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const sql = {
    insertPlan: db.prepare('INSERT INTO plans (id, created_at) VALUES (?, ?)'),
    planExists: db.prepare('SELECT 1 FROM plans WHERE id = ?'),
    snapshot: db.prepare('SELECT seq, data FROM snapshots WHERE plan_id = ?'),
    tail: db.prepare('SELECT seq, data FROM updates WHERE plan_id = ? AND seq > ? ORDER BY seq'),
    // the next number after both the log and the snapshot, computed in the insert: right even after compaction
    insertUpdate: db.prepare(`INSERT INTO updates (plan_id, seq, data) VALUES (@planId,
      (SELECT MAX(s) FROM (SELECT MAX(seq) AS s FROM updates WHERE plan_id = @planId
                           UNION ALL SELECT seq FROM snapshots WHERE plan_id = @planId)) + 1, @data) RETURNING seq`),
    upsertSnapshot: db.prepare(`INSERT INTO snapshots (plan_id, seq, data, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(plan_id) DO UPDATE SET seq = excluded.seq, data = excluded.data, updated_at = excluded.updated_at`),
    deleteUpdates: db.prepare('DELETE FROM updates WHERE plan_id = ? AND seq <= ?'),
    insertVersion: db.prepare('INSERT INTO versions (plan_id, name, created_at, created_by, state) VALUES (?, ?, ?, ?, ?)'),
    listVersions: db.prepare('SELECT id, name, created_at AS createdAt, created_by AS createdBy FROM versions WHERE plan_id = ? ORDER BY id DESC'),
    deleteVersion: db.prepare('DELETE FROM versions WHERE plan_id = ? AND id = ?'),
    getVersion: db.prepare('SELECT id, name, created_at AS createdAt, created_by AS createdBy, state FROM versions WHERE plan_id = ? AND id = ?'),
    insertIdea: db.prepare('INSERT INTO ideas (plan_id, author_key, author, text, created_at) VALUES (?, ?, ?, ?, ?)'),
    listIdeas: db.prepare('SELECT id, author, text, created_at AS createdAt FROM ideas WHERE plan_id = ? AND author_key = ? ORDER BY id'),
    countIdeas: db.prepare('SELECT COUNT(*) AS n FROM ideas WHERE plan_id = ?'),
    deleteIdea: db.prepare('DELETE FROM ideas WHERE plan_id = ? AND author_key = ? AND id = ?'),
    allIdeas: db.prepare('SELECT id, author, text, created_at AS createdAt FROM ideas WHERE plan_id = ? ORDER BY id'),
    deleteIdeas: db.prepare('DELETE FROM ideas WHERE plan_id = ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    insertPortfolio: db.prepare('INSERT INTO portfolios (id, title, created_at) VALUES (?, ?, ?)'),
    getPortfolio: db.prepare('SELECT id, title, created_at AS createdAt FROM portfolios WHERE id = ?'),
    renamePortfolio: db.prepare('UPDATE portfolios SET title = ? WHERE id = ?'),
    portfolioPlans: db.prepare('SELECT plan_id AS planId, added_at AS addedAt FROM portfolio_plans WHERE portfolio_id = ? ORDER BY position'),
    countPortfolioPlans: db.prepare('SELECT COUNT(*) AS n FROM portfolio_plans WHERE portfolio_id = ?'),
    hasPortfolioPlan: db.prepare('SELECT 1 FROM portfolio_plans WHERE portfolio_id = ? AND plan_id = ?'),
    insertPortfolioPlan: db.prepare('INSERT INTO portfolio_plans (portfolio_id, plan_id, added_at) VALUES (?, ?, ?)'),
    deletePortfolioPlan: db.prepare('DELETE FROM portfolio_plans WHERE portfolio_id = ? AND plan_id = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };

  const append = (planId: string, update: Uint8Array): number => {
    const row = sql.insertUpdate.get({ planId, data: bytes(update) }) as { seq: number };
    return row.seq;
  };
  const appendMany = db.transaction((planId: string, updates: Uint8Array[]) => updates.map((update) => append(planId, update)));
  const load = db.transaction((planId: string) => {
    const snapshot = sql.snapshot.get(planId) as { seq: number; data: Buffer } | undefined;
    if (!snapshot) return sql.planExists.get(planId) ? storedPlan([], 0) : null;
    const tail = sql.tail.all(planId, snapshot.seq) as { seq: number; data: Buffer }[];
    return storedPlan([snapshot.data, ...tail.map((r) => r.data)].map(view), tail.at(-1)?.seq ?? snapshot.seq);
  });
  const compact = db.transaction((planId: string, state: Uint8Array, upToSeq: number) => {
    const current = sql.snapshot.get(planId) as { seq: number } | undefined;
    if (current && current.seq >= upToSeq) return false;
    sql.upsertSnapshot.run(planId, upToSeq, bytes(state), new Date().toISOString());
    sql.deleteUpdates.run(planId, upToSeq);
    return true;
  });
  const reveal = db.transaction((planId: string, toUpdate: (ideas: IdeaRecord[]) => Uint8Array | null) => {
    const ideas = sql.allIdeas.all(planId) as IdeaRecord[];
    const update = toUpdate(ideas);
    const seq = update ? append(planId, update) : null;
    sql.deleteIdeas.run(planId);
    return { ideas, seq };
  });

  const getPortfolio = db.transaction((portfolioId: string): PortfolioRecord | null => {
    const row = sql.getPortfolio.get(portfolioId) as Omit<PortfolioRecord, 'plans'> | undefined;
    if (!row) return null;
    return { ...row, plans: sql.portfolioPlans.all(portfolioId) as PortfolioRecord['plans'] };
  });
  const addPortfolioPlan = db.transaction((portfolioId: string, planId: string, maxPlans: number): AddPlanOutcome => {
    if (!sql.getPortfolio.get(portfolioId) || !sql.planExists.get(planId)) return 'missing';
    if (sql.hasPortfolioPlan.get(portfolioId, planId)) return 'present';
    if ((sql.countPortfolioPlans.get(portfolioId) as { n: number }).n >= maxPlans) return 'full';
    sql.insertPortfolioPlan.run(portfolioId, planId, new Date().toISOString());
    return 'added';
  });

  return {
    kind: 'sqlite',
    updates: {
      async createPlan(planId, initialState) {
        const now = new Date().toISOString();
        db.transaction(() => {
          sql.insertPlan.run(planId, now);
          sql.upsertSnapshot.run(planId, 0, bytes(initialState), now);
        })();
      },
      async planExists(planId) {
        return sql.planExists.get(planId) !== undefined;
      },
      async load(planId) {
        return load(planId);
      },
      async append(planId, update) {
        return append(planId, update);
      },
      async appendMany(planId, updates) {
        return appendMany(planId, updates);
      },
      async compact(planId, state, upToSeq) {
        return compact(planId, state, upToSeq);
      },
    },
    versions: {
      async save(planId, name, createdBy, state) {
        const createdAt = new Date().toISOString();
        const result = sql.insertVersion.run(planId, name, createdAt, createdBy, bytes(state));
        return { id: Number(result.lastInsertRowid), name, createdAt, createdBy };
      },
      async list(planId) {
        return sql.listVersions.all(planId) as VersionInfo[];
      },
      async get(planId, versionId) {
        const row = sql.getVersion.get(planId, versionId) as (VersionInfo & { state: Buffer }) | undefined;
        if (!row) return null;
        const { state, ...info } = row;
        return { info, state: view(state) };
      },
      async delete(planId, versionId) {
        sql.deleteVersion.run(planId, versionId);
      },
    },
    ideas: {
      async add(planId, authorKey, author, text) {
        const createdAt = new Date().toISOString();
        const result = sql.insertIdea.run(planId, authorKey, author, text, createdAt);
        return { id: Number(result.lastInsertRowid), author, text, createdAt };
      },
      async list(planId, authorKey) {
        return sql.listIdeas.all(planId, authorKey) as IdeaRecord[];
      },
      async count(planId) {
        return (sql.countIdeas.get(planId) as { n: number }).n;
      },
      async remove(planId, authorKey, ideaId) {
        return sql.deleteIdea.run(planId, authorKey, ideaId).changes > 0;
      },
      async reveal(planId, toUpdate) {
        return reveal(planId, toUpdate);
      },
    },
    meta: {
      async get(key) {
        return (sql.getMeta.get(key) as { value: string } | undefined)?.value;
      },
      async set(key, value) {
        sql.setMeta.run(key, value);
      },
    },
    portfolios: {
      async create(portfolioId, title) {
        sql.insertPortfolio.run(portfolioId, title, new Date().toISOString());
      },
      async get(portfolioId) {
        return getPortfolio(portfolioId);
      },
      async rename(portfolioId, title) {
        return sql.renamePortfolio.run(title, portfolioId).changes > 0;
      },
      async addPlan(portfolioId, planId, maxPlans) {
        return addPortfolioPlan(portfolioId, planId, maxPlans);
      },
      async removePlan(portfolioId, planId) {
        return sql.deletePortfolioPlan.run(portfolioId, planId).changes > 0;
      },
      async hasPlan(portfolioId, planId) {
        return sql.hasPortfolioPlan.get(portfolioId, planId) !== undefined;
      },
    },
    async close() {
      db.close();
    },
  };
}
