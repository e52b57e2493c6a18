import { describe, expect, it } from 'vitest';
import { readPlanText, validatePlan } from '../../model/schema.ts';

const minimal = () => ({ format: 'forandringskort/v1', plan: { title: 'T' }, nodes: [] as unknown[], edges: [] as unknown[] });

function problems(data: unknown) {
  const result = validatePlan(data);
  return result.ok ? [] : result.problems;
}

describe('validatePlan', () => {
  it('accepts the minimal file and keeps unknown nested keys', () => {
    const data = { ...minimal(), nodes: [{ id: 'a', kind: 'aktivitet', title: 'A', egetFelt: 1 }] };
    const result = validatePlan(data);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.plan.nodes[0]).toMatchObject({ egetFelt: 1 });
  });

  it.each([
    ['a missing format', { plan: { title: 'T' }, nodes: [], edges: [] }, 'format'],
    ['a wrong format', { ...minimal(), format: 'v2' }, 'format'],
    ['a missing plan title', { ...minimal(), plan: {} }, 'plan.title'],
    ['missing nodes', { format: 'forandringskort/v1', plan: { title: 'T' }, edges: [] }, 'nodes'],
    ['a node kind outside the enumeration', { ...minimal(), nodes: [{ id: 'a', kind: 'aktiv', title: 'A' }] }, 'nodes[0].kind'],
    ['a title of the wrong type', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 3 }] }, 'nodes[0].title'],
    ['a bad anchoring strategy', { ...minimal(), nodes: [{ id: 'a', kind: 'aktivitet', title: 'A', anchoring: { strategy: 'x' } }] }, 'nodes[0].anchoring.strategy'],
    ['a bad status', { ...minimal(), nodes: [{ id: 'a', kind: 'aktivitet', title: 'A', status: 'blaa' }] }, 'nodes[0].status'],
    ['a bad horizon', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A', horizon: 'mellem' }] }, 'nodes[0].horizon'],
    ['a repeated node id', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A' }, { id: 'a', kind: 'maal', title: 'B' }] }, 'nodes[1].id'],
    ['an unknown top-level key', { ...minimal(), extra: true }, 'extra'],
    ['an unknown focus area', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A', focusArea: 'io9' }] }, 'nodes[0].focusArea'],
    ['an edge to a missing node', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A' }], edges: [{ from: 'a', to: 'b', kind: 'bidrager-til' }] }, 'edges[0].to'],
    ['a bad edge kind', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A' }], edges: [{ from: 'a', to: 'a', kind: 'foerer-til' }] }, 'edges[0].kind'],
    ['missing edges', { format: 'forandringskort/v1', plan: { title: 'T' }, nodes: [] }, 'edges'],
    ['a missing plan', { format: 'forandringskort/v1', nodes: [], edges: [] }, 'plan'],
    ['a root that is a list', [], '(roden)'],
    ['a node without id', { ...minimal(), nodes: [{ kind: 'maal', title: 'A' }] }, 'nodes[0].id'],
    ['a node that is not an object', { ...minimal(), nodes: ['a'] }, 'nodes[0]'],
    ['an edge without kind', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A' }], edges: [{ from: 'a', to: 'a' }] }, 'edges[0].kind'],
    ['an edge from a missing node', { ...minimal(), nodes: [{ id: 'a', kind: 'maal', title: 'A' }], edges: [{ from: 'x', to: 'a', kind: 'bidrager-til' }] }, 'edges[0].from'],
    ['focusAreas that is not a list', { ...minimal(), focusAreas: {} }, 'focusAreas'],
    ['a period year that is not an integer', { ...minimal(), plan: { title: 'T', period: { from: 2013.5, to: 2016 } } }, 'plan.period.from'],
    ['a target value that is text', { ...minimal(), nodes: [{ id: 'i', kind: 'indikator', title: 'I', target: { value: '40' } }] }, 'nodes[0].target.value'],
    ['partners that are not a list of text', { ...minimal(), nodes: [{ id: 'a', kind: 'aktivitet', title: 'A', partners: [1] }] }, 'nodes[0].partners[0]'],
    ['external that is not true or false', { ...minimal(), nodes: [{ id: 'm', kind: 'maal', title: 'M', external: 'ja' }] }, 'nodes[0].external'],
    ['a measurement without value', { ...minimal(), nodes: [{ id: 'i', kind: 'indikator', title: 'I', measurements: [{ date: '2013-06-30' }] }] }, 'nodes[0].measurements[0].value'],
  ])('refuses %s, naming %s', (_name, data, path) => {
    const found = problems(data);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.message.length).toBeGreaterThan(5);
  });

  it('lists every problem at once, not only the first', () => {
    const data = {
      ...minimal(),
      nodes: [{ id: 'a', kind: 'x', title: 'A' }, { id: 'b', kind: 'maal' }],
      edges: [{ from: 'a', to: 'zz', kind: 'leder-til' }],
    };
    expect(problems(data).map((p) => p.path).sort()).toEqual(['edges[0].to', 'nodes[0].kind', 'nodes[1].title']);
  });

  it('says that a required enumeration is missing, not that it was found empty', () => {
    const found = problems({ ...minimal(), nodes: [{ id: 'a', title: 'A' }] });
    expect(found.find((p) => p.path === 'nodes[0].kind')!.message).toMatch(/^mangler \(påkrævet: en af "aktivitet"/);
  });

  it('says in Danish what was expected and what was found', () => {
    const [problem] = problems({ ...minimal(), nodes: [{ id: 'a', kind: 'aktiv', title: 'A' }] });
    expect(problem!.message).toContain('forventede en af');
    expect(problem!.message).toContain('"aktiv"');
  });
});

describe('readPlanText', () => {
  it('refuses text that is not JSON', () => {
    const result = readPlanText('{ "format": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/ikke gyldig JSON/);
  });
  it('reads a file with a byte order mark', () => {
    expect(readPlanText(`\ufeff${JSON.stringify(minimal())}`).ok).toBe(true);
  });
  it('refuses a file over the size limit before parsing it', () => {
    const result = readPlanText(JSON.stringify(minimal()), { maxBytes: 10 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/større end grænsen/);
  });
  it('counts the limit in bytes of UTF-8, not in characters', () => {
    const text = JSON.stringify({ ...minimal(), plan: { title: 'æ'.repeat(600) } });
    expect(readPlanText(text, { maxBytes: 1000 }).ok).toBe(false);
    expect(readPlanText(text, { maxBytes: 1400 }).ok).toBe(true);
  });
  it('refuses a file just over 50 MB by default, without parsing it', () => {
    const text = `{"format":"forandringskort/v1","plan":{"title":"${'x'.repeat(50 * 1024 * 1024)}"},"nodes":[],"edges":[]}`;
    const result = readPlanText(text);
    expect(result).toEqual({ ok: false, problems: [{ path: '(roden)', message: expect.stringContaining('50 MB') }] });
  });
  it('survives deeply nested input with a clear message', () => {
    const depth = 1_000_000;
    const result = readPlanText(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(result.ok).toBe(false);
  });
  it('survives deep nesting inside a kept unknown key', () => {
    const depth = 50_000;
    const text = `{"format":"forandringskort/v1","plan":{"title":"T","x":${'['.repeat(depth)}${']'.repeat(depth)}},"nodes":[],"edges":[]}`;
    expect(() => readPlanText(text)).not.toThrow();
  });
});
