// The projector on a wall, measured in the browser: Rum for Liv, imported as a facilitator imports it, shown at
// 1280×720, 1920×1080 and 3840×2160 (a resize refits it): no two cards overlap, no text is cut, every card has its
// column's width, the arrows are drawn and the drawing fills the screen. It follows the facilitator's focus area and
// selection from a second context, and a long title typed by the facilitator shrinks or wraps instead of spilling.
// On the desktop, entering "Præsentation" fits the whole plan to the screen.
import type { Browser, Page } from '@playwright/test';
import { join } from 'node:path';
import { examplePlan, expect, root, test } from './support/fixtures.ts';

const RUM_FOR_LIV = join(root, 'examples', 'rum-for-liv.json');
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 3840, height: 2160 }];

/** Fie opens the start page, picks the plan file with the Danish button, and enters under her name. */
async function facilitatorWithImportedPlan(browser: Browser, url: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const fie = await (await browser.newContext({ locale: 'da-DK', viewport })).newPage();
  await fie.goto(url);
  const chooser = fie.waitForEvent('filechooser');
  await fie.getByRole('button', { name: 'Vælg planfil …' }).click();
  await (await chooser).setFiles(RUM_FOR_LIV);
  await fie.getByLabel('Dit navn').fill('Fie');
  await fie.getByRole('button', { name: 'Gå ind i planen' }).click();
  await expect(fie.locator('.react-flow__node').first()).toBeVisible();
  return fie;
}

interface Measure {
  cards: number;
  overlaps: string[];
  cut: string[];
  widths: number[];
  outside: string[];
  arrows: number;
  fill: number;
  scale: number;
}

/** The projector's boxes as the browser laid them out. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate(() => {
    const frame = document.querySelector('[data-testid="projector-map"]')!.getBoundingClientRect();
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="projector-card"]')].map((element) => ({
      title: element.querySelector('.pmap-title')?.textContent ?? '', box: element.getBoundingClientRect(),
    }));
    const overlaps: string[] = [];
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) {
        const [a, b] = [cards[i]!.box, cards[j]!.box];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`${cards[i]!.title} × ${cards[j]!.title}`);
      }
    }
    const texts = [...document.querySelectorAll<HTMLElement>('.pmap-card > span, [data-testid="projector-lane"]')];
    const cut = texts.filter((t) => t.scrollWidth > t.clientWidth || t.scrollHeight > t.clientHeight)
      .map((t) => `${t.textContent}: ${t.scrollWidth}>${t.clientWidth}`);
    const outside = cards.filter(({ box }) => box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1).map((c) => c.title);
    const arrows = [...document.querySelectorAll<SVGPathElement>('[data-testid="projector-arrow"]')].filter((path) => path.getTotalLength() > 10).length;
    const left = Math.min(...cards.map((c) => c.box.left));
    const right = Math.max(...cards.map((c) => c.box.right));
    const top = Math.min(...cards.map((c) => c.box.top));
    const bottom = Math.max(...cards.map((c) => c.box.bottom));
    const scale = Number(document.querySelector<HTMLElement>('.pmap-stage')!.dataset.scale);
    return {
      cards: cards.length, overlaps, cut, widths: [...new Set(cards.map((c) => Math.round(c.box.width)))], outside, arrows,
      fill: Math.max((right - left) / frame.width, (bottom - top) / frame.height), scale,
    };
  });
}

/** What must hold at every size: nothing overlaps, nothing is cut, one card width, every arrow, the screen used. */
async function expectReadable(page: Page, cards: number, arrows: number, where: string): Promise<Measure> {
  await expect.poll(async () => (await measure(page)).cards, { message: where }).toBe(cards);
  // the layout settles once the cards' heights are measured, and a resize once the frame has its new size:
  // then every card is on the screen and the drawing fills it
  await expect.poll(async () => {
    const { fill, outside } = await measure(page);
    return { onScreen: outside.length === 0, fills: fill > 0.85 };
  }, { message: `${where}: every card on the screen, the drawing filling it` }).toEqual({ onScreen: true, fills: true });
  const result = await measure(page);
  expect(result.overlaps, `${where}: overlapping cards`).toEqual([]);
  expect(result.cut, `${where}: cut text`).toEqual([]);
  expect(result.widths, `${where}: cards of one width`).toHaveLength(1);
  expect(result.arrows, `${where}: arrows`).toBe(arrows);
  return result;
}

test('the projector fits Rum for Liv on three screens without overlap or cut text, and follows the facilitator', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const plan = examplePlan('rum-for-liv') as { nodes: { id: string; focusArea?: string; title: string }[]; edges: unknown[]; focusAreas: { id: string; title: string }[] };
  const fie = await facilitatorWithImportedPlan(browser, server.url);
  const popup = fie.context().waitForEvent('page');
  await fie.getByText(/^Mere/).click();
  await fie.getByRole('button', { name: 'Projektor' }).click();
  const projector = await popup;
  await expect(projector.getByTestId('projector-view')).toBeVisible();

  for (const size of SIZES) {
    await projector.setViewportSize(size);
    await expectReadable(projector, plan.nodes.length, plan.edges.length, `whole plan at ${size.width}×${size.height}`);
    await projector.screenshot({ path: `test/artifacts/projector-${size.width}.png` });
  }

  // the facilitator works in one focus area: the projector shows it, larger, and marks her selected card
  await projector.setViewportSize(SIZES[1]!);
  const whole = await measure(projector);
  const area = plan.focusAreas.find((a) => a.title === 'Image og kommunikation')!;
  await fie.getByLabel('Nye kort i').selectOption({ label: area.title });
  await expect(projector.getByTestId('projector-area')).toContainText(area.title);
  const own = plan.nodes.filter((n) => n.focusArea === area.id);
  await expect.poll(async () => (await measure(projector)).cards).toBeLessThan(plan.nodes.length);
  const inArea = await measure(projector);
  expect(inArea.cards).toBeGreaterThanOrEqual(own.length);
  await expect(projector.getByTestId('projector-card').filter({ hasText: own[0]!.title })).toBeVisible();
  const elsewhere = plan.nodes.find((n) => n.focusArea && n.focusArea !== area.id)!;
  await expect(projector.getByTestId('projector-card').filter({ hasText: elsewhere.title })).toHaveCount(0);
  // larger than the whole plan, though the area also shows the shared resultater, effekter and mål its chains reach
  // (model/layout.ts focusAreaNodeIds), so how much larger depends on the plan
  expect(inArea.scale).toBeGreaterThan(whole.scale * 1.05);

  await fie.locator('.react-flow__node', { hasText: own[0]!.title }).first().click();
  await expect(projector.getByTestId('projector-card').filter({ hasText: own[0]!.title })).toHaveClass(/highlighted/);
  // a long word typed on the desktop: the card keeps its width, the word shrinks or wraps
  await fie.getByLabel('Titel').fill('Ugentlige vejledningsmøder og forældrerådgivningsgrupper/nyhedsbrevsredaktioner');
  await fie.getByLabel('Titel').press('Enter');
  await expect(projector.getByText('Ugentlige vejledningsmøder')).toBeVisible();
  const arrowsInArea = await projector.getByTestId('projector-arrow').count();
  expect(arrowsInArea).toBeGreaterThan(0);
  for (const size of SIZES) {
    await projector.setViewportSize(size);
    await expectReadable(projector, inArea.cards, arrowsInArea, `${area.title} at ${size.width}×${size.height}`);
  }
  await projector.setViewportSize(SIZES[1]!);
  await projector.screenshot({ path: 'test/artifacts/projector-area-1920.png' });

  // back to the whole plan
  await fie.getByLabel('Nye kort i').selectOption({ label: '(intet indsatsområde)' });
  await expect(projector.getByTestId('projector-area')).toHaveCount(0);
  await expect.poll(async () => (await measure(projector)).cards).toBe(plan.nodes.length);
});

test('entering Præsentation on the desktop fits the whole plan to the screen', async ({ browser, server }) => {
  const fie = await facilitatorWithImportedPlan(browser, server.url, { width: 1920, height: 1080 });
  // she has zoomed in to work on a corner of the plan
  for (let i = 0; i < 4; i++) await fie.getByRole('button', { name: 'Zoom ind' }).click();
  await fie.getByText(/^Mere/).click();
  await fie.getByRole('button', { name: 'Præsentation' }).click();
  await expect(fie.locator('.workspace.presenting')).toBeVisible();
  const placement = async () => fie.evaluate(() => {
    const frame = document.querySelector('.react-flow')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
    const outside = boxes.filter((b) => b.left < frame.left - 1 || b.right > frame.right + 1 || b.top < frame.top - 1 || b.bottom > frame.bottom + 1).length;
    const spread = Math.max(
      (Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left))) / frame.width,
      (Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top))) / frame.height,
    );
    return { outside, fills: spread > 0.8 };
  });
  await expect.poll(placement).toEqual({ outside: 0, fills: true });
  // and again when the window changes size
  await fie.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(placement).toEqual({ outside: 0, fills: true });
});
