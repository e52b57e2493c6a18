/**
 * Clients for the hostile tests (test/integration/hostile-*.test.ts):
 * - `honest`: the stock y-websocket provider, as the editor uses it (a facilitator, an observer);
 * - `attacker`: a hand-made y-websocket client (ws + y-protocols) that keeps a clean copy of the server's doc and
 *   sends whatever update it likes. Each attack is made on a fresh copy with a fresh client id, so a refused attack
 *   leaves no gap in the attacker's own clocks and the next attack stands on its own.
 * Plus helpers to read back what the server has on disk after a restart.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll } from 'vitest';
import { connectProvider, until, type SyncEndpoint } from './handmade.ts';

export { until };
import { startServer, tokenOf, type StartOptions, type TestServer } from './server.ts';

import { MESSAGE_SYNC, MESSAGE_UPDATE_REFUSED } from '../../model/protocol.ts';

export interface Honest {
  doc: Y.Doc;
  provider: WebsocketProvider;
  refusals: string[];
  identity: { token: string; personId: string };
}

export interface Attacker {
  /** the server's doc as this client has received it (attacks are never applied to it) */
  doc: Y.Doc;
  refusals: string[];
  closed: { code: number; reason: string } | null;
  /** makes `mutate` on a fresh copy of the server's doc and sends the resulting update; returns it */
  attack(mutate: (doc: Y.Doc) => void): Uint8Array;
  /** sends a hand-made update as it is */
  send(update: Uint8Array): void;
  /**
   * Sends the updates and then a sync step 1 with `stateVector` in ONE write on the socket, so that the server reads
   * them together and handles them in one turn (a burst).
   */
  burst(updates: Uint8Array[], stateVector: Uint8Array): void;
  close(): void;
}

/** A small plan for the hostile tests: an aktivitet that contributes to a mål. */
export const smallPlan = {
  format: 'forandringskort/v1',
  plan: { title: 'Boligplan' },
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' },
    { id: 'm1', kind: 'maal', title: 'Flere i uddannelse' },
  ],
  edges: [{ from: 'a1', to: 'm1', kind: 'bidrager-til' }],
};

/** Starts a real server for the file's tests (handed to `use`) and stops it and every client afterwards. */
export function withServer(use: (server: TestServer) => void, options: StartOptions = {}): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    use(server);
  });
  afterAll(async () => {
    closeAll();
    await server?.kill('SIGTERM');
  });
}

const opened: Array<{ close(): void }> = [];

export function closeAll(): void {
  for (const client of opened.splice(0)) client.close();
}


export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The stock provider as the editor uses it; resolves once synced and the server has issued its identity. */
export async function honest(server: SyncEndpoint, planId: string, link: string, name: string): Promise<Honest> {
  const client = connectProvider(server, planId, link, name);
  opened.push({ close: () => client.provider.destroy() });
  await until(() => client.provider.synced && client.identity !== null, `${name} synced`);
  return { doc: client.doc, provider: client.provider, refusals: client.refusals, identity: client.identity! };
}

export async function attacker(server: SyncEndpoint, planId: string, link: string, name: string): Promise<Attacker> {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${server.wsUrl}/${planId}?token=${encodeURIComponent(tokenOf(link))}&name=${encodeURIComponent(name)}`);
  ws.binaryType = 'nodebuffer';
  let synced = false;
  const client: Attacker = {
    doc,
    refusals: [],
    closed: null,
    attack(mutate) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      const before = Y.encodeStateVector(copy);
      mutate(copy);
      const update = Y.encodeStateAsUpdate(copy, before);
      copy.destroy();
      client.send(update);
      return update;
    },
    send(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    },
    burst(updates, stateVector) {
      // ws writes each frame on its own; corked, the socket sends them all in one write when uncorked
      const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
      socket.cork();
      for (const update of updates) client.send(update);
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      encoding.writeVarUint(step1, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(step1, stateVector);
      ws.send(encoding.toUint8Array(step1));
      socket.uncork();
    },
    close: () => ws.close(),
  };
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
      if (kind === syncProtocol.messageYjsSyncStep2) synced = true;
      // answer the server's step 1 with nothing of our own: the clean copy never has anything the server lacks
    } else if (type === MESSAGE_UPDATE_REFUSED) {
      client.refusals.push((JSON.parse(decoding.readVarString(decoder)) as { reason: string }).reason);
    }
  });
  ws.on('close', (code, reason) => (client.closed = { code, reason: reason.toString() }));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(step1, doc);
  ws.send(encoding.toUint8Array(step1));
  opened.push(client);
  await until(() => synced, `${name} synced`);
  return client;
}

/** Everything the server has stored for a plan (snapshot + log), read from its SQLite file, as one doc. */
export function storedDoc(server: TestServer, planId: string): Y.Doc {
  const db = new Database(join(server.dataDir, 'forandringskort.sqlite'), { readonly: true });
  try {
    const doc = new Y.Doc();
    const snapshot = db.prepare('SELECT data FROM snapshots WHERE plan_id = ?').get(planId) as { data: Buffer } | undefined;
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot.data));
    const rows = db.prepare('SELECT data FROM updates WHERE plan_id = ? ORDER BY seq').all(planId) as { data: Buffer }[];
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
    return doc;
  } finally {
    db.close();
  }
}

/**
 * Writes an update straight into a stopped server's log, as if an older server had accepted it: how a plan that
 * already holds bad data (from before the checks) is made.
 */
export function plantUpdate(server: TestServer, planId: string, update: Uint8Array): void {
  const db = new Database(join(server.dataDir, 'forandringskort.sqlite'));
  try {
    const last = db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE plan_id = ?').get(planId) as { seq: number | null };
    const snapshot = db.prepare('SELECT seq FROM snapshots WHERE plan_id = ?').get(planId) as { seq: number } | undefined;
    const seq = Math.max(last.seq ?? 0, snapshot?.seq ?? 0) + 1;
    db.prepare('INSERT INTO updates (plan_id, seq, data) VALUES (?, ?, ?)').run(planId, seq, Buffer.from(update));
  } finally {
    db.close();
  }
}

/** An update that only deletes: `ranges` of clocks of `client` (the V1 encoding, written by hand). */
export function deleteOnlyUpdate(client: number, ranges: Array<[clock: number, length: number]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structs
  encoding.writeVarUint(encoder, 1); // one client in the delete set
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges.length);
  for (const [clock, length] of ranges) {
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, length);
  }
  return encoding.toUint8Array(encoder);
}

export async function getJson<T = unknown>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T };
}

/** A value nested `depth` levels deep. */
export function deepValue(depth: number): unknown {
  let value: unknown = 'bund';
  for (let i = 0; i < depth; i++) value = { n: value };
  return value;
}
