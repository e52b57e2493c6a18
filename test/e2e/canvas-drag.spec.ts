// Dragging a card on a large plan: the others see it move while it is dragged, the place it is dropped on lands in
// everyone's plan, and one undo takes the whole drag back, even when the pointer rested on the way.
import type { Page } from '@playwright/test';
import { generatePlan } from '../../model/generate.ts';
import { expect, openAs, test } from './support/fixtures.ts';

type Point = { x: number; y: number };
type Fk = { __fk: { doc: { getMap(name: string): Map<string, { get(key: string): unknown }> } } };

/** Where a card stands in this page's copy of the plan. */
function storedPosition(page: Page, id: string): Promise<Point> {
  return page.evaluate((nodeId) => (window as unknown as Fk).__fk.doc.getMap('nodes').get(nodeId)!.get('position') as Point, id);
}

/** The card nearest the middle of the canvas, as a person would pick one (its id and its middle on screen). */
async function cardNearTheMiddle(page: Page): Promise<{ id: string; x: number; y: number }> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const middle = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
  let best: { id: string; x: number; y: number; distance: number } | null = null;
  for (const card of await page.locator('.plan-node').all()) {
    const box = await card.boundingBox();
    if (!box) continue;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const distance = Math.hypot(x - middle.x, y - middle.y);
    if (!best || distance < best.distance) best = { id: (await card.getAttribute('data-testid'))!.replace(/^node-/, ''), x, y, distance };
  }
  return best!;
}

test('a drag on a 400-card plan is seen live by the others, lands for everyone and is one undo step', async ({ browser, server }) => {
  const { links } = await server.createPlan(generatePlan(400));
  const anna = await openAs(browser, links.facilitator, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  await expect(anna.locator('.plan-node').first()).toBeVisible();
  // zoomed in far enough to read the cards, as a person who drags one would be
  for (let i = 0; i < 6; i++) await anna.getByRole('button', { name: 'Zoom ind' }).click();
  await anna.waitForTimeout(400);

  const card = await cardNearTheMiddle(anna);
  const before = await storedPosition(bo, card.id);
  await anna.mouse.move(card.x, card.y);
  await anna.mouse.down();
  await anna.mouse.move(card.x + 80, card.y + 40, { steps: 10 });
  // still held: Bo's plan already has the card somewhere else
  await expect.poll(async () => (await storedPosition(bo, card.id)).x, { timeout: 5000 }).not.toBe(before.x);
  // the pointer rests longer than the undo manager's capture time, then the drag goes on
  await anna.waitForTimeout(900);
  await anna.mouse.move(card.x + 200, card.y + 120, { steps: 10 });
  await anna.mouse.up();

  // where Anna dropped it is where it stands for both
  await expect.poll(async () => JSON.stringify(await storedPosition(bo, card.id))).toBe(JSON.stringify(await storedPosition(anna, card.id)));
  const after = await storedPosition(anna, card.id);
  expect(after.x).toBeGreaterThan(before.x + 20);
  expect(after.y).toBeGreaterThan(before.y + 10);
  await expect(bo.getByTestId(`node-${card.id}`)).toBeAttached();

  // one undo: the card is back where it was before the drag, for both
  await anna.keyboard.press('Control+z');
  await expect.poll(async () => JSON.stringify(await storedPosition(bo, card.id))).toBe(JSON.stringify(before));
  expect(await storedPosition(anna, card.id)).toEqual(before);
});
