// A facilitator and two participants, each in their own browser context, against a real server.
import type { Page } from '@playwright/test';
import { artifacts, examplePlan, expect, nodeIds, openAs, test } from './support/fixtures.ts';

async function room(browser: import('@playwright/test').Browser, server: import('../support/server.ts').TestServer) {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const fie = await openAs(browser, links.facilitator, 'Fie');
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  return { fie, anna, bo, links };
}

const viewport = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform);

test('locks: the facilitator locks a kind; participants cannot add or change it, others still can', async ({ browser, server }) => {
  const { fie, anna } = await room(browser, server);
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('lock-aktivitet').check();
  await expect(anna.getByTestId('lock-banner')).toContainText('Aktivitet');
  await expect(anna.getByTestId('add-aktivitet')).toBeDisabled();
  await expect(anna.getByTestId('add-indikator')).toBeEnabled();
  await anna.locator('[data-testid="node-a1"]').click();
  await expect(anna.getByTestId('inspector-title')).toHaveAttribute('readonly', '');
  const before = (await nodeIds(fie)).length;
  await anna.getByTestId('add-indikator').click();
  await expect.poll(async () => (await nodeIds(fie)).length).toBe(before + 1);
  await fie.getByText(/^Mere/).click(); // the menu closes on a click elsewhere; "Lås alt" is in the bar
  await fie.getByTestId('lock-all').click();
  await expect(anna.getByTestId('lock-banner')).toContainText('låst planen');
  await expect(anna.getByTestId('add-indikator')).toBeDisabled();
  await anna.screenshot({ path: `${artifacts}/workshop-locked.png` });
  await fie.getByTestId('lock-all').click();
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('lock-aktivitet').uncheck();
  await expect(anna.getByTestId('lock-banner')).toHaveCount(0);
  await expect(anna.getByTestId('add-aktivitet')).toBeEnabled();
});

test('timer: started by the facilitator, seen by all, still running after a reload', async ({ browser, server }) => {
  const { fie, anna, bo, links } = await room(browser, server);
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('timer-minutes').selectOption('5');
  await fie.getByTestId('timer-reset').click();
  await expect(anna.getByTestId('timer')).toContainText('05:00');
  await fie.getByTestId('timer-start').click();
  await expect(bo.getByTestId('timer')).toHaveClass(/timer-running/);
  await expect(bo.getByTestId('timer')).toContainText(/04:5\d/);
  await anna.reload(); // the name is remembered: no prompt again
  await expect(anna.getByTestId('timer')).toHaveClass(/timer-running/);
  await expect(anna.getByTestId('timer')).toContainText(/04:\d\d/);
  await fie.getByTestId('timer-pause').click();
  await expect(bo.getByTestId('timer')).toHaveClass(/timer-paused/);
  expect(links.viewer).toContain('token=');
});

test('follow-me: participants follow the facilitator until they move, and "bring everyone here" fetches them', async ({ browser, server }) => {
  const { fie, anna, bo } = await room(browser, server);
  await fie.getByTestId('follow-me').click();
  await expect(anna.getByTestId('following')).toContainText('Fie');
  const pane = fie.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await fie.mouse.move(box.x + 300, box.y + 300);
  await fie.mouse.down();
  await fie.mouse.move(box.x + 100, box.y + 150, { steps: 6 });
  await fie.mouse.up();
  const target = await viewport(fie);
  await expect.poll(() => viewport(anna)).toBe(target);
  await expect.poll(() => viewport(bo)).toBe(target);
  // Bo moves on his own and stops following
  // from the pane's top-right corner, where fitView's padding leaves no card
  const boBox = (await bo.locator('.react-flow__pane').boundingBox())!;
  await bo.mouse.move(boBox.x + boBox.width - 30, boBox.y + 20);
  await bo.mouse.down();
  await bo.mouse.move(boBox.x + boBox.width - 230, boBox.y + 170, { steps: 6 });
  await bo.mouse.up();
  await expect(bo.getByTestId('follow-again')).toBeVisible();
  const bosOwn = await viewport(bo);
  expect(bosOwn).not.toBe(target);
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('summon').click();
  await expect(bo.getByTestId('following')).toBeVisible();
  await expect.poll(() => viewport(bo)).toBe(await viewport(fie));
});

test('dot voting with a budget, counts shown to all, opened and closed by the facilitator', async ({ browser, server }) => {
  const { fie, anna, bo } = await room(browser, server);
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('voting-budget').selectOption('2');
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('voting-toggle').click();
  await expect(anna.getByTestId('voting-open')).toBeVisible();
  await anna.locator('[data-testid="node-a1"]').click();
  await anna.getByTestId('vote').click();
  await anna.getByTestId('vote').click();
  await expect(anna.getByTestId('vote')).toBeDisabled();
  await expect(bo.getByTestId('node-a1').getByTestId('node-votes')).toHaveText('● 2');
  await bo.locator('[data-testid="node-a1"]').click();
  await bo.getByTestId('vote').click();
  await expect(fie.getByTestId('node-a1').getByTestId('node-votes')).toHaveText('● 3');
  await fie.screenshot({ path: `${artifacts}/workshop-voting.png` });
  await fie.getByTestId('voting-toggle').click();
  await expect(anna.getByTestId('voting-open')).toHaveCount(0);
  await expect(anna.getByTestId('vote')).toHaveCount(0);
});

test('named versions: save, see what changed, restore for everyone as one undoable step', async ({ browser, server }) => {
  const { fie, anna, bo } = await room(browser, server);
  const original = await nodeIds(bo);
  await fie.getByText('Versioner').click();
  await fie.getByTestId('version-name').fill('Efter workshop 1');
  await fie.getByTestId('version-save').click();
  await expect(fie.getByTestId('version-open')).toHaveText('Efter workshop 1');
  await anna.getByTestId('add-effekt').click();
  await expect.poll(async () => (await nodeIds(fie)).length).toBe(original.length + 1);
  await fie.getByTestId('version-open').click();
  await expect(fie.getByTestId('version-diff')).toContainText('tilføjet: Ny effekt');
  await fie.getByTestId('version-restore').click();
  await expect.poll(() => nodeIds(bo)).toEqual(original);
  // the server kept the plan as it was before the restore, and the list shows it
  await expect(fie.getByTestId('versions')).toContainText('Automatisk: før gendannelse');
  await fie.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await fie.keyboard.press('Control+z');
  await expect.poll(async () => (await nodeIds(bo)).length).toBe(original.length + 1);
});

test('comments on nodes with resolve', async ({ browser, server }) => {
  const { anna, bo } = await room(browser, server);
  await anna.locator('[data-testid="node-e1"]').click();
  await anna.getByTestId('comment-text').fill('Hvordan måler vi karaktererne?');
  await anna.getByTestId('comment-add').click();
  await bo.locator('[data-testid="node-e1"]').click();
  await expect(bo.getByTestId('comments')).toContainText('Hvordan måler vi karaktererne?');
  await expect(bo.getByTestId('comments')).toContainText('Anna');
  await bo.getByTestId('resolve-comment').click();
  await expect(anna.getByTestId('comments').locator('li.resolved')).toHaveCount(1);
});

test('ideas first: private to the author until revealed, then turned into typed nodes', async ({ browser, server }) => {
  const { fie, anna, bo } = await room(browser, server);
  await anna.getByTestId('idea-text').fill('Lektiecafé om lørdagen');
  await anna.getByTestId('idea-add').click();
  await expect(anna.getByTestId('my-ideas')).toContainText('Lektiecafé om lørdagen');
  await expect(fie.getByTestId('ideas-reveal')).toContainText('(1)');
  // nobody else's page has it: not shown, and not in their copy of the shared doc
  await expect(bo.getByTestId('ideas')).not.toContainText('Lektiecafé om lørdagen');
  expect(await bo.evaluate(() => JSON.stringify((window as unknown as { __fk: { doc: { toJSON(): unknown } } }).__fk.doc.toJSON()))).not.toContain('lørdagen');
  await fie.getByTestId('ideas-reveal').click();
  await expect(bo.getByTestId('revealed-ideas')).toContainText('Lektiecafé om lørdagen');
  await expect(anna.getByTestId('my-ideas')).toHaveCount(0);
  const before = (await nodeIds(anna)).length;
  await bo.getByTestId('idea-to-node').click();
  await expect.poll(async () => (await nodeIds(anna)).length).toBe(before + 1);
  await expect(anna.locator('.plan-node', { hasText: 'Lektiecafé om lørdagen' })).toHaveAttribute('data-kind', 'aktivitet');
  await expect(fie.getByTestId('revealed-ideas')).toHaveCount(0);
});
