/**
 * The canvas in headless Chromium: time to first render and frame times while panning and dragging, for our plan
 * page (synced from a real server) against a bare React Flow page with the same nodes (built here with Vite).
 */
import { chromium, type Page } from '@playwright/test';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { generatePlan } from '../../model/generate.ts';
import { startServer } from '../support/server.ts';
import { percentile, row, sleep, type BenchContext, type Row } from './harness.ts';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function buildBare(): Promise<{ dir: string; server: Server; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fk-bare-'));
  await build({ root: join(import.meta.dirname, 'bare'), base: './', logLevel: 'error', plugins: [react()], build: { outDir: dir, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const path = join(dir, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    createReadStream(path).on('error', () => res.end()).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address() as { port: number };
  return { dir, server, url: `http://127.0.0.1:${address.port}/` };
}

/** Milliseconds from `start` until the number of rendered nodes has not changed for 300 ms. */
async function untilRendered(page: Page, start: number): Promise<number> {
  let last = -1;
  let lastChange = performance.now();
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`the page did not settle (last count ${last})`);
    const count = await page.locator('.react-flow__node').count();
    if (count !== last) {
      last = count;
      lastChange = performance.now();
    } else if (count > 0 && performance.now() - lastChange > 300) {
      return lastChange - start;
    }
    await sleep(20);
  }
}

/** Frame deltas (ms) while the mouse pans the canvas and then drags a node. */
async function frameTimes(page: Page): Promise<number[]> {
  // scripts as strings: tsx would add its own helpers to a function's source, which the page does not have.
  // The pan starts on empty canvas nearest the middle of the pane (on a card it would drag the card instead),
  // found before the frames are recorded.
  const start = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane');
    const r = pane.getBoundingClientRect();
    const cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    for (let d = 0; d < Math.max(r.width, r.height) / 2; d += 10) {
      for (const [x, y] of [[cx + d, cy], [cx - d, cy], [cx, cy + d], [cx, cy - d]]) {
        if (document.elementFromPoint(x, y) === pane) return { x, y };
      }
    }
    return { x: cx, y: cy };
  })()`)) as { x: number; y: number };
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let previous = performance.now();
    const tick = (now) => {
      window.__frames.push(now - previous);
      previous = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 300, start.y - 200, { steps: 40 });
  await page.mouse.up();
  // the card nearest the middle of the pane, on both pages: a card near the edge would make React Flow pan the
  // view while it is dragged, and where that happens depends on each page's layout, not on its speed
  const box = (await page.evaluate(`(() => {
    const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
    const cx = pane.x + pane.width / 2, cy = pane.y + pane.height / 2;
    let best = null, bestDistance = Infinity;
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const r = node.getBoundingClientRect();
      const distance = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      if (distance < bestDistance) { best = { x: r.x, y: r.y, width: r.width, height: r.height }; bestDistance = distance; }
    }
    return best;
  })()`)) as { x: number; y: number; width: number; height: number } | null;
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 120, { steps: 40 });
    await page.mouse.up();
  }
  return page.evaluate('(() => { window.__recording = false; return window.__frames.slice(1); })()') as Promise<number[]>;
}

/** The plan sizes to measure: BENCH_CANVAS_SIZES=1000 (comma-separated) picks some, for profiling one size. */
function canvasSizes(ctx: BenchContext): number[] {
  const chosen = process.env.BENCH_CANVAS_SIZES?.split(',').map(Number).filter((n) => n > 0);
  if (chosen && chosen.length > 0) return chosen;
  return ctx.smoke ? [50] : [500, 1000];
}

export async function canvasBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS });
  const server = await startServer({ env: { LOG_LEVEL: 'error' } });
  const bare = await buildBare();
  try {
    for (const size of canvasSizes(ctx)) {
      const plan = generatePlan(size);
      writeFileSync(join(bare.dir, 'plan.json'), JSON.stringify(plan));
      const { links } = await server.createPlan(plan);

      // several rounds, the two pages in turns: first render is the median of the rounds, the frame percentiles are
      // over the frames of all rounds (one sample of each swung by ±30 % on this shared machine)
      const oursRenders: number[] = [];
      const bareRenders: number[] = [];
      const oursFrames: number[] = [];
      const bareFrames: number[] = [];
      for (let round = 0; round < ctx.size(1, 3); round++) {
        const ours = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await ours.goto(links.facilitator);
        await ours.getByTestId('join-name').fill('Bench');
        const oursStart = performance.now();
        await ours.getByTestId('join').click();
        oursRenders.push(await untilRendered(ours, oursStart));
        oursFrames.push(...(await frameTimes(ours)));
        await ours.close();

        const baseline = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        const bareStart = performance.now();
        await baseline.goto(bare.url);
        bareRenders.push(await untilRendered(baseline, bareStart));
        bareFrames.push(...(await frameTimes(baseline)));
        await baseline.close();
      }
      const oursRender = percentile(oursRenders, 50);
      const bareRender = percentile(bareRenders, 50);

      rows.push(row('canvas', `first render, ${plan.nodes.length} nodes`, oursRender, 'ms', 'bare React Flow page, same nodes', bareRender, `median of ${oursRenders.length} rounds; ours: from joining (sync over WebSocket + check) to nodes on screen; bare: from navigation`));
      rows.push(row('canvas', `p50 frame while panning and dragging, ${plan.nodes.length} nodes`, percentile(oursFrames, 50), 'ms', 'bare React Flow page, same nodes', percentile(bareFrames, 50)));
      rows.push(row('canvas', `p95 frame while panning and dragging, ${plan.nodes.length} nodes`, percentile(oursFrames, 95), 'ms', 'bare React Flow page, same nodes', percentile(bareFrames, 95)));
    }
  } finally {
    await browser.close();
    await server.kill('SIGTERM');
    bare.server.close();
  }
  return rows;
}
