// Export and import through the three doors users have: the CLI, the server's endpoint (the editor uses both).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  });

  it('refuses unknown formats and unreadable input with status 2', () => {
    expect(cli('export', 'examples/rum-for-liv.json', '--to', 'pdf', '-o', join(dir, 'x.pdf'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--to') });
    expect(cli('import', 'examples/rum-for-liv.json', '-o', join(dir, 'x.json'))).toMatchObject({ status: 2, stderr: expect.stringContaining('regneark') });
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
});
