import { describe, expect, it } from 'vitest';
import { MAX_VALUE_DEPTH, stripInvalidChars, valueProblem } from '../../model/values.ts';
import { validatePlan } from '../../model/schema.ts';
import { addNode, docToPlan, planToDoc, updateNode } from '../../model/ydoc.ts';

describe('valueProblem', () => {
  it('names the path of a character XML does not allow', () => {
    expect(valueProblem({ a: [1, { b: 'ok\u0002' }] })).toMatchObject({ path: 'a[1].b', message: expect.stringMatching(/U\+0002/) });
    expect(valueProblem({ 'nøgle\u0000': 1 })?.message).toMatch(/feltnavn/);
    expect(valueProblem('lone \uD800 surrogate')).not.toBeNull();
    expect(valueProblem('tab\tnewline\ncr\r emoji 🙂 æøå')).toBeNull();
  });

  it('bounds depth without recursion and size when asked', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(valueProblem(deep)?.message).toMatch(new RegExp(`${MAX_VALUE_DEPTH} niveauer`));
    expect(valueProblem('x'.repeat(2000), { maxBytes: 1000 })?.message).toMatch(/større end/);
    expect(valueProblem({ a: { b: { c: 'fint' } } })).toBeNull();
  });
});

describe('the doors in model/', () => {
  it('the plan schema refuses control characters with the JSON path', () => {
    const result = validatePlan({ format: 'forandringskort/v1', plan: { title: 'P' }, nodes: [{ id: 'a', kind: 'aktivitet', title: 'x\u0001' }], edges: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('nodes[0].title');
  });

  it('the editor’s writes drop characters XML does not allow', () => {
    const doc = planToDoc({ format: 'forandringskort/v1', plan: { title: 'P' }, nodes: [], edges: [] });
    addNode(doc, { id: 'a', kind: 'aktivitet', title: 'Lektie\u0000café' });
    updateNode(doc, 'a', { description: 'Linje\u0007 1\nLinje 2' });
    expect(docToPlan(doc).nodes[0]).toMatchObject({ title: 'Lektiecafé', description: 'Linje 1\nLinje 2' });
    expect(stripInvalidChars('a\u0001b\uFFFEc')).toBe('abc');
  });
});
