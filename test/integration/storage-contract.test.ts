/**
 * One contract for every store behind server/storage/: memory, SQLite and a real PostgreSQL (started by
 * scripts/services.mjs on a loopback port in a temp folder). Plans are built from real Yjs updates, and every
 * check reads back through the store's own interface.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startPostgres, type RunningService } from '../../scripts/services.mjs';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../../server/storage/sqlite.ts';
import { createMemoryStorage, createPostgresStorage, createSqliteStorage, type Storage } from '../../server/storage/index.ts';

/** A store kind: `open` gives a fresh, empty store; `reopen` a second handle on the same data (another instance). */
interface Kind {
  name: string;
  durable: boolean;
  open(): Promise<{ storage: Storage; reopen(): Promise<Storage>; cleanup(): Promise<void> }>;
}

let postgres: RunningService | null = null;

const kinds: Kind[] = [
  {
    name: 'memory',
    durable: false,
    async open() {
      const storage = createMemoryStorage();
      return { storage, reopen: async () => storage, cleanup: async () => {} };
    },
  },
  {
    name: 'sqlite',
    durable: true,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'fk-contract-'));
      return {
        storage: createSqliteStorage(dir),
        reopen: async () => createSqliteStorage(dir),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    durable: true,
    async open() {
      // a database of its own per test: migrations run on an empty database every time
      const database = `fk_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client(postgres!.url);
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      const url = postgres!.url.replace(/\/postgres$/, `/${database}`);
      return { storage: await createPostgresStorage(url), reopen: () => createPostgresStorage(url), cleanup: async () => {} };
    },
  },
];

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

/** A Yjs update that sets `key` in the map `m`, made by its own client (as a peer's edit would be). */
function edit(key: string, value: unknown = key): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

function initial(): Uint8Array {
  return edit('start', 'plan');
}

/** The map `m` of the doc that the stored updates make. */
function contents(updates: Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getMap('m').toJSON();
}

async function loaded(storage: Storage, planId: string) {
  const plan = await storage.updates.load(planId);
  if (!plan) throw new Error(`plan ${planId} is missing`);
  return plan;
}

async function withStoreOf(kind: Kind, work: (s: Storage, reopen: () => Promise<Storage>) => Promise<void>): Promise<void> {
  const { storage, reopen, cleanup } = await kind.open();
  try {
    await work(storage, reopen);
  } finally {
    await storage.close();
    await cleanup();
  }
}

/** lets other tasks run: the synchronous stores would otherwise never interleave writers and compactors */
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(kinds)('storage contract: $name', (kind) => {
  const withStore = (work: Parameters<typeof withStoreOf>[1]) => withStoreOf(kind, work);

  it('creates a plan whose first state is the snapshot, and refuses the same id twice', () =>
    withStore(async (s) => {
      expect(await s.updates.planExists('a')).toBe(false);
      expect(await s.updates.load('a')).toBeNull();
      const first = initial();
      await s.updates.createPlan('a', first);
      expect(await s.updates.planExists('a')).toBe(true);
      const plan = await loaded(s, 'a');
      expect(plan.lastSeq).toBe(0);
      expect(contents(plan.updates)).toEqual({ start: 'plan' });
      expect(plan.bytes).toBe(first.byteLength);
      await expect(s.updates.createPlan('a', initial())).rejects.toThrow();
    }));

  it('appends updates with rising numbers and loads them after the snapshot, in order', () =>
    withStore(async (s) => {
      await s.updates.createPlan('a', initial());
      await s.updates.createPlan('b', initial());
      const seqs = [];
      for (let i = 0; i < 5; i++) seqs.push(await s.updates.append('a', edit(`k${i}`)));
      expect(seqs).toEqual([1, 2, 3, 4, 5]);
      expect(await s.updates.append('b', edit('other'))).toBe(1);
      const plan = await loaded(s, 'a');
      expect(plan.lastSeq).toBe(5);
      expect(plan.updates).toHaveLength(6);
      expect(contents(plan.updates)).toEqual({ start: 'plan', k0: 'k0', k1: 'k1', k2: 'k2', k3: 'k3', k4: 'k4' });
      expect(contents((await loaded(s, 'b')).updates)).toEqual({ start: 'plan', other: 'other' });
    }));

  it('appends a group of updates in one step with consecutive numbers, interleaved rightly with single appends', () =>
    withStore(async (s) => {
      await s.updates.createPlan('a', initial());
      expect(await s.updates.append('a', edit('one'))).toBe(1);
      expect(await s.updates.appendMany('a', [edit('g0'), edit('g1'), edit('g2')])).toEqual([2, 3, 4]);
      expect(await s.updates.appendMany('a', [])).toEqual([]);
      expect(await s.updates.append('a', edit('last'))).toBe(5);
      const plan = await loaded(s, 'a');
      expect(plan.lastSeq).toBe(5);
      expect(contents(plan.updates)).toEqual({ start: 'plan', one: 'one', g0: 'g0', g1: 'g1', g2: 'g2', last: 'last' });
      await expect(s.updates.appendMany('ghost', [edit('x'), edit('y')])).rejects.toThrow();
      expect(await s.updates.planExists('ghost')).toBe(false);
    }));

  it('refuses an update for a plan that does not exist, and stores nothing', () =>
    withStore(async (s) => {
      await expect(s.updates.append('ghost', edit('x'))).rejects.toThrow();
      expect(await s.updates.planExists('ghost')).toBe(false);
    }));

  it('compacts: the snapshot replaces what it holds, later numbers go on, a stale compaction changes nothing', () =>
    withStore(async (s) => {
      await s.updates.createPlan('a', initial());
      for (let i = 0; i < 4; i++) await s.updates.append('a', edit(`k${i}`));
      const before = await loaded(s, 'a');
      const doc = new Y.Doc();
      for (const u of before.updates) Y.applyUpdate(doc, u);
      expect(await s.updates.compact('a', Y.encodeStateAsUpdate(doc), before.lastSeq)).toBe(true);
      const after = await loaded(s, 'a');
      expect(after.updates).toHaveLength(1);
      expect(after.lastSeq).toBe(4);
      expect(await s.updates.append('a', edit('later'))).toBe(5);
      // a compaction computed from an older state must not replace the newer snapshot
      expect(await s.updates.compact('a', initial(), 2)).toBe(false);
      expect(contents((await loaded(s, 'a')).updates)).toEqual({ start: 'plan', k0: 'k0', k1: 'k1', k2: 'k2', k3: 'k3', later: 'later' });
    }));

  it('loses nothing when compactions race appends from several writers', () =>
    withStore(async (s, reopen) => {
      const other = await reopen();
      try {
        await s.updates.createPlan('race', initial());
        const writers = 4;
        const perWriter = 60;
        let writing = true;
        const write = async (w: number, store: Storage) => {
          for (let i = 0; i < perWriter; i++) {
            await store.updates.append('race', edit(`w${w}-${i}`));
            await yieldTurn();
          }
        };
        const compactor = async (store: Storage) => {
          let compactions = 0;
          while (writing) {
            const plan = await loaded(store, 'race');
            const doc = new Y.Doc();
            for (const u of plan.updates) Y.applyUpdate(doc, u);
            if (await store.updates.compact('race', Y.encodeStateAsUpdate(doc), plan.lastSeq)) compactions++;
            await yieldTurn();
          }
          return compactions;
        };
        const compacting = Promise.all([compactor(s), compactor(other)]);
        await Promise.all(Array.from({ length: writers }, (_, w) => write(w, w % 2 === 0 ? s : other)));
        writing = false;
        const compactions = (await compacting).reduce((a, b) => a + b, 0);
        expect(compactions).toBeGreaterThan(0);
        const plan = await loaded(s, 'race');
        expect(plan.lastSeq).toBe(writers * perWriter);
        const keys = Object.keys(contents(plan.updates));
        expect(keys).toHaveLength(writers * perWriter + 1);
      } finally {
        if (other !== s) await other.close();
      }
    }), 60_000);

  it('keeps named versions per plan, newest first', () =>
    withStore(async (s) => {
      await s.updates.createPlan('a', initial());
      await s.updates.createPlan('b', initial());
      const first = await s.versions.save('a', 'Før workshop', 'Mette', edit('v1'));
      const second = await s.versions.save('a', 'Efter workshop', 'Ali', edit('v2'));
      expect(second.id).toBeGreaterThan(first.id);
      expect(first).toMatchObject({ name: 'Før workshop', createdBy: 'Mette' });
      expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
      expect((await s.versions.list('a')).map((v) => v.name)).toEqual(['Efter workshop', 'Før workshop']);
      expect(await s.versions.list('b')).toEqual([]);
      const got = await s.versions.get('a', first.id);
      expect(got?.info).toEqual(first);
      expect(contents([got!.state])).toEqual({ v1: 'v1' });
      expect(await s.versions.get('b', first.id)).toBeNull();
      await s.versions.delete('b', first.id); // another plan's id: nothing happens
      expect(await s.versions.get('a', first.id)).not.toBeNull();
      await s.versions.delete('a', first.id);
      expect(await s.versions.get('a', first.id)).toBeNull();
      expect((await s.versions.list('a')).map((v) => v.name)).toEqual(['Efter workshop']);
    }));

  it('keeps ideas private per author until they are revealed into the log in one step', () =>
    withStore(async (s) => {
      await s.updates.createPlan('a', initial());
      const mine = await s.ideas.add('a', 'key-mette', 'Mette', 'Lektiecafé om lørdagen');
      await s.ideas.add('a', 'key-ali', 'Ali', 'Fællesspisning');
      expect(await s.ideas.list('a', 'key-mette')).toEqual([mine]);
      expect(await s.ideas.count('a')).toBe(2);
      expect(await s.ideas.remove('a', 'key-ali', mine.id)).toBe(false);
      await expect(s.ideas.reveal('a', () => {
        throw new Error('the doc update failed');
      })).rejects.toThrow('the doc update failed');
      expect(await s.ideas.count('a')).toBe(2);
      expect((await loaded(s, 'a')).lastSeq).toBe(0);
      const revealed = await s.ideas.reveal('a', (ideas) => edit('ideas', ideas.map((i) => i.text)));
      expect(revealed.ideas.map((i) => i.author)).toEqual(['Mette', 'Ali']);
      expect(revealed.seq).toBe(1);
      expect(await s.ideas.count('a')).toBe(0);
      expect(contents((await loaded(s, 'a')).updates).ideas).toEqual(['Lektiecafé om lørdagen', 'Fællesspisning']);
      expect(await s.ideas.reveal('a', () => null)).toEqual({ ideas: [], seq: null });
      const again = await s.ideas.add('a', 'key-mette', 'Mette', 'Ny idé');
      expect(await s.ideas.remove('a', 'key-mette', again.id)).toBe(true);
      expect(await s.ideas.count('a')).toBe(0);
    }));

  it('keeps server settings', () =>
    withStore(async (s) => {
      expect(await s.meta.get('example-plan-id')).toBeUndefined();
      await s.meta.set('example-plan-id', 'p1');
      await s.meta.set('example-plan-id', 'p2');
      expect(await s.meta.get('example-plan-id')).toBe('p2');
    }));

  it('keeps portfolios: a title, plans in the order added, each once, never past the limit', () =>
    withStore(async (s) => {
      expect(await s.portfolios.get('f1')).toBeNull();
      await s.portfolios.create('f1', 'Aarhus Kommune');
      await expect(s.portfolios.create('f1', 'igen')).rejects.toThrow();
      for (const id of ['a', 'b', 'c']) await s.updates.createPlan(id, initial());
      expect(await s.portfolios.addPlan('f1', 'b', 2)).toBe('added');
      expect(await s.portfolios.addPlan('f1', 'a', 2)).toBe('added');
      expect(await s.portfolios.addPlan('f1', 'a', 2)).toBe('present');
      expect(await s.portfolios.addPlan('f1', 'c', 2)).toBe('full');
      expect(await s.portfolios.addPlan('f1', 'ghost', 2)).toBe('missing');
      expect(await s.portfolios.addPlan('nope', 'a', 2)).toBe('missing');
      expect(await s.portfolios.rename('f1', 'Aarhus Kommune, 2026')).toBe(true);
      expect(await s.portfolios.rename('nope', 'x')).toBe(false);
      const record = await s.portfolios.get('f1');
      expect(record?.title).toBe('Aarhus Kommune, 2026');
      expect(record?.plans.map((p) => p.planId)).toEqual(['b', 'a']);
      expect(await s.portfolios.hasPlan('f1', 'a')).toBe(true);
      expect(await s.portfolios.removePlan('f1', 'a')).toBe(true);
      expect(await s.portfolios.removePlan('f1', 'a')).toBe(false);
      expect(await s.portfolios.hasPlan('f1', 'a')).toBe(false);
      expect(await s.portfolios.addPlan('f1', 'c', 2)).toBe('added');
      expect((await s.portfolios.get('f1'))?.plans.map((p) => p.planId)).toEqual(['b', 'c']);
    }));

  it('never lets owners adding at once pass the portfolio limit', () =>
    withStore(async (s) => {
      await s.portfolios.create('f', 'Mange planer');
      const ids = Array.from({ length: 12 }, (_, i) => `plan${i}`);
      for (const id of ids) await s.updates.createPlan(id, initial());
      const outcomes = await Promise.all(ids.map((id) => s.portfolios.addPlan('f', id, 5)));
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'full')).toHaveLength(7);
      expect((await s.portfolios.get('f'))?.plans).toHaveLength(5);
    }));

});

describe.each(kinds.filter((k) => k.durable))('storage contract, durable stores: $name', (kind) => {
  it('keeps everything committed when it is closed and opened again', () =>
    withStoreOf(kind, async (s, reopen) => {
      await s.updates.createPlan('a', initial());
      await s.updates.append('a', edit('kept'));
      await s.versions.save('a', 'v', 'Mette', edit('v'));
      await s.ideas.add('a', 'k', 'Mette', 'idé');
      await s.portfolios.create('f', 'Portefølje');
      await s.portfolios.addPlan('f', 'a', 100);
      const again = await reopen();
      try {
        expect(contents((await loaded(again, 'a')).updates)).toEqual({ start: 'plan', kept: 'kept' });
        expect(await again.versions.list('a')).toHaveLength(1);
        expect(await again.ideas.count('a')).toBe(1);
        expect((await again.portfolios.get('f'))?.plans.map((p) => p.planId)).toEqual(['a']);
        expect(await again.updates.append('a', edit('more'))).toBe(2);
      } finally {
        await again.close();
      }
    }));
});

/** A data folder as the first, synchronous store (server/storage.ts, before the async stores) wrote it. */
function writeOldDataFolder(dir: string): void {
  const db = new Database(join(dir, SQLITE_FILE));
  db.exec(`
    CREATE TABLE plans (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
    CREATE TABLE updates (plan_id TEXT NOT NULL REFERENCES plans(id), seq INTEGER NOT NULL, data BLOB NOT NULL,
      PRIMARY KEY (plan_id, seq)) WITHOUT ROWID;
    CREATE TABLE snapshots (plan_id TEXT PRIMARY KEY REFERENCES plans(id), seq INTEGER NOT NULL, data BLOB NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE versions (id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id), name TEXT NOT NULL,
      created_at TEXT NOT NULL, created_by TEXT NOT NULL, state BLOB NOT NULL);
    CREATE TABLE ideas (id INTEGER PRIMARY KEY AUTOINCREMENT, plan_id TEXT NOT NULL REFERENCES plans(id), author_key TEXT NOT NULL,
      author TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);`);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO plans VALUES (?, ?)').run('p', now);
  db.prepare('INSERT INTO snapshots VALUES (?, 0, ?, ?)').run('p', Buffer.from(initial()), now);
  db.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('p', 1, Buffer.from(edit('a')));
  db.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('p', 2, Buffer.from(edit('b')));
  db.prepare('INSERT INTO versions (plan_id, name, created_at, created_by, state) VALUES (?, ?, ?, ?, ?)').run('p', 'Første', now, 'Mette', Buffer.from(edit('v')));
  db.prepare('INSERT INTO ideas (plan_id, author_key, author, text, created_at) VALUES (?, ?, ?, ?, ?)').run('p', 'key', 'Ali', 'idé', now);
  db.prepare('INSERT INTO meta VALUES (?, ?)').run('example-plan-id', 'p');
  db.close();
}

describe('SQLite data folders of the synchronous store', () => {
  it('open in the new store with every plan, version and idea, and numbering goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-contract-old-'));
    try {
      writeOldDataFolder(dir);
      const s = createSqliteStorage(dir);
      try {
        expect(contents((await loaded(s, 'p')).updates)).toEqual({ start: 'plan', a: 'a', b: 'b' });
        expect((await s.versions.list('p')).map((v) => v.name)).toEqual(['Første']);
        expect(await s.ideas.list('p', 'key')).toHaveLength(1);
        expect(await s.meta.get('example-plan-id')).toBe('p');
        expect(await s.updates.append('p', edit('c'))).toBe(3);
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
