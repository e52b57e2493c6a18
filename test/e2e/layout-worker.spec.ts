import { expect, test } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Point } from '../../model/layout.ts';
import type { PlanFile, PlanNode } from '../../model/schema.ts';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: ViteDevServer;
let baseUrl: string;

test.beforeAll(async () => {
  server = await createServer({ root, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => {
  await server?.close();
});

function largePlan(size: number): PlanFile {
  const kinds: PlanNode['kind'][] = ['aktivitet', 'output', 'resultat', 'effekt', 'maal', 'indikator'];
  const focusAreas = [0, 1, 2].map((i) => ({ id: `io${i}`, title: `Indsatsområde ${i}` }));
  const nodes: PlanNode[] = Array.from({ length: size }, (_, i) => ({
    id: `n${i}`,
    kind: kinds[i % kinds.length]!,
    title: `Node ${i}`,
    ...(i % 4 === 3 ? {} : { focusArea: `io${i % 3}` }),
  }));
  const edges = nodes.slice(0, -1).map((node, i) => {
    const next = nodes[i + 1]!;
    const kind = next.kind === 'indikator' ? 'maales-ved' : next.kind === 'maal' ? 'bidrager-til' : 'leder-til';
    return { from: node.id, to: next.id, kind } as const;
  });
  return { format: 'forandringskort/v1', plan: { title: 'Stor plan' }, focusAreas, nodes, edges };
}

test('a large plan is laid out in the worker, with the same result as inline', async ({ page }) => {
  await page.goto(`${baseUrl}/test/e2e/fixtures/layout-worker.html`);
  await expect(page.locator('#status')).toHaveText('klar');
  const plan = largePlan(300);
  const result = await page.evaluate(
    (input) => (window as unknown as { layoutBothWays(p: PlanFile): Promise<{ viaWorker: Record<string, Point>; inline: Record<string, Point>; workerActive: boolean }> }).layoutBothWays(input),
    plan,
  );
  expect(result.workerActive).toBe(true);
  expect(Object.keys(result.viaWorker)).toHaveLength(300);
  expect(result.viaWorker).toEqual(result.inline);
});
