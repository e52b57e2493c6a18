// The Excel export survives a real office suite: opened and saved unchanged in LibreOffice Calc (headless
// conversion xlsx → xlsx through Calc), it imports back to the same plan. Calc writes yes/no cells as the formulas
// TRUE()/FALSE() and computes formulas typed into cells; the importer reads them by their result.
// Skipped only when soffice is missing outside CI; in CI (CI=true) a missing soffice fails the test.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportXlsx, importXlsx } from '../../model/export/xlsx.ts';
import type { PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

function findSoffice(): string | null {
  for (const path of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(path)) return path;
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}
const soffice = findSoffice();
const inCi = process.env.CI === 'true';
const dir = mkdtempSync(join(tmpdir(), 'fk-calc-'));

/** Opens the file in Calc and saves it unchanged as .xlsx (a private profile, so parallel runs do not clash). */
function throughCalc(data: Uint8Array, name: string): Uint8Array {
  const input = join(dir, `${name}.xlsx`);
  const out = join(dir, `${name}-calc`);
  mkdirSync(out, { recursive: true });
  writeFileSync(input, data);
  execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, input], { stdio: 'pipe', timeout: 180_000 });
  return new Uint8Array(readFileSync(join(out, `${name}.xlsx`)));
}

/** The example with everything the sheets carry: follow-up keys, history, a title that looks like a formula, own keys. */
function fullPlan(): PlanFile {
  const plan = structuredClone(rumForLiv);
  const activities = plan.nodes.filter((n) => n.kind === 'aktivitet');
  activities.forEach((a, i) => {
    a.statusLog = [{ date: '2014-12-01', status: 'gul', note: `Status ${i}`, by: 'Mette' }, { date: '2015-06-30', status: 'groen' }];
  });
  activities[0]!.title = '=1+1 er to';
  const indicator = plan.nodes.find((n) => n.kind === 'indikator')!;
  indicator.targets = [{ year: 2014, value: 60, note: 'Delmål 2014' }];
  indicator.measurements = [{ date: '2014-06-30', value: 52.5, note: 'Fremmødelister', source: 'Caféen' }];
  indicator.direction = 'ned';
  (plan.nodes[0] as Record<string, unknown>).egenNøgle = { a: [1, 'to'] };
  return plan;
}

describe.skipIf(!soffice && !inCi)('Excel saved unchanged by LibreOffice Calc', () => {
  it('has soffice in CI', () => {
    expect(soffice, 'LibreOffice (soffice) mangler; .ci/run installerer libreoffice-calc-nogui').not.toBeNull();
  });

  it('imports back to the same plan, through importXlsx and the CLI', async () => {
    const plan = fullPlan();
    const saved = throughCalc(await exportXlsx(plan), 'plan');
    // it really is Calc's file
    const app = await (await JSZip.loadAsync(saved)).file('docProps/app.xml')!.async('string');
    expect(app).toContain('LibreOffice');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(saved as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Noder')!.getCell('P2').value).toBe('nej');
    const back = await importXlsx(saved);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.plan).toEqual(plan);

    const file = join(dir, 'plan-calc', 'plan.xlsx');
    const json = join(dir, 'back.json');
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'forandringskort.mjs'), 'import', file, '-o', json], { cwd: root, encoding: 'utf8' });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(plan);
  }, 240_000);

  it('reads a formula typed into a cell by the value Calc computed, and a computed yes/no', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsx(rumForLiv)) as unknown as ArrayBuffer);
    const nodes = workbook.getWorksheet('Noder')!;
    nodes.getCell('C2').value = { formula: '1+1' } as ExcelJS.CellFormulaValue; // as typed: Calc computes it
    nodes.getCell('P2').value = { formula: 'OR(TRUE(),FALSE())' } as ExcelJS.CellFormulaValue;
    nodes.getCell('P3').value = true; // a yes/no cell as older exports wrote it: Calc saves it as the formula TRUE()
    const saved = throughCalc(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'typed');
    const calc = new ExcelJS.Workbook();
    await calc.xlsx.load(saved as unknown as ArrayBuffer);
    expect(calc.getWorksheet('Noder')!.getCell('P3').formula).toBe('TRUE()');
    const back = await importXlsx(saved);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.plan.nodes[0]).toMatchObject({ title: '2', external: true });
    expect(back.plan.nodes[1]).toMatchObject({ external: true });
  }, 240_000);
});
