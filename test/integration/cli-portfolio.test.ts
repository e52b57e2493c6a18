// The portfolio command through a real process: `npx forandringskort portfolio A.json B.json … [--year Y]
// [--format text|json] [--to portfolio-docx|portfolio-xlsx --out FILE]`, on the example plans.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'forandringskort.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fk-portfolio-'));
vi.setConfig({ testTimeout: 90_000 });

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EXAMPLES = ['examples/rum-for-liv.json', 'examples/kildebakken.json', 'examples/lyngbakken.json'];

interface Counts { [key: string]: number }
interface PlanJson { id: string; title: string; errors: number; warnings: number; coverage: Counts; indicators: Counts; fremdrift: Counts; redActivities: unknown[] }
interface PortfolioJson { year: number; plans: PlanJson[]; totals: { plans: number; errors: number; warnings: number; coverage: Counts; indicators: Counts; fremdrift: Counts; redActivities: number }; codes: Array<{ code: string; plans: number; rows: Array<Record<string, unknown>> }> }

describe('forandringskort portfolio', () => {
  it('the invented example plans pass check (exit 0)', () => {
    for (const file of EXAMPLES.slice(1)) expect(cli('check', file).status).toBe(0);
  });

  it('--format json: per plan its figures, totals that are the sums, and the shared codes', () => {
    const run = cli('portfolio', ...EXAMPLES, '--year', '2015', '--format', 'json');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as PortfolioJson;
    expect(out.year).toBe(2015);
    expect(out.plans.map((p) => [p.id, p.title])).toEqual([
      ['examples/rum-for-liv.json', 'Rum for Liv'], ['examples/kildebakken.json', 'Kildebakken sammen'], ['examples/lyngbakken.json', 'Helhedsplan for Lyngbakken'],
    ]);
    // the plan's own check says the same
    const check = JSON.parse(cli('check', EXAMPLES[0]!, '--format', 'json').stdout) as { findings: Array<{ severity: string }>; coverage: Counts };
    expect(out.plans[0]!.errors).toBe(check.findings.filter((f) => f.severity === 'error').length);
    expect(out.plans[0]!.coverage.goalsCovered).toBe(check.coverage.goalsCovered);
    const sum = (of: (p: PlanJson) => number) => out.plans.reduce((n, p) => n + of(p), 0);
    expect(out.totals.plans).toBe(3);
    expect(out.totals.errors).toBe(sum((p) => p.errors));
    expect(out.totals.redActivities).toBe(sum((p) => p.redActivities.length));
    for (const key of ['total', 'naaet', 'ikke-naaet', 'ikke-maalt', 'uden-delmaal']) expect(out.totals.indicators[key]).toBe(sum((p) => p.indicators[key]!));
    for (const key of ['groen', 'gul', 'roed', 'none']) expect(out.totals.fremdrift[key]).toBe(sum((p) => p.fremdrift[key]!));
    const youth = out.codes.find((c) => c.code === 'UNGE-UDD-JOB')!;
    expect(youth.plans).toBe(2);
    expect(youth.rows[1]).toEqual({ plan: 'examples/lyngbakken.json', indicator: 'i-g1', title: 'Andel 15–17-årige i uddannelse eller job', unit: '%',
      direction: 'op', baseline: { value: 74, year: 2013 }, milestone: 79, latest: { date: '2015-12-31', value: 77 }, status: 'ikke-naaet' });
    expect(out.codes.find((c) => c.code === 'FRITIDSJOB')!.plans).toBe(3);
  });

  it('the text format is a Danish report with Danish numbers and dates', () => {
    const run = cli('portfolio', ...EXAMPLES, '--year', '2015');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Porteføljeoversigt 2015: 3 planer');
    expect(run.stdout).toContain('Kildebakken sammen (Odense Ø: Kildebakken, 2013–2016)');
    expect(run.stdout).toContain('Lektiecafé på biblioteket (rød siden 01.04.2015)');
    expect(run.stdout).toContain('seneste måling 83,4 % (31.12.2015) → Ikke nået');
    expect(run.stdout).toContain('I alt (3 planer)');
  });

  it('a year before a plan\'s period is said on stderr, the report still made', () => {
    const run = cli('portfolio', ...EXAMPLES, '--year', '2013');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Bemærk (examples/lyngbakken.json): 2013 ligger uden for planperioden (2014–2017)');
  });

  it('exit 2 naming the invalid file and its JSON path; the valid plans are not reported', () => {
    const plan = JSON.parse(readFileSync(join(root, EXAMPLES[1]!), 'utf8')) as { nodes: Array<Record<string, unknown>> };
    plan.nodes[2]!.kind = 'opgave';
    const bad = join(dir, 'forkert.json');
    writeFileSync(bad, JSON.stringify(plan));
    const text = cli('portfolio', EXAMPLES[0]!, bad, EXAMPLES[2]!, '--year', '2015');
    expect(text.status).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(`Porteføljen blev ikke lavet: ${bad} er ugyldig.`);
    expect(text.stderr).toMatch(/nodes\[2\]\.kind: forventede en af "aktivitet", .*fik teksten "opgave"/);
    expect(text.stderr).not.toContain('Rum for Liv');
    const json = cli('portfolio', EXAMPLES[0]!, bad, '--format', 'json');
    expect(json.status).toBe(2);
    const out = JSON.parse(json.stdout) as { error: string; files: Array<{ file: string; problems: Array<{ path: string }> }>; plans?: unknown };
    expect(out.plans).toBeUndefined();
    expect(out.files).toEqual([{ file: bad, problems: [expect.objectContaining({ path: 'nodes[2].kind' })] }]);
    const missing = cli('portfolio', EXAMPLES[0]!, join(dir, 'findes-ikke.json'), '--format', 'json');
    expect(missing.status).toBe(2);
    expect((JSON.parse(missing.stdout) as { files: Array<{ problems: Array<{ message: string }> }> }).files[0]!.problems[0]!.message).toContain('filen findes ikke');
  });

  it('exit 2 on no files, a file given twice, a bad --year, and --to without --out', () => {
    expect(cli('portfolio').status).toBe(2);
    const twice = cli('portfolio', EXAMPLES[0]!, EXAMPLES[0]!);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('er angivet mere end én gang');
    expect(cli('portfolio', EXAMPLES[0]!, '--year', '15').stderr).toContain('--year skal være et årstal');
    expect(cli('portfolio', EXAMPLES[0]!, '--to', 'portfolio-docx').status).toBe(2);
    expect(cli('portfolio', EXAMPLES[0]!, '--to', 'pdf', '--out', join(dir, 'x')).stderr).toContain('--to skal være en af portfolio-docx, portfolio-xlsx');
  });

  it('--to portfolio-docx and portfolio-xlsx write the Word overview and the workbook', async () => {
    const word = join(dir, 'oversigt.docx');
    const run = cli('portfolio', ...EXAMPLES, '--year', '2015', '--to', 'portfolio-docx', '--out', word, '--title', 'Eksempelporteføljen');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Skrev .*oversigt\.docx \([\d.]+ byte\)\n$/);
    const xml = await (await JSZip.loadAsync(readFileSync(word))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Porteføljeoversigt 2015');
    expect(xml).toContain('Eksempelporteføljen');
    const sheet = join(dir, 'oversigt.xlsx');
    expect(cli('portfolio', ...EXAMPLES, '--year', '2015', '--to', 'portfolio-xlsx', '--out', sheet).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheet);
    expect(workbook.getWorksheet('Planer')!.getCell('A4').value).toBe('Helhedsplan for Lyngbakken');
    expect(cli('portfolio', EXAMPLES[0]!, '--to', 'portfolio-xlsx', '--out', join(dir, 'ingen', 'mappe.xlsx')).stderr).toContain('mappen findes ikke');
  });
});
