// When the server closes the connection with a reason (CLOSE_REASONS, model/protocol.ts), the badge says it in
// Danish, and the browser stops reconnecting only where reconnecting cannot help.
import type { Browser, Page } from '@playwright/test';
import { startServer } from '../support/server.ts';
import { examplePlan, expect, openAs, test } from './support/fixtures.ts';

/** Opens a link and joins under a name, without waiting for the plan to sync (it may never). */
async function joinAs(browser: Browser, link: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join').click();
  return page;
}

test('a link with a forged key is refused in Danish, and the browser stops trying', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const url = new URL(links.participant);
  const token = url.searchParams.get('token')!;
  url.searchParams.set('token', token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'));
  const page = await joinAs(browser, url.toString(), 'Carl');
  const badge = page.getByTestId('connection-status');
  await expect(badge).toHaveAttribute('data-status', 'stopped');
  await expect(badge).toContainText('Linket er ugyldigt eller trukket tilbage. Bed facilitatoren om et nyt link.');
  // the provider gave up: no reconnect is scheduled that the same forged key would meet again
  expect(
    await page.evaluate(
      () => (window as unknown as { __fk: { provider: { shouldConnect: boolean } } }).__fk.provider.shouldConnect,
    ),
  ).toBe(false);
  await page.getByText(/^Mere/).click();
  await page.getByTestId('language').click();
  await expect(badge).toContainText('The link is invalid or has been withdrawn.');
  await page.context().close();
});

test('a full plan is explained, and the browser gets in once a place is free', async ({ browser }) => {
  const server = await startServer({ env: { MAX_CONNECTIONS_PER_PLAN: '1' } });
  try {
    const { links } = await server.createPlan(examplePlan('skabelon'));
    const anna = await openAs(browser, links.participant, 'Anna');
    const bo = await joinAs(browser, links.participant, 'Bo');
    const badge = bo.getByTestId('connection-status');
    await expect(badge).toContainText('Planen har ikke plads til flere forbindelser lige nu. Prøver igen …');
    await expect(badge).toHaveAttribute('data-status', 'connecting');
    await anna.context().close();
    await expect(badge).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect(badge).not.toContainText('plads');
    await bo.context().close();
  } finally {
    await server.kill('SIGTERM');
  }
});
