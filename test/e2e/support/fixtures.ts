/**
 * Playwright fixtures: one real server per worker (test/support/server.ts, serving the built dist/), and helpers
 * that open a plan link in a fresh browser context as a named person and wait until the plan is synced.
 */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../../support/server.ts';

export const root = join(import.meta.dirname, '..', '..', '..');
export const artifacts = join(root, 'test', 'artifacts');

export function examplePlan(name: 'skabelon' | 'rum-for-liv' | 'kildebakken' | 'lyngbakken'): unknown {
  return JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
}

/** Opens a link as a named person in a new context; resolves when the plan has synced with the server. */
/** Opens `link` in a fresh context (a phone's options, say) and enters as `name`, without waiting for the sync. */
export async function enterAs(browser: Browser, link: string, name: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'da-DK', ...options })).newPage();
  await page.goto(link);
  await page.getByLabel('Dit navn').fill(name);
  await page.getByRole('button', { name: 'Gå ind i planen' }).click();
  return page;
}

export async function openAs(browser: Browser, link: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join').click();
  await page.waitForFunction(() => (window as unknown as { __fk?: { provider: { synced: boolean } } }).__fk?.provider.synced === true);
  return page;
}

/** Ids of the plan's nodes as this page's shared doc has them. */
export function nodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __fk: { doc: { getMap(name: string): Map<string, unknown> } } }).__fk.doc.getMap('nodes').keys()].sort());
}

export const test = base.extend<{}, { server: TestServer }>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});

export { expect };
