// A participant on a phone (390×844, touch) does everything the invite promises, "kan tilføje og ændre kort": taps
// a card to its own page, changes its title and a field, links it by choosing the target from the list the grammar
// allows, gives it a dot, deletes and restores a card, goes back with the phone's back gesture and writes a hidden
// idea. The facilitator at a desktop sees each change on the canvas as it happens.
import type { Page } from '@playwright/test';
import { enterAs, examplePlan, expect, test } from './support/fixtures.ts';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'da-DK' };


const canvasCard = (page: Page, title: string) => page.locator('.react-flow__node').filter({ has: page.getByText(title, { exact: true }) });

/** Every visible control of the phone smaller than a 44×44 px touch target (a checkbox counts by its label). */
function smallTargets(page: Page): Promise<string[]> {
  return page.getByTestId('phone-view').evaluate((root) => {
    const controls = [...root.querySelectorAll<HTMLElement>('button, select, input, textarea, a[href]')]
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => (element instanceof HTMLInputElement && element.type === 'checkbox' ? element.closest('label') ?? element : element));
    return controls.flatMap((element) => {
      const box = element.getBoundingClientRect();
      const name = element.getAttribute('aria-label') || element.textContent?.trim() || element.id || element.tagName;
      return box.width < 44 || box.height < 44 ? [`${name}: ${Math.round(box.width)}×${Math.round(box.height)}`] : [];
    });
  });
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('a participant on a phone edits, links, votes and writes a hidden idea; the facilitator sees it live', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const fie = await enterAs(browser, links.facilitator, 'Fie');
  const mads = await enterAs(browser, links.participant, 'Mads', PHONE);
  await expect(mads.getByTestId('phone-view')).toBeVisible();
  await expect(canvasCard(fie, 'Fritidsjobvejledning')).toBeVisible();

  // a tap on a card opens its page: the card, its fields, its links
  await mads.getByRole('button', { name: /Fritidsjobvejledning/ }).tap();
  await expect(mads.getByRole('heading', { name: 'Aktivitet: Fritidsjobvejledning' })).toBeFocused();
  await expect(mads.getByLabel('Titel')).toHaveValue('Fritidsjobvejledning');
  expect(await smallTargets(mads)).toEqual([]);
  expect(await horizontalOverflow(mads)).toBeLessThanOrEqual(0);

  // the title, written with the phone's keyboard and its Enter key
  await mads.getByLabel('Titel').fill('Fritidsjobvejledning for unge');
  await mads.getByLabel('Titel').press('Enter');
  await expect(canvasCard(fie, 'Fritidsjobvejledning for unge')).toBeVisible();
  // a field of the kind; tapping the next field writes it
  await mads.getByLabel('Målgruppe').fill('Unge på 13–17 år');
  await mads.getByLabel('Ansvarlig').tap();
  await canvasCard(fie, 'Fritidsjobvejledning for unge').click();
  await expect(fie.getByLabel('Målgruppe')).toHaveValue('Unge på 13–17 år');

  // back to the list with the button; the focus returns to the card that was open
  await mads.getByRole('button', { name: 'Tilbage til kortene' }).tap();
  await expect(mads.getByRole('button', { name: /Fritidsjobvejledning for unge/ })).toBeFocused();

  // link an output: the list holds only what the grammar allows from an output (never back to an aktivitet)
  await mads.getByRole('button', { name: /30 unge får hjælp til at søge fritidsjob/ }).tap();
  const targets = mads.getByLabel('Forbind til …');
  const offered = await targets.locator('option').allTextContents();
  expect(offered).toContain('Mål: Flere beboere er i job eller uddannelse');
  expect(offered.filter((label) => /^Aktivitet:/.test(label))).toEqual([]);
  await targets.selectOption({ label: 'Mål: Flere beboere er i job eller uddannelse' });
  await mads.getByRole('button', { name: 'Forbind', exact: true }).first().tap();
  await expect(mads.getByTestId('links')).toContainText('»30 unge får hjælp til at søge fritidsjob« bidrager til »Flere beboere er i job eller uddannelse«');
  await canvasCard(fie, '30 unge får hjælp til at søge fritidsjob').click();
  await expect(fie.getByTestId('links')).toContainText('»30 unge får hjælp til at søge fritidsjob« bidrager til »Flere beboere er i job eller uddannelse«');

  // a dot, once the facilitator opens voting
  await fie.getByRole('button', { name: 'Åbn afstemning' }).click();
  const vote = mads.getByRole('button', { name: /Giv en stemme/ });
  // while voting is open the dots stand above the form, without scrolling past every field
  expect((await vote.boundingBox())!.y).toBeLessThan((await mads.getByLabel('Titel').boundingBox())!.y);
  await vote.tap();
  await expect(mads.getByTestId('readable-card')).toContainText('● 1 stemme');
  await expect(canvasCard(fie, '30 unge får hjælp til at søge fritidsjob').getByText('● 1')).toBeVisible();
  expect(await smallTargets(mads)).toEqual([]);

  // the phone's back gesture leads to the list
  await mads.goBack();
  await expect(mads.getByRole('heading', { name: 'Hele planen' })).toBeVisible();

  // delete a card on the phone, and take it back (a phone has no Ctrl+Z)
  await mads.getByRole('button', { name: /^Aktivitet Lektiecafé/ }).tap();
  await mads.getByRole('button', { name: 'Slet kort' }).tap();
  await expect(mads.getByText('Kortet er slettet.')).toBeVisible();
  await expect(canvasCard(fie, 'Lektiecafé')).toHaveCount(0);
  await mads.getByRole('button', { name: 'Fortryd sletningen' }).tap();
  await expect(mads.getByLabel('Titel')).toHaveValue('Lektiecafé');
  await expect(canvasCard(fie, 'Lektiecafé')).toBeVisible();
  await mads.getByRole('button', { name: 'Tilbage til kortene' }).tap();

  // a hidden idea: the facilitator sees that there is one, not what it says, until she shows them all
  await mads.getByRole('button', { name: 'Idéer' }).tap();
  await mads.getByLabel('Ny idé').fill('Fritidsjob i boligforeningen');
  await mads.getByRole('button', { name: 'Tilføj idé' }).tap();
  await expect(mads.getByTestId('my-ideas')).toContainText('Fritidsjob i boligforeningen');
  await expect(fie.getByRole('button', { name: 'Vis alle idéer (1)' })).toBeVisible();
  await expect(fie.getByText('Fritidsjob i boligforeningen')).toHaveCount(0);
  await fie.getByRole('button', { name: 'Vis alle idéer (1)' }).click();
  await expect(fie.getByText('Fritidsjob i boligforeningen')).toBeVisible();
  await expect(mads.getByTestId('revealed-ideas')).toContainText('Fritidsjob i boligforeningen');
});

test('a new card added on the phone opens its page, ready to be linked', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const fie = await enterAs(browser, links.facilitator, 'Fie');
  const mads = await enterAs(browser, links.participant, 'Mads', PHONE);
  await mads.getByRole('button', { name: 'Tilføj kort' }).tap();
  await mads.getByLabel('Slags').selectOption({ label: 'Resultat' });
  await mads.getByLabel('Tekst på kortet').fill('Flere unge har et fritidsjob');
  await mads.getByRole('button', { name: 'Tilføj kortet' }).tap();
  await expect(mads.getByLabel('Titel')).toHaveValue('Flere unge har et fritidsjob');
  await mads.getByLabel('Forbind fra …').selectOption({ label: 'Output: 30 unge får hjælp til at søge fritidsjob' });
  await mads.getByRole('button', { name: 'Forbind', exact: true }).last().tap();
  await canvasCard(fie, 'Flere unge har et fritidsjob').click();
  await expect(fie.getByTestId('links')).toContainText('»30 unge får hjælp til at søge fritidsjob« leder til »Flere unge har et fritidsjob«');
});
