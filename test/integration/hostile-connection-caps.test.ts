// Lock-out: viewers (or one address) cannot fill a plan so that the facilitator or the participants are refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { admitted, smallPlan } from '../support/handmade.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  server = await startServer({ env: { MAX_CONNECTIONS_PER_PLAN: '8', MAX_VIEWERS_PER_PLAN: '4', MAX_CONNECTIONS_PER_ADDRESS: '6' } });
});
afterAll(async () => {
  sockets.forEach((ws) => ws.terminate());
  await server?.kill('SIGTERM');
});

async function tryJoin(planId: string, link: string, localAddress?: string): Promise<boolean> {
  const result = await admitted(server, planId, link, localAddress);
  sockets.push(result.ws);
  return result.admitted;
}

it('keeps room for the facilitator and the participants however many viewer sockets an attacker opens', async () => {
  const { id, links } = await server.createPlan(smallPlan);
  const viewers: boolean[] = [];
  for (let i = 0; i < 10; i++) viewers.push(await tryJoin(id, links.viewer));
  expect(viewers.filter(Boolean)).toHaveLength(4);

  expect(await tryJoin(id, links.facilitator)).toBe(true);
  expect(await tryJoin(id, links.participant)).toBe(true);
  expect(await tryJoin(id, links.participant)).toBe(true);
  // one address holds at most 6 participant and viewer sockets: the 7th from it is refused, another address gets in
  expect(await tryJoin(id, links.participant)).toBe(false);
  expect(await tryJoin(id, links.participant, '127.0.0.2')).toBe(true);
  // a facilitator always gets in, also when the address and the plan are full
  for (let i = 0; i < 3; i++) expect(await tryJoin(id, links.facilitator)).toBe(true);
});
