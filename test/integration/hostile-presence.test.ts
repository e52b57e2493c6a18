// Ghosts: one socket can show one person, with a bounded state, and cannot flood the room with presence bytes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { rawSocket, smallPlan, until } from '../support/handmade.ts';
import { startServer, type TestServer } from '../support/server.ts';

const MESSAGE_AWARENESS = 1;
let server: TestServer;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  sockets.forEach((ws) => ws.terminate());
  await server?.kill('SIGTERM');
});

/** An awareness frame announcing `states` (client id → state) at `clock`. */
function presenceFrame(states: [number, unknown][], clock: number): Buffer {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, states.length);
  for (const [clientId, state] of states) {
    encoding.writeVarUint(update, clientId);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return Buffer.from(encoding.toUint8Array(frame));
}

/** Someone in the room: the people it sees and the presence bytes it has received. */
async function observer(planId: string, link: string) {
  const ws = await rawSocket(server, planId, link, { name: 'Olga' });
  sockets.push(ws);
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const seen = { awareness, bytes: 0 };
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return;
    seen.bytes += data.byteLength;
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
  });
  return seen;
}

it('shows one person per socket however many awareness ids it announces', async () => {
  const { id, links } = await server.createPlan(smallPlan);
  const olga = await observer(id, links.participant);
  const ghost = await rawSocket(server, id, links.participant, { name: 'Spøgelse' });
  sockets.push(ghost);
  const ids = Array.from({ length: 300 }, (_, i) => 1000 + i);
  ghost.send(presenceFrame(ids.map((clientId) => [clientId, { user: { name: `spøgelse ${clientId}` } }]), 1));
  // a later frame from the same socket: after it is relayed, everything before it has been handled
  ghost.send(presenceFrame([[1000, { user: { name: 'sidste' } }]], 2));
  await until(() => (olga.awareness.getStates().get(1000)?.user as { name?: string } | undefined)?.name !== undefined && olga.awareness.meta.get(1000)?.clock === 2, 'the ghost’s own state arrives');
  expect(olga.awareness.getStates().size).toBe(1);
});

it('bounds the presence bytes one socket makes the server relay per second', async () => {
  const { id, links } = await server.createPlan(smallPlan);
  const olga = await observer(id, links.participant);
  const flooder = await rawSocket(server, id, links.participant, { name: 'Flod' });
  sockets.push(flooder);
  const padding = 'x'.repeat(12_000); // under the 16 KB bound on one state
  const started = Date.now();
  for (let clock = 1; clock <= 40; clock++) flooder.send(presenceFrame([[4242, { user: {}, padding, clock }]], clock));
  // the latest state still arrives (the budget delays, never loses, the newest state)
  await until(() => olga.awareness.meta.get(4242)?.clock === 40, 'the latest state arrives', 30_000);
  const seconds = (Date.now() - started) / 1000;
  // 40 × 12 KB = 480 KB were sent; the budget is a 64 KB burst and 16 KB a second, plus framing
  expect(olga.bytes).toBeLessThan((64 * 1024 + 16 * 1024 * seconds) * 1.1 + 13_000);
  expect(olga.bytes).toBeLessThan(40 * 12_000);
});
