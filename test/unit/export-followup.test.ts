// The board's exports read back: the Word Statusrapport's XML and images, and the sheet Opfølgning in and out.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportPlan } from '../../model/export/index.ts';
import { exportXlsx, importXlsx } from '../../model/export/xlsx.ts';
import type { PlanFile } from '../../model/schema.ts';
import { chartPng, indicatorChartSvg, statusReportOptions } from '../../server/render-chart.ts';
import { textWidth } from '../../model/export/text-width.ts';
import { FREMDRIFT_COLOURS, INDICATOR_STATUS_COLOURS } from '../../model/status.ts';

const plan: PlanFile = {
  format: 'forandringskort/v1',
  plan: { title: 'Rum for Test', organisation: 'Boligselskabet' },
  focusAreas: [{ id: 'io1', title: 'Børn og unge' }],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', statusLog: [{ date: '2014-11-03', status: 'gul', note: 'Færre frivillige', by: 'Mette' }] },
    { id: 'a2', kind: 'aktivitet', title: 'Fritidsjob', focusArea: 'io1' },
    { id: 'm1', kind: 'maal', title: 'Flere i uddannelse' },
    { id: 'i1', kind: 'indikator', title: 'Antal brugere', unit: 'brugere', baseline: { value: 20, year: 2012 },
      targets: [{ year: 2013, value: 30, note: 'Planens succeskriterium (2013)' }, { year: 2014, value: 12.5 }],
      measurements: [{ date: '2013-06-30', value: 25 }, { date: '2014-06-30', value: 13.25, note: 'Fremmødelister', source: 'Caféen' }] },
    { id: 'i2', kind: 'indikator', title: 'Fravær', unit: '%', direction: 'ned', targets: [{ year: 2014, value: 8 }],
      measurements: [{ date: '2014-03-01', value: 9 }] },
  ],
  edges: [
    { from: 'a1', to: 'm1', kind: 'bidrager-til' }, { from: 'a1', to: 'i1', kind: 'maales-ved' },
    { from: 'a2', to: 'm1', kind: 'bidrager-til' }, { from: 'a2', to: 'i2', kind: 'maales-ved' },
  ],
};

async function docx(data: Uint8Array) {
  const zip = await JSZip.loadAsync(data);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
  return { xml, text, media: Object.keys(zip.files).filter((name) => name.startsWith('word/media/')) };
}

describe('Statusrapport (Word)', () => {
  it('has the year, per indsatsområde the overview with fremdrift and indicator statuses, a chart per indicator, and per goal the counts', async () => {
    const file = await exportPlan(plan, 'statusrapport', { ...statusReportOptions(2014), date: new Date('2014-12-01') });
    expect(file.fileName).toBe('rum-for-test-statusrapport-2014.docx');
    const { xml, text, media } = await docx(file.data);
    expect(text).toContain('Statusrapport 2014');
    expect(text).toContain('Indsatsområde: Børn og unge');
    expect(text).toMatch(/Lektiecafé\n.*Gul\n03\.11\.2014, Mette: Færre frivillige/);
    expect(text).toContain('Antal brugere (brugere)');
    expect(text).toContain('12,5\n13,25 (30.06.2014)\nNået');
    expect(text).toContain('Fravær (%)');
    expect(text).toContain('8\n9 (01.03.2014)\nIkke nået');
    expect(text).toContain('Rød angiver, at der er betydelige problemer');
    // goal row: Flere i uddannelse, nået 1, ikke nået 1, ikke målt 0, uden delmål 0, 2 indicators
    expect(text).toContain('Flere i uddannelse\n1\n1\n0\n0\nAntal brugere: Nået\nFravær: Ikke nået');
    expect(media).toHaveLength(2);
    // the colour is never alone: each status cell is shaded and carries its word
    expect(xml).toContain('w:fill="1E7B45"');
  });

  it('renders the chart with the years and both series (ECharts SSR → SVG → PNG)', () => {
    const svg = indicatorChartSvg(plan.nodes[3]!);
    expect(svg).toContain('2012');
    expect(svg).toContain('2014');
    expect(svg).toContain('Delmål');
    expect(svg).toContain('13,25');
    const { png } = chartPng(plan.nodes[3]!);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
  });

  it('lays out like a paper: page numbers, headings kept with what follows, columns as wide as their words, "Ikke målt" apart from Gul', async () => {
    const later = { ...plan, nodes: plan.nodes.map((n) => (n.id === 'i1' ? { ...n, targets: [...n.targets!, { year: 2015, value: 40 }] } : n)) };
    const data = (await exportPlan(later, 'statusrapport', { year: 2015 })).data;
    const zip = await JSZip.loadAsync(data);
    const { xml } = await docx(data);
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(footers.some((f) => /PAGE/.test(f))).toBe(true);
    const headings = xml.match(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading\d"\/>(?:(?!<\/w:p>).)*?<\/w:p>/g) ?? [];
    expect(headings.length).toBeGreaterThanOrEqual(4);
    for (const h of headings) expect(h).toContain('<w:keepNext/>');
    // every table spans the text width in fixed columns; no column is narrower than a word it holds
    const tables = xml.split('<w:tbl>').slice(1).map((t) => t.slice(0, t.indexOf('</w:tbl>')));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(9900);
      expect(table).toContain('w:type="fixed"');
      const rows = table.split('<w:tr>').slice(1);
      for (const row of rows) {
        const cells = row.split('<w:tc>').slice(1);
        cells.forEach((cell, i) => {
          const span = Number(cell.match(/<w:gridSpan w:val="(\d+)"/)?.[1] ?? 1);
          if (span !== 1 || i >= grid.length) return;
          const bold = cell.includes('<w:b/>');
          const words = cell.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean);
          for (const word of words) expect(textWidth(word, 9, bold) * 20, `"${word}" in a column of ${grid[i]} twips`).toBeLessThanOrEqual(grid[i]! - 216);
        });
      }
    }
    // the status column holds "Uden delmål" on one line
    const overview = tables.find((t) => t.includes('Fremdrift'))!;
    const statusColumn = [...overview.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))[5]!;
    expect(statusColumn - 216).toBeGreaterThanOrEqual(textWidth('Uden delmål', 9, true) * 20);
    // Ikke målt: blue and striped, not Gul's amber
    expect(xml).toContain('<w:shd w:fill="1F5A96" w:color="3A74B0" w:val="thinDiagStripe"/>');
    expect(INDICATOR_STATUS_COLOURS['ikke-maalt']).not.toBe(FREMDRIFT_COLOURS.gul);
  });

  it('without charts (no renderer) still writes the tables', async () => {
    const { text, media } = await docx((await exportPlan(plan, 'statusrapport', { year: 2013 })).data);
    expect(text).toContain('Statusrapport 2013');
    expect(text).toContain('30\n25 (30.06.2013)\nIkke nået');
    expect(media).toHaveLength(0);
  });
});

async function workbookOf(data: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}

const bytes = async (workbook: ExcelJS.Workbook) => new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

describe('the sheet Opfølgning', () => {
  it('has one row per indicator and year with milestone, measurement, date and note', async () => {
    const sheet = (await workbookOf(await exportXlsx(plan))).getWorksheet('Opfølgning')!;
    const rows = (sheet.getSheetValues() as unknown[][]).slice(1).map((row) => row.slice(1));
    expect(rows).toEqual([
      ['Indikator-id', 'Indikator', 'År', 'Delmål', 'Måling', 'Dato', 'Note', 'Delmålsnote'],
      ['i1', 'Antal brugere', 2013, 30, 25, new Date('2013-06-30T00:00:00Z'), undefined, 'Planens succeskriterium (2013)'],
      ['i1', 'Antal brugere', 2014, 12.5, 13.25, new Date('2014-06-30T00:00:00Z'), 'Fremmødelister'],
      ['i2', 'Fravær', 2014, 8, 9, new Date('2014-03-01T00:00:00Z')],
    ]);
    // real dates, shown the Danish way
    expect(sheet.getCell('F2').numFmt).toBe('dd.mm.yyyy');
  });

  it('imports back whole: statusLog (sheet Fremdrift) and the sources of measurements too', async () => {
    const workbook = await workbookOf(await exportXlsx(plan));
    const log = (workbook.getWorksheet('Fremdrift')!.getSheetValues() as unknown[][]).slice(1).map((row) => row.slice(1));
    expect(log).toEqual([
      ['Node-id', 'Node', 'Dato', 'Fremdrift', 'Note', 'Af', 'Øvrige felter (JSON)'],
      ['a1', 'Lektiecafé', new Date('2014-11-03T00:00:00Z'), 'Gul', 'Færre frivillige', 'Mette'],
    ]);
    const imported = await importXlsx(await exportXlsx(plan));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.plan).toEqual(plan);
  });

  it('a judgement typed into Fremdrift comes in; one for a node that is not there is refused', async () => {
    const workbook = await workbookOf(await exportXlsx(plan));
    const sheet = workbook.getWorksheet('Fremdrift')!;
    sheet.addRow(['a1', 'Lektiecafé', '15.01.2015', 'grøn', 'Flere frivillige igen']);
    const imported = await importXlsx(await bytes(workbook));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.plan.nodes[0]!.statusLog).toEqual([...plan.nodes[0]!.statusLog!, { date: '2015-01-15', status: 'groen', note: 'Flere frivillige igen' }]);
    sheet.getCell('A3').value = 'zz';
    const refused = await importXlsx(await bytes(workbook));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems).toEqual([expect.objectContaining({ sheet: 'Fremdrift', row: 3, column: 'A', message: expect.stringContaining('"zz"') })]);
  });

  it('a figure typed in Excel comes in: a new measurement, a changed milestone', async () => {
    const workbook = await workbookOf(await exportXlsx(plan));
    const sheet = workbook.getWorksheet('Opfølgning')!;
    sheet.addRow(['i2', 'Fravær', 2015, 7, 6.5, '2015-05-01', 'Skolens tal']);
    sheet.getCell('D3').value = 15;
    const imported = await importXlsx(await bytes(workbook));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const i1 = imported.plan.nodes.find((n) => n.id === 'i1')!;
    const i2 = imported.plan.nodes.find((n) => n.id === 'i2')!;
    expect(i1.targets).toContainEqual({ year: 2014, value: 15 });
    expect(i2.targets).toEqual([{ year: 2014, value: 8 }, { year: 2015, value: 7 }]);
    expect(i2.measurements).toContainEqual({ date: '2015-05-01', value: 6.5, note: 'Skolens tal' });
  });

  it('refuses bad rows, naming sheet, row and column, and imports nothing', async () => {
    const workbook = await workbookOf(await exportXlsx(plan));
    const sheet = workbook.getWorksheet('Opfølgning')!;
    sheet.getCell('F4').value = '01.03.2015';
    const badDate = await importXlsx(await bytes(workbook));
    expect(badDate.ok).toBe(false);
    if (!badDate.ok) expect(badDate.problems[0]).toMatchObject({ sheet: 'Opfølgning', row: 4, column: 'F', message: expect.stringContaining('Opfølgning, række 4, kolonne F (Dato)') });
    sheet.getCell('F4').value = '2014-03-01';
    sheet.getCell('A4').value = 'i9';
    sheet.getCell('E2').value = 'mange';
    const more = await importXlsx(await bytes(workbook));
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.problems).toContainEqual(expect.objectContaining({ sheet: 'Opfølgning', row: 2, column: 'E' }));
    sheet.getCell('E2').value = 25;
    const unknown = await importXlsx(await bytes(workbook));
    if (!unknown.ok) expect(unknown.problems).toEqual([expect.objectContaining({ sheet: 'Opfølgning', row: 4, column: 'A', message: expect.stringContaining('"i9"') })]);
    else expect.unreachable('an unknown indicator id must be refused');
  });
});
