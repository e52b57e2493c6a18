// The reasons on the links (issue 21): links without a rationale are listed apart from the check's findings, and a
// link that carries assumptions has a mark on the map (its text on hover and focus) and its assumptions in the
// Disposition. Fie works as a programme manager would: from the list to the link, writing the reason there.
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { artifacts, expect, openAs, test } from './support/fixtures.ts';

const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Begrundede pile' },
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', position: { x: 0, y: 0 } },
    { id: 'o1', kind: 'output', title: '40 elever deltager', position: { x: 320, y: 0 } },
    { id: 'r1', kind: 'resultat', title: 'Bedre karakterer', position: { x: 640, y: 0 } },
    { id: 'm1', kind: 'maal', title: 'Flere i uddannelse', position: { x: 960, y: 0 } },
    { id: 'i1', kind: 'indikator', title: 'Antal elever', position: { x: 320, y: 260 } },
  ],
  edges: [
    { from: 'a1', to: 'o1', kind: 'leder-til', rationale: 'Caféen ligger i boligområdet', assumptions: ['Forældrene bakker op'] },
    { from: 'o1', to: 'r1', kind: 'leder-til' },
    { from: 'r1', to: 'm1', kind: 'bidrager-til', rationale: 'Karakterer åbner for ungdomsuddannelse' },
    { from: 'a1', to: 'i1', kind: 'maales-ved' },
  ],
};

test('links without a reason are listed apart; a link with assumptions is marked on the map and in the Disposition', async ({ browser, server }) => {
  test.setTimeout(180_000);
  const { links } = await server.createPlan(plan);
  const page = await openAs(browser, links.facilitator, 'Fie');
  const panel = page.getByTestId('findings-panel');

  // the list is not a severity of findings: its own header, closed, with the count of links that lack a reason
  const header = panel.getByRole('button', { name: /Forbindelser uden begrundelse/ });
  await expect(header).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.getByTestId('count-links')).toHaveText('1');
  await expect(panel.locator('button.finding[data-rule]')).not.toContainText(['begrundelse']);
  await header.click();
  const item = panel.getByRole('button', { name: 'Forbindelsen "leder til" fra "40 elever deltager" til "Bedre karakterer" har ingen begrundelse: skriv, hvorfor det ene fører til det andet.' });
  await item.click();
  // the link opens in the inspector with the cursor in its Begrundelse; writing one empties the list
  const rationale = page.getByLabel('Begrundelse: hvorfor fører det ene til det andet?');
  await expect(rationale).toBeFocused();
  await rationale.fill('Deltagelse giver ro til lektierne');
  await rationale.press('Tab');
  await expect(panel.getByTestId('link-notes')).toHaveCount(0);

  // the mark halfway along Lektiecafé → 40 elever deltager: a Danish name, the assumption on hover and on focus
  const mark = page.getByRole('button', { name: 'Forbindelsen har en antagelse' });
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveAccessibleDescription(/Forældrene bakker op/);
  await mark.hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'Forældrene bakker op' })).toBeVisible();
  await page.mouse.move(5, 5);
  await mark.focus();
  await expect(page.getByRole('tooltip').filter({ hasText: 'Forældrene bakker op' })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'link-assumption-mark.png') });
  const results = await new AxeBuilder({ page }).include('.react-flow').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // a click on the mark selects the link; its assumptions are edited there, and a second one changes the mark's name
  await mark.click();
  const assumptions = page.getByLabel('Antagelser (én pr. linje)');
  await expect(assumptions).toHaveValue('Forældrene bakker op');
  await assumptions.fill('Forældrene bakker op\nFrivillige bliver mindst et år');
  await assumptions.press('Tab');
  await expect(page.getByRole('button', { name: 'Forbindelsen har 2 antagelser' })).toHaveCount(1);

  // the Disposition shows, under the card a link leads to, the link's reason and assumptions
  await page.getByRole('navigation', { name: 'Visning' }).getByRole('button', { name: 'Disposition' }).click();
  const outline = page.getByTestId('outline');
  await expect(outline).toContainText('Begrundelse: Caféen ligger i boligområdet');
  await expect(outline).toContainText('Antagelser:');
  await expect(outline.getByRole('listitem').filter({ hasText: /^Frivillige bliver mindst et år$/ })).toHaveCount(1);
  await expect(outline).toContainText('Begrundelse: Deltagelse giver ro til lektierne');
});
