// The status command through a real process: `npx forandringskort status FILE [--year Y] [--format text|json]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, tokenOf, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'forandringskort.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fk-status-'));
// each test starts real processes; the shared 2-core machine can make one take seconds
vi.setConfig({ testTimeout: 90_000 });

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const year = new Date().getFullYear();
const plan = {
  format: 'forandringskort/v1',
  plan: { title: 'Lille plan' },
  focusAreas: [{ id: 'io1', title: 'Børn og unge' }],
  nodes: [
    { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', status: 'groen',
      statusLog: [{ date: '2014-11-03', status: 'roed', note: 'Lokalet lukket', by: 'Mette' }] },
    { id: 'o1', kind: 'output', title: 'Børn får hjælp' },
    { id: 'm1', kind: 'maal', title: 'Flere består' },
    { id: 'i1', kind: 'indikator', title: 'Antal brugere', unit: 'brugere', targets: [{ year: 2014, value: 40 }, { year, value: 10 }],
      measurements: [{ date: '2014-06-30', value: 52.5 }] },
    { id: 'i2', kind: 'indikator', title: 'Fravær', unit: '%', direction: 'ned', target: { value: 8, year: 2014 },
      measurements: [{ date: '2014-03-01', value: 9 }] },
  ],
  edges: [
    { from: 'a1', to: 'o1', kind: 'leder-til' }, { from: 'o1', to: 'm1', kind: 'bidrager-til' },
    { from: 'o1', to: 'i1', kind: 'maales-ved' }, { from: 'm1', to: 'i2', kind: 'maales-ved' },
  ],
};

describe('forandringskort status', () => {
  it('--format json prints the spec\'s object for the year, exit 0', () => {
    const run = cli('status', file('plan.json', plan), '--year', '2014', '--format', 'json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      year: 2014,
      indicators: [
        { id: 'i1', status: 'naaet', milestone: 40, measured: 52.5 },
        { id: 'i2', status: 'ikke-naaet', milestone: 8, measured: 9 },
      ],
      activities: [{ id: 'a1', naaet: 1, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 }],
      goals: [{ id: 'm1', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 0, 'uden-delmaal': 0 }],
    });
  });

  it('the year defaults to the current year', () => {
    const run = cli('status', file('plan.json', plan), '--format=json');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.year).toBe(year);
    expect(json.indicators[0]).toEqual({ id: 'i1', status: 'ikke-maalt', milestone: 10, measured: null });
  });

  it('the text report reads per indsatsområde and aktivitet, with fremdrift and Danish numbers', () => {
    const run = cli('status', file('plan.json', plan), '--year', '2014');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Statusrapport 2014: Lille plan');
    expect(run.stdout).toContain('Indsatsområde: Børn og unge');
    expect(run.stdout).toContain('Fremdrift: rød (03.11.2014, Mette): Lokalet lukket');
    expect(run.stdout).toContain('Antal brugere: delmål 40 brugere, målt 52,5 brugere (30.06.2014) → Nået');
    expect(run.stdout).toContain('Fravær: delmål 8 %, målt 9 % (01.03.2014) → Ikke nået');
    expect(run.stdout).toContain('Flere består');
  });

  it('exit 2 on an invalid file, the path of a repeated milestone year named (text and json)', () => {
    const bad = structuredClone(plan);
    bad.nodes[3]!.targets = [{ year: 2014, value: 1 }, { year: 2014, value: 2 }];
    const path = file('bad.json', bad);
    const text = cli('status', path, '--year', '2014');
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('nodes[3].targets[1].year');
    const json = cli('status', path, '--format', 'json');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout).problems).toEqual([{ path: 'nodes[3].targets[1].year', message: expect.stringContaining('2014') }]);
  });

  it('exit 2 on a bad --year', () => {
    expect(cli('status', file('plan.json', plan), '--year', 'i år')).toMatchObject({ status: 2, stderr: expect.stringContaining('--year') });
  });

  it('exit 2 on no file and on a file that is not JSON', () => {
    expect(cli('status').status).toBe(2);
    expect(cli('status', file('x.json', '{ nej')).status).toBe(2);
  });
});

describe('examples/rum-for-liv.json', () => {
  it('keeps the real plan\'s success criteria as milestones of their year, and has a few example figures so a first report is not empty', () => {
    const path = join(root, 'examples', 'rum-for-liv.json');
    const run = cli('status', path, '--year', '2013', '--format', 'json');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { indicators: Array<{ id: string; status: string; milestone: number | null; measured: number | null }> };
    // the plan's criterion stays the 2013 milestone; the invented figures give each status at least once
    expect(json.indicators.find((i) => i.id === 'i-5-1-1-1')).toMatchObject({ milestone: 100, status: 'naaet' });
    const statuses = new Set(json.indicators.map((i) => i.status));
    for (const s of ['naaet', 'ikke-naaet', 'ikke-maalt', 'uden-delmaal']) expect(statuses.has(s)).toBe(true);
    // every invented item says so (a judgement by "Eksempel"), and the text report shows the fremdrift history of 2013, none of 2014
    const example = JSON.parse(readFileSync(path, 'utf8')) as { nodes: Array<{ measurements?: { source?: string }[]; statusLog?: { note?: string; by?: string }[]; targets?: { year: number; note?: string }[] }> };
    const measurements = example.nodes.flatMap((n) => n.measurements ?? []);
    const log = example.nodes.flatMap((n) => n.statusLog ?? []);
    expect(measurements.length).toBeGreaterThan(0);
    expect(log.length).toBeGreaterThan(0);
    expect(measurements.every((m) => m.source === 'Eksempeltal')).toBe(true);
    expect(log.every((e) => e.by === 'Eksempel')).toBe(true);
    expect(example.nodes.flatMap((n) => n.targets ?? []).filter((t) => t.year !== 2013).every((t) => t.note?.startsWith('Eksempel'))).toBe(true);
    const text = cli('status', path, '--year', '2013').stdout;
    expect(text).toContain('Fremdrift: rød (15.12.2013, Eksempel): Kun få unge fastholdt');
    expect(text).not.toMatch(/2014/);
  });
});

describe('forandringskort export --to statusrapport', () => {
  it('writes the Word report of the year, and refuses a bad --year', async () => {
    const out = join(dir, 'rapport.docx');
    const run = cli('export', file('plan.json', plan), '--to', 'statusrapport', '--year', '2014', '-o', out);
    expect(run.status).toBe(0);
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Statusrapport 2014');
    expect(xml).toContain('Lektiecafé');
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(1); // i2 is measured on the goal only: it shows in the goal table, with no chart
    expect(xml).toContain('Fravær: ');
    expect(cli('export', file('plan.json', plan), '--to', 'statusrapport', '--year', '14', '-o', out).status).toBe(2);
  });
});

describe('GET /api/plans/<id>/export?format=statusrapport', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('serves the Statusrapport of the asked year to a viewer, and refuses a year that is not one', async () => {
    const { id, links } = await server.createPlan(plan);
    const url = (year: string) => `${server.url}/api/plans/${id}/export?format=statusrapport&year=${year}&token=${tokenOf(links.viewer)}`;
    const response = await fetch(url('2014'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('statusrapport-2014.docx');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(await response.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(xml).toContain('Statusrapport 2014');
    expect(xml).toContain('52,5');
    const bad = await fetch(url('sidste'));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('årstal');
  });
});
