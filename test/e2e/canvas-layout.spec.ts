// The canvas as a newcomer meets it: a plan without positions opens laid out, new cards never pile up, a deleted
// card does not leave the inspector stuck, and "Ryd op" reaches every screen. Acts through roles, labels and text.
import type { Locator, Page } from '@playwright/test';
import { artifacts, expect, openAs, test } from './support/fixtures.ts';

/** A plan as a spreadsheet or another tool would send it: two focus areas, a shared goal, no positions. */
const unplaced = {
  format: 'forandringskort/v1',
  plan: { title: 'Uden placeringer' },
  focusAreas: [
    { id: 'fa-born', title: 'Børn og unge' },
    { id: 'fa-job', title: 'Job og uddannelse' },
  ],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'fa-born' },
    { id: 'o1', kind: 'output', title: '40 børn kommer fast', focusArea: 'fa-born' },
    { id: 'r1', kind: 'resultat', title: 'Bedre lektier', focusArea: 'fa-born' },
    { id: 'i1', kind: 'indikator', title: 'Antal faste deltagere', focusArea: 'fa-born', target: { value: 40 } },
    { id: 'a2', kind: 'aktivitet', title: 'Jobværksted', focusArea: 'fa-job' },
    { id: 'o2', kind: 'output', title: '25 ansøgninger', focusArea: 'fa-job' },
    { id: 'e2', kind: 'effekt', title: 'Flere i job', focusArea: 'fa-job' },
    { id: 'm1', kind: 'maal', title: 'Flere unge i uddannelse og job' },
  ],
  edges: [
    { from: 'a1', to: 'o1', kind: 'leder-til' },
    { from: 'o1', to: 'r1', kind: 'leder-til' },
    { from: 'o1', to: 'i1', kind: 'maales-ved' },
    { from: 'r1', to: 'm1', kind: 'bidrager-til' },
    { from: 'a2', to: 'o2', kind: 'leder-til' },
    { from: 'o2', to: 'e2', kind: 'leder-til' },
    { from: 'e2', to: 'm1', kind: 'bidrager-til' },
  ],
};

type Rect = { x: number; y: number; width: number; height: number };

/** Every card's box on screen, read at one instant (the view may be animating: boxes read one by one would mix zooms). */
async function cardBoxes(page: Page): Promise<Rect[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => {
    const { x, y, width, height } = node.getBoundingClientRect();
    return { x, y, width, height };
  }));
}

function overlaps(boxes: Rect[]): number {
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) pairs++;
    }
  }
  return pairs;
}

async function insideOf(inner: Locator, outer: Locator): Promise<boolean> {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

test('a plan file without positions opens laid out, in named lanes, and can be filtered to one focus area', async ({ browser, server }) => {
  const { links } = await server.createPlan(unplaced);
  const page = await openAs(browser, links.facilitator, 'Fie');
  const canvas = page.getByTestId('canvas');
  for (const title of ['Lektiecafé', 'Jobværksted', 'Flere unge i uddannelse og job', 'Antal faste deltagere']) {
    const card = canvas.locator('.react-flow__node', { hasText: title });
    await expect(card).toBeVisible();
    expect(await insideOf(card, canvas)).toBe(true);
  }
  await expect(canvas.getByText('succeskriterium: 40')).toBeVisible();
  expect(overlaps(await cardBoxes(page))).toBe(0);
  // the lanes are named on the canvas
  await expect(canvas.locator('.lane-label', { hasText: 'Børn og unge' })).toBeVisible();
  await expect(canvas.locator('.lane-label', { hasText: 'Job og uddannelse' })).toBeVisible();
  // levels run left to right: the activity stands left of its output
  const activity = (await canvas.locator('.react-flow__node', { hasText: 'Lektiecafé' }).boundingBox())!;
  const output = (await canvas.locator('.react-flow__node', { hasText: '40 børn kommer fast' }).boundingBox())!;
  expect(activity.x + activity.width).toBeLessThan(output.x);
  // the zoom buttons speak Danish
  await expect(page.getByRole('button', { name: 'Tilpas visning' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zoom ind' })).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: 'Tilpas visning' }).click();
  await page.screenshot({ path: `${artifacts}/canvas-lanes-1440.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Tilpas visning' }).click();
  await page.screenshot({ path: `${artifacts}/canvas-lanes-1920.png` });

  // one focus area: its cards and the goal they serve; the other area's cards are gone
  await page.getByRole('combobox', { name: 'Vis indsatsområde' }).selectOption({ label: 'Job og uddannelse' });
  await expect(canvas.getByText('Jobværksted')).toBeVisible();
  await expect(canvas.getByText('Flere unge i uddannelse og job')).toBeVisible();
  await expect(canvas.getByText('Lektiecafé')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Vis indsatsområde' }).selectOption({ label: 'Alle indsatsområder' });
  await expect(canvas.getByText('Lektiecafé')).toBeVisible();
});

test('cards added by keys and palette land free of each other and in view', async ({ browser, server }) => {
  const { links } = await server.createPlan({ format: 'forandringskort/v1', plan: { title: 'Tom' }, nodes: [], edges: [] });
  const page = await openAs(browser, links.participant, 'Per');
  await page.setViewportSize({ width: 1440, height: 900 });
  const canvas = page.getByTestId('canvas');
  await expect(page.getByRole('button', { name: /Aktivitet/ }).first()).toBeVisible();
  // a new card's title takes the focus (its text selected); Enter keeps it and goes back to the card
  for (const key of ['1', '2', '3']) {
    await page.keyboard.press(key);
    await expect(page.getByLabel('Titel')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: /^🎯? ?Mål/ }).or(page.getByTestId('add-maal')).first().click();
  await page.getByTestId('add-indikator').click();
  await expect(canvas.locator('.react-flow__node')).toHaveCount(5);
  expect(overlaps(await cardBoxes(page))).toBe(0);
  await page.screenshot({ path: `${artifacts}/canvas-five-new-cards-1440.png` });
  for (let i = 0; i < 5; i++) await expect.poll(() => insideOf(canvas.locator('.react-flow__node').nth(i), canvas)).toBe(true);
});

test('after a selected card is deleted, here or by someone else, the inspector follows the next click', async ({ browser, server }) => {
  const { links } = await server.createPlan(unplaced);
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  const card = (page: Page, title: string) => page.getByTestId('canvas').locator('.react-flow__node', { hasText: title });

  // deleted here, by the inspector's button
  await card(anna, 'Jobværksted').click();
  await expect(anna.getByLabel('Titel')).toHaveValue('Jobværksted');
  await anna.getByRole('button', { name: 'Slet kort' }).click();
  await expect(card(anna, 'Jobværksted')).toHaveCount(0);
  await expect(anna.getByText('Vælg et kort eller en forbindelse for at redigere.')).toBeVisible();
  await card(anna, 'Lektiecafé').click();
  await expect(anna.getByLabel('Titel')).toHaveValue('Lektiecafé');

  // deleted by someone else while it is selected here
  await card(anna, '25 ansøgninger').click();
  await expect(anna.getByLabel('Titel')).toHaveValue('25 ansøgninger');
  await card(bo, '25 ansøgninger').click();
  await bo.getByRole('button', { name: 'Slet kort' }).click();
  await expect(card(anna, '25 ansøgninger')).toHaveCount(0);
  await card(anna, 'Bedre lektier').click();
  await expect(anna.getByLabel('Titel')).toHaveValue('Bedre lektier');
  await anna.setViewportSize({ width: 1400, height: 900 });
  // with a card selected, the check is still in view
  await expect(anna.getByTestId('findings-panel')).toBeInViewport();
});

test('"Ryd op" is one step that everyone sees, and one undo brings the old places back', async ({ browser, server }) => {
  const { links } = await server.createPlan({
    ...unplaced,
    nodes: unplaced.nodes.map((node, i) => ({ ...node, position: { x: (i % 3) * 40 + i * 900, y: (i % 2) * 1500 } })),
  });
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  const annaCanvas = anna.getByTestId('canvas');
  // Anna zooms in on one card, so most of the plan is out of her view
  await annaCanvas.locator('.react-flow__node', { hasText: 'Lektiecafé' }).dblclick({ position: { x: 5, y: 5 } });
  await anna.getByRole('button', { name: 'Zoom ind' }).click();
  await anna.getByRole('button', { name: 'Zoom ind' }).click();
  await bo.getByRole('button', { name: /Ryd op/ }).click();
  // on Anna's screen the laid-out plan is in view as a whole
  for (const title of ['Lektiecafé', 'Jobværksted', 'Flere unge i uddannelse og job']) {
    await expect.poll(() => insideOf(annaCanvas.locator('.react-flow__node', { hasText: title }), annaCanvas)).toBe(true);
  }
  expect(overlaps(await cardBoxes(anna))).toBe(0);
  // one undo by Bo brings every card back to where it was
  const before = (await annaCanvas.locator('.react-flow__node', { hasText: 'Jobværksted' }).boundingBox())!;
  await bo.getByRole('button', { name: /Fortryd/ }).click();
  await expect.poll(async () => (await annaCanvas.locator('.react-flow__node', { hasText: 'Jobværksted' }).boundingBox())!.x).not.toBe(before.x);
});
