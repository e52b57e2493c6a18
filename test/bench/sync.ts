/**
 * Sync and server figures: our server (storage on, access checked) against the stock @y/websocket-server 0.1.1
 * started by this script, with the same clients, the same plan and the same load.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { planToDoc, updateNode } from '../../model/ydoc.ts';
import { readPlanText, type PlanFile } from '../../model/schema.ts';
import { generatePlan } from '../../model/generate.ts';
import { ensureServerBuild } from '../../scripts/ensure.mjs';
import { startCluster } from '../../scripts/cluster.mjs';
import { freePort, startServer, tokenOf, type TestServer } from '../support/server.ts';
import { percentile, row, sleep, type BenchContext, type Row } from './harness.ts';

const root = join(import.meta.dirname, '..', '..');
/** our server's per-connection rate limit is raised for the load runs (the default protects a real room) */
const UNLIMITED = { MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000', LOG_LEVEL: 'error' };

interface Target {
  name: string;
  url: string;
  /** several instances: client i connects to urls[i % urls.length] (else everyone to `url`) */
  urls?: string[];
  room: string;
  params: Record<string, string>;
  /** true when the plan must be seeded by the first client (the stock server starts empty) */
  seed: boolean;
  pid: number;
  stop: () => Promise<void>;
}

export async function stockServer(): Promise<{ url: string; process: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await sleep(25);
    }
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    process: child,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function ours(env: Record<string, string> = {}): Promise<{ server: TestServer; target: (plan: unknown) => Promise<Target> }> {
  const server = await startServer({ env: { ...UNLIMITED, ...env } });
  return {
    server,
    target: async (plan) => {
      const { id, links } = await server.createPlan(plan);
      return { name: 'ours', url: server.wsUrl, room: id, params: { token: tokenOf(links.participant), name: 'Bench' }, seed: false, pid: server.process.pid!, stop: () => server.kill('SIGTERM') };
    },
  };
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

async function connectClients(target: Target, count: number, plan: Parameters<typeof planToDoc>[0]): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    if (i === 0 && target.seed) planToDoc(plan, doc);
    const url = target.urls ? target.urls[i % target.urls.length]! : target.url;
    const provider = new WebsocketProvider(url, target.room, doc, {
      params: { ...target.params, name: `Bench ${i}` },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    clients.push({ doc, provider });
  }
  const deadline = Date.now() + 30_000;
  while (!clients.every((c) => c.provider.synced && c.doc.getMap('nodes').size >= plan.nodes.length)) {
    if (Date.now() > deadline) throw new Error(`${target.name}: clients did not sync`);
    await sleep(20);
  }
  return clients;
}

function disconnect(clients: Client[]): void {
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
}

/** A title as the reader sees it: shared text (model/ydoc.ts) or, in plans stored before it, a plain string. */
function titleText(value: unknown): string | null {
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : null;
}

/** The title an observed change wrote: into a card's shared title text, or a whole title set on the card's map. */
function changedTitle(event: Y.YEvent<Y.AbstractType<unknown>>): string | null {
  if (event.target instanceof Y.Text) {
    const card = event.target.parent;
    return card instanceof Y.Map && card.get('title') === event.target ? event.target.toString() : null;
  }
  if (event.target instanceof Y.Map && (event as Y.YMapEvent<unknown>).keysChanged.has('title')) return titleText(event.target.get('title'));
  return null;
}

/** Every client edits 5 times a second and moves its cursor; latency = edit until every other client has it. */
export async function latency(target: Target, count: number, seconds: number, plan = generatePlan(Math.max(60, count * 5))): Promise<number[]> {
  const clients = await connectClients(target, count, plan);
  const chainNodes = plan.nodes.filter((n) => n.kind === 'output').map((n) => n.id);
  const sent = new Map<string, number>();
  const seenBy = new Map<string, number>();
  const latencies: number[] = [];
  clients.forEach((client) => {
    client.doc.getMap('nodes').observeDeep((events) => {
      for (const event of events) {
        const title = changedTitle(event);
        if (title === null || !title.startsWith('edit:')) continue;
        const started = sent.get(title);
        if (started === undefined || event.transaction.local) continue;
        const seen = (seenBy.get(title) ?? 0) + 1;
        seenBy.set(title, seen);
        if (seen === count - 1) latencies.push(performance.now() - started);
      }
    });
  });
  let sequence = 0;
  const timers = clients.map((client, i) =>
    setInterval(() => {
      const title = `edit:${i}:${sequence++}`;
      sent.set(title, performance.now());
      updateNode(client.doc, chainNodes[i % chainNodes.length]!, { title }, 'bench');
      client.provider.awareness.setLocalStateField('cursor', { x: Math.random() * 1000, y: Math.random() * 1000 });
    }, 200 + (i % 7)),
  );
  await sleep(seconds * 1000);
  timers.forEach(clearInterval);
  await sleep(1500);
  disconnect(clients);
  return latencies;
}

/**
 * The same load split over two instances on Postgres + Redis (scripts/cluster.mjs), against one instance on
 * SQLite: what several instances cost in latency. Both run side by side, warmed up once, then measured in turns.
 */
export async function clusterBench(ctx: BenchContext): Promise<Row[]> {
  const count = ctx.size(4, 30);
  const seconds = ctx.size(1, 4);
  const plan = generatePlan(Math.max(60, count * 5));
  const single = await ours();
  const cluster = await startCluster({ instances: 2, env: UNLIMITED });
  try {
    const urls = cluster.servers.map((s) => `ws://127.0.0.1:${s.port}/sync`);
    const clusterTarget = async (): Promise<Target> => {
      const res = await fetch(`http://127.0.0.1:${cluster.servers[0]!.port}/api/plans`, { method: 'POST', body: JSON.stringify(plan), headers: { 'content-type': 'application/json' } });
      const { id, links } = (await res.json()) as { id: string; links: { participant: string } };
      return { name: 'cluster', url: urls[0]!, urls, room: id, params: { token: tokenOf(links.participant), name: 'Bench' }, seed: false, pid: 0, stop: async () => {} };
    };
    const targetOf = (which: 'cluster' | 'single') => (which === 'cluster' ? clusterTarget() : single.target(plan));
    const runs = await inTurns(['cluster', 'single'] as const, ctx.size(1, 3),
      async (which) => latency(await targetOf(which), count, 1, plan),
      async (which) => latency(await targetOf(which), count, seconds, plan));
    const split = runs.cluster.flat();
    const oneInstance = runs.single.flat();
    return [50, 99].map((p) => row('cluster', `p${p} edit → seen by all, ${count} clients split over two instances (Postgres + Redis)`, percentile(split, p), 'ms',
      'one instance on SQLite, the same load in this run', percentile(oneInstance, p), `${split.length} / ${oneInstance.length} edits measured; rounds in turns`));
  } finally {
    await cluster.stop();
    await single.server.kill('SIGTERM');
  }
}

/** One writer sends `count` updates as fast as it can; updates per second until a reader has them all. */
async function throughput(target: Target, count: number): Promise<number> {
  const plan = generatePlan(60);
  const [writer, reader] = await connectClients(target, 2, plan);
  const node = plan.nodes.find((n) => n.kind === 'output')!.id;
  // the reader has them all when it shows the last one: one writer's updates integrate in order, so the last needs
  // every one before it (a server may relay a burst merged into fewer messages)
  const last = `w${count - 1}`;
  const readerNode = reader!.doc.getMap('nodes').get(node) as Y.Map<unknown>;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    updateNode(writer!.doc, node, { title: `w${i}` }, 'bench');
    if (i % 100 === 0) await new Promise((r) => setImmediate(r));
  }
  const deadline = Date.now() + 60_000;
  while (titleText(readerNode.get('title')) !== last) {
    if (Date.now() > deadline) throw new Error(`${target.name}: the reader did not receive all ${count} updates`);
    await sleep(5);
  }
  const seconds = (performance.now() - start) / 1000;
  disconnect([writer!, reader!]);
  return count / seconds;
}

function rssKb(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

/**
 * Runs `measure` against two sides (ours and the stock server; two instances and one) in turns, `rounds` times
 * each, after one unmeasured warm-up of each: the bench's own clients (one process for all of them) compile their
 * code in the warm-up, not in the first measured run, and whichever side goes first alternates.
 */
async function inTurns<T, K extends string>(sides: readonly [K, K], rounds: number, warmUp: (which: K) => Promise<unknown>, measure: (which: K) => Promise<T>): Promise<Record<K, T[]>> {
  const [first, second] = sides;
  await warmUp(first);
  await warmUp(second);
  const results = { [first]: [] as T[], [second]: [] as T[] } as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? [first, second] : [second, first]) results[which].push(await measure(which));
  }
  return results;
}

export async function syncBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const seconds = ctx.size(1, 4);
  const rounds = ctx.size(1, 3);
  const ourServer = await ours();
  const stock = await stockServer();
  let room = 0;
  const stockTarget = (): Target => ({ name: 'stock', url: stock.url, room: `room-${room++}`, params: {}, seed: true, pid: stock.process.pid!, stop: stock.stop });
  const targetOf = async (which: 'ours' | 'stock', plan: PlanFile) => (which === 'ours' ? ourServer.target(plan) : stockTarget());
  const counts = ctx.smoke ? [2] : [2, 10, 30];
  try {
    for (const count of counts) {
      const plan = generatePlan(Math.max(60, count * 5));
      const runs = await inTurns(['ours', 'stock'] as const, rounds,
        async (which) => latency(await targetOf(which, plan), count, 1, plan),
        async (which) => latency(await targetOf(which, plan), count, seconds, plan));
      const oursLatency = runs.ours.flat();
      const stockLatency = runs.stock.flat();
      for (const p of [50, 99]) {
        rows.push(row('sync', `p${p} edit → seen by all, ${count} clients × 5 edits/s + cursors`, percentile(oursLatency, p), 'ms',
          'stock @y/websocket-server 0.1.1', percentile(stockLatency, p), `${oursLatency.length} / ${stockLatency.length} edits measured; ${rounds} rounds each, in turns`));
      }
    }
    const updates = ctx.size(200, 3000);
    const plan = generatePlan(60);
    const rates = await inTurns(['ours', 'stock'] as const, rounds,
      async (which) => throughput(await targetOf(which, plan), Math.round(updates / 4)),
      async (which) => throughput(await targetOf(which, plan), updates));
    const oursRate = percentile(rates.ours, 50);
    rows.push(row('sync', `sustained updates/s, one writer (${updates} updates)`, oursRate, 'updates/s', 'stock @y/websocket-server 0.1.1', percentile(rates.stock, 50),
      `higher is better; median of ${rounds} rounds each, in turns`));
    const memoryServer = await ours({ STORAGE: 'memory' });
    try {
      await throughput(await memoryServer.target(plan), Math.round(updates / 4));
      const memoryRates: number[] = [];
      for (let round = 0; round < rounds; round++) memoryRates.push(await throughput(await memoryServer.target(plan), updates));
      rows.push(row('durability', `updates/s with SQLite storage (${updates} updates)`, oursRate, 'updates/s', 'the same server with STORAGE=memory', percentile(memoryRates, 50), 'higher is better; ratio = share of throughput kept'));
    } finally {
      await memoryServer.server.kill('SIGTERM');
    }
  } finally {
    await ourServer.server.kill('SIGTERM');
    await stock.stop();
  }
  return rows;
}

/**
 * Cold start to a first synced client: a process is started, the plan is put on it, and a fresh client connects and
 * syncs until it holds every node. Both servers do the same work: ours is given the plan over HTTP (validated, built
 * and stored), the stock server by a first client that seeds it and stays connected (the stock server keeps a plan
 * only while someone is connected); the timed client is the next one. Until 23.11.2026 the stock server's time
 * ended when its seeding client itself was "synced", before the server had received the plan at all; that figure is
 * kept below, labelled as such.
 */
async function coldStarts(plan: PlanFile, rounds: number): Promise<{ ours: number[]; stock: number[]; stockSeederOnly: number[] }> {
  const times = { ours: [] as number[], stock: [] as number[], stockSeederOnly: [] as number[] };
  // taken in turns, so that the machine's load falls on both alike
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    const server = await ours();
    disconnect(await connectClients(await server.target(plan), 1, plan));
    times.ours.push(performance.now() - start);
    await server.server.kill('SIGTERM');

    start = performance.now();
    const stock = await stockServer();
    const target: Target = { name: 'stock', url: stock.url, room: 'cold', params: {}, seed: true, pid: stock.process.pid!, stop: stock.stop };
    const seeders = await connectClients(target, 1, plan);
    times.stockSeederOnly.push(performance.now() - start);
    disconnect(await connectClients({ ...target, seed: false }, 1, plan));
    times.stock.push(performance.now() - start);
    disconnect(seeders);
    await stock.stop();
  }
  return times;
}

export async function serverBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const plan = generatePlan(ctx.size(100, 1000));
  // the build is brought up to date first, so it is not timed
  await ensureServerBuild({ quiet: true });
  const rounds = ctx.size(1, 5);
  const starter = readPlanText(readFileSync(join(root, 'examples', 'skabelon.json'), 'utf8'));
  if (!starter.ok) throw new Error('examples/skabelon.json is invalid');
  for (const [label, measured] of [['the starter plan', starter.plan], [`a ${plan.nodes.length}-node plan`, plan]] as const) {
    const cold = await coldStarts(measured, rounds);
    rows.push(row('server', `cold start to first synced client, ${label}`, percentile(cold.ours, 50), 'ms', 'stock @y/websocket-server 0.1.1', percentile(cold.stock, 50),
      `median of ${rounds} fresh starts each; the plan reaches each server before a fresh client syncs it`));
    if (measured === plan) {
      rows.push(row('server', `the same, against the stock server's seeding client alone (${label})`, percentile(cold.ours, 50), 'ms', 'stock server until its seeding client is "synced"', percentile(cold.stockSeederOnly, 50),
        'the old measure: the stock server had not received the plan yet when its time ended'));
    }
  }
  const ourServer = await ours();
  const stock = await stockServer();

  // load of a plan from disk: first read after a restart against a second (warm) read
  const { id, links } = await ourServer.server.createPlan(plan);
  await ourServer.server.restart();
  const read = async () => {
    const t = performance.now();
    await (await fetch(`${ourServer.server.url}/api/plans/${id}?token=${tokenOf(links.viewer)}`)).arrayBuffer();
    return performance.now() - t;
  };
  const cold = await read();
  const warm = await read();
  rows.push(row('server', `load a ${plan.nodes.length}-node plan from disk (first GET after restart)`, cold, 'ms', 'the same GET with the plan in memory', warm));

  // memory per open plan
  const plans = ctx.size(3, 20);
  const before = rssKb(ourServer.server.process.pid!);
  const open: Client[] = [];
  for (let i = 0; i < plans; i++) open.push(...(await connectClients(await ourServer.target(generatePlan(200)), 1, generatePlan(200))));
  const oursPerPlan = (rssKb(ourServer.server.process.pid!) - before) / plans;
  disconnect(open);
  const stockBefore = rssKb(stock.process.pid!);
  const stockOpen: Client[] = [];
  for (let i = 0; i < plans; i++) {
    stockOpen.push(...(await connectClients({ name: 'stock', url: stock.url, room: `mem-${i}`, params: {}, seed: true, pid: 0, stop: stock.stop }, 1, generatePlan(200))));
  }
  const stockPerPlan = (rssKb(stock.process.pid!) - stockBefore) / plans;
  disconnect(stockOpen);
  rows.push(row('server', `memory per open 200-node plan (${plans} plans)`, oursPerPlan, 'kB', 'stock @y/websocket-server 0.1.1', stockPerPlan, 'RSS growth of the server process'));
  await ourServer.server.kill('SIGTERM');
  await stock.stop();
  return rows;
}
