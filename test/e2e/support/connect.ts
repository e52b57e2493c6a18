/**
 * Connecting two cards as a person does: press on the source card's handle, drag to the target card's handle.
 * `release: false` keeps the mouse pressed, to look at the hint the canvas shows while dragging.
 */
import type { Locator, Page } from '@playwright/test';

export async function dragConnection(page: Page, from: Locator, to: Locator, { release = true } = {}): Promise<void> {
  const source = (await from.locator('.react-flow__handle.source').boundingBox())!;
  const target = (await to.locator('.react-flow__handle.target').boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  if (release) await page.mouse.up();
}
