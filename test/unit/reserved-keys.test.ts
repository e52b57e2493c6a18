// Issue 24: the keys "__proto__", "constructor" and "prototype" are refused at every door (model/values.ts says why).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validatePlan, type PlanFile } from '../../model/schema.ts';
import { RESERVED_KEYS, reservedKeyPath, updateHoldsProtoKey, valueProblem } from '../../model/values.ts';
import { addEdge, addNode, docToPlan, planToDoc, replacePlan, updateFocusArea, updateNode } from '../../model/ydoc.ts';
import { reservedKeyValueArbitrary } from '../support/arbitraries.ts';

/** The plan of the counterexample that seed -1723885227 found: a focus area whose own key `order` holds it. */
const counterexample = (): PlanFile =>
  JSON.parse(
    '{"format":"forandringskort/v1","plan":{"title":"Boligplan"},"focusAreas":[{"id":"fa1","title":"Børn og unge","order":{"__proto__":0}}],' +
      '"nodes":[{"id":"a1","kind":"aktivitet","title":"Lektiecafé","focusArea":"fa1"}],"edges":[]}',
  ) as PlanFile;

const cleanPlan = (): PlanFile => {
  const plan = counterexample();
  delete (plan.focusAreas![0] as Record<string, unknown>).order;
  return plan;
};

function prototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('the counterexample of seed -1723885227', () => {
  it('is why: lib0 decodes {"__proto__": 0} as {} on every other replica', () => {
    const writer = new Y.Doc();
    const value = JSON.parse('{"__proto__": 0}') as object;
    writer.getMap('m').set('order', value);
    const reader = new Y.Doc();
    const update = Y.encodeStateAsUpdate(writer);
    Y.applyUpdate(reader, update);
    expect(Object.keys(writer.getMap('m').get('order') as object)).toEqual(['__proto__']);
    expect(Object.keys(reader.getMap('m').get('order') as object)).toEqual([]);
    expect(updateHoldsProtoKey(update)).toBe(true);
  });

  it('is refused as a plan file, naming the JSON path', () => {
    const result = validatePlan(counterexample());
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([{ path: 'focusAreas[0].order.__proto__', message: expect.stringMatching(/"__proto__" er ikke tilladt/) }]);
  });

  it('is refused by the binding, which then has changed nothing', () => {
    const doc = planToDoc(cleanPlan());
    const before = Y.encodeStateVector(doc);
    expect(() => updateFocusArea(doc, 'fa1', { order: JSON.parse('{"__proto__": 0}') } as never)).toThrow(/__proto__/);
    expect(() => replacePlan(doc, counterexample())).toThrow(/__proto__/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(docToPlan(doc)).toEqual(cleanPlan());
  });
});

describe('values with reserved keys', () => {
  it('are refused by valueProblem and reservedKeyPath with the path of the key', () => {
    fc.assert(
      fc.property(reservedKeyValueArbitrary, ({ value, path }) => {
        expect(reservedKeyPath(value)).toBe(path);
        expect(valueProblem(value)).toEqual({ path, message: expect.stringMatching(/er ikke tilladt/) });
        prototypesUntouched();
      }),
    );
  });

  it('are refused in any plan file, on a node, an edge, a focus area or the plan, naming the JSON path', () => {
    const places = fc.constantFrom('plan', 'focusAreas[0]', 'nodes[0]', 'edges[0]');
    fc.assert(
      fc.property(reservedKeyValueArbitrary, places, ({ value, path }, place) => {
        const plan = cleanPlan() as unknown as Record<string, unknown> & { plan: object; focusAreas: object[]; nodes: object[]; edges: object[] };
        plan.nodes.push({ id: 'm1', kind: 'maal', title: 'Mål' });
        plan.edges.push({ from: 'a1', to: 'm1', kind: 'bidrager-til' });
        const target = place === 'plan' ? plan.plan : place === 'focusAreas[0]' ? plan.focusAreas[0]! : place === 'nodes[0]' ? plan.nodes[0]! : plan.edges[0]!;
        (target as Record<string, unknown>).egen = value;
        const result = validatePlan(plan);
        expect(result.ok ? [] : result.problems).toEqual([{ path: `${place}.egen.${path}`, message: expect.stringMatching(/er ikke tilladt/) }]);
        prototypesUntouched();
      }),
    );
  });

  it('are refused by every mutator of the binding, and the doc is unchanged', () => {
    fc.assert(
      fc.property(reservedKeyValueArbitrary, ({ value }) => {
        const doc = planToDoc(cleanPlan());
        const before = Y.encodeStateAsUpdate(doc);
        expect(() => updateNode(doc, 'a1', { egen: value } as never)).toThrow(/er ikke tilladt/);
        expect(() => addNode(doc, { id: 'o1', kind: 'output', title: 'Output', egen: value } as never)).toThrow(/er ikke tilladt/);
        expect(addEdge(doc, { from: 'a1', to: 'a1', kind: 'leder-til', egen: value } as never)).toMatchObject({ ok: false, reason: expect.stringMatching(/ikke tilladt/) });
        expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
        prototypesUntouched();
      }),
    );
  });

  it('leaves plain values with other keys alone', () => {
    for (const key of RESERVED_KEYS) expect(valueProblem({ [`${key}x`]: 1, [`x${key}`]: { tekst: key } })).toBeNull();
    expect(reservedKeyPath({ a: [{ b: 'constructor' }], c: '__proto__' })).toBeNull();
  });
});
