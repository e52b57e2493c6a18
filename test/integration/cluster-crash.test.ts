/**
 * kill -9 of an instance in the middle of a 500-update burst (scripts/cluster.mjs: Postgres, Redis, two
 * instances, real processes). The writer reaches the plan through a round-robin proxy, as a browser would behind a
 * load balancer; a peer watches from the other instance. Whatever the peer saw before the kill is in Postgres at
 * the moment of the kill (write before relay, across instances), and the writer's stock provider reconnects
 * through the proxy to the live instance and carries on: in the end all 500 cards are everywhere.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster, startProxy, type Proxy } from '../../scripts/cluster.mjs';
import { addCard, connect, createPlan, disconnectAll, missing, sleep, storedCards, synced, until } from '../support/cluster.ts';

let cluster: Awaited<ReturnType<typeof startCluster>>;
let proxy: Proxy | undefined;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn', COMPACT_EVERY: '100' } });
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await proxy?.close();
  await cluster?.stop();
});

const BURST = 500;

it('loses nothing a peer saw when an instance dies mid-burst, and its clients carry on through the other', async () => {
  const [doomed, survivor] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${survivor!.port}`);
  // a proxy of its own, doomed instance first: the writer's first connection lands there, its reconnect on the survivor
  proxy = await startProxy([{ port: doomed!.port }, { port: survivor!.port }]);
  const writer = connect(proxy.port, plan.id, plan.participant, 'Skriver');
  const peer = connect(survivor!.port, plan.id, plan.participant, 'Ser');
  await synced(writer, peer);

  let written = 0;
  const burst = (async () => {
    for (; written < BURST; written++) {
      addCard(writer, written);
      if (written % 2 === 1) await sleep(5);
    }
  })();
  await until(() => peer.cards().size >= 150, 'the peer has seen a good part of the burst');
  await doomed!.stop('SIGKILL');
  const seenBeforeKill = peer.cards();
  // read at once, before the writer's provider reconnects and sends its edits again
  const stored = await storedCards(cluster.postgres.url, plan.id);
  expect(missing(seenBeforeKill, stored)).toEqual([]);
  expect(written).toBeLessThan(BURST); // the kill really came in the middle

  await burst;
  await until(() => peer.cards().size === BURST && writer.cards().size === BURST, 'all cards reach both after the reconnect', 30_000);
  await until(() => writer.provider.wsconnected, 'the writer is connected again (through the proxy, to the survivor)');
  await sleep(300);
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(BURST);
}, 90_000);
