// Every refusal of the sync endpoint reaches a hand-made client as its typed close code (model/protocol.ts
// CLOSE_CODES), so the browser can explain it; nothing of the plan is sent before a refused link is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../model/protocol.ts';
import { signToken } from '../../server/tokens.ts';
import { startInProcess, type InProcessServer } from '../support/inprocess.ts';
import { smallPlan } from '../support/handmade.ts';

const SECRET = 'close-codes-secret';
let server: InProcessServer;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  server = await startInProcess({
    extensions: [],
    env: { SECRET, MAX_CONNECTIONS_PER_PLAN: '3', MAX_VIEWERS_PER_PLAN: '1', MAX_CONNECTIONS_PER_ADDRESS: '2', MAX_PLAN_BYTES: '20000', MESSAGE_BURST: '50', MESSAGES_PER_SECOND: '1' },
  });
});
afterAll(async () => {
  sockets.forEach((ws) => ws.terminate());
  await server?.close();
});

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

/** Opens a socket; resolves with the close code and how many messages came before it, or 'open' once admitted. */
function attempt(url: string, options: WebSocket.ClientOptions = {}): Promise<{ ws: WebSocket; code: number | 'admitted'; reason: string; messages: number }> {
  const ws = new WebSocket(url, options);
  sockets.push(ws);
  let messages = 0;
  return new Promise((resolve, reject) => {
    ws.on('message', () => {
      messages++;
      // the identity comes first, then sync step 1: two messages mean the room took the socket
      if (messages === 2) resolve({ ws, code: 'admitted', reason: '', messages });
    });
    ws.once('close', (code, reason) => resolve({ ws, code, reason: reason.toString(), messages }));
    ws.once('error', reject);
  });
}

const syncUrl = (planId: string, token?: string, extra = '') => `${server.wsUrl}/${planId}${token ? `?token=${encodeURIComponent(token)}` : ''}${extra}`;

function closedWith(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('a refused link', () => {
  it('without a token: linkMissing, nothing sent', async () => {
    const { id } = await server.createPlan(smallPlan);
    expect(await attempt(syncUrl(id))).toMatchObject({ code: CLOSE_CODES.linkMissing, messages: 0 });
  });
  it('forged, malformed or another plan\'s: linkInvalid, nothing sent', async () => {
    const first = await server.createPlan(smallPlan);
    const second = await server.createPlan(smallPlan);
    const forged = tokenOf(first.links.viewer).replace(/^[^.]+/, Buffer.from(JSON.stringify({ p: first.id, r: 'facilitator', v: 1 })).toString('base64url'));
    for (const token of ['abc.def', tokenOf(second.links.facilitator), forged, signToken(Buffer.from('another secret'), { planId: first.id, role: 'facilitator' })]) {
      expect(await attempt(syncUrl(first.id, token))).toMatchObject({ code: CLOSE_CODES.linkInvalid, messages: 0 });
    }
  });
  it('of a plan that does not exist: planNotFound', async () => {
    const token = signToken(Buffer.from(SECRET), { planId: 'ikkeenplan0123', role: 'participant' });
    expect(await attempt(syncUrl('ikkeenplan0123', token))).toMatchObject({ code: CLOSE_CODES.planNotFound, messages: 0 });
  });
});

describe('a full plan', () => {
  it('refuses viewers past their share, an address past its share, and anyone past the plan\'s', async () => {
    const { id, links } = await server.createPlan(smallPlan);
    expect((await attempt(syncUrl(id, tokenOf(links.viewer)))).code).toBe('admitted');
    expect((await attempt(syncUrl(id, tokenOf(links.viewer)))).code).toBe(CLOSE_CODES.tooManyViewers);
    expect((await attempt(syncUrl(id, tokenOf(links.participant)))).code).toBe('admitted');
    expect((await attempt(syncUrl(id, tokenOf(links.participant)))).code).toBe(CLOSE_CODES.tooManyFromAddress);
    expect((await attempt(syncUrl(id, tokenOf(links.participant)), { localAddress: '127.0.0.2' })).code).toBe('admitted');
    expect((await attempt(syncUrl(id, tokenOf(links.participant)), { localAddress: '127.0.0.3' })).code).toBe(CLOSE_CODES.planFull);
    expect((await attempt(syncUrl(id, tokenOf(links.facilitator)))).code).toBe('admitted');
  });
});

describe('a connection that breaks the protocol or its budgets', () => {
  const admitted = async () => {
    const { id, links } = await server.createPlan(smallPlan);
    const result = await attempt(syncUrl(id, tokenOf(links.facilitator)));
    expect(result.code).toBe('admitted');
    return result.ws;
  };
  it('a text frame: notBinary', async () => {
    const ws = await admitted();
    const code = closedWith(ws);
    ws.send('hej');
    expect(await code).toBe(CLOSE_CODES.notBinary);
  });
  it('a malformed message: invalidMessage', async () => {
    const ws = await admitted();
    const code = closedWith(ws);
    ws.send(Buffer.from([0, 2, 200, 1, 2, 3]));
    expect(await code).toBe(CLOSE_CODES.invalidMessage);
  });
  it('an update that makes the plan too big: planTooBig', async () => {
    const ws = await admitted();
    const code = closedWith(ws);
    const Y = await import('yjs');
    const doc = new Y.Doc();
    doc.getMap('nodes').set('x', 'x'.repeat(30_000));
    const update = Y.encodeStateAsUpdate(doc);
    const encoding = await import('lib0/encoding');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, update);
    ws.send(encoding.toUint8Array(encoder));
    expect(await code).toBe(CLOSE_CODES.planTooBig);
  });
  it('more messages than its budget: tooManyMessages', async () => {
    const ws = await admitted();
    const code = closedWith(ws);
    for (let i = 0; i < 200; i++) ws.send(Buffer.from([3]));
    expect(await code).toBe(CLOSE_CODES.tooManyMessages);
  });
});

it('a server that shuts down closes with serverRestarting', async () => {
  const own = await startInProcess({ extensions: [] });
  const { id, links } = await own.createPlan(smallPlan);
  const result = await attempt(`${own.wsUrl}/${id}?token=${encodeURIComponent(tokenOf(links.participant))}`);
  expect(result.code).toBe('admitted');
  const code = closedWith(result.ws);
  await own.close();
  expect(await code).toBe(CLOSE_CODES.serverRestarting);
});
