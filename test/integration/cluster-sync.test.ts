/**
 * Two instances on one Postgres and one Redis (scripts/cluster.mjs, real processes): people on different
 * instances edit one plan live and see each other, and the people of an instance killed with -9 disappear from
 * the others within seconds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { addCard, connect, createPlan, disconnectAll, storedCards, synced, until } from '../support/cluster.ts';

let cluster: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn' } });
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await cluster?.stop();
});

it('lets two clients on two instances converge, and stores what both wrote', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${one!.port}`);
  const a = connect(one!.port, plan.id, plan.participant, 'Anna');
  const b = connect(two!.port, plan.id, plan.participant, 'Bo');
  await synced(a, b);
  for (let i = 0; i < 20; i++) addCard(i % 2 === 0 ? a : b, i);
  await until(() => a.cards().size === 20 && b.cards().size === 20, 'both clients hold all 20 cards');
  expect([...a.cards()].sort()).toEqual([...b.cards()].sort());
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(20);
}, 60_000);

it('shows people across instances, and a killed instance\'s people disappear within seconds', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${two!.port}`);
  const a = connect(one!.port, plan.id, plan.participant, 'Anna');
  const b = connect(two!.port, plan.id, plan.participant, 'Bo');
  await synced(a, b);
  await until(() => b.people().includes('Anna') && a.people().includes('Bo'), 'each sees the other across instances');
  await one!.stop('SIGKILL');
  const killedAt = Date.now();
  await until(() => !b.people().includes('Anna'), 'Anna (on the killed instance) is gone for Bo', 10_000);
  expect(Date.now() - killedAt).toBeLessThan(8_000);
}, 60_000);
