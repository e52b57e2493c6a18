// Placement of new cards, lanes on arrival and edge routing: the pure parts behind the canvas and the Word figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_SIZE, overlappingPairs, polylineCrossesBox, segmentCrossesBox, type Box } from '../../model/geometry.ts';
import { computeLayout, focusAreaPlan, laneBands, withPositions } from '../../model/layout.ts';
import { COLUMN_PITCH, findFreeSpot, placeNewCard, type KindBox } from '../../model/placement.ts';
import { routeEdge, routeEdges } from '../../model/routing.ts';
import type { PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

/** Rum for Liv as it would come from a spreadsheet or another tool: no positions at all. */
function withoutPositions(plan: PlanFile): PlanFile {
  return { ...plan, nodes: plan.nodes.map(({ position: _dropped, ...node }) => node) };
}

function boxesOverlapForTest(a: Box, b: Box): boolean {
  return overlappingPairs(new Map([['a', a], ['b', b]])).length > 0;
}

function boxesOf(plan: PlanFile): Map<string, Box> {
  return new Map(plan.nodes.map((node) => [node.id, { ...node.position!, ...CARD_SIZE }]));
}

describe('placing new cards', () => {
  it('puts five cards added at the same spot next to each other, none overlapping', () => {
    const boxes = new Map<string, Box>();
    for (let i = 0; i < 5; i++) boxes.set(`n${i}`, { ...findFreeSpot([...boxes.values()], CARD_SIZE, { x: 100, y: 100 }), ...CARD_SIZE });
    expect(overlappingPairs(boxes)).toEqual([]);
    // and near where the person looks: within two card widths
    for (const box of boxes.values()) expect(Math.abs(box.x - 100)).toBeLessThanOrEqual(2 * CARD_SIZE.width);
  });

  it('keeps the preferred spot when it is free', () => {
    expect(findFreeSpot([{ x: 0, y: 0, ...CARD_SIZE }], CARD_SIZE, { x: 600, y: 0 })).toEqual({ x: 600, y: 0 });
  });
});

describe('placing new cards in their kind\'s column', () => {
  const centre = { x: 500, y: 300 };
  const add = (cards: KindBox[], kind: KindBox['kind']) => cards.push({ kind, ...placeNewCard(cards, kind, CARD_SIZE, centre), ...CARD_SIZE });

  it('lays a chain added card by card out left to right: aktivitet, output, resultat, mål, indikator', () => {
    const cards: KindBox[] = [];
    for (const kind of ['aktivitet', 'output', 'resultat', 'maal', 'indikator'] as const) add(cards, kind);
    const xs = cards.map((card) => card.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(5);
    // no room kept for the effekt that is not there: the chain is five columns wide, not six
    expect(xs[4]! - xs[0]!).toBe(4 * COLUMN_PITCH);
    // all at the height the person looks at, since each column is still empty there
    expect(new Set(cards.map((card) => card.y))).toEqual(new Set([centre.y - CARD_SIZE.height / 2]));
    expect(overlappingPairs(new Map(cards.map((card, i) => [String(i), card])))).toEqual([]);
  });

  it('puts a kind added later right of the kinds before it, free of the others', () => {
    const cards: KindBox[] = [];
    for (const kind of ['maal', 'aktivitet', 'output', 'resultat'] as const) add(cards, kind);
    const x = (kind: string) => cards.find((card) => card.kind === kind)!.x;
    expect(x('aktivitet')).toBeLessThan(x('output'));
    expect(x('output')).toBeLessThan(x('resultat'));
    expect(overlappingPairs(new Map(cards.map((card, i) => [String(i), card])))).toEqual([]);
  });

  it('stacks cards of one kind in one column, none overlapping', () => {
    const cards: KindBox[] = [];
    add(cards, 'output');
    for (let i = 0; i < 4; i++) add(cards, 'aktivitet');
    const activities = cards.filter((card) => card.kind === 'aktivitet');
    expect(new Set(activities.map((card) => card.x)).size).toBe(1);
    expect(activities[0]!.x).toBeLessThan(cards[0]!.x);
    expect(overlappingPairs(new Map(cards.map((card, i) => [String(i), card])))).toEqual([]);
  });

  it('puts a new card of a laid-out plan in the column where its kind stands', () => {
    const plan = withPositions(withoutPositions(rumForLiv));
    const cards: KindBox[] = plan.nodes.map((node) => ({ kind: node.kind, ...node.position!, ...CARD_SIZE }));
    const resultatX = cards.filter((card) => card.kind === 'resultat').map((card) => card.x).sort((a, b) => a - b);
    const spot = placeNewCard(cards, 'resultat', CARD_SIZE, { x: 0, y: 400 });
    expect(spot.x).toBe(resultatX[Math.floor(resultatX.length / 2)]);
    expect(cards.some((card) => boxesOverlapForTest({ ...spot, ...CARD_SIZE }, card))).toBe(false);
  });
});

describe('a plan that arrives without positions', () => {
  it('is laid out by level in one lane per indsatsområde, no cards overlapping, every lane named', () => {
    const plan = withPositions(withoutPositions(rumForLiv));
    expect(plan.nodes.every((node) => node.position)).toBe(true);
    expect(overlappingPairs(boxesOf(plan))).toEqual([]);
    const bands = laneBands(plan, boxesOf(plan));
    const areasWithCards = (plan.focusAreas ?? []).filter((area) => plan.nodes.some((node) => node.focusArea === area.id));
    expect(bands.map((band) => band.title)).toEqual(areasWithCards.map((area) => area.title));
    // lanes are stacked: no two bands overlap, so each label names one lane
    expect(overlappingPairs(new Map(bands.map((band) => [band.focusArea, band])))).toEqual([]);
    // levels left to right: every aktivitet left of every effekt in its lane
    const layout = computeLayout(withoutPositions(rumForLiv));
    const x = (kind: string) => plan.nodes.filter((n) => n.kind === kind).map((n) => layout.positions[n.id]!.x);
    expect(Math.max(...x('aktivitet'))).toBeLessThan(Math.min(...x('effekt')));
  });

  it('places only the missing cards when some have positions, and keeps the others where they were', () => {
    const [first, ...rest] = rumForLiv.nodes;
    const mixed: PlanFile = { ...rumForLiv, nodes: [first!, ...rest.slice(0, 10).map(({ position: _p, ...node }) => node), ...rest.slice(10)] };
    const placed = withPositions(mixed);
    expect(placed.nodes[0]!.position).toEqual(first!.position);
    expect(placed.nodes.slice(11).map((n) => n.position)).toEqual(rest.slice(10).map((n) => n.position));
    const newBoxes = placed.nodes.slice(1, 11).map((n) => ({ ...n.position!, ...CARD_SIZE }));
    for (const box of newBoxes) for (const other of placed.nodes) {
      if (placed.nodes.slice(1, 11).some((n) => n.id === other.id)) continue;
      expect(segmentCrossesBox({ x: box.x + 1, y: box.y + 1 }, { x: box.x + box.width - 1, y: box.y + box.height - 1 }, { ...other.position!, ...CARD_SIZE })).toBe(false);
    }
  });

  it('gives each indsatsområde a figure of its own cards and the goals they serve', () => {
    const area = rumForLiv.focusAreas![0]!;
    const part = focusAreaPlan(rumForLiv, area.id);
    expect(part.nodes.some((n) => n.focusArea === area.id)).toBe(true);
    expect(part.nodes.every((n) => n.focusArea === area.id || !n.focusArea)).toBe(true);
    expect(part.edges.every((e) => part.nodes.some((n) => n.id === e.from) && part.nodes.some((n) => n.id === e.to))).toBe(true);
  });
});

describe('routing lines around cards', () => {
  const output: Box = { x: 0, y: 0, ...CARD_SIZE };
  const resultat: Box = { x: 300, y: 0, ...CARD_SIZE };
  const maal: Box = { x: 600, y: 0, ...CARD_SIZE };
  const indikator: Box = { x: 900, y: 10, ...CARD_SIZE };

  it('an output→indikator line does not run behind the resultat and the mål between them', () => {
    const straight = [{ x: 220, y: 40 }, { x: 900, y: 50 }];
    expect(polylineCrossesBox(straight, resultat)).toBe(true); // the bug: the straight line is behind them
    const route = routeEdge(output, indikator, [resultat, maal]);
    expect(route.detour).toBe(true);
    expect(polylineCrossesBox(route.points, resultat)).toBe(false);
    expect(polylineCrossesBox(route.points, maal)).toBe(false);
    expect(route.points[0]).toEqual({ x: 220, y: 40 });
    expect(route.points.at(-1)).toEqual({ x: 900, y: 50 });
  });

  it('keeps the straight line when nothing is in the way', () => {
    expect(routeEdge(output, resultat, [maal, indikator])).toEqual({ points: [{ x: 220, y: 40 }, { x: 300, y: 40 }], detour: false });
  });

  it('in the laid-out Rum for Liv, no line crosses a card it does not connect', () => {
    const plan = withPositions(withoutPositions(rumForLiv));
    const boxes = boxesOf(plan);
    const routes = routeEdges(boxes, plan.edges.map((e, i) => ({ id: String(i), from: e.from, to: e.to })));
    const crossings: string[] = [];
    plan.edges.forEach((edge, i) => {
      for (const [id, box] of boxes) {
        if (id !== edge.from && id !== edge.to && polylineCrossesBox(routes.get(String(i))!.points, box)) crossings.push(`${edge.from}→${edge.to} behind ${id}`);
      }
    });
    expect(crossings).toEqual([]);
  });
});
