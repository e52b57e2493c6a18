/**
 * Two instances on one Postgres and one Redis (scripts/cluster.mjs, real processes): people on different
 * instances edit one plan live and see each other, and the people of an instance killed with -9 disappear from
 * the others within seconds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { smallPlan } from '../support/handmade.ts';
import { addCard, annaAndBo, createPlan, disconnectAll, storedCards, until } from '../support/cluster.ts';

let cluster: Awaited<ReturnType<typeof startCluster>>;
/** made before the limits test spends the address's plan allowance */
let presencePlan: Awaited<ReturnType<typeof createPlan>>;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn', PLANS_PER_MINUTE: '6', JOIN_GUESSES_PER_MINUTE: '4' } });
  presencePlan = await createPlan(`http://127.0.0.1:${cluster.servers[1]!.port}`);
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await cluster?.stop();
});

it('lets two clients on two instances converge, and stores what both wrote', async () => {
  const [one, two] = cluster.servers;
  const plan = await createPlan(`http://127.0.0.1:${one!.port}`);
  const [a, b] = await annaAndBo([one!.port, two!.port], plan);
  for (let i = 0; i < 20; i++) addCard(i % 2 === 0 ? a : b, i);
  await until(() => a.cards().size === 20 && b.cards().size === 20, 'both clients hold all 20 cards');
  expect([...a.cards()].sort()).toEqual([...b.cards()].sort());
  expect((await storedCards(cluster.postgres.url, plan.id)).size).toBe(20);
}, 60_000);

it('counts plan creation and wrong join codes per address across instances, not per instance', async () => {
  const bases = cluster.servers.map((s) => `http://127.0.0.1:${s.port}`);
  const statuses: number[] = [];
  for (let i = 0; i < 8 && !statuses.includes(429); i++) {
    const res = await fetch(`${bases[i % 2]}/api/plans`, { method: 'POST', body: JSON.stringify(smallPlan), headers: { 'content-type': 'application/json' } });
    statuses.push(res.status);
  }
  // six a minute for the address in all (two went to the other tests): with a count per instance it would take twelve
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(6);
  for (const base of bases) expect((await fetch(`${base}/api/plans`, { method: 'POST', body: JSON.stringify(smallPlan) })).status).toBe(429);

  const guesses: number[] = [];
  for (let i = 0; i < 5; i++) guesses.push((await fetch(`${bases[i % 2]}/api/join/ZZZZZ${i + 2}`)).status);
  expect(guesses).toEqual([404, 404, 404, 404, 429]);
}, 60_000);

it('shows people across instances, and a killed instance\'s people disappear within seconds', async () => {
  const [one, two] = cluster.servers;
  const plan = presencePlan;
  const [a, b] = await annaAndBo([one!.port, two!.port], plan);
  await until(() => b.people().includes('Anna') && a.people().includes('Bo'), 'each sees the other across instances');
  await one!.stop('SIGKILL');
  const killedAt = Date.now();
  await until(() => !b.people().includes('Anna'), 'Anna (on the killed instance) is gone for Bo', 10_000);
  expect(Date.now() - killedAt).toBeLessThan(8_000);
}, 60_000);
