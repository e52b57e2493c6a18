// Export and import through the three doors users have: the CLI, the server's endpoint (the editor uses both).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../support/docx.ts';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fk-export-'));
const example = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8'));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'forandringskort.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('forandringskort export / import', () => {
  it('writes a Word file with the diagram and round-trips xlsx through import', async () => {
    const docx = join(dir, 'plan.docx');
    expect(cli('export', 'examples/rum-for-liv.json', '--to', 'docx', '-o', docx).status).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(docx));
    // the whole-plan overview over several pages (121 cards at a readable size) and each indsatsområde's own figure
    const focusAreas = (JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as { focusAreas: unknown[] }).focusAreas;
    const document = await zip.file('word/document.xml')!.async('string');
    const overviewPages = new Set([...document.matchAll(/Forandringsteorien for Rum for Liv \((\d+) af \d+\)/g)].map((m) => m[1])).size;
    expect(overviewPages).toBeGreaterThan(1);
    // each indsatsområde's figure over one or more pages, each page with its caption
    // captions are Word captions now: "Figur " + SEQ field + ": …"
    const areaPages = [...document.matchAll(/: Forandringsteorien for indsatsområdet /g)].length;
    expect(areaPages).toBeGreaterThanOrEqual(focusAreas.length);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(overviewPages + areaPages);
    expect(document).toContain('Forandringsteori');

    const xlsx = join(dir, 'plan.xlsx');
    const json = join(dir, 'back.json');
    expect(cli('export', 'examples/rum-for-liv.json', '--to', 'xlsx', '-o', xlsx).status).toBe(0);
    expect(cli('import', xlsx, '-o', json)).toMatchObject({ status: 0 });
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(example);
  }, 120_000); // three CLI processes that each render Word or Excel: slow on a loaded 2-core machine

  it('refuses unknown formats and unreadable input with status 2', () => {
    expect(cli('export', 'examples/rum-for-liv.json', '--to', 'pdf', '-o', join(dir, 'x.pdf'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--to') });
    expect(cli('import', 'examples/rum-for-liv.json', '-o', join(dir, 'x.json'))).toMatchObject({ status: 2, stderr: expect.stringContaining('regneark') });
  });
});

describe('CLI errors: Danish, naming the file, exit 2, no stack trace', () => {
  const noStack = (stderr: string) => {
    expect(stderr).not.toMatch(/\n\s+at |Error:|node:internal|Unexpected|zip|ENOENT/);
  };

  it('a broken xlsx', () => {
    const full = join(dir, 'whole.xlsx');
    expect(cli('export', 'examples/skabelon.json', '--to', 'xlsx', '-o', full).status).toBe(0);
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, readFileSync(full).subarray(0, 2000));
    const result = cli('import', broken, '-o', join(dir, 'never.json'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`Regnearket ${broken} blev ikke importeret`);
    expect(result.stderr).toContain('beskadiget eller afkortet regneark');
    noStack(result.stderr);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('an export into a folder that does not exist', () => {
    const out = join(dir, 'findes-ikke', 'plan.docx');
    const result = cli('export', 'examples/skabelon.json', '--to', 'md', '-o', out);
    expect(result).toMatchObject({ status: 2, stderr: `Kan ikke skrive ${out}: mappen findes ikke\n` });
    noStack(result.stderr);
  });

  it('truncated JSON, with line and column', () => {
    const truncated = join(dir, 'afkortet.json');
    writeFileSync(truncated, readFileSync(join(root, 'examples', 'skabelon.json'), 'utf8').slice(0, 300));
    const lines = readFileSync(truncated, 'utf8').split('\n');
    const result = cli('export', truncated, '--to', 'md', '-o', join(dir, 'x.md'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${truncated}:`);
    expect(result.stderr).toContain(`filen er ikke gyldig JSON: den slutter midt i teksten (linje ${lines.length}, kolonne ${lines.at(-1)!.length + 1}); er den afkortet?`);
    noStack(result.stderr);
    const wrong = join(dir, 'forkert.json');
    writeFileSync(wrong, '{\n  "format": "forandringskort/v1",\n  "plan" {}\n}\n');
    const bad = cli('check', wrong);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('filen er ikke gyldig JSON: uventet tegn "{" i linje 3, kolonne 10');
    noStack(bad.stderr);
  });

  it('an xlsx export says what cannot fit in a cell', () => {
    const plan = JSON.parse(readFileSync(join(root, 'examples', 'skabelon.json'), 'utf8'));
    plan.nodes[2].description = 'z'.repeat(40_000);
    const long = join(dir, 'lang.json');
    writeFileSync(long, JSON.stringify(plan));
    const xlsx = join(dir, 'lang.xlsx');
    const result = cli('export', long, '--to', 'xlsx', '-o', xlsx);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Bemærk, ikke alt kunne være i filen');
    expect(result.stderr).toMatch(/Noder!E4: Beskrivelse for ".*" er 40\.000 tegn og er afkortet til de 32\.767/);
  });

  it('an import file that does not exist', () => {
    const result = cli('import', join(dir, 'ingen.xlsx'), '-o', join(dir, 'x.json'));
    expect(result).toMatchObject({ status: 2, stderr: `Kan ikke læse ${join(dir, 'ingen.xlsx')}: filen findes ikke\n` });
  });
});

describe('GET /api/plans/<id>/export', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('serves every format of the live plan to anyone with its link, and nobody else', async () => {
    const { id, links } = await server.createPlan(example);
    const url = (format: string, token = tokenOf(links.viewer)) => `${server.url}/api/plans/${id}/export?format=${format}&token=${token}`;
    const md = await fetch(url('md'));
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toContain('rum-for-liv.md');
    expect(await md.text()).toContain('# Rum for Liv');
    const csv = await fetch(url('csv'));
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csvBytes).startsWith('Mål;')).toBe(true);
    const docx = await fetch(url('docx'));
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    expect(zip.file('word/document.xml')).not.toBeNull();
    expect((await fetch(url('pdf'))).status).toBe(400);
    expect((await fetch(`${server.url}/api/plans/${id}/export?format=md`)).status).toBe(401);
  });

  it('refuses an option the format does not take, and a wrong value, naming the flag (exit 2)', () => {
    const plan = join(root, 'examples', 'skabelon.json');
    const foreign = cli('export', plan, '--to', 'md', '--year', '2014', '-o', join(dir, 'x.md'));
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain('--year gælder kun for statusrapport, ikke for md');
    expect(existsSync(join(dir, 'x.md'))).toBe(false);
    const wrong = cli('export', plan, '--to', 'statusrapport', '--year', '20x', '-o', join(dir, 'x.docx'));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--year skal være et årstal som 2014, ikke "20x"');
    const badSection = cli('export', plan, '--to', 'docx', '--section', 'fem', '-o', join(dir, 'x.docx'));
    expect(badSection.status).toBe(2);
    expect(badSection.stderr).toContain('--section skal være et kapitelnummer som 5, ikke "fem"');
  });

  it('numbers the Word plan from the chosen chapter and leaves the tool\'s own chapter out with --plan-only', async () => {
    const plan = join(root, 'examples', 'rum-for-liv.json');
    const textOf = async (file: string) => (await readDocx(readFileSync(file))).text;
    const whole = join(dir, 'kapitel5.docx');
    expect(cli('export', plan, '--to', 'docx', '--section', '5', '-o', whole).status).toBe(0);
    const wholeText = await textOf(whole);
    expect(wholeText).toContain('5 Forandringsteori og indsatsområder');
    expect(wholeText).toContain('5.1 ');
    expect(wholeText).toContain('Åbne fund');
    const planOnly = join(dir, 'kun-planen.docx');
    expect(cli('export', plan, '--to', 'docx', '--section', '5', '--plan-only', '-o', planOnly).status).toBe(0);
    const planOnlyText = await textOf(planOnly);
    expect(planOnlyText).toContain('5 Forandringsteori og indsatsområder');
    expect(planOnlyText).not.toContain('Åbne fund');
  }, 120_000);
});

