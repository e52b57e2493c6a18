/**
 * An instance that falls behind its plan's Redis stream while the stream is trimmed past what it read (real
 * Postgres, Redis and instances, scripts/cluster.mjs): it must notice the gap, reload the plan from Postgres and
 * bring its clients up to date with everything, not silently go on from what the stream still holds.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { addCard, annaAndBo, createPlan, disconnectAll, sleep, storedCards, until } from '../support/cluster.ts';

/** Polls an asynchronous condition (what the database or Redis holds). */
async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(50);
  }
}

let cluster: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'info' } });
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await cluster?.stop();
});

it('reloads from Postgres when the stream was trimmed past what an instance read, and its clients converge', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${one!.port}`);
  const [anna, bo] = await annaAndBo([one!.port, two!.port], plan);
  for (let i = 0; i < 10; i++) addCard(anna, i);
  await until(() => bo.cards().size === 10, 'Bo sees Anna\'s first cards through the stream');

  // the second instance stops reading (its process is paused, sockets and Redis connections stay open) …
  process.kill(two!.process.pid!, 'SIGSTOP');
  const redis = new Redis(cluster.redis.url);
  try {
    // one card at a time: the updates a connection sends in one turn become one stream entry (server/sync.ts)
    for (let i = 10; i < 60; i++) {
      addCard(anna, i);
      await sleep(10);
    }
    await eventually(async () => (await storedCards(cluster.postgres.url, plan.id)).size === 60, 'Postgres holds Anna\'s 60 cards');
    // … while the stream is trimmed to its last 5 entries: most of the entries it did not read are gone from it
    const key = `fk:plan:${plan.id}:updates`;
    await eventually(async () => (await redis.xlen(key)) >= 20, 'the stream holds Anna\'s cards, many entries');
    await redis.xtrim(key, 'MAXLEN', 5);
    expect(await redis.xlen(key)).toBe(5);
  } finally {
    process.kill(two!.process.pid!, 'SIGCONT');
    redis.disconnect();
  }
  // writes go on, from both sides
  for (let i = 60; i < 70; i++) addCard(anna, i);
  await sleep(200);
  for (let i = 100; i < 105; i++) addCard(bo, i);
  await until(() => bo.cards().size === 75 && anna.cards().size === 75, 'Anna and Bo hold all 75 cards', 20_000).catch((error: Error) => {
    throw new Error(`${error.message} (Bo holds ${bo.cards().size}, Anna ${anna.cards().size})`);
  });
  expect([...bo.cards()].sort()).toEqual([...anna.cards()].sort());
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(75);
  expect(two!.output()).toContain('room reloaded from the database');
}, 90_000);
