// The editor's export and import buttons, against a real server.
import type { FileChooser, Page } from '@playwright/test';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocx } from '../support/docx.ts';
import { examplePlan, expect, nodeIds, openAs, root, test } from './support/fixtures.ts';

test('Word from the editor has figures drawn from the plan (overview + one per focus area); Excel comes from the server', async ({ browser, server }) => {
  const skabelon = examplePlan('skabelon') as { focusAreas?: { id: string }[]; nodes: { focusArea?: string }[] };
  const areasWithCards = (skabelon.focusAreas ?? []).filter((area) => skabelon.nodes.some((node) => node.focusArea === area.id));
  const { links } = await server.createPlan(skabelon);
  const page = await openAs(browser, links.viewer, 'Vera');
  const wordDownload = page.waitForEvent('download');
  await page.getByTestId('export-docx').click();
  const word = await wordDownload;
  const zip = await JSZip.loadAsync(readFileSync((await word.path())!));
  const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
  expect(media).toHaveLength(1 + areasWithCards.length);
  expect((await zip.file(media[0]!)!.async('uint8array')).byteLength).toBeGreaterThan(5000);
  expect(await zip.file('word/document.xml')!.async('string')).toContain('Lektiecafé');

  const excelDownload = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const excel = await excelDownload;
  expect(excel.suggestedFilename()).toBe('ny-helhedsplan.xlsx');
});

test('the Word plan takes the helhedsplan\'s chapter number and can leave the tool\'s own chapter out', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  const page = await openAs(browser, links.viewer, 'Vera');
  await page.getByText('Word: nummerering og indhold').click();
  const chapter = page.getByLabel('Kapitelnummer i helhedsplanen');
  await chapter.fill('x');
  await expect(page.getByText('Skriv et tal fra 1 til 99.')).toBeVisible();
  await chapter.fill('5');
  await expect(page.getByText('Indsatsområderne bliver 5.1, 5.2 …, aktiviteterne 5.1.1 …')).toBeVisible();
  await page.getByLabel('Kun planens kapitel (uden værktøjets dækning og åbne fund)').check();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-docx').click();
  const { text } = await readDocx(readFileSync((await (await download).path())!));
  expect(text).toContain('5 Forandringsteori og indsatsområder');
  expect(text).toContain('5.1 ');
  expect(text).not.toContain('Åbne fund');
});

/** As a person does: the Danish button opens the browser's file chooser. */
async function choosePlanFile(page: Page, file: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Vælg planfil …' }).click();
  await (await chooser).setFiles(file);
}

test('importing a plan file replaces the live plan for everyone in one step that can be undone', async ({ browser, server }) => {
  const { links } = await server.createPlan(examplePlan('skabelon'));
  // only the facilitator imports over the plan; a participant is not offered it
  const anna = await openAs(browser, links.facilitator, 'Anna');
  const bo = await openAs(browser, links.participant, 'Bo');
  await expect(bo.getByRole('button', { name: 'Vælg planfil …' })).toHaveCount(0);
  const before = await nodeIds(bo);
  await choosePlanFile(anna, join(root, 'examples', 'rum-for-liv.json'));
  await expect.poll(async () => (await nodeIds(bo)).length).toBe(121);
  await expect(anna.getByTestId('notice')).toContainText('erstattet');
  await anna.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await anna.keyboard.press('Control+z');
  await expect.poll(() => nodeIds(bo)).toEqual(before);

  await choosePlanFile(anna, { name: 'fejl.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"forandringskort/v1","plan":{},"nodes":[],"edges":[]}') });
  await expect(anna.getByTestId('notice')).toContainText('plan.title');
  expect(await nodeIds(bo)).toEqual(before);
});
