// The portfolio's Word "Porteføljeoversigt" and Excel workbook, read back from the files: the docx XML and the cells.
import { readDocx } from '../support/docx.ts';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPortfolioDocx } from '../../model/export/portfolio-docx.ts';
import { exportPortfolioXlsx, sheetNameForCode } from '../../model/export/portfolio-xlsx.ts';
import { summarizePortfolio, type PortfolioEntry } from '../../model/portfolio.ts';
import { sharedCodeChartOption } from '../../model/portfolio-chart.ts';
import type { PlanFile } from '../../model/schema.ts';
import { exportPortfolio, sharedCodeChartPng } from '../../server/render-portfolio.ts';

const root = join(import.meta.dirname, '..', '..');
const example = (name: string): PortfolioEntry => ({ id: `${name}.json`, plan: JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8')) as PlanFile });
const entries = (): PortfolioEntry[] => ['rum-for-liv', 'kildebakken', 'lyngbakken'].map(example);
const YEAR = 2015;


async function workbookOf(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('Word Porteføljeoversigt', () => {
  it('has the overview with totals, the red activities with their notes, a chart per code and a page per plan', async () => {
    const summary = summarizePortfolio(entries(), { year: YEAR });
    const { xml, text, media } = await readDocx(await exportPortfolio(entries(), 'portfolio-docx', { year: YEAR, title: 'Eksempelporteføljen' }).then((f) => f.data));
    expect(text).toContain(`Porteføljeoversigt ${YEAR}`);
    expect(text).toContain('Eksempelporteføljen · 3 helhedsplaner');
    for (const plan of summary.plans) expect(text).toContain(plan.title);
    expect(text).toMatch(/I alt\n3 planer/);
    expect(text).toContain('Biblioteket har skåret åbningstiden; caféen er lukket to dage om ugen');
    // one chart per shared code, rendered to PNG, with a description for screen readers
    expect(summary.codes.length).toBe(6);
    expect(media.length).toBe(summary.codes.length);
    expect(xml).toContain('descr="Målinger over årene for UNGE-UDD-JOB i Kildebakken sammen, Helhedsplan for Lyngbakken"');
    for (const code of summary.codes) expect(text).toContain(`${code.code} (${code.plans} planer)`);
    // the plans' pages, the shared-indicator chapter, and each code after the first begin a page
    expect(xml.match(/<w:pageBreakBefore\/>/g)?.length).toBe(summary.plans.length + 2 + summary.codes.length - 1);
    expect(xml).toContain('w:orient="landscape"');
  });

  it('shows nothing dated after the year: 2014 has no 2015 measurement, note or red judgement', async () => {
    const { text } = await readDocx(await exportPortfolioDocx(entries(), { year: 2014 }));
    expect(text).toContain('Porteføljeoversigt 2014');
    expect(text).not.toContain('2015');
    expect(text).not.toContain('Biblioteket har skåret åbningstiden');
  });

  it('a chart shows every plan of the code, and says so when a plan has no figures', () => {
    const [code] = summarizePortfolio(entries(), { year: YEAR }).codes.filter((c) => c.code === 'FRITIDSJOB');
    const option = sharedCodeChartOption(code!, entries(), YEAR) as { legend: { data: string[] }; xAxis: { data: string[] }; series: Array<{ data: unknown[] }> };
    expect(option.legend.data).toEqual(['Rum for Liv (ingen tal)', 'Kildebakken sammen', 'Helhedsplan for Lyngbakken']);
    expect(option.xAxis.data).toEqual(['2013', '2014', '2015']);
    expect(option.series[2]!.data).toEqual([null, 8, 16]);
    expect(sharedCodeChartOption(code!, entries(), 2014)).toMatchObject({ xAxis: { data: ['2013', '2014'] } });
    const chart = sharedCodeChartPng(code!, entries(), YEAR);
    expect([...chart.png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(chart.width).toBeGreaterThan(400);
  });
});

describe('Excel workbook of the portfolio', () => {
  it('has a sheet of plans with I alt equal to the totals, one of indikator-years, the red activities and one per code', async () => {
    const summary = summarizePortfolio(entries(), { year: YEAR });
    const workbook = await workbookOf(await exportPortfolioXlsx(entries(), { year: YEAR }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Om filen', 'Planer', 'Indikatorår', 'Røde aktiviteter', ...summary.codes.map((c) => c.code)]);
    const plans = workbook.getWorksheet('Planer')!;
    const headers = rowValues(plans, 1);
    const column = (name: string) => headers.indexOf(name) + 1;
    expect(plans.getRow(2).getCell(1).value).toBe('Rum for Liv');
    expect(plans.getRow(3).getCell(column('Nået')).value).toBe(summary.plans[1]!.indicators.naaet);
    const total = plans.getRow(5);
    expect(total.getCell(1).value).toBe('I alt');
    expect(total.getCell(column('Fejl')).value).toBe(summary.totals.errors);
    expect(total.getCell(column('Ikke nået')).value).toBe(summary.totals.indicators['ikke-naaet']);
    expect(total.getCell(column('Fremdrift: Rød')).value).toBe(summary.totals.fremdrift.roed);
    expect(summary.totals.fremdrift.roed).toBeGreaterThan(0);

    const years = workbook.getWorksheet('Indikatorår')!;
    const kildeRow = (years.getSheetValues() as unknown[][]).find((r) => r?.[2] === 'i-m1' && r?.[7] === 2014)!;
    expect(kildeRow.slice(1)).toEqual(['Kildebakken sammen', 'i-m1', 'Andel 15–17-årige i uddannelse eller job', 'UNGE-UDD-JOB', '%', 'højere er bedre', 2014, 82, 83.1, 'Nået']);

    const red = workbook.getWorksheet('Røde aktiviteter')!;
    expect(red.rowCount).toBe(1 + summary.totals.redActivities);
    // Lyngbakken's lektiecafé turned red on 1.4.2015 (examples/lyngbakken.json)
    const cafe = (red.getSheetValues() as unknown[][]).find((r) => r?.includes('Lektiecafé på biblioteket'))!;
    expect(cafe[3]).toEqual(new Date(Date.UTC(2015, 3, 1)));

    const code = workbook.getWorksheet('UDEN-ARBEJDE')!;
    const codeHeaders = rowValues(code, 1);
    expect(codeHeaders).toEqual(['Plan', 'Indikator', 'Enhed', 'Retning', 'Udgangspunkt', 'Udgangsår', 'Måling 2012', 'Måling 2013', 'Måling 2014', 'Måling 2015',
      'Delmål 2015', 'Seneste måling', 'Dato for seneste måling', 'Status 2015']);
    expect(rowValues(code, 3)).toEqual(['Helhedsplan for Lyngbakken', 'Andel 16–64-årige uden for arbejdsmarkedet', '%', 'lavere er bedre', 47, 2013,
      undefined, undefined, 46.5, 43.8, 44, 43.8, new Date(Date.UTC(2015, 11, 31)), 'Nået']);
  });

  it('writes a title that looks like a formula as text, never as a formula', async () => {
    const [entry] = entries().slice(1, 2);
    entry!.plan.plan.title = '=HYPERLINK("http://x","klik")';
    const workbook = await workbookOf(await exportPortfolioXlsx([entry!], { year: YEAR }));
    const cell = workbook.getWorksheet('Planer')!.getCell('A2');
    expect(cell.value).toBe('=HYPERLINK("http://x","klik")');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  it('an empty portfolio (a new one in the service) still makes both files, with I alt 0', async () => {
    const workbook = await workbookOf((await exportPortfolio([], 'portfolio-xlsx', { year: YEAR })).data);
    expect(workbook.getWorksheet('Planer')!.getRow(2).getCell(1).value).toBe('I alt');
    expect(workbook.getWorksheet('Planer')!.getRow(2).getCell(7).value).toBe(0);
    const { text } = await readDocx((await exportPortfolio([], 'portfolio-docx', { year: YEAR })).data);
    expect(text).toContain('0 helhedsplaner');
    expect(text).toContain(`Ingen aktiviteter er vurderet røde i ${YEAR}.`);
  });

  it('makes a sheet name of any code: Excel\'s forbidden characters replaced, 31 characters, no two alike', () => {
    const taken = new Set(['planer']);
    expect(sheetNameForCode('A/B:C*D?[E]', taken)).toBe('A-B-C-D--E-');
    expect(sheetNameForCode('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetNameForCode('Planer', taken)).toBe('Planer~2');
  });
});
