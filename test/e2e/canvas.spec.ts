// The workshop canvas with several people in separate browser contexts against a real server.
import type { Page } from '@playwright/test';
import { artifacts, examplePlan, expect, nodeIds, openAs, test } from './support/fixtures.ts';
import { dragConnection } from './support/connect.ts';

const small = {
  format: 'forandringskort/v1',
  plan: { title: 'Workshop' },
  nodes: [
    { id: 'm1', kind: 'maal', title: 'Flere unge i uddannelse', position: { x: 700, y: 100 } },
    { id: 'e1', kind: 'effekt', title: 'Bedre karakterer', position: { x: 400, y: 300 } },
  ],
  edges: [],
};

type Fk = { __fk: { doc: { getMap(name: string): Map<string, { get(key: string): unknown }> } } };

/** The findings of a rule for a node, as the page's findings panel lists them. */
function findingFor(page: Page, rule: string, title: string) {
  return page.locator(`[data-rule="${rule}"]`, { hasText: `"${title}"` });
}

async function addActivity(page: Page, title: string): Promise<string> {
  const before = await nodeIds(page);
  await page.getByTestId('add-aktivitet').click();
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.length + 1);
  const id = (await nodeIds(page)).find((n) => !before.includes(n))!;
  await page.getByTestId('inspector-title').fill(title);
  await page.getByTestId('inspector-title').press('Enter');
  await expect(page.getByTestId(`node-${id}`)).toContainText(title);
  return id;
}

test('two people build a chain together; undo is per person; the check follows', async ({ browser, server }) => {
  const { links } = await server.createPlan(small);
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');

  // A adds an aktivitet and B sees it, with the finding that it reaches no goal
  const activity = await addActivity(anna, 'Lektiecafé');
  await expect(bo.getByTestId(`node-${activity}`)).toContainText('Lektiecafé');
  await expect(findingFor(bo, 'aktivitet-uden-maal', 'Lektiecafé')).toBeVisible();
  await expect(bo.getByTestId('peers')).toContainText('Anna');
  // A's cursor moves on B's screen, with her name
  const canvasBox = (await anna.getByTestId('canvas').boundingBox())!;
  await anna.mouse.move(canvasBox.x + 200, canvasBox.y + 200);
  await anna.mouse.move(canvasBox.x + 260, canvasBox.y + 240, { steps: 4 });
  await expect(bo.getByTestId('peer-cursor').filter({ hasText: 'Anna' })).toBeVisible();

  // B connects it to the goal by dragging; the finding disappears for both
  await dragConnection(bo, bo.getByTestId(`node-${activity}`), bo.getByTestId('node-m1'));
  await expect(findingFor(bo, 'aktivitet-uden-maal', 'Lektiecafé')).toHaveCount(0);
  await expect(findingFor(anna, 'aktivitet-uden-maal', 'Lektiecafé')).toHaveCount(0);
  await expect(anna.locator('.react-flow__edge')).toHaveCount(1);
  await anna.screenshot({ path: `${artifacts}/canvas-two-people.png` });

  // B adds work of his own; A undoes until her activity is gone: B's output stays
  const before = await nodeIds(bo);
  await bo.getByTestId('add-output').click();
  await expect.poll(async () => (await nodeIds(anna)).length).toBe(before.length + 1);
  const output = (await nodeIds(bo)).find((id) => !before.includes(id))!;
  await anna.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  for (let i = 0; i < 5 && (await nodeIds(anna)).includes(activity); i++) {
    await anna.keyboard.press('Control+z');
    await anna.waitForTimeout(100);
  }
  await expect.poll(() => nodeIds(bo)).toEqual(['e1', 'm1', output].sort());
  await expect(bo.getByTestId(`node-${output}`)).toBeVisible();
  // and B's undo removes B's output, not anything of A's (A's redo brings her activity back)
  await anna.keyboard.press('Control+Shift+z');
  await expect.poll(() => nodeIds(bo)).toContain(activity);
  await bo.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await bo.keyboard.press('Control+z');
  await expect.poll(() => nodeIds(anna)).not.toContain(output);
  expect(await nodeIds(anna)).toContain(activity);
});

test('auto-layout is one step that everyone sees and that can be undone', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  const positions = (page: typeof anna) => page.evaluate(() => {
    const nodes = (window as unknown as { __fk: { doc: { getMap(n: string): Map<string, { get(k: string): unknown }> } } }).__fk.doc.getMap('nodes');
    return Object.fromEntries([...nodes.entries()].map(([id, node]) => [id, node.get('position')]));
  });
  const before = await positions(bo);
  // scramble one node by hand, so that the layout has something to do
  await anna.evaluate(() => {
    const nodes = (window as unknown as { __fk: { doc: { getMap(n: string): Map<string, { set(k: string, v: unknown): void }> } } }).__fk.doc.getMap('nodes');
    nodes.get('a1')!.set('position', { x: 5000, y: 5000 });
  });
  await expect.poll(async () => (await positions(bo)).a1).toEqual({ x: 5000, y: 5000 });
  await anna.getByTestId('layout').click();
  await expect.poll(async () => (await positions(bo)).a1).toEqual(before.a1);
  await anna.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await anna.keyboard.press('Control+z');
  await expect.poll(async () => (await positions(bo)).a1).toEqual({ x: 5000, y: 5000 });
  expect(await positions(bo)).toMatchObject({ m1: before.m1 });
});

test('a forbidden connection is refused with its reason', async ({ browser, server }) => {
  const { links } = await server.createPlan(small);
  const page = await openAs(browser, links.participant, 'Carl');
  const activity = await addActivity(page, 'Fritidsjob');
  await dragConnection(page, page.getByTestId('node-e1'), page.getByTestId(`node-${activity}`), { release: false });
  await expect(page.getByTestId('connect-hint')).toContainText('baglæns');
  await page.mouse.up();
  await expect(page.getByTestId('notice')).toContainText('baglæns');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  const edges = await page.evaluate(() => (window as unknown as Fk).__fk.doc.getMap('edges').size);
  expect(edges).toBe(0);
});

test('edits made while the server is down merge after it comes back', async ({ browser, server }) => {
  const { links } = await server.createPlan(small);
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  await server.kill('SIGKILL');
  await expect(anna.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'connected');
  await anna.screenshot({ path: `${artifacts}/canvas-offline.png` });
  const a = await addActivity(anna, 'Offline hos Anna');
  const b = await addActivity(bo, 'Offline hos Bo');
  await server.restart();
  await expect(anna.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect.poll(() => nodeIds(anna), { timeout: 30_000 }).toEqual([a, b, 'e1', 'm1'].sort());
  await expect.poll(() => nodeIds(bo), { timeout: 30_000 }).toEqual([a, b, 'e1', 'm1'].sort());
  await expect(bo.getByTestId(`node-${a}`)).toContainText('Offline hos Anna');
});

test('a viewer sees everything and can change nothing', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('rum-for-liv'));
  const viewer = await openAs(browser, links.viewer, 'Vera');
  const writer = await openAs(browser, links.participant, 'Wu');
  await expect(viewer.getByTestId('readonly-badge')).toBeVisible();
  await expect(viewer.getByTestId('add-aktivitet')).toHaveCount(0);
  await viewer.screenshot({ path: `${artifacts}/canvas-viewer.png` });

  // keyboard shortcuts and dragging do nothing
  const before = await nodeIds(viewer);
  await viewer.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await viewer.keyboard.press('1');
  const node = viewer.getByTestId('node-a-5-1-1');
  const box = (await node.boundingBox())!;
  await viewer.mouse.move(box.x + 30, box.y + 30);
  await viewer.mouse.down();
  await viewer.mouse.move(box.x + 230, box.y + 130, { steps: 5 });
  await viewer.mouse.up();
  expect(await nodeIds(viewer)).toEqual(before);
  // the inspector shows fields read-only
  await viewer.locator('[data-rule="aktivitet-uden-indikator"]').first().click();
  await expect(viewer.getByTestId('inspector-title')).toHaveAttribute('readonly', '');

  // even a change made by hand in the viewer's doc never reaches anyone
  await viewer.evaluate(() => {
    const doc = (window as unknown as Fk).__fk.doc as unknown as { getMap(n: string): { delete(k: string): void } };
    doc.getMap('nodes').delete('m-G1');
  });
  const marker = await addActivity(writer, 'Skrevet af en deltager');
  await expect.poll(() => nodeIds(viewer)).toContain(marker);
  expect(await nodeIds(writer)).toContain('m-G1');
});

test('main views for the projector: coverage matrix, outline and presentation mode', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('rum-for-liv'));
  const page = await openAs(browser, links.facilitator, 'Fie');
  await page.getByTestId('view-matrix').click();
  await expect(page.getByTestId('coverage-matrix')).toBeVisible();
  await expect(page.locator('.gap-summary .gap.strong')).toHaveCount(3);
  await page.screenshot({ path: `${artifacts}/view-matrix.png` });
  await page.locator('.matrix .cell').first().click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByTestId('view-outline').click();
  await expect(page.getByTestId('outline').locator('input.outline-title').first()).toHaveValue('Forældre og læring');
  await expect(page.getByTestId('outline').getByRole('heading', { name: 'Image og kommunikation' })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/view-outline.png` });
  await page.getByTestId('view-canvas').click();
  await page.getByText(/^Mere/).click();
  await page.getByTestId('present').click();
  await page.locator('[data-rule="aktivitet-uden-indikator"]').first().click();
  await expect(page.getByTestId('node-a-5-4-1')).toHaveClass(/selected/);
  await page.screenshot({ path: `${artifacts}/view-presentation.png` });
  const finding = page.locator('[data-rule="aktivitet-uden-indikator"]').first();
  await expect(finding).toContainText('måles ikke');
  await page.getByText(/^Mere/).click();
  await page.getByTestId('language').click();
  await expect(page.getByTestId('view-outline')).toHaveText('Outline');
  await expect(finding).toContainText('is not measured by any indicator');
});
