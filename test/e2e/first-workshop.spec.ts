// The first workshop from nothing, as people do it: a facilitator and a participant build a plan from an EMPTY
// plan through the UI and export Word; a phone joins by the join code, adds an idea and votes; the projector follows.
import { devices, type Browser, type Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { dragConnection } from './support/connect.ts';
import { artifacts, expect, test } from './support/fixtures.ts';

/** What each page wrote to its console as errors (a refused script, a failed request, an exception). */
const consoleErrors = new WeakMap<Page, string[]>();

async function newPerson(browser: Browser, _name: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

async function enterName(page: Page, name: string): Promise<void> {
  await page.getByLabel('Dit navn').fill(name);
  await page.getByRole('button', { name: 'Gå ind i planen' }).click();
}

/** Fie opens the start page, makes a new empty plan and enters it under her name. */
async function facilitatorOfNewEmptyPlan(browser: Browser, url: string): Promise<Page> {
  const fie = await newPerson(browser, 'Fie');
  await fie.goto(url);
  await fie.getByRole('button', { name: 'Ny tom plan' }).click();
  await enterName(fie, 'Fie');
  return fie;
}

const card = (page: Page, text: string) => page.locator('.react-flow__node', { hasText: text });

async function addCard(page: Page, kind: string, title: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${kind} \\d$`) }).click();
  const field = page.getByTestId('inspector-title');
  await field.fill(title);
  await field.press('Enter');
  await expect(card(page, title)).toBeVisible();
}

/** The height on screen of the first line of a projector card's title, in CSS pixels (the drawing's scale included). */
function onScreenTextHeight(page: Page, title: string): Promise<number> {
  return page.getByTestId('projector-card').filter({ hasText: title }).locator('.pmap-title').evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return range.getClientRects()[0]?.height ?? 0;
  });
}

const connect = (page: Page, from: string, to: string) => dragConnection(page, card(page, from), card(page, to));

test('two people build a plan from an empty one and export it to Word', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const fie = await facilitatorOfNewEmptyPlan(browser, server.url);
  await expect(fie.getByTestId('empty-hint')).toContainText('Planen er tom');

  // the plan panel
  await fie.getByRole('button', { name: 'Planen', exact: true }).click();
  const panel = fie.getByRole('dialog', { name: 'Planen' });
  await panel.getByLabel('Planens titel').fill('Helhedsplan Solbakken 2027–2030');
  await panel.getByLabel('Boligorganisation').fill('Boligselskabet Sol');
  await panel.getByLabel('Boligområde').fill('Solbakken');
  await panel.getByLabel('Periode fra (år)').fill('2027');
  await panel.getByLabel('til (år)').fill('2030');
  await panel.getByLabel('Vision').fill('Solbakken er et trygt sted at vokse op.');
  await panel.getByLabel('Nyt indsatsområde').fill('Børn og unge');
  await panel.getByRole('button', { name: 'Tilføj indsatsområde' }).click();
  await panel.getByLabel('Formål (ét pr. linje)').fill('Flere unge i uddannelse');
  await panel.getByLabel('Problemkompleks').fill('Mange unge forlader skolen uden eksamen.');
  await panel.getByLabel('Planens titel').click();
  await fie.screenshot({ path: `${artifacts}/first-plan-panel.png` });
  await panel.getByRole('button', { name: 'Luk' }).click();
  await expect(fie.getByRole('heading', { level: 1 })).toHaveText('Helhedsplan Solbakken 2027–2030');

  // invite: three labelled links; the participant opens theirs
  await fie.getByRole('button', { name: 'Invitér' }).click();
  const invite = fie.getByRole('dialog', { name: 'Invitér til planen' });
  await expect(invite.getByLabel(/^Facilitator/)).toHaveValue(/token=/);
  const participantLink = await invite.getByLabel(/^Deltager/).inputValue();
  await expect(invite.getByLabel(/^Læser/)).toHaveValue(/token=/);
  await expect(invite.locator('canvas.qr')).toBeVisible();
  await fie.screenshot({ path: `${artifacts}/first-invite.png` });
  await invite.getByRole('button', { name: 'Luk' }).click();

  const anna = await newPerson(browser, 'Anna');
  await anna.goto(participantLink);
  await enterName(anna, 'Anna');
  await expect(anna.getByRole('heading', { level: 1 })).toHaveText('Helhedsplan Solbakken 2027–2030');
  await expect(anna.getByRole('button', { name: 'Vælg planfil …' })).toHaveCount(0);
  await expect(fie.getByRole('button', { name: 'Vælg planfil …' })).toBeVisible();

  // the plan's only focus area is where new cards go, for both, without choosing it
  await expect(fie.getByLabel('Nye kort i').locator('option:checked')).toHaveText('Børn og unge');
  await expect(anna.getByLabel('Nye kort i').locator('option:checked')).toHaveText('Børn og unge');
  await addCard(fie, 'Aktivitet', 'Lektiecafé');
  await addCard(anna, 'Output', '40 unge deltager');
  await addCard(fie, 'Mål', 'Flere unge i uddannelse');
  await addCard(anna, 'Indikator', 'Andel unge i uddannelse');
  await expect(card(anna, 'Lektiecafé')).toBeVisible();
  await expect(card(fie, 'Andel unge i uddannelse')).toBeVisible();
  // a new indikator has no follow-up yet, so its card carries no year status
  await expect(card(fie, 'Andel unge i uddannelse')).not.toContainText('Uden delmål');
  // each card in its kind's column, so the chain reads left to right without tidying up, all of it in view
  const lefts = await Promise.all(['Lektiecafé', '40 unge deltager', 'Flere unge i uddannelse', 'Andel unge i uddannelse']
    .map(async (title) => (await card(fie, title).boundingBox())!.x));
  expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  expect(new Set(lefts).size).toBe(4);
  // Anna's cards do not move Fie's view; Fie shows the whole plan to connect it
  await fie.getByRole('button', { name: 'Tilpas visning' }).click();
  for (const title of ['Lektiecafé', 'Andel unge i uddannelse']) await expect(card(fie, title)).toBeInViewport();
  await connect(fie, 'Lektiecafé', '40 unge deltager');
  await connect(fie, '40 unge deltager', 'Flere unge i uddannelse');
  await connect(fie, 'Flere unge i uddannelse', 'Andel unge i uddannelse');
  await expect(fie.locator('.react-flow__edge')).toHaveCount(3);
  await expect(anna.locator('.react-flow__edge')).toHaveCount(3);
  // a click on a line opens it in the inspector, in the words people use: a "forbindelse"
  const middle = await fie.locator('.react-flow__edge path.react-flow__edge-interaction').first().evaluate((path: SVGPathElement) => {
    const point = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: point.x * m.a + point.y * m.c + m.e, y: point.x * m.b + point.y * m.d + m.f };
  });
  await fie.mouse.click(middle.x, middle.y);
  await expect(fie.getByRole('heading', { name: 'Forbindelse' })).toBeVisible();
  await expect(fie.getByRole('button', { name: 'Slet forbindelse' })).toBeVisible();
  await fie.screenshot({ path: `${artifacts}/first-desktop.png` });

  const download = fie.waitForEvent('download');
  await fie.getByRole('button', { name: 'Word (helhedsplan)' }).click();
  const file = await (await download).path();
  const zip = await JSZip.loadAsync(readFileSync(file!));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('Helhedsplan Solbakken 2027–2030');
  expect(xml).toContain('Lektiecafé');
  expect(xml).toContain('Boligselskabet Sol');
  expect(xml).toContain('Solbakken er et trygt sted at vokse op.');
  expect(xml).toContain('Mange unge forlader skolen uden eksamen.');
  // nothing went wrong behind the scenes (e.g. a script the Content-Security-Policy refused)
  expect(consoleErrors.get(fie)).toEqual([]);
  expect(consoleErrors.get(anna)).toEqual([]);
});

test('a phone joins by the join code, adds an idea and votes; the projector follows the facilitator', async ({ browser, server }) => {
  test.setTimeout(120_000);
  const fie = await facilitatorOfNewEmptyPlan(browser, server.url);
  await fie.getByRole('button', { name: 'Planen', exact: true }).click();
  await fie.getByLabel('Nyt indsatsområde').fill('Tryghed');
  await fie.getByRole('button', { name: 'Tilføj indsatsområde' }).click();
  await fie.getByRole('button', { name: 'Luk' }).click();
  await fie.getByLabel('Nye kort i').selectOption({ label: 'Tryghed' });
  await addCard(fie, 'Aktivitet', 'Gadeplansarbejde');
  await expect(fie.getByRole('button', { name: /^Output \d$/ })).toBeVisible();

  await fie.getByRole('button', { name: 'Invitér' }).click();
  await fie.getByRole('button', { name: 'Lav en kode til telefonerne' }).click();
  const code = (await fie.getByTestId('join-code').textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await fie.getByRole('button', { name: 'Luk' }).click();

  // the projector, opened by the facilitator
  const popup = fie.context().waitForEvent('page');
  await fie.getByText(/^Mere/).click();
  await fie.getByRole('button', { name: 'Projektor' }).click();
  const projector = await popup;
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await expect(projector.getByTestId('projector-view')).toBeVisible();
  await expect(projector.getByTestId('projector-code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);

  // the phone
  const phone = await newPerson(browser, 'Mads', { ...devices['Pixel 7'] });
  // as from the projector: the address, then the code typed in
  await phone.goto(`${server.url}/j`);
  await phone.getByLabel('Skriv koden fra skærmen').fill(code.toLowerCase());
  await phone.getByRole('button', { name: 'Deltag' }).click();
  await enterName(phone, 'Mads');
  await expect(phone.getByTestId('phone-view')).toBeVisible();
  await expect(phone.getByText('Gadeplansarbejde')).toBeVisible();
  await phone.getByRole('button', { name: 'Idéer' }).click();
  await phone.getByLabel('Ny idé').fill('Bedre lys på stierne');
  await phone.getByRole('button', { name: 'Tilføj idé' }).click();
  await expect(phone.getByText('Bedre lys på stierne')).toBeVisible();
  await expect(fie.getByRole('button', { name: 'Vis alle idéer (1)' })).toBeVisible();

  // the facilitator opens voting and a timer; the phone votes; the projector shows both large
  await fie.getByRole('button', { name: 'Åbn afstemning' }).click();
  await fie.getByText(/^Mere/).click();
  await fie.getByTestId('timer-reset').click(); // an action closes the menu
  await fie.getByTestId('timer-start').click();
  await phone.getByRole('button', { name: 'Kort', exact: true }).click();
  await phone.getByRole('button', { name: /Gadeplansarbejde/ }).click();
  await phone.getByRole('button', { name: /Giv en stemme/ }).click();
  await expect(phone.getByTestId('readable-card').filter({ hasText: 'Gadeplansarbejde' })).toContainText('● 1 stemme');
  await phone.getByLabel('Ny kommentar').fill('Husk aftenerne');
  await phone.getByRole('button', { name: 'Kommentér' }).click();
  await fie.locator('.react-flow__node', { hasText: 'Gadeplansarbejde' }).click();
  await expect(fie.getByTestId('comments')).toContainText('Husk aftenerne');
  await expect(projector.getByTestId('projector-voting')).toContainText('Afstemning er åben');
  await expect(projector.getByTestId('projector-timer')).toHaveText(/^(10:00|09:\d\d)$/);

  // the phone adds a card of an allowed kind to the focused area
  await phone.getByRole('button', { name: 'Tilføj kort' }).click();
  await phone.getByLabel('Slags').selectOption({ label: 'Output' });
  await phone.getByLabel('Tekst på kortet').fill('20 gåture om måneden');
  await phone.getByRole('button', { name: 'Tilføj kortet' }).click();
  await expect(card(fie, '20 gåture om måneden')).toBeVisible();
  await phone.screenshot({ path: `${artifacts}/first-phone.png`, fullPage: true });

  // the projector follows the facilitator's focus area as large cards
  await expect(projector.getByTestId('projector-area')).toContainText('Tryghed');
  await expect(projector.getByText('Gadeplansarbejde')).toBeVisible();
  await expect(projector.getByText('20 gåture om måneden')).toBeVisible();
  await projector.screenshot({ path: `${artifacts}/first-projector-area.png` });
  // three more cards: a plan of five, the size of a first workshop's first chain
  await addCard(fie, 'Resultat', 'Færre oplever utryghed');
  await addCard(fie, 'Effekt', 'Et tryggere boligområde');
  await addCard(fie, 'Mål', 'Alle føler sig trygge');
  await fie.getByLabel('Nye kort i').selectOption({ label: '(intet indsatsområde)' });
  await expect(projector.getByTestId('projector-area')).toHaveCount(0);
  await expect(projector.getByTestId('projector-card').filter({ hasText: 'Gadeplansarbejde' })).toBeVisible();
  await expect(projector.getByRole('button', { name: /Tilføj|Slet/ })).toHaveCount(0);
  // on the wall the five cards fill the screen, their titles large enough to read from the back of the room
  const titles = ['Gadeplansarbejde', '20 gåture om måneden', 'Færre oplever utryghed', 'Et tryggere boligområde', 'Alle føler sig trygge'];
  await expect.poll(async () => Math.min(...await Promise.all(titles.map((title) => onScreenTextHeight(projector, title)))), { timeout: 5000 })
    .toBeGreaterThanOrEqual(26);
  const spread = await projector.getByTestId('projector-card').evaluateAll((nodes) => {
    const boxes = nodes.map((n) => n.getBoundingClientRect());
    return { width: Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left)), height: Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top)) };
  });
  expect(Math.max(spread.width / 1920, spread.height / 900)).toBeGreaterThan(0.6);
  await projector.screenshot({ path: `${artifacts}/first-projector-canvas.png` });

  // Mine planer on the start page
  await fie.goto(server.url);
  await expect(fie.getByTestId('my-plans')).toContainText('Ny helhedsplan');
  await expect(fie.getByTestId('my-plans')).toContainText('facilitator');
  await expect(fie.getByTestId('my-plans')).not.toContainText('læser'); // the projector window is not a plan of its own
  await expect(fie.getByTestId('my-plans')).toContainText(/sidst \d\d\.\d\d\.\d{4}/);
  await fie.screenshot({ path: `${artifacts}/first-start-page.png` });
  await fie.getByTestId('my-plans').getByRole('link').first().click();
  await expect(fie.getByRole('heading', { level: 1 })).toHaveText('Ny helhedsplan');
});
