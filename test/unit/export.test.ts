// Open what the exports wrote: the .docx's XML, the .xlsx's cells, the Markdown and CSV text.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPlan } from '../../model/export/index.ts';
import { exportMatrixCsv } from '../../model/export/csv.ts';
import { exportDocx } from '../../model/export/docx.ts';
import { exportMarkdown } from '../../model/export/markdown.ts';
import { renderPlanSvg } from '../../model/export/svg.ts';
import { exportXlsx, importXlsx } from '../../model/export/xlsx.ts';
import { validatePlan, type PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;
const skabelon = JSON.parse(readFileSync(join(root, 'examples', 'skabelon.json'), 'utf8')) as PlanFile;

async function docxText(data: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return zip.file('word/document.xml')!.async('string');
}

function paragraphsWithStyle(xml: string, style: string): string[] {
  const out: string[] = [];
  for (const p of xml.split('<w:p>').concat(xml.split('<w:p ')).filter((chunk) => chunk.includes(`<w:pStyle w:val="${style}"/>`))) {
    const text = [...p.split('</w:p>')[0]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    if (text) out.push(text);
  }
  return [...new Set(out)];
}

describe('Word export', () => {
  it('writes the chapters with built-in heading styles, the activity tables and the coverage', async () => {
    const xml = await docxText(await exportDocx(rumForLiv, { date: new Date('2026-11-23') }));
    const h1 = paragraphsWithStyle(xml, 'Heading1');
    expect(h1.filter((h) => h !== rumForLiv.plan.title)).toEqual(['1 Forandringsteori og indsatsområder', '2 Dækning og opfølgning']);
    const h2 = paragraphsWithStyle(xml, 'Heading2');
    expect(h2).toEqual(expect.arrayContaining(['1.1 Børn, Unge og Familier', '1.4 Image og kommunikation', '2.2 Åbne fund']));
    // each activity is numbered under its focus area like a real plan (5.1 → 5.1.1), no "Aktiviteter" level between
    const h3 = paragraphsWithStyle(xml, 'Heading3').filter((h) => h !== rumForLiv.plan.title); // the helper's split also yields the title page's paragraph
    expect(h3.map((h) => h.replace(/^[\d.]+ /, ''))).toEqual(expect.arrayContaining(['Forældre og læring', 'Lektiecafé', 'Hjemmeside']));
    expect(h3.filter((h) => !/^1\.\d\.\d+ /.test(h))).toEqual([]);
    expect(xml).toContain('Medarbejderressourcer');
    expect(xml).toContain('Familiekoordinator 10 timer pr. uge');
    expect(xml).toContain('succeskriterium: 100 familier i 2013');
    expect(xml).toContain('Partnerskab med lokale organisationer — Red Barnet, København City');
    expect(xml).toContain('Aktiviteten &quot;Hjemmeside&quot; måles ikke af nogen indikator.');
    expect(xml).toContain('\\o &quot;1-3&quot;');
    // chapter 5 when asked for, and the tool's own chapter left out
    const five = await docxText(await exportDocx(rumForLiv, { date: new Date('2026-11-23'), section: 5, planOnly: true }));
    expect(paragraphsWithStyle(five, 'Heading1').filter((h) => h !== rumForLiv.plan.title)).toEqual(['5 Forandringsteori og indsatsområder']);
    expect(paragraphsWithStyle(five, 'Heading2')[0]).toBe('5.1 Børn, Unge og Familier');
    expect(five).not.toContain('Åbne fund');
    expect(xml).toContain('23.11.2026');
  });

  it('leaves out the rows a plan does not have instead of printing them empty', async () => {
    const xml = await docxText(await exportDocx(skabelon));
    const fritidsjob = xml.slice(xml.indexOf('Fritidsjobvejledning</w:t></w:r><w:bookmarkEnd'));
    const table = fritidsjob.slice(0, fritidsjob.indexOf('</w:tbl>'));
    expect(table).toContain('Ansvarlig');
    expect(table).not.toContain('Målgruppe');
    expect(table).not.toContain('Forankring');
  });

  it('embeds the diagram when one is given', async () => {
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const zip = await JSZip.loadAsync(await exportDocx(skabelon, { diagrams: [{ png, width: 400, height: 200 }] }));
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(true);
  });
});

describe('Excel export and import', () => {
  it('has the sheets a steering group reads, with values', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsx(rumForLiv)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name).slice(0, 5)).toEqual(['Om filen', 'Aktiviteter', 'Indikatorer', 'Dækning', 'Fund']);
    const activities = workbook.getWorksheet('Aktiviteter')!;
    expect(activities.rowCount).toBe(20);
    expect(String(activities.getCell('A1').value)).toMatch(/^Kun til læsning/);
    expect(activities.getRow(3).getCell(1).value).toBe('Forældre og læring');
    const coverage = workbook.getWorksheet('Dækning')!;
    expect(coverage.getRow(2).getCell(1).value).toBe('Mål');
    const findings = workbook.getWorksheet('Fund')!;
    const rules = findings.getColumn(2).values.slice(3);
    expect(rules.filter((r) => r === 'aktivitet-uden-indikator')).toHaveLength(3);
    const indicators = workbook.getWorksheet('Indikatorer')!;
    expect(indicators.getRow(3).getCell(6).value).toBe(100);
  });

  it('round-trips xlsx → plan → xlsx and plan → xlsx → plan', async () => {
    const first = await exportXlsx(rumForLiv);
    const imported = await importXlsx(first);
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.plan).toEqual(rumForLiv);
    const again = await importXlsx(await exportXlsx(imported.plan));
    expect(again).toEqual(imported);
  });

  it('names sheet, row and column of every problem and imports nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsx(skabelon)) as unknown as ArrayBuffer);
    const nodes = workbook.getWorksheet('Noder')!;
    nodes.getRow(3).getCell(2).value = 'aktivitett';
    nodes.getRow(4).getCell(18).value = 'mange';
    const edges = workbook.getWorksheet('Kanter')!;
    edges.getRow(2).getCell(3).value = 'findes-ikke';
    const broken = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const typeError = await importXlsx(broken);
    expect(typeError.ok).toBe(false);
    if (typeError.ok) return;
    expect(typeError.problems).toEqual([
      expect.objectContaining({ sheet: 'Noder', row: 3, column: 'B', message: expect.stringContaining('forventede en af Aktivitet, Output') }),
      expect.objectContaining({ sheet: 'Noder', row: 4, column: 'R', message: 'Noder, række 4, kolonne R (Udgangspunkt): forventede et tal, fik "mange"' }),
    ]);
    nodes.getRow(4).getCell(18).value = 12;
    // the Danish word and the file format's value both read (older files wrote "aktivitet")
    nodes.getRow(3).getCell(2).value = 'aktivitet';
    nodes.getRow(4).getCell(2).value = 'Aktivitet';
    const result = await importXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([['Kanter', 2, 'C']]);
    expect(result.problems[0]!.message).toMatch(/^Kanter, række 2, kolonne C \(Til \(id\)\): /);
    edges.getRow(2).getCell(3).value = 'o1';
    const fixed = await importXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(fixed.ok).toBe(true);
  });

  it('refuses a file that is not a workbook', async () => {
    const result = await importXlsx(new TextEncoder().encode('ikke et regneark'));
    expect(result.ok).toBe(false);
  });
});

describe('Markdown, CSV, SVG, JSON', () => {
  it('writes Markdown with chapters, tables and escaped user text', () => {
    const plan = structuredClone(skabelon);
    plan.nodes[2]!.title = 'Lektiecafé <script>alert(1)</script> | *fed*';
    const md = exportMarkdown(plan);
    expect(md).toMatch(/^# Ny helhedsplan$/m);
    expect(md).toContain('## Børn, unge og familier');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\| \\*fed\\*');
    expect(md).toContain('| Mål | Aktiviteter, der bidrager | Antal |');
  });

  it('writes the matrix as CSV for Danish Excel, safe from formula injection', () => {
    const plan = structuredClone(skabelon);
    plan.nodes[0]!.title = '=HYPERLINK("x")';
    const csv = exportMatrixCsv(plan);
    expect(csv.startsWith('\ufeffMål;Lektiecafé;Fritidsjobvejledning;Antal aktiviteter\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")";x;;1`);
  });

  it('draws an SVG with escaped titles and one card per node', () => {
    const plan = structuredClone(skabelon);
    plan.nodes[3]!.title = '<b>&"';
    const { svg } = renderPlanSvg(plan);
    expect(svg).toContain('&lt;b&gt;&amp;&quot;');
    expect(svg.match(/<rect x="[^"]+" y="[^"]+" width="220" height="80"/g)).toHaveLength(plan.nodes.length);
  });

  it('round-trips JSON → plan → JSON', async () => {
    const file = await exportPlan(rumForLiv, 'json');
    const back = validatePlan(JSON.parse(new TextDecoder().decode(file.data)));
    expect(back.ok && back.plan).toEqual(rumForLiv);
    expect(file.fileName).toBe('rum-for-liv.json');
  });
});
