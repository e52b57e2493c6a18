// Live text (issue 20, point 5): what one person types in a card's title shows for the others while they type,
// two people typing in one title both keep their words, and Ctrl+Z in the field takes back only one's own typing.
import type { Page } from '@playwright/test';
import { expect, nodeIds, openAs, test } from './support/fixtures.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Workshop' },
  nodes: [{ id: 'm1', kind: 'maal', title: 'Flere unge i uddannelse', position: { x: 700, y: 100 } }],
  edges: [],
};

/** Adds an aktivitet as a person does (the palette) and gives back its id; its title field has the focus. */
async function addActivity(page: Page): Promise<string> {
  const before = await nodeIds(page);
  await page.getByTestId('add-aktivitet').click();
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.length + 1);
  return (await nodeIds(page)).find((n) => !before.includes(n))!;
}

const titleField = (page: Page) => page.getByTestId('inspector-title');
const isFocused = (page: Page) => titleField(page).evaluate((field) => field === document.activeElement);

test('the others see each keystroke of a title before the field is left, in the panel and on the card', async ({ browser, server }) => {
  const { links } = await server.createPlan(plan);
  const fie = await openAs(browser, links.facilitator, 'Fie');
  const anna = await openAs(browser, links.participant, 'Anna');
  const id = await addActivity(fie);
  await expect(anna.getByTestId(`node-${id}`)).toBeVisible();
  await anna.getByTestId(`node-${id}`).click();
  await expect(titleField(anna)).toHaveValue('Ny aktivitet');

  await titleField(fie).click();
  await titleField(fie).press('Control+A');
  await titleField(fie).pressSequentially('Lekti', { delay: 40 });
  // Fie is still in the field: nothing was committed by leaving it
  expect(await isFocused(fie)).toBe(true);
  await expect(anna.getByTestId(`node-${id}`)).toContainText('Lekti');
  await expect(titleField(anna)).toHaveValue('Lekti');
  await titleField(fie).pressSequentially('ecafé', { delay: 40 });
  await expect(titleField(anna)).toHaveValue('Lektiecafé');
  expect(await isFocused(fie)).toBe(true);
  await expect(fie.getByTestId(`node-${id}`)).toContainText('Lektiecafé');

  // the description travels as it is typed too
  const description = fie.getByTestId('inspector-description');
  await description.click();
  await description.pressSequentially('For børn i 4.–6. klasse', { delay: 20 });
  await expect(anna.getByTestId('inspector-description')).toHaveValue('For børn i 4.–6. klasse');
  expect(await description.evaluate((field) => field === document.activeElement)).toBe(true);
});

test('two people typing in one title at once both keep their words, and each one’s Ctrl+Z takes back only their own', async ({ browser, server }) => {
  const { links } = await server.createPlan(plan);
  const fie = await openAs(browser, links.facilitator, 'Fie');
  const anna = await openAs(browser, links.participant, 'Anna');
  const card = (page: Page) => page.getByTestId('node-m1');
  await card(fie).click();
  await card(anna).click();
  await expect(titleField(fie)).toHaveValue('Flere unge i uddannelse');
  await expect(titleField(anna)).toHaveValue('Flere unge i uddannelse');

  await titleField(fie).click();
  await titleField(fie).press('End');
  await titleField(anna).click();
  await titleField(anna).press('Home');
  // both type at the same time, key by key: each sees the other's keys arrive while their own caret stays put
  await Promise.all([
    titleField(fie).pressSequentially(' og job', { delay: 60 }),
    titleField(anna).pressSequentially('Mange ', { delay: 60 }),
  ]);
  const both = 'Mange Flere unge i uddannelse og job';
  await expect(titleField(fie)).toHaveValue(both);
  await expect(titleField(anna)).toHaveValue(both);
  await expect(card(fie)).toContainText(both);
  await expect(card(anna)).toContainText(both);
  // Anna's caret stayed at the end of her word while Fie typed: her next key lands there
  await titleField(anna).press('!');
  await expect(titleField(fie)).toHaveValue('Mange !Flere unge i uddannelse og job');
  await titleField(anna).press('Backspace');
  await expect(titleField(fie)).toHaveValue(both);

  // Fie's Ctrl+Z in the field takes back her words only
  await fie.waitForTimeout(500); // one typing burst ends (UNDO_CAPTURE_TIMEOUT_MS)
  await titleField(fie).press('Control+z');
  await expect(titleField(anna)).toHaveValue('Mange Flere unge i uddannelse');
  await expect(titleField(fie)).toHaveValue('Mange Flere unge i uddannelse');
  await titleField(fie).press('Control+Shift+z');
  await expect(titleField(anna)).toHaveValue(both);
});

test('a composition (IME) is written whole when it ends, at its place among the words others typed meanwhile', async ({ browser, server }) => {
  const { links } = await server.createPlan(plan);
  const fie = await openAs(browser, links.facilitator, 'Fie');
  const anna = await openAs(browser, links.participant, 'Anna');
  await fie.getByTestId('node-m1').click();
  await anna.getByTestId('node-m1').click();
  await titleField(fie).click();
  await titleField(fie).press('End');
  await titleField(anna).click();
  await titleField(anna).press('Home');

  const cdp = await fie.context().newCDPSession(fie);
  await cdp.send('Input.imeSetComposition', { text: ' にほ', selectionStart: 3, selectionEnd: 3 });
  // nothing of the composition leaves Fie's page while it is under way
  await anna.waitForTimeout(300);
  await expect(titleField(anna)).toHaveValue('Flere unge i uddannelse');
  // Anna types meanwhile; Fie's field waits with it until the composition ends
  await titleField(anna).pressSequentially('Mange ', { delay: 30 });
  await expect(titleField(fie)).toHaveValue('Flere unge i uddannelse にほ');
  await cdp.send('Input.insertText', { text: ' 日本' });
  const both = 'Mange Flere unge i uddannelse 日本';
  await expect(titleField(fie)).toHaveValue(both);
  await expect(titleField(anna)).toHaveValue(both);
});
