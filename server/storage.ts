/**
 * Durable storage of plans: an append-only log of Yjs updates per plan and one snapshot that folds the log's head.
 * The interface is small on purpose: a Postgres + Redis implementation will follow for scale-out.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface StoredPlan {
  /** the snapshot (if any) followed by every update after it, in order */
  updates: Uint8Array[];
  /** sequence number of the last update included */
  lastSeq: number;
  /** bytes stored for the plan (snapshot + tail), for size limits */
  bytes: number;
}

export interface VersionInfo {
  id: number;
  name: string;
  createdAt: string;
  createdBy: string;
}

export interface IdeaRecord {
  id: number;
  author: string;
  text: string;
  createdAt: string;
}

export interface PlanStore {
  createPlan(planId: string, initialState: Uint8Array): void;
  planExists(planId: string): boolean;
  loadPlan(planId: string): StoredPlan | null;
  /** Appends one update durably; returns its sequence number. Must return before the update is relayed. */
  appendUpdate(planId: string, update: Uint8Array): number;
  /** Replaces the snapshot by `state` (which includes every update up to `upToSeq`) and drops those updates. */
  compact(planId: string, state: Uint8Array, upToSeq: number): void;
  /** Named versions: a copy of the plan's state under a name, kept beside its log. */
  saveVersion(planId: string, name: string, createdBy: string, state: Uint8Array): VersionInfo;
  listVersions(planId: string): VersionInfo[];
  getVersion(planId: string, versionId: number): { info: VersionInfo; state: Uint8Array } | null;
  deleteVersion(planId: string, versionId: number): void;
  /** Idea notes kept private on the server until the facilitator reveals them; `authorKey` is the author's person id (server/tokens.ts). */
  addIdea(planId: string, authorKey: string, author: string, text: string): IdeaRecord;
  listIdeas(planId: string, authorKey: string): IdeaRecord[];
  countIdeas(planId: string): number;
  deleteIdea(planId: string, authorKey: string, ideaId: number): boolean;
  /**
   * Hands every hidden idea of the plan to `reveal` and removes them from the private store, in one transaction
   * with whatever `reveal` writes (the revealed ideas' doc update): a crash leaves them either hidden or revealed.
   */
  takeIdeas(planId: string, reveal: (ideas: IdeaRecord[]) => void): number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  close(): void;
}

export class SqlitePlanStore implements PlanStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'forandringskort.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a crash of this process (kill -9): a commit is in the OS before we relay it.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
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
    `);
    this.statements = {
      insertPlan: this.db.prepare('INSERT INTO plans (id, created_at) VALUES (?, ?)'),
      planExists: this.db.prepare('SELECT 1 FROM plans WHERE id = ?'),
      snapshot: this.db.prepare('SELECT seq, data FROM snapshots WHERE plan_id = ?'),
      tail: this.db.prepare('SELECT seq, data FROM updates WHERE plan_id = ? AND seq > ? ORDER BY seq'),
      lastSeq: this.db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE plan_id = ?'),
      insertUpdate: this.db.prepare('INSERT INTO updates (plan_id, seq, data) VALUES (?, ?, ?)'),
      upsertSnapshot: this.db.prepare(`INSERT INTO snapshots (plan_id, seq, data, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(plan_id) DO UPDATE SET seq = excluded.seq, data = excluded.data, updated_at = excluded.updated_at`),
      deleteUpdates: this.db.prepare('DELETE FROM updates WHERE plan_id = ? AND seq <= ?'),
      insertVersion: this.db.prepare('INSERT INTO versions (plan_id, name, created_at, created_by, state) VALUES (?, ?, ?, ?, ?)'),
      listVersions: this.db.prepare('SELECT id, name, created_at AS createdAt, created_by AS createdBy FROM versions WHERE plan_id = ? ORDER BY id DESC'),
      getVersion: this.db.prepare('SELECT id, name, created_at AS createdAt, created_by AS createdBy, state FROM versions WHERE plan_id = ? AND id = ?'),
      deleteVersion: this.db.prepare('DELETE FROM versions WHERE plan_id = ? AND id = ?'),
      insertIdea: this.db.prepare('INSERT INTO ideas (plan_id, author_key, author, text, created_at) VALUES (?, ?, ?, ?, ?)'),
      listIdeas: this.db.prepare('SELECT id, author, text, created_at AS createdAt FROM ideas WHERE plan_id = ? AND author_key = ? ORDER BY id'),
      countIdeas: this.db.prepare('SELECT COUNT(*) AS n FROM ideas WHERE plan_id = ?'),
      deleteIdea: this.db.prepare('DELETE FROM ideas WHERE plan_id = ? AND author_key = ? AND id = ?'),
      allIdeas: this.db.prepare('SELECT id, author, text, created_at AS createdAt FROM ideas WHERE plan_id = ? ORDER BY id'),
      deleteIdeas: this.db.prepare('DELETE FROM ideas WHERE plan_id = ?'),
      getMeta: this.db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** The next sequence number per plan, kept in memory once known. */
  private readonly nextSeq = new Map<string, number>();

  createPlan(planId: string, initialState: Uint8Array): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.statements.insertPlan.run(planId, now);
      this.statements.upsertSnapshot.run(planId, 0, Buffer.from(initialState), now);
    })();
    this.nextSeq.set(planId, 1);
  }

  planExists(planId: string): boolean {
    return this.statements.planExists.get(planId) !== undefined;
  }

  loadPlan(planId: string): StoredPlan | null {
    if (!this.planExists(planId)) return null;
    const snapshot = this.statements.snapshot.get(planId) as { seq: number; data: Buffer } | undefined;
    const fromSeq = snapshot?.seq ?? 0;
    const tail = this.statements.tail.all(planId, fromSeq) as { seq: number; data: Buffer }[];
    const updates = [...(snapshot ? [snapshot.data] : []), ...tail.map((row) => row.data)].map((b) => new Uint8Array(b));
    const lastSeq = tail.length > 0 ? tail[tail.length - 1]!.seq : fromSeq;
    this.nextSeq.set(planId, lastSeq + 1);
    return { updates, lastSeq, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
  }

  appendUpdate(planId: string, update: Uint8Array): number {
    let seq = this.nextSeq.get(planId);
    if (seq === undefined) {
      const snapshot = this.statements.snapshot.get(planId) as { seq: number } | undefined;
      const row = this.statements.lastSeq.get(planId) as { seq: number | null };
      seq = Math.max(row.seq ?? 0, snapshot?.seq ?? 0) + 1;
    }
    this.statements.insertUpdate.run(planId, seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    this.nextSeq.set(planId, seq + 1);
    return seq;
  }

  compact(planId: string, state: Uint8Array, upToSeq: number): void {
    this.db.transaction(() => {
      this.statements.upsertSnapshot.run(planId, upToSeq, Buffer.from(state), new Date().toISOString());
      this.statements.deleteUpdates.run(planId, upToSeq);
    })();
  }

  saveVersion(planId: string, name: string, createdBy: string, state: Uint8Array): VersionInfo {
    const createdAt = new Date().toISOString();
    const result = this.statements.insertVersion.run(planId, name, createdAt, createdBy, Buffer.from(state));
    return { id: Number(result.lastInsertRowid), name, createdAt, createdBy };
  }

  listVersions(planId: string): VersionInfo[] {
    return this.statements.listVersions.all(planId) as VersionInfo[];
  }

  getVersion(planId: string, versionId: number): { info: VersionInfo; state: Uint8Array } | null {
    const row = this.statements.getVersion.get(planId, versionId) as (VersionInfo & { state: Buffer }) | undefined;
    if (!row) return null;
    const { state, ...info } = row;
    return { info, state: new Uint8Array(state) };
  }

  deleteVersion(planId: string, versionId: number): void {
    this.statements.deleteVersion.run(planId, versionId);
  }

  addIdea(planId: string, authorKey: string, author: string, text: string): IdeaRecord {
    const createdAt = new Date().toISOString();
    const result = this.statements.insertIdea.run(planId, authorKey, author, text, createdAt);
    return { id: Number(result.lastInsertRowid), author, text, createdAt };
  }

  listIdeas(planId: string, authorKey: string): IdeaRecord[] {
    return this.statements.listIdeas.all(planId, authorKey) as IdeaRecord[];
  }

  countIdeas(planId: string): number {
    return (this.statements.countIdeas.get(planId) as { n: number }).n;
  }

  deleteIdea(planId: string, authorKey: string, ideaId: number): boolean {
    return this.statements.deleteIdea.run(planId, authorKey, ideaId).changes > 0;
  }

  takeIdeas(planId: string, reveal: (ideas: IdeaRecord[]) => void): number {
    return this.db.transaction(() => {
      const ideas = this.statements.allIdeas.all(planId) as IdeaRecord[];
      reveal(ideas);
      this.statements.deleteIdeas.run(planId);
      return ideas.length;
    })();
  }

  getMeta(key: string): string | undefined {
    return (this.statements.getMeta.get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Everything in memory: for benchmarks (the cost of durability) and throwaway servers. Not durable.
 */
export class MemoryPlanStore implements PlanStore {
  private readonly plans = new Map<string, { updates: { seq: number; data: Uint8Array }[]; snapshot: { seq: number; data: Uint8Array } }>();
  private readonly versions = new Map<string, { info: VersionInfo; state: Uint8Array }[]>();
  private readonly ideas = new Map<string, (IdeaRecord & { authorKey: string })[]>();
  private readonly meta = new Map<string, string>();
  private nextId = 1;

  createPlan(planId: string, initialState: Uint8Array): void {
    this.plans.set(planId, { updates: [], snapshot: { seq: 0, data: initialState } });
  }
  planExists(planId: string): boolean {
    return this.plans.has(planId);
  }
  loadPlan(planId: string): StoredPlan | null {
    const plan = this.plans.get(planId);
    if (!plan) return null;
    const updates = [plan.snapshot.data, ...plan.updates.map((u) => u.data)];
    const lastSeq = plan.updates.at(-1)?.seq ?? plan.snapshot.seq;
    return { updates, lastSeq, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) };
  }
  appendUpdate(planId: string, update: Uint8Array): number {
    const plan = this.plans.get(planId)!;
    const seq = (plan.updates.at(-1)?.seq ?? plan.snapshot.seq) + 1;
    plan.updates.push({ seq, data: update.slice() });
    return seq;
  }
  compact(planId: string, state: Uint8Array, upToSeq: number): void {
    const plan = this.plans.get(planId)!;
    plan.snapshot = { seq: upToSeq, data: state };
    plan.updates = plan.updates.filter((u) => u.seq > upToSeq);
  }
  saveVersion(planId: string, name: string, createdBy: string, state: Uint8Array): VersionInfo {
    const info = { id: this.nextId++, name, createdAt: new Date().toISOString(), createdBy };
    this.versions.set(planId, [...(this.versions.get(planId) ?? []), { info, state }]);
    return info;
  }
  listVersions(planId: string): VersionInfo[] {
    return (this.versions.get(planId) ?? []).map((v) => v.info).reverse();
  }
  getVersion(planId: string, versionId: number): { info: VersionInfo; state: Uint8Array } | null {
    return (this.versions.get(planId) ?? []).find((v) => v.info.id === versionId) ?? null;
  }
  deleteVersion(planId: string, versionId: number): void {
    this.versions.set(planId, (this.versions.get(planId) ?? []).filter((v) => v.info.id !== versionId));
  }
  addIdea(planId: string, authorKey: string, author: string, text: string): IdeaRecord {
    const idea = { id: this.nextId++, author, text, createdAt: new Date().toISOString() };
    this.ideas.set(planId, [...(this.ideas.get(planId) ?? []), { ...idea, authorKey }]);
    return idea;
  }
  listIdeas(planId: string, authorKey: string): IdeaRecord[] {
    return (this.ideas.get(planId) ?? []).filter((i) => i.authorKey === authorKey).map(({ authorKey: _key, ...idea }) => idea);
  }
  countIdeas(planId: string): number {
    return this.ideas.get(planId)?.length ?? 0;
  }
  deleteIdea(planId: string, authorKey: string, ideaId: number): boolean {
    const list = this.ideas.get(planId) ?? [];
    const kept = list.filter((i) => !(i.id === ideaId && i.authorKey === authorKey));
    this.ideas.set(planId, kept);
    return kept.length < list.length;
  }
  takeIdeas(planId: string, reveal: (ideas: IdeaRecord[]) => void): number {
    const list = (this.ideas.get(planId) ?? []).map(({ authorKey: _key, ...idea }) => idea);
    reveal(list);
    this.ideas.delete(planId);
    return list.length;
  }
  getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }
  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }
  close(): void {}
}
