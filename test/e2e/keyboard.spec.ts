// Keyboard only: from an empty plan a whole chain aktivitet → output → resultat → mål plus indikator is built,
// linked, edited, deleted and undone without a mouse, on the canvas and in Disposition; what happens is announced
// in Danish; "?" lists the keys; dialogs close on Escape and give the focus back.
import type { Page } from '@playwright/test';
import { artifacts, expect, openAs, test } from './support/fixtures.ts';

const EMPTY = { format: 'forandringskort/v1', plan: { title: 'Tastaturplanen', period: { from: 2025, to: 2028 } }, focusAreas: [], nodes: [], edges: [] };

const card = (page: Page, title: string) => page.locator('.react-flow__node', { hasText: title });
/** The newest line of the live region (a log: the check's line may follow a moment later). */
const announcer = (page: Page) => page.getByTestId('announcer');
const said = (page: Page, text: string | RegExp) => expect(announcer(page).getByTestId('announcement').filter({ hasText: text })).not.toHaveCount(0);

/** Adds a card by its key, types its title and presses Enter: the focus is then on the new card. */
async function addByKey(page: Page, key: string, title: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByLabel('Titel', { exact: true })).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expect(card(page, title)).toBeFocused();
}

/** On the focused card: L, type the start of the other card's name in "Forbind til/fra …", Enter. */
async function linkFocused(page: Page, option: string): Promise<void> {
  await page.keyboard.press('l');
  const picker = page.locator('[data-testid="link-to"], [data-testid="link-from"]').first();
  await expect(picker).toBeFocused();
  await page.keyboard.type(option);
  const before = await page.locator('.react-flow__edge').count();
  await page.keyboard.press('Enter');
  // the link is drawn and the focus is back on the card
  await expect(page.locator('.react-flow__edge')).toHaveCount(before + 1);
  await expect(page.locator('.react-flow__node:focus')).toHaveCount(1);
}

test('a whole chain with the keyboard alone, on the canvas and in Disposition', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const { links } = await server.createPlan(EMPTY);
  const page = await openAs(browser, links.facilitator, 'Fie');
  await page.locator('body').focus();

  await addByKey(page, '1', 'Lektiecafé');
  await addByKey(page, '2', '40 brugere deltog');
  // an output has nothing to link to yet: L lands in "Forbind fra …"
  await linkFocused(page, 'Aktivitet');
  await said(page, 'Forbundet: »Lektiecafé« leder til »40 brugere deltog«.');
  await expect(page.locator('[aria-label="Forbindelse: Lektiecafé leder til 40 brugere deltog"]')).toHaveCount(1);

  await addByKey(page, '3', 'Brugerne får lavet lektier');
  await linkFocused(page, 'Output');
  await addByKey(page, '5', 'Flere unge i uddannelse');
  await linkFocused(page, 'Resultat');
  await said(page, 'Forbundet: »Brugerne får lavet lektier« bidrager til »Flere unge i uddannelse«.');
  await addByKey(page, '6', 'Lektier afleveret');
  await linkFocused(page, 'Resultat');
  await expect(page.getByTestId('links')).toContainText('»Brugerne får lavet lektier« måles ved »Lektier afleveret«');

  // what the check finds after the edits is announced
  await said(page, /^Tjek: /);

  // F2 edits the title of the focused card
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Titel', { exact: true })).toBeFocused();
  await page.keyboard.type('Andel lektier afleveret');
  await page.keyboard.press('Enter');
  await expect(card(page, 'Andel lektier afleveret')).toBeFocused();
  await page.screenshot({ path: `${artifacts}/keyboard-chain.png` });

  // Delete deletes the focused card, announced; Ctrl+Z brings it back with its link
  await page.keyboard.press('Delete');
  await expect(card(page, 'Andel lektier afleveret')).toHaveCount(0);
  await said(page, 'Kortet »Andel lektier afleveret« er slettet. Ctrl+Z fortryder.');
  await page.keyboard.press('Control+z');
  await expect(card(page, 'Andel lektier afleveret')).toBeVisible();
  await said(page, 'Fortrudt.');
  await expect(page.locator('[aria-label="Forbindelse: Brugerne får lavet lektier måles ved Andel lektier afleveret"]')).toHaveCount(1);

  // Tab reaches a card; the panel follows the focus; a link is removed from the panel by keyboard
  await card(page, 'Lektiecafé').focus();
  await page.keyboard.press('Tab');
  await expect(card(page, '40 brugere deltog')).toBeFocused();
  await expect(page.getByLabel('Titel', { exact: true })).toHaveValue('40 brugere deltog');
  const remove = page.getByRole('button', { name: 'Fjern forbindelsen »Lektiecafé« leder til »40 brugere deltog«' });
  await remove.focus();
  await page.keyboard.press('Enter');
  await said(page, 'Forbindelsen »Lektiecafé« leder til »40 brugere deltog« er fjernet. Ctrl+Z fortryder.');
  await page.locator('body').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('[aria-label="Forbindelse: Lektiecafé leder til 40 brugere deltog"]')).toHaveCount(1);

  // Disposition: a new card stays there, under "Ikke forbundet", and is linked from its own row
  await page.getByRole('button', { name: 'Disposition' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outline')).toBeVisible();
  await page.locator('body').focus();
  await addByKeyInOutline(page, '2', 'Lektiehjælp hver uge');
  const unlinked = page.getByTestId('outline-unlinked');
  await expect(unlinked).toContainText('Output:');
  // its own row links it onwards: Tab from its title reaches "Forbind til"
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Forbind til (Lektiehjælp hver uge)')).toBeFocused();
  await page.keyboard.type('Resultat');
  await page.keyboard.press('Enter');
  await said(page, 'Forbundet: »Lektiehjælp hver uge« leder til »Brugerne får lavet lektier«.');
  // still no activity leads to it; the activity's row links it
  await expect(unlinked).toContainText('Lektiehjælp hver uge');
  await page.getByLabel('Forbind til (Lektiecafé)').focus();
  await page.keyboard.type('Output');
  await page.keyboard.press('Enter');
  await said(page, 'Forbundet: »Lektiecafé« leder til »Lektiehjælp hver uge«.');
  await expect(unlinked).toHaveCount(0);
  // … and deleted from its row, and undone
  await page.getByRole('button', { name: 'Slet Lektiehjælp hver uge' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outline')).not.toContainText('Lektiehjælp hver uge');
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Titel på Output').filter({ hasText: '' }).last()).toBeVisible();
  await expect(page.locator('[data-outline-node]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).resolves.toContain('Lektiehjælp hver uge');
});

/** In Disposition: the key adds the card, the title is typed, Enter moves to the card's title field in the list. */
async function addByKeyInOutline(page: Page, key: string, title: string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByLabel('Titel', { exact: true })).toBeFocused();
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-outline-node]:focus')).toHaveValue(title);
}

test('"?" lists the keys; Escape closes it and the invite dialog, and the focus goes back', async ({ browser, server }) => {
  const { links } = await server.createPlan(EMPTY);
  const page = await openAs(browser, links.facilitator, 'Fie');
  await page.locator('body').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Tastatur' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Forbind');
  await expect(help.getByRole('button', { name: 'Luk' })).toBeFocused();
  // the focus stays in the dialog
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(help.getByRole('button', { name: 'Luk' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  const invite = page.getByRole('button', { name: 'Invitér' });
  await invite.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Invitér til planen' });
  await expect(dialog).toBeVisible();
  // the test server answers on 127.0.0.1: the facilitator is told phones cannot reach it, and what fixes it
  await expect(dialog.getByTestId('loopback-warning')).toContainText('PUBLIC_URL');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(invite).toBeFocused();

  // in English the keys are listed in English
  await page.getByTestId('more').click();
  await page.getByTestId('language').click();
  await page.locator('body').focus();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard' })).toContainText('Undo your last step');
});
