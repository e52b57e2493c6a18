import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLayout, DEFAULT_LAYOUT, layoutPlan, type Point, type Size } from '../../model/layout.ts';
import type { PlanFile, PlanNode } from '../../model/schema.ts';
import { planArbitrary } from '../support/arbitraries.ts';
import { createUndoManager, docToPlan, planToDoc } from '../../model/ydoc.ts';
import { handleLayoutRequest } from '../../client/layout.worker.ts';
import { layoutDoc, runLayout } from '../../client/layoutClient.ts';

function node(id: string, kind: PlanNode['kind'], focusArea?: string): PlanNode {
  return focusArea === undefined ? { id, kind, title: id } : { id, kind, title: id, focusArea };
}

/** Two lanes with a full chain each, shared goals without a lane, and indikatorer on several levels. */
function workshopPlan(): PlanFile {
  return {
    format: 'forandringskort/v1',
    plan: { title: 'Layout' },
    focusAreas: [
      { id: 'io1', title: 'Børn og unge' },
      { id: 'io2', title: 'Tryghed' },
    ],
    nodes: [
      node('m1', 'maal'),
      node('i-o1', 'indikator'),
      node('a1', 'aktivitet', 'io1'),
      node('a2', 'aktivitet', 'io1'),
      node('o1', 'output', 'io1'),
      node('r1', 'resultat', 'io1'),
      node('e1', 'effekt', 'io1'),
      node('a3', 'aktivitet', 'io2'),
      node('r3', 'resultat', 'io2'),
      node('i-r3', 'indikator', 'io1'),
      node('i-loose', 'indikator'),
      node('o-loose', 'output'),
    ],
    edges: [
      { from: 'a1', to: 'o1', kind: 'leder-til' },
      { from: 'a2', to: 'o1', kind: 'leder-til' },
      { from: 'o1', to: 'r1', kind: 'leder-til' },
      { from: 'r1', to: 'e1', kind: 'leder-til' },
      { from: 'e1', to: 'm1', kind: 'bidrager-til' },
      { from: 'o1', to: 'i-o1', kind: 'maales-ved' },
      { from: 'a3', to: 'r3', kind: 'leder-til' },
      { from: 'r3', to: 'm1', kind: 'bidrager-til' },
      { from: 'r3', to: 'i-r3', kind: 'maales-ved' },
      { from: 'r1', to: 'a1', kind: 'leder-til' },
    ],
  };
}

function boxes(plan: PlanFile, positions: Record<string, Point>, sizes: Record<string, Size> = {}) {
  return plan.nodes.map((n) => {
    const { x, y } = positions[n.id]!;
    const { width, height } = sizes[n.id] ?? { width: DEFAULT_LAYOUT.nodeWidth, height: DEFAULT_LAYOUT.nodeHeight };
    return { id: n.id, x, y, width, height };
  });
}

function overlaps(plan: PlanFile, positions: Record<string, Point>, sizes: Record<string, Size> = {}): string[] {
  const all = boxes(plan, positions, sizes);
  const found: string[] = [];
  all.forEach((a, i) => {
    for (const b of all.slice(i + 1)) {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id}/${b.id}`);
    }
  });
  return found;
}

describe('layoutPlan', () => {
  it('places every node in whole pixels', () => {
    const plan = workshopPlan();
    const positions = layoutPlan(plan);
    expect(Object.keys(positions).sort()).toEqual(plan.nodes.map((n) => n.id).sort());
    for (const { x, y } of Object.values(positions)) {
      expect(Number.isInteger(x)).toBe(true);
      expect(Number.isInteger(y)).toBe(true);
    }
  });

  it('orders columns by level: aktivitet, output, resultat, effekt, then mål, aligned across lanes', () => {
    const p = layoutPlan(workshopPlan());
    expect(p.a1!.x).toBeLessThan(p.o1!.x);
    expect(p.o1!.x).toBeLessThan(p.r1!.x);
    expect(p.r1!.x).toBeLessThan(p.e1!.x);
    expect(p.e1!.x).toBeLessThan(p.m1!.x);
    expect(p.a3!.x).toBe(p.a1!.x);
    expect(p.r3!.x).toBe(p.r1!.x);
    expect(p['o-loose']!.x).toBe(p.o1!.x);
  });

  it('puts an indikator beside the node it measures, in that node’s lane', () => {
    const p = layoutPlan(workshopPlan());
    expect(p['i-o1']!.x).toBeGreaterThan(p.o1!.x);
    expect(p['i-o1']!.x).toBeLessThan(p.r1!.x);
    expect(p['i-r3']!.x).toBeGreaterThan(p.r3!.x);
    expect(p['i-r3']!.x).toBeLessThan(p.e1!.x);
    const { lanes } = computeLayout(workshopPlan());
    const laneOf = (id: string) => lanes.find((lane) => p[id]!.y >= lane.y && p[id]!.y < lane.y + lane.height)!.focusArea;
    expect(laneOf('i-o1')).toBe('io1');
    expect(laneOf('i-r3')).toBe('io2');
    expect(p['i-loose']!.x).toBeGreaterThan(p.m1!.x);
  });

  it('gives each indsatsområde its own lane in the plan’s order, with nodes without one in a last lane', () => {
    const plan = workshopPlan();
    const { positions: p, lanes } = computeLayout(plan);
    expect(lanes.map((lane) => lane.focusArea)).toEqual(['io1', 'io2', null]);
    const bottomOf = (ids: string[]) => Math.max(...ids.map((id) => p[id]!.y + DEFAULT_LAYOUT.nodeHeight));
    const topOf = (ids: string[]) => Math.min(...ids.map((id) => p[id]!.y));
    expect(bottomOf(['a1', 'a2', 'o1', 'r1', 'e1', 'i-o1'])).toBeLessThan(topOf(['a3', 'r3', 'i-r3']));
    expect(bottomOf(['a3', 'r3', 'i-r3'])).toBeLessThan(topOf(['m1', 'o-loose', 'i-loose']));

    const swapped = { ...plan, focusAreas: [...plan.focusAreas!].reverse() };
    const q = layoutPlan(swapped);
    expect(q.a3!.y).toBeLessThan(q.a1!.y);
  });

  it('leaves no two boxes overlapping, also with measured sizes', () => {
    const plan = workshopPlan();
    expect(overlaps(plan, layoutPlan(plan))).toEqual([]);
    const sizes = { a1: { width: 400, height: 200 }, o1: { width: 150, height: 300 }, m1: { width: 220, height: 40 } };
    const positions = layoutPlan(plan, { sizes });
    expect(overlaps(plan, positions, sizes)).toEqual([]);
    expect(positions.o1!.x).toBeGreaterThanOrEqual(positions.a1!.x + 400);
  });

  it('leaves no two boxes overlapping for generated plans', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        expect(overlaps(plan, layoutPlan(plan))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic, also after laying out another plan', () => {
    const plan = workshopPlan();
    const first = layoutPlan(plan);
    layoutPlan({ ...plan, nodes: plan.nodes.slice(0, 5), edges: [] });
    expect(layoutPlan(plan)).toEqual(first);
    expect(layoutPlan(structuredClone(plan))).toEqual(first);
  });

  it('lays out an empty plan as nothing', () => {
    expect(computeLayout({ format: 'forandringskort/v1', plan: { title: '' }, nodes: [], edges: [] })).toEqual({ positions: {}, lanes: [] });
  });
});

describe('layout client and worker handler', () => {
  it('the worker handler answers a request with the same layout, under the request’s id', () => {
    const plan = workshopPlan();
    expect(handleLayoutRequest({ id: 7, plan, options: { rowGap: 10 } })).toEqual({
      id: 7,
      ok: true,
      result: computeLayout(plan, { rowGap: 10 }),
    });
  });

  it('runLayout gives the model’s layout (inline where no worker exists)', async () => {
    const plan = workshopPlan();
    expect(await runLayout(plan, { workerThreshold: 0 })).toEqual(layoutPlan(plan));
  });

  it('layoutDoc moves every node as one undoable step of its origin', async () => {
    const plan = workshopPlan();
    const doc = planToDoc(plan);
    const origin = { user: 'facilitator' };
    const undo = createUndoManager(doc, origin);
    const positions = await layoutDoc(doc, origin);
    expect(Object.fromEntries(docToPlan(doc).nodes.map((n) => [n.id, n.position]))).toEqual(positions);
    undo.undo();
    expect(docToPlan(doc)).toEqual(plan);
    expect(undo.canUndo()).toBe(false);
  });
});
