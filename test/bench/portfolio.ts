/**
 * The portfolio page with 50 plans of 300 cards (model/generate.ts, given a period, milestones, measurements, shared
 * codes and dated fremdrift, as a followed plan has): the time until the page is interactive (table, heat map and
 * scrolled to and drawn, and a sort answered) against loading the same 50 plans' JSON and rendering a plain table of them,
 * on the same server in the same browser. And the server's memory for 50 open portfolio subscriptions (event
 * streams, each a portfolio of its own), against the server's memory before they opened.
 */
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { generatePlan } from '../../model/generate.ts';
import type { PlanFile } from '../../model/schema.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';
import { percentile, row, sleep, type BenchContext, type Row } from './harness.ts';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CODES = ['UNGE-UDD-JOB', 'UDEN-ARBEJDE', 'TRYGHED', 'BEBOERDELTAGELSE'];
const FROM = 2024;

/** A generated plan made into one that is followed up: a period, figures by year, codes and fremdrift. */
export function followedPlan(size: number, seed: number): PlanFile {
  const plan = generatePlan(size, { seed });
  let n = 0;
  const nodes = plan.nodes.map((node) => {
    n++;
    if (node.kind === 'indikator') {
      return {
        ...node, ...(n % 3 === 0 ? { code: CODES[n % CODES.length] } : {}),
        baseline: { value: 20, year: FROM }, targets: [FROM + 1, FROM + 2, FROM + 3].map((year, i) => ({ year, value: 25 + i * 5 })),
        measurements: [FROM + 1, FROM + 2].map((year, i) => ({ date: `${year}-06-30`, value: 20 + ((seed + n + i) % 15) })),
      };
    }
    if (node.kind === 'aktivitet') {
      const status = (['groen', 'gul', 'roed'] as const)[(seed + n) % 3]!;
      return { ...node, statusLog: [{ date: `${FROM + 1}-03-01`, status, note: `Vurdering ${n}`, by: 'Bench' }] };
    }
    return node;
  });
  return { ...plan, plan: { ...plan.plan, title: `Plan ${seed}`, area: `Område ${seed}`, period: { from: FROM, to: FROM + 3 } }, nodes };
}

async function json(server: TestServer, method: string, path: string, token: string | null, body?: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The plain page: fetches every plan's JSON with its viewer link and renders a table of titles and counts. */
function plainPage(viewerPaths: string[]): string {
  return `<!doctype html><html lang="da"><meta charset="utf-8"><title>Baseline</title><body><table id="t"><tbody></tbody></table><script>
    const paths = ${JSON.stringify(viewerPaths)};
    Promise.all(paths.map((p) => fetch(p).then((r) => r.json()))).then((plans) => {
      const body = document.querySelector('#t tbody');
      for (const plan of plans) {
        const tr = document.createElement('tr');
        const count = (kind) => plan.nodes.filter((n) => n.kind === kind).length;
        for (const value of [plan.plan.title, plan.plan.area, count('aktivitet'), count('indikator'), count('maal')]) {
          const td = document.createElement('td');
          td.textContent = String(value);
          tr.append(td);
        }
        body.append(tr);
      }
      document.body.dataset.done = '1';
    });
  </script></body></html>`;
}

/** Milliseconds from navigation until the portfolio page shows every plan, its heat map, and answers a sort. */
async function portfolioInteractive(page: Page, url: string, plans: number): Promise<number> {
  const start = performance.now();
  await page.goto(url);
  const table = page.getByTestId('portfolio-table');
  await table.locator('tbody tr').nth(plans - 1).waitFor({ timeout: 60_000 });
  // the charts are drawn when they come near the screen: the heat map is scrolled to, as a reader would
  await page.getByTestId('portfolio-heatmap').scrollIntoViewIfNeeded();
  await page.getByTestId('portfolio-heatmap').locator('svg').waitFor();
  await table.getByRole('button', { name: 'Fejl', exact: true }).click();
  await table.getByRole('columnheader', { name: 'Fejl', exact: true }).and(page.locator('[aria-sort="ascending"]')).waitFor();
  return performance.now() - start;
}

async function plainRendered(page: Page, url: string): Promise<number> {
  const start = performance.now();
  await page.goto(url);
  await page.locator('body[data-done="1"]').waitFor({ timeout: 60_000 });
  return performance.now() - start;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Opens an event stream and resolves when its first view came; `close` ends it. */
async function openStream(server: TestServer, path: string): Promise<() => void> {
  const controller = new AbortController();
  const res = await fetch(`${server.url}${path}`, { signal: controller.signal });
  const reader = res.body!.getReader();
  let text = '';
  while (!text.includes('event: summary')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended before its first view');
    text += new TextDecoder().decode(value);
  }
  // keep reading (and dropping) what comes, as a browser would
  void (async () => {
    for (;;) if ((await reader.read().catch(() => ({ done: true }))).done) return;
  })();
  return () => controller.abort();
}

export async function portfolioBench(ctx: BenchContext): Promise<Row[]> {
  const planCount = ctx.size(5, 50);
  const size = ctx.size(40, 300);
  const server = await startServer({ env: { LOG_LEVEL: 'error' } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  const rows: Row[] = [];
  try {
    const plans = [];
    for (let seed = 1; seed <= planCount; seed++) plans.push(await server.createPlan(followedPlan(size, seed)));
    const portfolio = await json(server, 'POST', '/api/portfolios', null, { title: 'Bench' });
    const owner = tokenOf(portfolio.links.owner);
    for (const plan of plans) await json(server, 'POST', `/api/portfolios/${portfolio.id}/plans`, owner, { link: plan.links.facilitator });
    const viewerPaths = plans.map((p) => `/api/plans/${p.id}?token=${encodeURIComponent(tokenOf(p.links.viewer))}`);
    const plainUrl = `${server.url}/bench-plain-table.html`;

    const ours: number[] = [];
    const plain: number[] = [];
    for (let round = 0; round < ctx.size(1, 3); round++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      ours.push(await portfolioInteractive(page, portfolio.links.owner, planCount));
      await page.close();
      const baseline = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      // served under the server's origin (so it may fetch the plans) without its headers
      await baseline.route(plainUrl, (route) => route.fulfill({ contentType: 'text/html', body: plainPage(viewerPaths) }));
      plain.push(await plainRendered(baseline, plainUrl));
      await baseline.close();
    }
    rows.push(row('portfolio', `page interactive, ${planCount} plans × ${size} cards`, percentile(ours, 50), 'ms', 'the same plans\' JSON loaded and shown as a plain table', percentile(plain, 50),
      `median of ${ours.length} rounds (ours ${ours.map(Math.round).join('/')} ms); ours: navigation to the table drawn, the heat map scrolled to and drawn, and a sort answered; aim ≤ 1500 ms`));

    // 50 open portfolio pages, each on a portfolio of its own of 5 of the plans (every plan followed 5 times)
    const pid = server.process.pid!;
    await sleep(1000);
    const before = rssMiB(pid);
    const streams = ctx.size(5, 50);
    const closers: (() => void)[] = [];
    for (let i = 0; i < streams; i++) {
      const own = await json(server, 'POST', '/api/portfolios', null, { title: `Bench ${i}` });
      const token = tokenOf(own.links.reader);
      for (let k = 0; k < Math.min(5, planCount); k++) {
        await json(server, 'POST', `/api/portfolios/${own.id}/plans`, tokenOf(own.links.owner), { link: plans[(i + k) % planCount]!.links.facilitator });
      }
      closers.push(await openStream(server, `/api/portfolios/${own.id}/events?token=${encodeURIComponent(token)}`));
    }
    await sleep(1000);
    const after = rssMiB(pid);
    rows.push(row('portfolio', `server memory with ${streams} open portfolio subscriptions`, after, 'MiB', 'the same server before they opened', before,
      `${((after - before) / streams).toFixed(2)} MiB per subscription (RSS)`));
    closers.forEach((close) => close());
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
  }
  return rows;
}
