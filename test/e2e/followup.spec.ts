// Opfølgning with two people: one types the year's figures in the grid, the other sees chips and charts change.
import { join } from 'node:path';
import { artifacts, expect, openAs, test } from './support/fixtures.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Rum for Test', period: { from: 2013, to: 2016 } },
  focusAreas: [{ id: 'io1', title: 'Børn og unge' }],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', position: { x: 0, y: 0 } },
    { id: 'm1', kind: 'maal', title: 'Flere i uddannelse', position: { x: 600, y: 0 } },
    { id: 'i1', kind: 'indikator', title: 'Antal brugere', unit: 'brugere', focusArea: 'io1', position: { x: 300, y: 200 },
      baseline: { value: 20, year: 2012 }, targets: [{ year: 2013, value: 30 }, { year: 2014, value: 40 }],
      measurements: [{ date: '2013-06-30', value: 25 }] },
    { id: 'i2', kind: 'indikator', title: 'Fravær', unit: '%', direction: 'ned', focusArea: 'io1', position: { x: 300, y: 350 } },
  ],
  edges: [
    { from: 'a1', to: 'm1', kind: 'bidrager-til' }, { from: 'a1', to: 'i1', kind: 'maales-ved' }, { from: 'a1', to: 'i2', kind: 'maales-ved' },
  ],
};

test('Anna types measurements and milestones in the grid; Bo sees chips and charts change; undo is Anna\'s own', async ({ browser, server }) => {
  test.setTimeout(240_000); // two browsers on a shared 2-core machine
  const { links } = await server.createPlan(plan);
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  for (const page of [anna, bo]) {
    await page.getByRole('button', { name: 'Opfølgning' }).click();
    await page.getByRole('combobox', { name: 'År', exact: true }).selectOption('2014');
    await expect(page.getByRole('heading', { name: 'Opfølgning 2014' })).toBeVisible();
  }
  const boRow = bo.getByTestId('followup-row-i1');
  await expect(boRow.getByText('Ikke målt')).toBeVisible();
  // an indikator without a single figure says so instead of drawing an empty chart
  await expect(bo.getByTestId('followup-row-i2')).toContainText('Ingen tal endnu');
  await expect(bo.getByTestId('chart-i2')).toHaveCount(0);

  // a measurement the Danish way; Enter moves down to the next indicator's cell
  const measured = anna.getByLabel('Måling 2014 for Antal brugere');
  await measured.fill('52,5');
  await measured.press('Enter');
  await expect(anna.getByLabel('Måling 2014 for Fravær')).toBeFocused();
  await expect(boRow.getByText('Nået', { exact: true })).toBeVisible();
  await expect(boRow).toContainText('52,5 brugere');
  await expect(bo.getByTestId('chart-i1').locator('svg')).toContainText('52,5');

  // a point instead of a comma is refused in place, with the reason, and nothing is written
  const fravaer = anna.getByLabel('Måling 2014 for Fravær');
  await fravaer.fill('12.5');
  await fravaer.press('Enter');
  await expect(anna.getByRole('alert').filter({ hasText: 'Brug komma som decimaltegn: 12,5' })).toBeVisible();
  await expect(fravaer).toHaveAttribute('aria-invalid', 'true');
  await expect(bo.getByTestId('followup-row-i2')).toContainText('Uden delmål');

  // Tab from the milestone to the measurement; lower is better for Fravær
  const milestone = anna.getByLabel('Delmål 2014 for Fravær');
  await milestone.fill('8');
  await milestone.press('Tab');
  await expect(fravaer).toBeFocused();
  await fravaer.fill('9,5');
  await fravaer.press('Enter');
  await expect(bo.getByTestId('followup-row-i2').getByText('Ikke nået')).toBeVisible();
  await expect(bo.getByTestId('chart-i2').locator('svg')).toContainText('9,5');
  await expect(bo.getByTestId('goal-row-m1')).toContainText('Antal brugere');
  await expect(bo.getByTestId('followup-totals')).toContainText('Nået 1');

  // Bo's assessment of the activity: Anna sees the colour with its word, who and when
  const boActivity = bo.getByTestId('followup-activity-a1');
  await boActivity.getByLabel('Ny vurdering').selectOption({ label: 'Gul' });
  await boActivity.getByLabel('Note').fill('Færre frivillige efter sommer');
  // added while the view shows 2014 (a past year), it is dated in 2014 so that it counts there, and the form says so
  await expect(boActivity.getByLabel('Dato')).toHaveValue('2014-12-31');
  await expect(boActivity).toContainText('Vurderingen dateres 31.12.2014 og tæller for 2014.');
  await boActivity.getByRole('button', { name: 'Tilføj vurdering' }).click();
  const annaActivity = anna.getByTestId('followup-activity-a1');
  await expect(annaActivity.getByTestId('fremdrift-a1')).toHaveText('Gul');
  await expect(annaActivity).toContainText('31.12.2014, Bo: Færre frivillige efter sommer');

  await anna.screenshot({ path: join(artifacts, 'followup-desktop.png'), fullPage: true });

  // Anna undoes her last step (the Fravær measurement) only; Bo's assessment stays
  await anna.getByTestId('undo').click();
  await expect(bo.getByTestId('followup-row-i2').getByText('Ikke målt')).toBeVisible();
  await expect(bo.getByTestId('fremdrift-a1')).toHaveText('Gul');

  // on the map the cards show the fremdrift and the indicator's status for the chosen year
  await bo.getByRole('button', { name: 'Kort' }).click();
  await expect(bo.getByTestId('card-status-i1')).toHaveText('Nået');
  await expect(bo.getByTestId('card-followup-a1')).toContainText('Gul');
});
