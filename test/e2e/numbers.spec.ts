// Numbers the Danish way, typed as a person would into the Opfølgning grid and the Inspector: each field shows
// the number as it was understood ("1234" → "1.234"), or says in Danish why it was not taken.
import { expect, openAs, test } from './support/fixtures.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Tal på dansk', period: { from: 2013, to: 2016 } },
  focusAreas: [{ id: 'io1', title: 'Børn og unge' }],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', position: { x: 0, y: 0 } },
    { id: 'i1', kind: 'indikator', title: 'Antal brugere', unit: 'brugere', focusArea: 'io1', position: { x: 300, y: 200 } },
  ],
  edges: [{ from: 'a1', to: 'i1', kind: 'maales-ved' }],
};

const measurementOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __fk: { doc: { getMap(name: string): { get(id: string): { toJSON(): Record<string, unknown> } } } } }).__fk.doc;
    return doc.getMap('nodes').get('i1').toJSON();
  });

test('the grid and the Inspector read 1.234 as a thousand and 12,5 as twelve and a half', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(plan);
  const page = await openAs(browser, links.participant, 'Anna');

  await page.getByRole('button', { name: 'Opfølgning' }).click();
  await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2014');
  const cell = page.getByLabel('Måling 2014 for Antal brugere');
  const row = page.getByTestId('followup-row-i1');
  for (const [typed, shown] of [['1.234', '1.234'], ['1.234,5', '1.234,5'], ['12,5', '12,5'], ['-3', '-3'], ['1 234', '1.234'], ['1\u00a0234', '1.234'], ['1234', '1.234']] as const) {
    await cell.fill(typed);
    await cell.press('Enter');
    await expect(cell, typed).toHaveValue(shown);
    await expect(row).toContainText(`${shown} brugere`);
  }
  await cell.fill('12.5');
  await cell.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Brug komma som decimaltegn: 12,5' })).toBeVisible();
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await expect(row).toContainText('1.234 brugere');
  await cell.press('Escape');

  await page.getByTestId('view-canvas').click();
  await page.getByTestId('node-i1').click();
  const baseline = page.getByTestId('inspector-baseline-value');
  for (const [typed, shown, value] of [['1.234', '1.234', 1234], ['1.234,5', '1.234,5', 1234.5], ['12,5', '12,5', 12.5], ['1\u202f234', '1.234', 1234], ['−3', '-3', -3]] as const) {
    await baseline.fill(typed);
    await baseline.press('Enter');
    await expect(baseline, typed).toHaveValue(shown);
    await expect.poll(async () => ((await measurementOf(page)).baseline as { value?: number } | undefined)?.value, typed).toBe(value);
  }
  await baseline.fill('12.5');
  await baseline.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Brug komma som decimaltegn: 12,5' })).toBeVisible();
  await expect(baseline).toHaveAttribute('aria-invalid', 'true');
  expect(((await measurementOf(page)).baseline as { value?: number }).value).toBe(-3);
});
