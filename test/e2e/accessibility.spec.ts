// The axe-core scan (WCAG 2.0/2.1 A and AA) over every page and view people use: start page, join page, Kort,
// Disposition, Dækning, Opfølgning, Præsentation, the invite dialog, the phone view (390×844) and a card's page on
// it. No violation of impact serious or critical may be left; a failure lists each rule, its help text and the offending elements.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { examplePlan, expect, openAs, test } from './support/fixtures.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now; fails with every serious or critical violation spelled out. */
async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const details = serious.map((v) => [
    `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
    ...v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`),
    ...(v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : []),
  ].join('\n'));
  expect(serious.length, `${where}: ${serious.length} serious or critical axe violations\n${details.join('\n')}`).toBe(0);
}

async function view(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Visning' }).getByRole('button', { name }).click();
}

test('start page and join pages', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('button', { name: 'Ny tom plan' })).toBeVisible();
  await expectNoSeriousViolations(page, 'start page');
  await page.goto(`${server.url}/j`);
  await expect(page.getByRole('heading', { name: 'Deltag i workshoppen' })).toBeVisible();
  await expectNoSeriousViolations(page, 'join page (/j)');
  const { links } = await server.createPlan(examplePlan('skabelon'));
  await page.goto(links.participant);
  await expect(page.getByLabel('Dit navn')).toBeVisible();
  await expectNoSeriousViolations(page, 'name prompt');
});

test('every view of the workspace, and the invite and help dialogs', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(examplePlan('rum-for-liv'));
  const page = await openAs(browser, links.facilitator, 'Fie');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expectNoSeriousViolations(page, 'Kort');
  // a selected card: the properties panel with its link fields
  await page.locator('.react-flow__node').first().click();
  await expect(page.getByTestId('links')).toBeVisible();
  await expectNoSeriousViolations(page, 'Kort with a card selected');
  // close up (a finding opens its card at 100 %): the cards' headers, badges and chips are painted and scanned
  await page.getByTestId('findings-panel').locator('button.finding').first().click();
  await expect.poll(() => page.evaluate(() => (document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)).toMatch(/scale\(1(\.\d+)?\)/);
  await expectNoSeriousViolations(page, 'Kort at 100 %');
  await view(page, 'Disposition');
  await expect(page.getByTestId('outline')).toBeVisible();
  await expectNoSeriousViolations(page, 'Disposition');
  await view(page, 'Dækning');
  await expect(page.getByTestId('coverage-matrix')).toBeVisible();
  await expectNoSeriousViolations(page, 'Dækning');
  await view(page, 'Opfølgning');
  await expect(page.getByTestId('followup')).toBeVisible();
  await expectNoSeriousViolations(page, 'Opfølgning');
  await view(page, 'Kort');
  await page.getByText(/^Mere/).click();
  await page.getByRole('button', { name: 'Præsentation' }).click();
  await expect(page.locator('.workspace.presenting')).toBeVisible();
  await expectNoSeriousViolations(page, 'Præsentation');
  await page.getByText(/^Mere/).click();
  await page.getByRole('button', { name: 'Afslut præsentation' }).click();
  await page.getByRole('button', { name: 'Invitér' }).click();
  await page.getByRole('button', { name: 'Lav en kode til telefonerne' }).click();
  await expect(page.getByTestId('join-code')).toBeVisible();
  await expectNoSeriousViolations(page, 'invite dialog');
  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Tastatur' })).toBeVisible();
  await expectNoSeriousViolations(page, 'help dialog');
});

test('the projector view and the phone view (390×844)', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('rum-for-liv'));
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await context.newPage();
  await phone.goto(links.participant);
  await phone.getByLabel('Dit navn').fill('Mads');
  await phone.getByRole('button', { name: 'Gå ind i planen' }).click();
  await expect(phone.getByTestId('phone-view')).toBeVisible();
  await expectNoSeriousViolations(phone, 'phone view');
  // a card's own page: the properties form, the link pickers, dots and comments
  await phone.getByRole('button', { name: /^Aktivitet / }).first().tap();
  await expect(phone.getByTestId('phone-card')).toBeVisible();
  await expect(phone.getByLabel('Forbind til …')).toBeVisible();
  await expectNoSeriousViolations(phone, 'phone card page');

  const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  const url = new URL(links.viewer);
  url.searchParams.set('visning', 'projektor');
  await projector.goto(url.toString());
  await projector.getByLabel('Dit navn').fill('Projektor');
  await projector.getByRole('button', { name: 'Gå ind i planen' }).click();
  await expect(projector.getByTestId('projector-view')).toBeVisible();
  await expectNoSeriousViolations(projector, 'projector view');
});

test('the portfolio page, as its owner and with its table alternatives open', async ({ page, server }) => {
  test.setTimeout(120_000);
  const plans = await Promise.all((['rum-for-liv', 'kildebakken', 'lyngbakken'] as const).map((name) => server.createPlan(examplePlan(name))));
  await page.goto(server.url);
  await page.getByLabel('Titel på ny portefølje').fill('Tre helhedsplaner');
  await page.getByRole('button', { name: 'Opret portefølje' }).click();
  for (const plan of plans) {
    await page.getByLabel('Planens facilitatorlink').fill(plan.links.facilitator);
    await page.getByRole('button', { name: 'Tilføj plan' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Planen er tilføjet.' })).toBeVisible();
  }
  await expect(page.getByTestId('portfolio-table').locator('tfoot')).toContainText('I alt (3 planer)');
  await page.getByTestId('portfolio-heatmap').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('portfolio-heatmap').locator('svg')).toBeVisible();
  await page.getByText('Vis varmekortet som tabel').click();
  await expectNoSeriousViolations(page, 'portfolio page');
  await page.goto(server.url);
  await expect(page.getByTestId('my-portfolios')).toBeVisible();
  await expectNoSeriousViolations(page, 'start page with Mine planer and a portfolio');
});
