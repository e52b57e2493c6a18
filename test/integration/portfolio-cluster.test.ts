/**
 * A portfolio open on one instance follows a plan edited on another (two real instances on one Postgres and one
 * Redis, scripts/cluster.mjs): the instance with the open portfolio has no room for the plan, so the edit reaches it
 * through the plan's stream, and the view it sends is read from the shared database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster } from '../../scripts/cluster.mjs';
import { updatePlanInfo } from '../../model/ydoc.ts';
import { connect, disconnectAll, until } from '../support/cluster.ts';
import { smallPlan } from '../support/handmade.ts';
import { tokenOf } from '../support/server.ts';

let cluster: Awaited<ReturnType<typeof startCluster>>;

beforeAll(async () => {
  cluster = await startCluster({ instances: 2, env: { LOG_LEVEL: 'warn' } });
}, 120_000);

afterAll(async () => {
  disconnectAll();
  await cluster?.stop();
});

async function post(base: string, path: string, body: unknown, token?: string): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
}

it('updates a portfolio open on one instance when its plan is edited on the other', async () => {
  const [one, two] = cluster.servers.map((s) => `http://127.0.0.1:${s.port}`);
  const plan = await post(one!, '/api/plans', { ...smallPlan, plan: { title: 'Før' } });
  const portfolio = await post(two!, '/api/portfolios', { title: 'To instanser' });
  await post(two!, `/api/portfolios/${portfolio.id}/plans`, { link: plan.links.facilitator }, tokenOf(portfolio.links.owner));

  const titles: string[][] = [];
  const controller = new AbortController();
  const res = await fetch(`${two}/api/portfolios/${portfolio.id}/events?token=${encodeURIComponent(tokenOf(portfolio.links.reader))}`, { signal: controller.signal });
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const data of value.matchAll(/^data: (.*)$/gm)) titles.push((JSON.parse(data[1]!) as { plans: { title: string }[] }).plans.map((p) => p.title));
    }
  })().catch(() => {});
  await until(() => titles.length > 0, 'the first view');
  expect(titles[0]).toEqual(['Før']);

  const editor = connect(cluster.servers[0]!.port, plan.id, plan.links.facilitator, 'Fie');
  await until(() => editor.provider.synced, 'the editor synced on instance one');
  updatePlanInfo(editor.doc, { title: 'Efter' });
  await until(() => titles.some((t) => t[0] === 'Efter'), 'the edit in the portfolio on instance two', 15_000);
  controller.abort();
}, 90_000);
