// The sync server as a real process, with real y-websocket clients in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import { addNode, docToPlan } from '../../model/ydoc.ts';
import { CLOSE_CODES } from '../../model/protocol.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';
import { until } from '../support/until.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Synk' },
  nodes: [{ id: 'm1', kind: 'maal', title: 'Mål' }],
  edges: [],
};

type Links = Awaited<ReturnType<TestServer['createPlan']>>;

const providers: WebsocketProvider[] = [];

function connect(server: TestServer, planId: string, token: string, name = 'Test'): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, planId, doc, {
    params: { token, name },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  providers.push(provider);
  return { doc, provider };
}

const synced = (provider: WebsocketProvider) => until(() => provider.synced, 'provider synced');
const nodeIds = (doc: Y.Doc) => docToPlan(doc).nodes.map((n) => n.id).sort();

function rawSocket(server: TestServer, planId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/${planId}?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** The close code of a socket the server refuses; -1 when a message came before the close. */
function refusedWith(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let messages = 0;
    ws.on('message', () => messages++);
    ws.once('close', (code) => resolve(messages === 0 ? code : -1));
    ws.once('error', reject);
  });
}

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', () => undefined);
  });
}

let server: TestServer;

beforeAll(async () => {
  // COMPACT_EVERY is low so that compaction runs in the middle of the kill -9 burst too
  server = await startServer({ env: { MESSAGES_PER_SECOND: '200', MESSAGE_BURST: '600', MAX_FRAME_BYTES: String(256 * 1024), COMPACT_EVERY: '40' } });
});

afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await server?.kill('SIGTERM');
});

describe('sync', () => {
  it('lets two clients converge and gives a late third everything', async () => {
    const { id, links } = await server.createPlan(plan);
    const token = tokenOf(links.participant);
    const a = connect(server, id, token, 'A');
    const b = connect(server, id, token, 'B');
    await Promise.all([synced(a.provider), synced(b.provider)]);
    expect(nodeIds(a.doc)).toEqual(['m1']);
    addNode(a.doc, { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé' }, 'a');
    addNode(b.doc, { id: 'o1', kind: 'output', title: '40 brugere' }, 'b');
    await until(() => nodeIds(a.doc).length === 3 && nodeIds(b.doc).length === 3, 'both see both nodes');
    const c = connect(server, id, token, 'C');
    await synced(c.provider);
    await until(() => nodeIds(c.doc).length === 3, 'late joiner has everything');
    expect(docToPlan(c.doc)).toEqual(docToPlan(a.doc));
    const res = await fetch(`${server.url}/api/plans/${id}?token=${token}`);
    expect((await res.json()).nodes.map((n: { id: string }) => n.id).sort()).toEqual(['a1', 'm1', 'o1']);
  });

  it('shows names from the server, not what a client claims, with its role', async () => {
    const { id, links } = await server.createPlan(plan);
    const a = connect(server, id, tokenOf(links.participant), 'Anna');
    const b = connect(server, id, tokenOf(links.viewer), 'Bo');
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Facilitator', role: 'facilitator', color: '#f00' });
    await until(() => b.provider.awareness.getStates().get(a.doc.clientID) !== undefined, 'B sees A');
    expect(b.provider.awareness.getStates().get(a.doc.clientID)!.user).toEqual({ name: 'Anna', role: 'participant', color: '#f00', id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
  });
});

describe('durability', () => {
  it('keeps every update a peer has seen across kill -9, and clients resync by themselves', async () => {
    const { id, links } = await server.createPlan(plan);
    const token = tokenOf(links.participant);
    const writer = connect(server, id, token, 'Skriver');
    const peer = connect(server, id, token, 'Læser');
    await Promise.all([synced(writer.provider), synced(peer.provider)]);
    const seen = new Set<string>();
    peer.doc.getMap('nodes').observe((event) => event.keysChanged.forEach((key) => seen.add(key)));

    let written = 0;
    const burst = (async () => {
      for (; written < 500; written++) {
        addNode(writer.doc, { id: `n${written}`, kind: 'output', title: `Output ${written}` }, 'writer');
        if (written % 10 === 0) await new Promise((r) => setImmediate(r));
      }
    })();
    await until(() => seen.size >= 150, 'peer has seen part of the burst');
    await server.kill('SIGKILL');
    const seenAtCrash = [...seen];
    await burst;
    expect(seenAtCrash.length).toBeLessThan(500);
    await server.restart();

    const fresh = connect(server, id, token, 'Ny');
    await synced(fresh.provider);
    const afterRestart = new Set(nodeIds(fresh.doc));
    const lost = seenAtCrash.filter((key) => !afterRestart.has(key));
    expect(lost).toEqual([]);
    // the writer reconnects on its own and delivers what the server never got
    await until(() => nodeIds(fresh.doc).length === 501, 'writer resynced all 500 updates', 30_000);
  });
});

describe('operation', () => {
  it('shuts down gracefully on SIGTERM: clients are told "going away", writes are kept, exit status 0', async () => {
    const own = await startServer();
    const { id, links } = await own.createPlan(plan);
    const token = tokenOf(links.participant);
    const client = connect(own, id, token, 'A');
    await synced(client.provider);
    for (let i = 0; i < 30; i++) addNode(client.doc, { id: `g${i}`, kind: 'output', title: `G ${i}` }, 'a');
    const serverNodes = async () => (await (await fetch(`${own.url}/api/plans/${id}?token=${token}`)).json()).nodes.length as number;
    for (let tries = 0; (await serverNodes()) !== 31; tries++) {
      if (tries > 200) throw new Error('server never had all writes');
      await new Promise((r) => setTimeout(r, 20));
    }
    const closeCodes: number[] = [];
    client.provider.ws?.addEventListener('close', (event) => closeCodes.push((event as CloseEvent).code));
    const exited = new Promise<number | null>((resolve) => own.process.once('exit', (code) => resolve(code)));
    own.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    await until(() => closeCodes.length > 0, 'client saw the close');
    expect(closeCodes[0]).toBe(1001);
    client.provider.disconnect();
    await own.restart();
    const res = await fetch(`${own.url}/api/plans/${id}?token=${token}`);
    expect((await res.json()).nodes).toHaveLength(31);
    await own.kill('SIGTERM');
  });
});

describe('access', () => {
  it('refuses missing, forged and other plans\' tokens before anything is sent', async () => {
    const first = await server.createPlan(plan);
    const second = await server.createPlan(plan);
    // a refused link is closed at once with its typed code (test/integration/sync-close-codes.test.ts), nothing sent
    expect(await refusedWith(`${server.wsUrl}/${first.id}`)).toBe(CLOSE_CODES.linkMissing);
    expect(await refusedWith(`${server.wsUrl}/${first.id}?token=abc.def`)).toBe(CLOSE_CODES.linkInvalid);
    expect(await refusedWith(`${server.wsUrl}/${first.id}?token=${tokenOf(second.links.facilitator)}`)).toBe(CLOSE_CODES.linkInvalid);
    const forged = tokenOf(first.links.viewer).replace(/^[^.]+/, Buffer.from(JSON.stringify({ p: first.id, r: 'facilitator', v: 1 })).toString('base64url'));
    expect(await refusedWith(`${server.wsUrl}/${first.id}?token=${forged}`)).toBe(CLOSE_CODES.linkInvalid);
    expect(await upgradeStatus(`${server.wsUrl}/../etc?token=x`)).toBe(404);
    expect((await fetch(`${server.url}/api/plans/${first.id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/plans/${first.id}?token=${tokenOf(second.links.viewer)}`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/plans/ukendtplan123?token=x.y`)).status).toBe(403);
  });

  it('lets a viewer receive everything while its writes reach no one and not the disk', async () => {
    const { id, links } = await server.createPlan(plan);
    let toldReadOnly = '';
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      toldReadOnly += args.join(' ');
    };
    const viewer = connect(server, id, tokenOf(links.viewer), 'Læser');
    const participant = connect(server, id, tokenOf(links.participant), 'Deltager');
    await Promise.all([synced(viewer.provider), synced(participant.provider)]);
    addNode(viewer.doc, { id: 'hack', kind: 'aktivitet', title: 'Ulovlig' }, 'viewer');
    addNode(participant.doc, { id: 'ok', kind: 'aktivitet', title: 'Lovlig' }, 'participant');
    await until(() => nodeIds(viewer.doc).includes('ok'), 'viewer receives the participant\'s edit');
    await until(() => toldReadOnly.includes('læselink'), 'viewer told it is read-only');
    console.warn = originalWarn;
    await server.restart();
    const res = await fetch(`${server.url}/api/plans/${id}?token=${tokenOf(links.viewer)}`);
    const ids = (await res.json()).nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain('ok');
    expect(ids).not.toContain('hack');
    expect(nodeIds(participant.doc)).not.toContain('hack');
  });
});

describe('bad input', () => {
  it('closes only the connection that sends malformed or oversized frames or floods, and keeps serving others', async () => {
    const { id, links } = await server.createPlan(plan);
    const token = tokenOf(links.participant);
    const good = connect(server, id, token, 'God');
    await synced(good.provider);

    const garbage = await rawSocket(server, id, token);
    const garbageClosed = closed(garbage);
    garbage.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect((await garbageClosed).code).toBe(1007);

    const badUpdate = await rawSocket(server, id, token);
    const badClosed = closed(badUpdate);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Uint8Array.from([7, 7, 7, 7, 7, 7]));
    badUpdate.send(encoding.toUint8Array(encoder));
    expect((await badClosed).code).toBe(1007);

    const text = await rawSocket(server, id, token);
    const textClosed = closed(text);
    text.send('hej');
    expect((await textClosed).code).toBe(1003);

    const huge = await rawSocket(server, id, token);
    const hugeClosed = closed(huge);
    huge.send(Buffer.alloc(512 * 1024, 1));
    expect((await hugeClosed).code).toBe(1009);

    const flood = await rawSocket(server, id, token);
    const floodClosed = closed(flood);
    const queryAwareness = Buffer.from([3]);
    for (let i = 0; i < 5000; i++) flood.send(queryAwareness);
    expect(await floodClosed).toMatchObject({ code: CLOSE_CODES.tooManyMessages, reason: expect.stringContaining('rate limit') });

    addNode(good.doc, { id: 'still', kind: 'aktivitet', title: 'Virker stadig' }, 'good');
    const other = connect(server, id, token, 'Anden');
    await synced(other.provider);
    await until(() => nodeIds(other.doc).includes('still'), 'server still serves others');
    expect(good.provider.wsconnected).toBe(true);
  });

  it('refuses an invalid import whole with path-named errors and stores nothing', async () => {
    const before = (await fetch(`${server.url}/healthz`)).status;
    expect(before).toBe(200);
    const res = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      body: JSON.stringify({ ...plan, nodes: [{ id: 'a', kind: 'aktiv', title: 'A' }], edges: [{ from: 'a', to: 'x', kind: 'leder-til' }] }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['edges[0].to', 'nodes[0].kind']);
    expect(body.id).toBeUndefined();
    const notJson = await fetch(`${server.url}/api/plans`, { method: 'POST', body: '{"format":' });
    expect(notJson.status).toBe(400);
    const tooBig = await fetch(`${server.url}/api/plans`, { method: 'POST', body: 'x'.repeat(11 * 1024 * 1024) });
    expect(tooBig.status).toBe(413);
  });

  it('rate-limits plan creation per address', async () => {
    const limited = await startServer({ env: { PLANS_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.url}/api/plans`, { method: 'POST', body: JSON.stringify(plan) });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    } finally {
      await limited.kill('SIGTERM');
    }
  });

  it('refuses a wrong Origin when an allow-list is configured', async () => {
    const strict = await startServer({ env: { ORIGINS: 'https://workshop.example' } });
    try {
      const { id, links } = await strict.createPlan(plan);
      const url = `${strict.wsUrl}/${id}?token=${tokenOf(links.participant)}`;
      expect(await upgradeStatus(url, { Origin: 'https://evil.example' })).toBe(403);
      expect(await upgradeStatus(url, { Origin: 'https://workshop.example' })).toBe(101);
    } finally {
      await strict.kill('SIGTERM');
    }
  });
});
