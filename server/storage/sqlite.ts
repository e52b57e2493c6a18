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
import { storedPlan, type IdeaRecord, type Storage, type VersionInfo } from './types.ts';

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
    async close() {
      db.close();
    },
  };
}
