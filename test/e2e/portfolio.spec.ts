// The portfolio page as a municipal coordinator uses it (issue 22, part 3): she makes a portfolio on the start page,
// pastes the plans' facilitator links (a participant link is refused with a reason), sorts the table with mouse and
// keyboard, reads the heat map, the shared indikator and the red activities, follows one to its card in the plan
// (read-only), shares the læselink with a colleague who can only read, and finds the portfolio again in "Mine
// planer". Then the live update: a facilitator judges an activity red in her plan, and the open portfolio page in
// another browser shows it, with its note, without a reload.
import type { Browser, Page } from '@playwright/test';
import { expect, openAs, test } from './support/fixtures.ts';

const YEAR = new Date().getFullYear();

/** A small plan running this year, with an indikator of the shared code UNGE-UDD-JOB. */
function planOf(title: string, area: string, measured: number, red?: { note: string }) {
  return {
    format: 'forandringskort/v1',
    plan: { title, area, period: { from: YEAR - 2, to: YEAR + 1 } },
    nodes: [
      { id: 'a1', kind: 'aktivitet', title: `Lektiecafé i ${area}`, position: { x: 0, y: 0 },
        ...(red ? { statusLog: [{ date: `${YEAR}-01-15`, status: 'roed', note: red.note, by: 'Mette' }] } : {}) },
      { id: 'a2', kind: 'aktivitet', title: `Fritidsjob i ${area}`, position: { x: 0, y: 200 } },
      { id: 'm1', kind: 'maal', title: 'Flere unge i uddannelse eller job', position: { x: 600, y: 0 } },
      { id: 'i1', kind: 'indikator', title: 'Andel 15–17-årige i uddannelse eller job', unit: '%', code: 'UNGE-UDD-JOB', position: { x: 300, y: 300 },
        baseline: { value: 80, year: YEAR - 2 }, targets: [{ year: YEAR, value: 85 }], measurements: [{ date: `${YEAR - 1}-06-30`, value: 81 }, { date: `${YEAR}-06-30`, value: measured }] },
    ],
    edges: [{ from: 'a1', to: 'm1', kind: 'bidrager-til' }, { from: 'a2', to: 'm1', kind: 'bidrager-til' }, { from: 'a1', to: 'i1', kind: 'maales-ved' }],
  };
}

async function newPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  return page;
}

async function createPortfolio(page: Page, title: string): Promise<void> {
  await page.getByLabel('Titel på ny portefølje').fill(title);
  await page.getByRole('button', { name: 'Opret portefølje' }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

async function addPlan(page: Page, link: string): Promise<void> {
  await page.getByLabel('Planens facilitatorlink').fill(link);
  await page.getByRole('button', { name: 'Tilføj plan' }).click();
}

test('a coordinator builds a portfolio, reads it, follows a red activity to its card and shares a læselink', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const gellerup = await server.createPlan(planOf('Helhedsplan Gellerup', 'Gellerup', 86, { note: 'Lokalet er lukket til april' }));
  const vollsmose = await server.createPlan(planOf('Vollsmose i bevægelse', 'Vollsmose', 79));
  const page = await newPage(browser, server.url);
  await createPortfolio(page, 'Aarhus og Odense');
  await expect(page.getByText('Porteføljen har ingen planer endnu.')).toBeVisible();

  // a participant link cannot add a plan: the reason is shown and nothing is added
  await addPlan(page, vollsmose.links.participant);
  await expect(page.getByRole('alert')).toContainText('facilitatorlink');
  await expect(page.getByLabel('Planens facilitatorlink')).toHaveAttribute('aria-invalid', 'true');
  await addPlan(page, gellerup.links.facilitator);
  await expect(page.getByRole('status').filter({ hasText: 'Planen er tilføjet.' })).toBeVisible();
  await addPlan(page, vollsmose.links.facilitator);
  const table = page.getByTestId('portfolio-table');
  await expect(table.getByRole('rowheader', { name: 'Vollsmose i bevægelse' })).toBeVisible();
  await expect(table.locator('tfoot')).toContainText('I alt (2 planer)');

  // sorted by plan in Danish order; the header's button turns the order, and works from the keyboard too
  const rowTitles = () => table.locator('tbody th').allInnerTexts();
  expect(await rowTitles()).toEqual(['Helhedsplan Gellerup', 'Vollsmose i bevægelse']);
  await expect(table.getByRole('columnheader', { name: 'Plan', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: 'Plan', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Plan', exact: true })).toHaveAttribute('aria-sort', 'descending');
  expect(await rowTitles()).toEqual(['Vollsmose i bevægelse', 'Helhedsplan Gellerup']);
  await table.getByRole('button', { name: 'Nået', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(table.getByRole('columnheader', { name: 'Nået', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  expect(await rowTitles()).toEqual(['Vollsmose i bevægelse', 'Helhedsplan Gellerup']);
  await page.keyboard.press('Space');
  await expect(table.getByRole('columnheader', { name: 'Nået', exact: true })).toHaveAttribute('aria-sort', 'descending');
  expect(await rowTitles()).toEqual(['Helhedsplan Gellerup', 'Vollsmose i bevægelse']);
  await expect(table.locator('tbody tr').first()).toContainText('1 af 1');

  // the heat map (drawn when it comes near the screen), and its figures as a table
  await page.getByTestId('portfolio-heatmap').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('portfolio-heatmap').locator('svg')).toBeVisible();
  await page.getByText('Vis varmekortet som tabel').click();
  const heat = page.getByTestId('heatmap-table');
  await expect(heat.getByRole('row', { name: /Helhedsplan Gellerup/ })).toContainText('100 % (1 af 1)');
  await expect(heat.getByRole('row', { name: /Vollsmose/ })).toContainText('0 % (0 af 1)');

  // the shared indikator across plans: a chart and the year's figures, the Danish way
  await expect(page.getByRole('heading', { name: /Andel 15–17-årige i uddannelse eller job \(kode UNGE-UDD-JOB\)/ })).toBeVisible();
  await page.getByTestId('code-chart-UNGE-UDD-JOB').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('code-chart-UNGE-UDD-JOB').locator('svg')).toBeVisible();
  const codeRow = page.getByRole('table', { name: /Andel 15–17-årige/ }).getByRole('row', { name: /Vollsmose/ });
  await expect(codeRow).toContainText(`79 (30.06.${YEAR})`);
  await expect(codeRow).toContainText('Ikke nået');

  // red activities with their latest dated note
  const red = page.getByTestId('red-activities');
  await expect(red.getByRole('heading', { name: 'Helhedsplan Gellerup' })).toBeVisible();
  await expect(red).toContainText(`15.01.${YEAR}: Lokalet er lukket til april (Mette)`);
  await expect(red).not.toContainText('Vollsmose');

  // the læselink for a colleague: she reads, and cannot change anything
  const readerLink = await page.getByLabel(/Læselink/).inputValue();
  const colleague = await newPage(browser, readerLink);
  await expect(colleague.getByRole('heading', { name: 'Aarhus og Odense', level: 1 })).toBeVisible();
  await expect(colleague.getByText('du har et læselink')).toBeVisible();
  await expect(colleague.getByLabel('Planens facilitatorlink')).toHaveCount(0);
  await expect(colleague.getByRole('button', { name: /Fjern/ })).toHaveCount(0);

  // from a red activity to its card in the plan, as a læser of the plan
  await colleague.getByRole('link', { name: 'Lektiecafé i Gellerup' }).click();
  await expect(colleague).toHaveURL(/\/p\/.+kort=a1/);
  await expect(colleague.getByText('Du er med som læser')).toBeVisible();
  await colleague.getByLabel('Dit navn').fill('Karin');
  await colleague.getByRole('button', { name: 'Gå ind i planen' }).click();
  await expect(colleague.locator('.react-flow__node.selected')).toContainText('Lektiecafé i Gellerup');

  // the owner removes a plan; and finds the portfolio again in "Mine planer"
  await page.getByRole('button', { name: 'Fjern Vollsmose i bevægelse fra porteføljen' }).click();
  await expect(table.locator('tfoot')).toContainText('I alt (1 planer)');
  await page.goto(server.url);
  await expect(page.getByTestId('my-portfolios').getByRole('link', { name: 'Aarhus og Odense' })).toBeVisible();
  await expect(page.getByTestId('my-portfolios')).toContainText('ejer');
});

test('an open portfolio page shows a plan\'s new red judgement without a reload', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const plan = await server.createPlan(planOf('Skovparken', 'Skovparken', 85));
  const coordinator = await newPage(browser, server.url);
  await createPortfolio(coordinator, 'Kolding');
  await addPlan(coordinator, plan.links.facilitator);
  const red = coordinator.getByTestId('portfolio-table').locator('tbody tr').first();
  await expect(coordinator.getByText(`Ingen aktiviteter er røde i ${YEAR}.`)).toBeVisible();
  await coordinator.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

  const facilitator = await openAs(browser, plan.links.facilitator, 'Fie');
  await facilitator.getByRole('button', { name: 'Opfølgning' }).click();
  const activity = facilitator.getByTestId('followup-activity-a2');
  await activity.getByLabel('Ny vurdering').selectOption({ label: 'Rød' });
  await activity.getByLabel('Note').fill('Ingen arbejdsgivere i år');
  await activity.getByRole('button', { name: 'Tilføj vurdering' }).click();

  const list = coordinator.getByTestId('red-activities');
  await expect(list.getByRole('link', { name: 'Fritidsjob i Skovparken' })).toBeVisible({ timeout: 10_000 });
  await expect(list).toContainText('Ingen arbejdsgivere i år (Fie)');
  await expect(coordinator.getByTestId('portfolio-updated')).toContainText('Opdateret kl.');
  await expect(red.locator('td').nth(12)).toHaveText('1');
  expect(await coordinator.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
});
