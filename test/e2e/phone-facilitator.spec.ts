// The facilitator runs the room from a phone (Pixel 7): focus area, timer, voting, locks and the join code through
// labelled controls, and a card, a dot and a comment like a participant; a desktop participant and the projector
// see each effect on their screens.
import { devices } from '@playwright/test';
import { enterAs, examplePlan, expect, test } from './support/fixtures.ts';


test('a facilitator on a phone runs the room; the desktop and the projector follow', async ({ browser, server }) => {
  test.setTimeout(90_000);
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const fie = await enterAs(browser, links.facilitator, 'Fie', { ...devices['Pixel 7'] });
  const anna = await enterAs(browser, links.participant, 'Anna');
  const projectorLink = new URL(links.viewer);
  projectorLink.searchParams.set('visning', 'projektor');
  const projector = await enterAs(browser, projectorLink.toString(), 'Projektor', { viewport: { width: 1920, height: 1080 } });

  // the phone view, not the desktop squeezed: the controls first
  await expect(fie.getByTestId('phone-view')).toBeVisible();
  await expect(fie.getByRole('button', { name: 'Styring' })).toHaveAttribute('aria-pressed', 'true');
  await expect(anna.getByRole('button', { name: 'Kort', exact: true })).toHaveAttribute('aria-pressed', 'true'); // Anna has the desktop
  const horizontalOverflow = await fie.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(horizontalOverflow).toBeLessThanOrEqual(0);

  // the join code, large
  await fie.getByRole('button', { name: 'Lav en kode til telefonerne' }).click();
  await expect(fie.getByTestId('join-code')).toHaveText(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);

  // the focus area everyone follows
  await fie.getByLabel('Indsatsområde (alle følger med)').selectOption({ label: 'Uddannelse og beskæftigelse' });
  await expect(projector.getByTestId('projector-area')).toContainText('Uddannelse og beskæftigelse');

  // the timer: five minutes, started; the desktop sees it run
  await fie.getByLabel('Minutter').selectOption('5');
  await fie.getByRole('button', { name: 'Nulstil' }).click();
  await expect(anna.getByRole('timer')).toContainText('05:00');
  await fie.getByRole('button', { name: 'Start' }).click();
  await expect(anna.getByRole('timer')).toContainText(/04:5\d/);
  await fie.getByRole('button', { name: 'Pause' }).click();
  await expect(anna.getByRole('timer')).toHaveClass(/timer-paused/);

  // voting opened and closed
  await fie.getByRole('button', { name: 'Åbn afstemning' }).click();
  await expect(anna.getByText('Afstemning er åben')).toBeVisible();
  await expect(projector.getByTestId('projector-voting')).toBeVisible();

  // locks: the whole plan, then open again
  await fie.getByRole('button', { name: 'Lås alt' }).click();
  await expect(anna.getByText('Facilitatoren har låst planen')).toBeVisible();
  await expect(anna.getByRole('button', { name: /^Aktivitet \d$/ })).toBeDisabled();
  await fie.getByRole('button', { name: 'Låst' }).click();
  await expect(anna.getByText('Facilitatoren har låst planen')).toHaveCount(0);
  await fie.getByLabel('Output').check();
  await expect(anna.getByText('Låst: Output')).toBeVisible();
  await fie.getByLabel('Output').uncheck();
  await expect(anna.getByText('Låst: Output')).toHaveCount(0);

  // like a participant: the cards of the focus area, a dot and a comment
  await fie.getByRole('button', { name: 'Kort', exact: true }).click();
  await expect(fie.getByRole('heading', { name: 'Uddannelse og beskæftigelse' })).toBeVisible();
  await fie.getByRole('button', { name: /Fritidsjobvejledning/ }).click();
  await fie.getByRole('button', { name: /Giv en stemme/ }).click();
  await expect(anna.locator('.react-flow__node', { hasText: 'Fritidsjobvejledning' }).getByText('● 1')).toBeVisible();
  await fie.getByLabel('Ny kommentar').fill('Kan vi nå 30 unge det første år?');
  await fie.getByRole('button', { name: 'Kommentér' }).click();
  await anna.locator('.react-flow__node', { hasText: 'Fritidsjobvejledning' }).click();
  await expect(anna.getByText('Kan vi nå 30 unge det første år?')).toBeVisible();
  await fie.getByRole('button', { name: 'Styring' }).click();
  await fie.getByRole('button', { name: 'Luk afstemning' }).click();
  await expect(anna.getByText('Afstemning er åben')).toHaveCount(0);

  // a card into the focused area
  await fie.getByRole('button', { name: 'Tilføj kort' }).click();
  await expect(fie.getByText('Kortet kommer i Uddannelse og beskæftigelse.')).toBeVisible();
  await fie.getByLabel('Slags').selectOption({ label: 'Resultat' });
  await fie.getByLabel('Tekst på kortet').fill('Flere unge har et fritidsjob');
  await fie.getByRole('button', { name: 'Tilføj kortet' }).click();
  await expect(anna.locator('.react-flow__node', { hasText: 'Flere unge har et fritidsjob' })).toBeVisible();
  await expect(projector.getByText('Flere unge har et fritidsjob')).toBeVisible();
  await fie.screenshot({ path: 'test/artifacts/phone-facilitator.png', fullPage: true });
});
