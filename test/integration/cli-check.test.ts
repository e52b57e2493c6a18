// The check command through a real process, as users run it: `npx forandringskort check FILE`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'forandringskort.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fk-cli-'));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('examples/rum-for-liv.json', () => {
  const example = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8'));
  type Node = { id: string; kind: string; title: string; target?: { value?: number; year?: number }; unit?: string; position?: unknown; anchoring?: { strategy?: string; note?: string } };
  type Edge = { from: string; to: string; kind: string };
  const nodes = example.nodes as Node[];
  const edges = example.edges as Edge[];

  it('holds the real plan: 4 indsatsområder, 18 aktiviteter, 45 succeskriterier as indicators with target, unit and year', () => {
    expect(example.focusAreas).toHaveLength(4);
    expect(nodes.filter((n) => n.kind === 'aktivitet')).toHaveLength(18);
    const indicators = nodes.filter((n) => n.kind === 'indikator');
    expect(indicators).toHaveLength(45);
    expect(indicators.every((i) => typeof i.target?.value === 'number' && i.unit)).toBe(true);
    expect(nodes.find((n) => n.id === 'i-5-1-1-1')).toMatchObject({ target: { value: 100, year: 2013 }, unit: 'familier' });
    for (const tier of ['output', 'resultat', 'effekt']) expect(nodes.filter((n) => n.kind === tier)).toHaveLength(15);
    expect(nodes.every((n) => n.position)).toBe(true);
  });

  it('keeps the gaps: the ghetto-list goal has no indicator, 5.4.1–5.4.3 have no chain', () => {
    expect(edges.filter((e) => e.from === 'm-G6' && e.kind === 'maales-ved')).toEqual([]);
    for (const id of ['a-5-4-1', 'a-5-4-2', 'a-5-4-3']) expect(edges.filter((e) => e.from === id || e.to === id)).toEqual([]);
  });

  it('maps forankring to the four strategies and keeps the plan\'s words in the note', () => {
    expect(nodes.find((n) => n.id === 'a-5-2-4')!.anchoring).toMatchObject({ strategy: 'partnerskab', note: expect.stringContaining('Dansk Flygtningehjælp') });
  });

  it('has each municipal goal once, however many ways the plan words it', () => {
    const titles = nodes.filter((n) => n.kind === 'maal').map((n) => n.title);
    expect(titles.filter((t) => t.includes('95 %'))).toHaveLength(1);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

type Edge = { from: string; to: string; kind: string };
const example = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as { edges: Edge[] };

describe('forandringskort check', () => {
  it('reports the real gaps of Rum for Liv as JSON per the spec and exits 1', () => {
    const { status, stdout } = cli('check', 'examples/rum-for-liv.json', '--format', 'json');
    expect(status).toBe(1);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual(['coverage', 'findings', 'links']);
    // every causal link of the file without a rationale, and no other, is in `links`
    const unreasoned = example.edges.filter((e: Edge & { rationale?: string }) => e.kind !== 'maales-ved' && !e.rationale?.trim());
    expect(unreasoned.length).toBeGreaterThan(0);
    expect(result.links.map((l: Edge) => `${l.from}>${l.to}`)).toEqual(unreasoned.map((e: Edge) => `${e.from}>${e.to}`));
    const missingIndicator = result.findings.filter((f: { rule: string }) => f.rule === 'aktivitet-uden-indikator');
    expect(missingIndicator.map((f: { nodeIds: string[] }) => f.nodeIds[0]).sort()).toEqual(['a-5-4-1', 'a-5-4-2', 'a-5-4-3']);
    for (const finding of result.findings) {
      expect(Object.keys(finding).sort()).toEqual(['message', 'nodeIds', 'rule', 'severity']);
      if (finding.rule !== 'ugyldig-kant') expect(finding.nodeIds).toEqual([...finding.nodeIds].sort());
    }
    expect(result.coverage.activities).toBe(18);
    expect(result.coverage.activitiesWithIndicator).toBe(15);
    for (const row of result.coverage.matrix) expect(row.activities).toEqual([...row.activities].sort());
  });

  it('prints a readable Danish report in text format', () => {
    const { status, stdout } = cli('check', 'examples/rum-for-liv.json');
    expect(status).toBe(1);
    expect(stdout).toMatch(/^Fejl \(6\)$/m);
    expect(stdout).toContain('Aktiviteten "Hjemmeside" måles ikke af nogen indikator.');
    expect(stdout).toMatch(/15 af 18 aktiviteter bidrager til et mål/);
  });

  it('lists links without a rationale apart, in `links` and in the text, and leaves `findings` to the spec\'s rules', () => {
    const path = file('links.json', JSON.stringify({
      format: 'forandringskort/v1', plan: { title: 'Begrundelser' },
      nodes: [
        { id: 'a', kind: 'aktivitet', title: 'Lektiecafé' }, { id: 'o', kind: 'output', title: '40 elever deltager' },
        { id: 'm', kind: 'maal', title: 'Flere i uddannelse' }, { id: 'i', kind: 'indikator', title: 'Antal elever' },
      ],
      edges: [
        { from: 'a', to: 'o', kind: 'leder-til', rationale: 'Caféen ligger i boligområdet' },
        { from: 'o', to: 'm', kind: 'bidrager-til', rationale: '   ' },
        { from: 'a', to: 'i', kind: 'maales-ved' },
        { from: 'm', to: 'a', kind: 'leder-til' },
      ],
    }));
    const json = cli('check', path, '--format', 'json');
    expect(json.status).toBe(1); // the backwards edge is an error finding
    const result = JSON.parse(json.stdout);
    expect(result.links).toEqual([{ note: 'uden-begrundelse', from: 'o', to: 'm', kind: 'bidrager-til',
      message: 'Forbindelsen "bidrager til" fra "40 elever deltager" til "Flere i uddannelse" har ingen begrundelse: skriv, hvorfor det ene fører til det andet.' }]);
    const rules = new Set(['aktivitet-uden-maal', 'aktivitet-uden-indikator', 'kun-aktivitetsmaal', 'maal-uden-aktivitet', 'indikator-uden-maalvaerdi',
      'indikator-uden-kobling', 'aktivitet-uden-forankring', 'ugyldig-kant', 'kreds', 'isoleret-node']);
    for (const finding of result.findings) expect(rules.has(finding.rule)).toBe(true);
    expect(result.findings.filter((f: { rule: string }) => f.rule === 'ugyldig-kant')).toHaveLength(1);
    const text = cli('check', path).stdout;
    expect(text).toMatch(/^Forbindelser uden begrundelse \(1\)\n {2}• Forbindelsen "bidrager til" fra "40 elever deltager" til "Flere i uddannelse" har ingen begrundelse/m);
    expect(text).not.toContain('"leder til" fra "Lektiecafé"');
  });

  it('exits 0 when there are warnings but no errors', () => {
    const path = file('ok.json', JSON.stringify({
      format: 'forandringskort/v1', plan: { title: 'OK' },
      nodes: [
        { id: 'a', kind: 'aktivitet', title: 'A' },
        { id: 'm', kind: 'maal', title: 'M' },
        { id: 'i', kind: 'indikator', title: 'I' },
      ],
      edges: [{ from: 'a', to: 'm', kind: 'bidrager-til' }, { from: 'a', to: 'i', kind: 'maales-ved' }],
    }));
    const { status, stdout } = cli('check', path, '--format', 'json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule).sort())
      .toEqual(['aktivitet-uden-forankring', 'indikator-uden-maalvaerdi', 'kun-aktivitetsmaal']);
  });

  it('exits 2 on an invalid file, naming each problem by path, and reports nothing else', () => {
    const path = file('bad.json', JSON.stringify({
      format: 'forandringskort/v1', plan: { title: 'X' },
      nodes: [{ id: 'a', kind: 'aktivitet', title: 'A' }, { id: 'b', kind: 'aktiv', title: 'B' }],
      edges: [{ from: 'a', to: 'nope', kind: 'leder-til' }],
    }));
    const text = cli('check', path);
    expect(text.status).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('nodes[1].kind');
    expect(text.stderr).toContain('edges[0].to');
    const json = cli('check', path, '--format', 'json');
    expect(json.status).toBe(2);
    const body = JSON.parse(json.stdout);
    expect(Object.keys(body).sort()).toEqual(['error', 'problems']);
    expect(body.error).toMatch(/ugyldig/);
    for (const problem of body.problems) expect(Object.keys(problem).sort()).toEqual(['message', 'path']);
    expect(body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['edges[0].to', 'nodes[1].kind']);
  });

  it('exits 2 with a clear message for a missing file, bad JSON, an unknown option', () => {
    expect(cli('check', join(dir, 'findes-ikke.json'))).toMatchObject({ status: 2, stderr: expect.stringContaining('findes ikke') });
    expect(cli('check', file('broken.json', '{"format":'))).toMatchObject({ status: 2, stderr: expect.stringContaining('ikke gyldig JSON') });
    expect(cli('check', 'examples/skabelon.json', '--format', 'xml')).toMatchObject({ status: 2, stderr: expect.stringContaining('--format') });
  });

  it('takes --format=json inline, prints help for check, and refuses a missing file argument or unknown command', () => {
    const inline = cli('check', 'examples/skabelon.json', '--format=json');
    expect(inline.status).toBe(1);
    expect(JSON.parse(inline.stdout).coverage.activities).toBe(2);
    expect(cli('check', '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('check FIL') });
    expect(cli('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('check') });
    expect(cli('check')).toMatchObject({ status: 2, stderr: expect.stringContaining('Angiv præcis én planfil') });
    expect(cli('tjek', 'examples/skabelon.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('Ukendt kommando') });
    expect(cli('check', dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('ikke en fil') });
  });

  it('does not hang or crash on a 50 MB file or a deeply nested one', () => {
    const big = file('big.json', `{"format":"forandringskort/v1","plan":{"title":"${'x'.repeat(50 * 1024 * 1024)}"},"nodes":[],"edges":[]}`);
    const bigResult = cli('check', big, '--format', 'json');
    expect(bigResult.status).toBe(2);
    expect(bigResult.stdout).toMatch(/for stor|større end/);
    const deep = file('deep.json', `${'['.repeat(500_000)}${']'.repeat(500_000)}`);
    const deepResult = cli('check', deep);
    expect(deepResult.status).toBe(2);
    expect(deepResult.stderr).toMatch(/ugyldig/);
  });
});
