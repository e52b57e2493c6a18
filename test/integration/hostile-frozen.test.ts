// A frozen server: heavy work (reading a big plan, rendering exports, large sync replies) runs off the event loop,
// so /healthz answers while it is under way. No timing thresholds: only which answer comes first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { generatePlan } from '../../model/generate.ts';
import { rawSocket } from '../support/handmade.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

let server: TestServer;
let big: Awaited<ReturnType<TestServer['createPlan']>>;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  server = await startServer({ env: { EXPORTS_PER_TOKEN: '2' } });
  big = await server.createPlan(generatePlan(1000));
}, 120_000);
afterAll(async () => {
  sockets.forEach((ws) => ws.terminate());
  await server?.kill('SIGTERM');
});

/** Runs the requests in order and returns the labels in the order their answers completed. */
async function finishingOrder(requests: [string, () => Promise<unknown>][]): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(requests.map(([label, start]) => start().then(() => order.push(label))));
  return order;
}

const exportOf = (link: string) => async () => {
  const res = await fetch(`${server.url}/api/plans/${big.id}/export?format=docx&token=${encodeURIComponent(tokenOf(link))}`);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
};
const healthz = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

it('answers /healthz while three Word exports of a big plan are rendered', async () => {
  const exports = (['facilitator', 'participant', 'viewer'] as const).map((role): [string, () => Promise<unknown>] => [role, exportOf(big.links[role])]);
  const started = exports.map(([label, run]): [string, Promise<unknown>] => [label, run()]);
  await new Promise((r) => setTimeout(r, 100)); // the exports are on their way before /healthz is asked
  const order = await finishingOrder([...started.map(([label, promise]): [string, () => Promise<unknown>] => [label, () => promise]), ['healthz', healthz]]);
  expect(order[0]).toBe('healthz');
}, 120_000);

it('limits the exports one link may have running at once', async () => {
  const statuses = await Promise.all(
    Array.from({ length: 3 }, () => fetch(`${server.url}/api/plans/${big.id}/export?format=docx&token=${encodeURIComponent(tokenOf(big.links.viewer))}`).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    })),
  );
  expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  expect(statuses.filter((s) => s === 200)).toHaveLength(2);
}, 120_000);

it('answers /healthz while a flood of sync requests for a big plan is answered', async () => {
  const ws = await rawSocket(server, big.id, big.links.viewer);
  sockets.push(ws);
  const events: string[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1) events.push('reply');
  });
  // sync step 1 with a state vector that knows one made-up client: the server must cut a reply out of the plan
  const request = encoding.createEncoder();
  encoding.writeVarUint(request, 0);
  encoding.writeVarUint(request, 0);
  const stateVector = encoding.createEncoder();
  encoding.writeVarUint(stateVector, 1);
  encoding.writeVarUint(stateVector, 123456789);
  encoding.writeVarUint(stateVector, 1);
  encoding.writeVarUint8Array(request, encoding.toUint8Array(stateVector));
  const frame = Buffer.from(encoding.toUint8Array(request));
  for (let i = 0; i < 299; i++) ws.send(frame);
  await new Promise<void>((resolve) => ws.send(frame, () => resolve()));
  await healthz();
  events.push('healthz');
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  await Promise.race([closed, new Promise<void>((resolve) => {
    const check = setInterval(() => events.includes('reply') && (clearInterval(check), resolve()), 20);
  })]);
  expect(events).toContain('reply');
  expect(events[0]).toBe('healthz');
}, 120_000);
