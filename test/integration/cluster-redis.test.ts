/**
 * The cluster's shared services under stress (scripts/cluster.mjs, real Postgres, Redis and instances):
 * compaction on two instances racing writes from both loses nothing, and a Redis that dies and comes back empty
 * loses nothing either (Postgres holds everything; instances that may have missed stream entries reload the plan
 * from the database, and their clients resync).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { createPostgresStorage } from '../../server/storage/index.ts';
import { addCard, annaAndBo, cardsIn, connect, createPlan, disconnectAll, missing, sleep, storedCards, synced, until } from '../support/cluster.ts';

let cluster: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  // compaction every 10 updates: it runs many times while both instances write
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn', COMPACT_EVERY: '10' } });
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await cluster?.stop();
});

/** Cards in bursts of `burst` updates sent back to back: both instances commit groups at the same moments. */
async function writeCards(client: ReturnType<typeof connect>, from: number, count: number, burst = 3): Promise<void> {
  for (let i = from; i < from + count; i++) {
    addCard(client, i);
    if (i % burst === 0) await sleep(1);
  }
}

it('loses nothing when compactions on two instances race writes from both', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${one!.port}`);
  const [a, b] = await annaAndBo([one!.port, two!.port], plan);
  // while both write, every card both clients hold must be in Postgres: a compaction that deleted updates its
  // snapshot lacks would show as a gap here (a later compaction elsewhere could heal it, so look all the time)
  const store = await createPostgresStorage(cluster.postgres.url, { poolSize: 1 });
  const gaps = new Set<string>();
  let writing = true;
  const watching = (async () => {
    while (writing) {
      const seenByBoth = [...a.cards()].filter((id) => b.cards().has(id));
      for (const id of missing(seenByBoth, await cardsIn(store, plan.id))) gaps.add(id);
      await sleep(5);
    }
  })();
  await Promise.all([writeCards(a, 0, 300, 15), writeCards(b, 1000, 300, 15)]);
  await until(() => a.cards().size === 600 && b.cards().size === 600, 'both hold all 600 cards', 30_000);
  writing = false;
  await watching;
  await store.close();
  expect([...gaps]).toEqual([]);
  await sleep(500);
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(600);
  // and a newcomer loads them from the folded log
  const c = connect(two!.port, plan.id, plan.participant, 'Cem');
  await synced(c);
  await until(() => c.cards().size === 600, 'a newcomer gets all 600 cards');
}, 90_000);

it('loses nothing when Redis dies and comes back empty, and clients on both instances resync', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${one!.port}`);
  const [a, b] = await annaAndBo([one!.port, two!.port], plan);
  await writeCards(a, 0, 20);
  await until(() => b.cards().size === 20, 'Bo sees Anna\'s first cards through Redis');
  await cluster.restartRedis();
  await writeCards(a, 20, 20); // while the instances reconnect to the new, empty Redis
  await writeCards(b, 100, 20);
  await sleep(1500);
  await writeCards(a, 40, 20);
  await until(() => a.cards().size === 80 && b.cards().size === 80, 'both hold all 80 cards after the restart', 30_000);
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(80);
}, 90_000);
