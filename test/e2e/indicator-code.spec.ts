// The shared indikator code, typed as a person would in the Inspector: it is stored trimmed, shows on another
// participant's screen, and an emptied field takes the code away again.
import { expect, openAs, test } from './support/fixtures.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Kode på indikatoren', period: { from: 2013, to: 2016 } },
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Fritidsjob', position: { x: 0, y: 0 } },
    { id: 'i1', kind: 'indikator', title: 'Antal unge i fritidsjob', unit: 'unge', position: { x: 300, y: 200 } },
  ],
  edges: [{ from: 'a1', to: 'i1', kind: 'maales-ved' }],
};

const codeOf = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __fk: { doc: { getMap(name: string): { get(id: string): { toJSON(): Record<string, unknown> } } } } }).__fk.doc;
    return doc.getMap('nodes').get('i1').toJSON().code;
  });

test('an indikator\'s "Kode (fælles indikator)" is edited in the Inspector and reaches the others', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(plan);
  const anna = await openAs(browser, links.participant, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');

  await anna.getByTestId('node-i1').click();
  const field = anna.getByLabel('Kode (fælles indikator)');
  await field.fill('  FRITIDSJOB ');
  await field.press('Enter');
  await expect.poll(() => codeOf(anna)).toBe('FRITIDSJOB');

  await bo.getByTestId('node-i1').click();
  await expect(bo.getByLabel('Kode (fælles indikator)')).toHaveValue('FRITIDSJOB');

  await field.fill('');
  await field.press('Enter');
  await expect.poll(() => codeOf(anna)).toBeUndefined();
  await expect(bo.getByLabel('Kode (fælles indikator)')).toHaveValue('');
});
