// The Excel file's cells: formula-looking text stays text, formula cells read by their result, the cell limit,
// older files with code headers, the protected sheets to read and the print setup.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS } from '../../model/export/cells.ts';
import { exportMatrixCsv } from '../../model/export/csv.ts';
import { EDGE_COLUMNS, exportXlsx, exportXlsxWithNotes, FOCUS_AREA_COLUMNS, importXlsx, NODE_COLUMNS } from '../../model/export/xlsx.ts';
import type { PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;
const skabelon = JSON.parse(readFileSync(join(root, 'examples', 'skabelon.json'), 'utf8')) as PlanFile;

async function workbookOf(data: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  return workbook;
}
const bytes = async (workbook: ExcelJS.Workbook) => new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);

const FORMULAS = ['=1+1', '+45 12 34 56', '-HYPERLINK("x")', '@SUM(A1)', '\t=1+1', '\r=1+1'];

describe('text that looks like a formula', () => {
  it('is a text cell in Excel, prefixed in CSV, and comes back unchanged', async () => {
    const plan = structuredClone(skabelon);
    const activities = plan.nodes.filter((n) => n.kind === 'aktivitet');
    plan.nodes = plan.nodes.filter((n) => n.kind !== 'aktivitet');
    FORMULAS.forEach((title, i) => plan.nodes.push({ ...activities[i % activities.length]!, id: `f${i}`, title }));
    plan.edges = plan.edges.filter((e) => plan.nodes.some((n) => n.id === e.from) && plan.nodes.some((n) => n.id === e.to));
    const data = await exportXlsx(plan);
    const zip = await JSZip.loadAsync(data);
    const sheets = await Promise.all(Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet')).map((f) => zip.file(f)!.async('string')));
    expect(sheets.join('')).not.toContain('<f>'); // no formula anywhere
    const nodes = (await workbookOf(data)).getWorksheet('Noder')!;
    const titles = nodes.getColumn(3).values.slice(2);
    expect(titles.slice(-FORMULAS.length)).toEqual(FORMULAS.map((t) => t.replace(/\r/g, '\n')));
    for (let row = 2; row <= nodes.rowCount; row++) {
      const cell = nodes.getRow(row).getCell(3);
      if (/^[=+\-@\t\r\n]/.test(String(cell.value))) expect(cell.numFmt).toBe('@');
    }
    const back = await importXlsx(data);
    expect(back.ok && back.plan).toEqual(plan);

    const csv = exportMatrixCsv(plan);
    const header = csv.slice(1).split('\r\n')[0]!;
    for (const title of FORMULAS) {
      const cell = `'${title}`;
      expect(header).toContain(/[";\r\n\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    }
    expect(header.split(';').every((c) => !/^"?[=+\-@\t\r]/.test(c))).toBe(true);
  });
});

describe('cells a spreadsheet wrote', () => {
  it('reads a formula cell by its cached result, never as "[object Object]"', async () => {
    const workbook = await workbookOf(await exportXlsx(skabelon));
    const nodes = workbook.getWorksheet('Noder')!;
    nodes.getCell('C2').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    nodes.getCell('P2').value = { formula: 'TRUE()', result: true } as ExcelJS.CellFormulaValue;
    const back = await importXlsx(await bytes(workbook));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.plan.nodes[0]).toMatchObject({ title: '2', external: true });
  });

  it('refuses a formula without a result and an error value, naming the cell', async () => {
    const workbook = await workbookOf(await exportXlsx(skabelon));
    const nodes = workbook.getWorksheet('Noder')!;
    nodes.getCell('C2').value = { formula: 'A1&B1' } as ExcelJS.CellFormulaValue;
    nodes.getCell('E3').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    const back = await importXlsx(await bytes(workbook));
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.problems.map((p) => p.message)).toEqual([
      'Noder, række 2, kolonne C (Titel): cellen er formlen =A1&B1 uden et beregnet resultat; skriv værdien i stedet',
      'Noder, række 3, kolonne E (Beskrivelse): cellen viser fejlen #REF!',
    ]);
  });

  it('refuses a text longer than a cell holds on import, naming sheet, cell and limit', async () => {
    const workbook = await workbookOf(await exportXlsx(skabelon));
    workbook.getWorksheet('Noder')!.getCell('E4').value = 'x'.repeat(40_000);
    const back = await importXlsx(await bytes(workbook));
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.problems).toEqual([expect.objectContaining({ sheet: 'Noder', row: 4, column: 'E',
        message: 'Noder, række 4, kolonne E (Beskrivelse): teksten er 40.000 tegn; en celle kan højst rumme 32.767 tegn' })]);
    }
  });

  it('on export, cuts a text longer than a cell holds and says so', async () => {
    const plan = structuredClone(skabelon);
    plan.nodes[2]!.description = 'y'.repeat(40_000);
    const { data, notes } = await exportXlsxWithNotes(plan);
    expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'Noder!E4', message: expect.stringContaining('40.000 tegn og er afkortet') })]));
    const workbook = await workbookOf(data);
    expect(String(workbook.getWorksheet('Noder')!.getCell('E4').value)).toHaveLength(MAX_CELL_CHARS);
    const about = workbook.getWorksheet('Om filen')!.getColumn(2).values.map(String).join('\n');
    expect(about).toContain('Noder!E4: Beskrivelse for "');
    expect((await importXlsx(data)).ok).toBe(true);
    expect((await exportXlsxWithNotes(skabelon)).notes).toEqual([]);
  });

  it('names the extra column when a key there is refused', async () => {
    const workbook = await workbookOf(await exportXlsx(skabelon));
    const nodes = workbook.getWorksheet('Noder')!;
    const extra = nodes.getRow(1).values as unknown[];
    const column = extra.indexOf('Øvrige felter (JSON)');
    nodes.getRow(3).getCell(column).value = '{"egen": {"constructor": 1}}';
    const back = await importXlsx(await bytes(workbook));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.problems[0]!.message).toMatch(/^Noder, række 3, kolonne AC \(Øvrige felter \(JSON\): egen\.constructor\): feltnavnet "constructor" er ikke tilladt/);
    nodes.getRow(3).getCell(column).value = '[1, 2]';
    const notObject = await importXlsx(await bytes(workbook));
    expect(!notObject.ok && notObject.problems[0]!.message).toBe('Noder, række 3, kolonne AC (Øvrige felter (JSON)): forventede et JSON-objekt som {"nøgle": "værdi"} (eller en tom celle)');
  });

  it('explains a file that is not a workbook, or a broken one, in Danish', async () => {
    const notZip = await importXlsx(new TextEncoder().encode('ikke et regneark'));
    expect(!notZip.ok && notZip.problems[0]!.message).toBe('filen er ikke et Excel-regneark (.xlsx); gem den som Excel-projektmappe (.xlsx) og prøv igen');
    const cut = (await exportXlsx(skabelon)).slice(0, 3000);
    const broken = await importXlsx(cut);
    expect(!broken.ok && broken.problems[0]!.message).toMatch(/^filen er et beskadiget eller afkortet regneark/);
  });
});

describe('older files and the sheets to read', () => {
  it('imports a file with the file format keys as headers and values (older exports)', async () => {
    const workbook = await workbookOf(await exportXlsx(rumForLiv));
    const recode = (name: string, columns: typeof NODE_COLUMNS) => {
      const sheet = workbook.getWorksheet(name)!;
      sheet.getRow(1).eachCell((cell) => {
        const column = columns.find((c) => c.header === cell.value);
        if (column) cell.value = column.key;
      });
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        columns.forEach((column, i) => {
          const cell = row.getCell(i + 1);
          if (column.values && typeof cell.value === 'string') cell.value = Object.entries(column.values).find(([, word]) => word === cell.value)?.[0] ?? cell.value;
          if (column.type === 'boolean' && typeof cell.value === 'string') cell.value = cell.value === 'ja';
        });
      });
    };
    recode('Noder', NODE_COLUMNS);
    recode('Kanter', EDGE_COLUMNS);
    recode('Indsatsområder', FOCUS_AREA_COLUMNS);
    const plan = workbook.getWorksheet('Plan')!;
    const keys: Record<string, string> = { Felt: 'key', Værdi: 'value', Format: 'format', Titel: 'title', Organisation: 'organisation', Område: 'area', 'Periode fra': 'period.from', 'Periode til': 'period.to', Vision: 'vision' };
    plan.eachRow((row) => row.eachCell((cell, c) => { if (c === 1 || cell.value === 'Felt' || cell.value === 'Værdi') cell.value = keys[String(cell.value)] ?? cell.value; }));
    const nodes = workbook.getWorksheet('Noder')!;
    expect(nodes.getCell('B2').value).toBe('maal');
    expect(nodes.getCell('P2').value).toBe(false);
    const back = await importXlsx(await bytes(workbook));
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.plan).toEqual(rumForLiv);
  });

  it('writes Danish headers and values, protects the sheets to read, sets widths and printing', async () => {
    const workbook = await workbookOf(await exportXlsx(rumForLiv));
    const nodes = workbook.getWorksheet('Noder')!;
    expect(nodes.getRow(1).values).toEqual(expect.arrayContaining(['Id', 'Type', 'Titel', 'Eksternt mål', 'Øvrige felter (JSON)']));
    expect(nodes.getCell('B2').value).toBe('Mål');
    expect(nodes.getCell('P2').value).toBe('nej');
    const protection = (name: string) => (workbook.getWorksheet(name) as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    for (const name of ['Aktiviteter', 'Indikatorer', 'Dækning', 'Fund']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(protection(name)?.sheet).toBe(true);
      expect(String(sheet.getCell('A1').value)).toContain('bliver ikke importeret');
      expect(sheet.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape', printTitlesRow: '1:2' });
    }
    for (const name of ['Noder', 'Kanter', 'Opfølgning', 'Fremdrift', 'Plan']) {
      expect(protection(name)?.sheet).toBeFalsy();
      expect(workbook.getWorksheet(name)!.pageSetup).toMatchObject({ fitToWidth: 1, printTitlesRow: '1:1' });
    }
    // widths follow the content: the title column is wider than the id column, none is wider than 60
    expect(nodes.getColumn(3).width!).toBeGreaterThan(nodes.getColumn(1).width!);
    expect(Math.max(...(nodes.columns ?? []).map((c) => c.width ?? 0))).toBeLessThanOrEqual(60);
    // the coverage's turned headers get a row tall enough for the longest activity title
    const coverage = workbook.getWorksheet('Dækning')!;
    expect(coverage.getRow(2).height).toBeGreaterThan(100);
    expect(coverage.getRow(2).getCell(2).alignment?.textRotation).toBe(90);
    // the latest measurement's date is a date cell, shown the Danish way
    const measured = structuredClone(rumForLiv);
    const indicator = measured.nodes.find((n) => n.kind === 'indikator')!;
    indicator.measurements = [{ date: '2014-06-30', value: 31 }];
    const sheet = (await workbookOf(await exportXlsx(measured))).getWorksheet('Indikatorer')!;
    const row = sheet.getColumn(1).values.indexOf(indicator.title);
    expect(sheet.getRow(row).getCell(11).value).toEqual(new Date('2014-06-30T00:00:00Z'));
    expect(sheet.getRow(row).getCell(11).numFmt).toBe('dd.mm.yyyy');
  });
});
