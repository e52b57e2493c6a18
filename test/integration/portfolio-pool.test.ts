// The portfolio's exports in the worker pool, as the service runs them: the plans go in as their stored updates,
// the file comes out of a worker thread.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPlanText } from '../../model/schema.ts';
import { planToDoc } from '../../model/ydoc.ts';
import { WorkerPool } from '../../server/pool.ts';

const pool = new WorkerPool();
afterAll(() => pool.close());

function state(name: string): { id: string; updates: Uint8Array[] } {
  const read = readPlanText(readFileSync(join(import.meta.dirname, '..', '..', 'examples', `${name}.json`), 'utf8'));
  if (!read.ok) throw new Error(`${name} er ugyldig`);
  const doc = planToDoc(read.plan);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { id: name, updates: [update] };
}

const plans = () => ['rum-for-liv', 'kildebakken', 'lyngbakken'].map(state);

describe('portfolio exports in the worker pool', () => {
  it('makes the Word file with a chart per shared code', async () => {
    const file = await pool.exportPortfolio({ plans: plans(), format: 'portfolio-docx', year: 2015, title: 'Eksempelporteføljen' });
    expect(file.fileName).toBe('eksempelportefoeljen-portefoeljeoversigt-2015.docx');
    expect(file.mimeType).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(file.data);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(6);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('Helhedsplan for Lyngbakken');
  }, 120_000);

  it('makes the workbook, one sheet per code', async () => {
    const file = await pool.exportPortfolio({ plans: plans(), format: 'portfolio-xlsx', year: 2014 });
    expect(file.fileName).toBe('portefoeljeoversigt-2014.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data.buffer.slice(file.data.byteOffset, file.data.byteOffset + file.data.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toContain('UNGE-UDD-JOB');
    expect(workbook.getWorksheet('Planer')!.getCell('B2').value).toBe('rum-for-liv');
  }, 120_000);
});
