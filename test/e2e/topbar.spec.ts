// The top bar is one tidy row on a laptop (1440×900, 1280×800) with a full room, and still usable at 1024.
import { type Browser, type Page } from '@playwright/test';
import { examplePlan, expect, test } from './support/fixtures.ts';

async function enter(browser: Browser, link: string, name: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'da-DK', viewport })).newPage();
  await page.goto(link);
  await page.getByLabel('Dit navn').fill(name);
  await page.getByRole('button', { name: 'Gå ind i planen' }).click();
  return page;
}

/** The bar's height and how far its rightmost control reaches. */
async function bar(page: Page) {
  return page.locator('header.topbar').evaluate((header) => ({
    height: header.getBoundingClientRect().height,
    right: Math.max(...[...header.children].map((child) => child.getBoundingClientRect().right)),
    width: window.innerWidth,
  }));
}

test('the facilitator\'s top bar is one row at 1440 and 1280, with four others in the room', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(examplePlan('skabelon'));
  for (const name of ['Anna Andersen', 'Bo Bertelsen', 'Carl Christensen', 'Dorte Dam']) await enter(browser, links.participant, name, { width: 390, height: 800 }); // phones: light on the test machine
  for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 800 }]) {
    const fie = await enter(browser, links.facilitator, 'Fie Facilitator', viewport);
    await expect(fie.getByRole('list', { name: 'Hvem er her' })).toContainText('Dorte Dam');
    const { height, right, width } = await bar(fie);
    expect(height, `top bar at ${viewport.width}`).toBeLessThan(56);
    expect(right, `top bar at ${viewport.width}`).toBeLessThanOrEqual(width);
    // the everyday controls in the bar, the rarer ones behind "Mere"
    for (const name of ['Planen', 'Invitér', 'Start', 'Åbn afstemning', 'Lås alt', 'Følg mig', 'Kort', 'Disposition', 'Dækning', 'Opfølgning']) {
      await expect(fie.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(fie.getByRole('button', { name: 'Projektor' })).toBeHidden();
    await fie.getByText(/^Mere/).click();
    await expect(fie.getByRole('button', { name: 'Projektor' })).toBeVisible();
    await fie.getByRole('button', { name: 'Hent alle hertil' }).click();
    await expect(fie.getByRole('button', { name: 'Projektor' })).toBeHidden();
    await fie.context().close();
  }
  // at 1024 it may wrap, but every control is on screen
  const small = await enter(browser, links.facilitator, 'Fie Facilitator', { width: 1024, height: 768 });
  const { right, width } = await bar(small);
  expect(right).toBeLessThanOrEqual(width);
  await expect(small.getByRole('button', { name: 'Opfølgning' })).toBeInViewport();
});
