// Portfolios through the real server (issue 22, part 2), with hand-made requests that try to break its promises:
// a plan is added only with its facilitator link, a portfolio is read only with its own link, a læser cannot
// write, no response carries a plan's own links, the way into a plan is read-only and ends when the plan is
// removed, bodies and counts are bounded, and an open portfolio follows its plans' edits live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatePlanInfo } from '../../model/ydoc.ts';
import { PORTFOLIO_EVENT_SUMMARY, PORTFOLIO_LIMITS, type PlanLinks, type PortfolioLinks } from '../../model/protocol.ts';
import { admitted, connectProvider, destroyProviders, smallPlan, until } from '../support/handmade.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

let server: TestServer;
/** every body the server answered in this file, to look for a plan's tokens in them */
const answered: string[] = [];

beforeAll(async () => {
  server = await startServer();
}, 60_000);

afterAll(async () => {
  destroyProviders();
  await server?.kill();
});

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  answered.push(text);
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function newPortfolio(title = 'Aarhus Kommune'): Promise<{ id: string; links: PortfolioLinks }> {
  const { status, json } = await call('POST', '/api/portfolios', null, { title });
  expect(status).toBe(201);
  return json;
}

const planNamed = (title: string) => ({ ...smallPlan, plan: { title, area: `${title}-området` } });

/** The events of a portfolio's live stream as they arrive. */
function openStream(path: string): { events: { event: string; data: any }[]; close(): void } {
  const events: { event: string; data: any }[] = [];
  const controller = new AbortController();
  void (async () => {
    const res = await fetch(`${server.url}${path}`, { signal: controller.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        answered.push(block);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })().catch(() => {});
  return { events, close: () => controller.abort() };
}

describe('a portfolio', () => {
  let portfolio: { id: string; links: PortfolioLinks };
  let plan: { id: string; links: PlanLinks };
  let owner: string;
  let reader: string;

  beforeAll(async () => {
    portfolio = await newPortfolio();
    plan = await server.createPlan(planNamed('Gellerup'));
    owner = tokenOf(portfolio.links.owner);
    reader = tokenOf(portfolio.links.reader);
  });

  it('is created with a title and two links of its own, and refuses a title that is empty, too long or holds control characters', async () => {
    expect(portfolio.links.owner).toMatch(new RegExp(`/portfolio/${portfolio.id}\\?token=`));
    expect(owner).not.toBe(reader);
    for (const title of ['', '   ', 'x'.repeat(PORTFOLIO_LIMITS.maxTitleLength + 1), 'to\nlinjer']) {
      const { status, json } = await call('POST', '/api/portfolios', null, { title });
      expect(status).toBe(400);
      expect(json.error).toMatch(/Titlen|title/);
    }
    expect((await call('POST', '/api/portfolios', null, { name: 'uden titel' })).json.error).toContain('title mangler');
    expect((await call('POST', '/api/portfolios', null, '{ikke json')).status).toBe(400);
  });

  it('refuses bodies over its size limit (413) and stores nothing from them', async () => {
    const big = { title: 'x', padding: 'y'.repeat(PORTFOLIO_LIMITS.maxBodyBytes) };
    expect((await call('POST', '/api/portfolios', null, big)).status).toBe(413);
    expect((await call('POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: plan.links.facilitator, padding: 'y'.repeat(PORTFOLIO_LIMITS.maxBodyBytes) })).status).toBe(413);
    expect((await call('GET', `/api/portfolios/${portfolio.id}`, owner)).json.plans).toEqual([]);
  });

  it('takes a plan only with its facilitator link: not without a link, with a forged one, a participant or a viewer link', async () => {
    const path = `/api/portfolios/${portfolio.id}/plans`;
    expect((await call('POST', path, owner, {})).status).toBe(400);
    const forged = `${tokenOf(plan.links.facilitator).split('.')[0]}.${'A'.repeat(43)}`;
    for (const link of [forged, `${server.url}/p/${plan.id}?token=${forged}`, 'vrøvl', plan.links.participant, plan.links.viewer, tokenOf(plan.links.viewer)]) {
      const { status, json } = await call('POST', path, owner, { link });
      expect(status, link).toBe(403);
      expect(json.error).toMatch(/facilitatorlink|gyldigt planlink/);
    }
    // a facilitator token under another plan's address: the address and the token must name the same plan
    const other = await server.createPlan(planNamed('Vollsmose'));
    expect((await call('POST', path, owner, { link: `${server.url}/p/${other.id}?token=${tokenOf(plan.links.facilitator)}` })).status).toBe(403);
    // a portfolio's own link is not a plan link either
    expect((await call('POST', path, owner, { link: portfolio.links.owner })).status).toBe(403);
    expect((await call('GET', `/api/portfolios/${portfolio.id}`, owner)).json.plans).toEqual([]);

    const added = await call('POST', path, owner, { link: plan.links.facilitator });
    expect(added.status).toBe(201);
    expect((await call('POST', path, owner, { link: tokenOf(plan.links.facilitator) })).json).toEqual({ planId: plan.id, added: false });
    const view = await call('GET', `/api/portfolios/${portfolio.id}?year=2026`, owner);
    expect(view.json.plans.map((p: { title: string }) => p.title)).toEqual(['Gellerup']);
    expect(view.json.role).toBe('owner');
    expect(view.json.summary.totals.plans).toBe(1);
    expect(view.json.summary.plans[0].title).toBe('Gellerup');
    expect(view.json.statusByYear.years).toContain(2026);
  });

  it('is read only with its own links: not without one, not with a plan link, not with another portfolio link', async () => {
    const path = `/api/portfolios/${portfolio.id}`;
    expect((await call('GET', path, null)).status).toBe(401);
    for (const token of Object.values(plan.links).map(tokenOf)) expect((await call('GET', path, token)).status).toBe(403);
    const other = await newPortfolio('Odense');
    expect((await call('GET', path, tokenOf(other.links.owner))).status).toBe(403);
    expect((await call('GET', `/api/portfolios/${other.id}`, owner)).status).toBe(403);
    // and a portfolio link opens no plan
    expect((await call('GET', `/api/plans/${plan.id}`, owner)).status).toBe(403);
    expect((await admitted(server, plan.id, portfolio.links.owner)).admitted).toBe(false);
    expect((await call('GET', '/api/portfolios/ukendt-id-0000', owner)).status).toBe(403);
  });

  it('lets a læser read but not add, remove, rename or see the owner link', async () => {
    const read = await call('GET', `/api/portfolios/${portfolio.id}`, reader);
    expect(read.status).toBe(200);
    expect(read.json.role).toBe('reader');
    const another = await server.createPlan(planNamed('Bispehaven'));
    const attempts = [
      await call('POST', `/api/portfolios/${portfolio.id}/plans`, reader, { link: another.links.facilitator }),
      await call('DELETE', `/api/portfolios/${portfolio.id}/plans/${plan.id}`, reader),
      await call('PATCH', `/api/portfolios/${portfolio.id}`, reader, { title: 'Overtaget' }),
      await call('GET', `/api/portfolios/${portfolio.id}/links`, reader),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.json.error).toContain('læselink');
    }
    const after = await call('GET', `/api/portfolios/${portfolio.id}`, reader);
    expect(after.json.title).toBe('Aarhus Kommune');
    expect(after.json.plans.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    expect((await call('GET', `/api/portfolios/${portfolio.id}/links`, owner)).json.links).toEqual(portfolio.links);
  });

  it('leads into a plan read-only: the view path reads the plan, cannot write, gets no links, and ends when the plan is removed', async () => {
    const view = (await call('GET', `/api/portfolios/${portfolio.id}`, reader)).json;
    const viewToken = new URL(view.plans[0].viewPath, server.url).searchParams.get('token')!;
    expect(Object.values(plan.links).map(tokenOf)).not.toContain(viewToken);
    expect((await call('GET', `/api/plans/${plan.id}`, viewToken)).json.plan.title).toBe('Gellerup');
    expect((await call('GET', `/api/plans/${plan.id}/links`, viewToken)).status).toBe(403);
    // not another plan's key either
    const stranger = await server.createPlan(planNamed('Tingbjerg'));
    expect((await call('GET', `/api/plans/${stranger.id}`, viewToken)).status).toBe(403);

    // through the sync endpoint it is a viewer: its edit is refused and never reaches the facilitator
    const facilitator = connectProvider(server, plan.id, plan.links.facilitator, 'Fie');
    const intruder = connectProvider(server, plan.id, `${server.url}${view.plans[0].viewPath}`, 'Læser');
    await until(() => facilitator.provider.synced && intruder.provider.synced, 'both synced');
    updatePlanInfo(intruder.doc, { title: 'Ændret af læser' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await call('GET', `/api/plans/${plan.id}`, tokenOf(plan.links.viewer))).json.plan.title).toBe('Gellerup');
    intruder.provider.destroy();
    facilitator.provider.destroy();

    const removed = await call('DELETE', `/api/portfolios/${portfolio.id}/plans/${plan.id}`, owner);
    expect(removed.status).toBe(200);
    expect((await call('GET', `/api/plans/${plan.id}`, viewToken)).status).toBe(403);
    expect((await admitted(server, plan.id, `${server.url}${view.plans[0].viewPath}`)).admitted).toBe(false);
    expect((await call('DELETE', `/api/portfolios/${portfolio.id}/plans/${plan.id}`, owner)).status).toBe(404);
    expect((await call('POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: plan.links.facilitator })).status).toBe(201);
  });

  it('is renamed by its owner', async () => {
    expect((await call('PATCH', `/api/portfolios/${portfolio.id}`, owner, { title: '  Aarhus, alle planer ' })).json.title).toBe('Aarhus, alle planer');
    expect((await call('GET', `/api/portfolios/${portfolio.id}`, reader)).json.title).toBe('Aarhus, alle planer');
  });

  it('updates an open portfolio live when someone edits one of its plans, and follows a plan added meanwhile', async () => {
    const stream = openStream(`/api/portfolios/${portfolio.id}/events?year=2026&token=${encodeURIComponent(reader)}`);
    await until(() => stream.events.length >= 1, 'the first view');
    expect(stream.events[0]!.event).toBe(PORTFOLIO_EVENT_SUMMARY);
    const facilitator = connectProvider(server, plan.id, plan.links.facilitator, 'Fie');
    await until(() => facilitator.provider.synced, 'facilitator synced');
    updatePlanInfo(facilitator.doc, { title: 'Gellerup og Toveshøj' });
    await until(() => stream.events.some((e) => e.data.plans.some((p: { title: string }) => p.title === 'Gellerup og Toveshøj')), 'the edit in the portfolio', 10_000);

    const later = await server.createPlan(planNamed('Skovparken'));
    await call('POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: later.links.facilitator });
    await until(() => stream.events.at(-1)!.data.plans.length === 2, 'the added plan in the stream');
    const second = connectProvider(server, later.id, later.links.facilitator, 'Ali');
    await until(() => second.provider.synced, 'second synced');
    updatePlanInfo(second.doc, { title: 'Skovparken og Skovgårdsparken' });
    await until(() => stream.events.at(-1)!.data.plans.some((p: { title: string }) => p.title === 'Skovparken og Skovgårdsparken'), 'the added plan followed', 10_000);
    stream.close();
    second.provider.destroy();
    facilitator.provider.destroy();
  }, 30_000);

  it('exports the year as Word and Excel for owner and læser, rendered in the worker pool, and refuses a plan link or an unknown format', async () => {
    for (const [format, type] of [['portfolio-docx', 'wordprocessingml'], ['portfolio-xlsx', 'spreadsheetml']] as const) {
      const res = await fetch(`${server.url}/api/portfolios/${portfolio.id}/export?format=${format}&year=2026&token=${encodeURIComponent(reader)}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
      for (const token of Object.values(plan.links).map(tokenOf)) expect(Buffer.from(bytes).includes(token)).toBe(false);
    }
    const unknown = await call('GET', `/api/portfolios/${portfolio.id}/export?format=pdf`, owner);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toContain('portfolio-docx');
    expect((await call('GET', `/api/portfolios/${portfolio.id}/export?format=portfolio-xlsx`, tokenOf(plan.links.facilitator))).status).toBe(403);
  }, 60_000);

  it('refuses a stream without its link, and never shows a plan\'s own links in any answer', async () => {
    expect((await fetch(`${server.url}/api/portfolios/${portfolio.id}/events`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/portfolios/${portfolio.id}/events?token=${tokenOf(plan.links.facilitator)}`)).status).toBe(403);
    const planTokens = Object.values(plan.links).map(tokenOf);
    expect(answered.length).toBeGreaterThan(20);
    for (const body of answered) for (const token of planTokens) expect(body).not.toContain(token);
  });
});

describe('the limits of a portfolio', () => {
  it(`holds at most ${PORTFOLIO_LIMITS.maxPlans} plans`, async () => {
    const portfolio = await newPortfolio('Hele landet');
    const owner = tokenOf(portfolio.links.owner);
    const plans = [];
    for (let i = 0; i <= PORTFOLIO_LIMITS.maxPlans; i++) plans.push(await server.createPlan(planNamed(`Plan ${i}`)));
    for (const plan of plans.slice(0, PORTFOLIO_LIMITS.maxPlans)) {
      expect((await call('POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: plan.links.facilitator })).status).toBe(201);
    }
    const over = await call('POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: plans.at(-1)!.links.facilitator });
    expect(over.status).toBe(409);
    expect(over.json.error).toContain(`${PORTFOLIO_LIMITS.maxPlans} planer`);
    expect((await call('GET', `/api/portfolios/${portfolio.id}`, owner)).json.plans).toHaveLength(PORTFOLIO_LIMITS.maxPlans);
  }, 90_000);
});
