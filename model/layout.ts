/**
 * Auto-layout of a plan for the canvas, with @dagrejs/dagre.
 *
 * - Columns by level, left to right: aktivitet, output, resultat, effekt, mål. Each indikator stands in a
 *   narrow column just right of the node it measures (its first valid `maales-ved` edge in file order);
 *   an indikator that measures nothing stands right of the mål column.
 * - Lanes (rows) per indsatsområde in the plan's order; nodes without one (often the plan's mål) in a last
 *   lane. An indikator goes in the lane of the node it measures, so that it stands beside it.
 * - Within a lane dagre orders the nodes of each column to keep edges short and uncrossed. The column of
 *   every node is fixed by us (a ranker function hands dagre the ranks), and only edges that go rightwards
 *   are given to dagre. A NEW dagre graph is built for every lane on every run: dagre caches earlier
 *   results per graph object, which would make a second run depend on the first.
 * - Deterministic: the same plan and options give the same positions. Positions are top-left corners in
 *   whole pixels, as React Flow wants them; no two boxes overlap.
 */
import dagre from '@dagrejs/dagre';
import type { PlanFile, PlanNode } from './schema.ts';

export interface Size {
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Default card size (React Flow measures the real one; pass it in `sizes`). */
  nodeWidth?: number;
  nodeHeight?: number;
  /** Measured sizes by node id; missing ids use the default card size. */
  sizes?: Record<string, Size>;
  /** Horizontal space between columns. */
  columnGap?: number;
  /** Vertical space between cards in one column. */
  rowGap?: number;
  /** Vertical space between lanes. */
  laneGap?: number;
}

export const DEFAULT_LAYOUT: Required<Omit<LayoutOptions, 'sizes'>> = {
  nodeWidth: 220,
  nodeHeight: 80,
  columnGap: 80,
  rowGap: 30,
  laneGap: 80,
};

export interface Point {
  x: number;
  y: number;
}

/** A lane's place, so that the canvas can draw its band and name. `focusArea` null is the last lane. */
export interface LaneBox {
  focusArea: string | null;
  y: number;
  height: number;
}

export interface LayoutResult {
  positions: Record<string, Point>;
  lanes: LaneBox[];
}

/** Column of each level; the odd columns between them hold the indikatorer of the level to their left. */
const LEVEL_COLUMN: Record<Exclude<PlanNode['kind'], 'indikator'>, number> = {
  aktivitet: 0,
  output: 2,
  resultat: 4,
  effekt: 6,
  maal: 8,
};
const UNMEASURED_INDICATOR_COLUMN = 9;

interface Placement {
  node: PlanNode;
  column: number;
  lane: string | null;
  size: Size;
}

/** Positions (top-left corners) for every node of the plan. */
export function layoutPlan(plan: PlanFile, options: LayoutOptions = {}): Record<string, Point> {
  return computeLayout(plan, options).positions;
}

export function computeLayout(plan: PlanFile, options: LayoutOptions = {}): LayoutResult {
  const settings = { ...DEFAULT_LAYOUT, ...options };
  const placements = placeNodes(plan, settings);
  const columnLeft = columnLefts(placements, settings.columnGap);
  const positions: Record<string, Point> = {};
  const lanes: LaneBox[] = [];
  let laneTop = 0;
  for (const lane of laneOrder(plan)) {
    const members = placements.filter((placement) => placement.lane === lane);
    if (members.length === 0) continue;
    const tops = laneTops(members, plan, settings.rowGap);
    let height = 0;
    for (const placement of members) {
      const { left, width } = columnLeft.get(placement.column)!;
      const top = tops.get(placement.node.id)!;
      positions[placement.node.id] = {
        x: Math.round(left + (width - placement.size.width) / 2),
        y: Math.round(laneTop + top),
      };
      height = Math.max(height, top + placement.size.height);
    }
    lanes.push({ focusArea: lane, y: Math.round(laneTop), height: Math.round(height) });
    laneTop += height + settings.laneGap;
  }
  return { positions, lanes };
}

function laneOrder(plan: PlanFile): Array<string | null> {
  return [...(plan.focusAreas ?? []).map((area) => area.id), null];
}

function placeNodes(plan: PlanFile, settings: typeof DEFAULT_LAYOUT & LayoutOptions): Placement[] {
  const focusAreaIds = new Set((plan.focusAreas ?? []).map((area) => area.id));
  const byId = new Map(plan.nodes.map((node) => [node.id, node]));
  const measuredBy = new Map<string, PlanNode>();
  for (const edge of plan.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (edge.kind !== 'maales-ved' || !from || !to || to.kind !== 'indikator' || from.kind === 'indikator') continue;
    if (!measuredBy.has(to.id)) measuredBy.set(to.id, from);
  }
  const laneOf = (node: PlanNode): string | null =>
    node.focusArea !== undefined && focusAreaIds.has(node.focusArea) ? node.focusArea : null;
  return plan.nodes.map((node) => {
    const size = settings.sizes?.[node.id] ?? { width: settings.nodeWidth, height: settings.nodeHeight };
    if (node.kind !== 'indikator') return { node, column: LEVEL_COLUMN[node.kind], lane: laneOf(node), size };
    const measured = measuredBy.get(node.id);
    if (!measured || measured.kind === 'indikator') return { node, column: UNMEASURED_INDICATOR_COLUMN, lane: laneOf(node), size };
    return { node, column: LEVEL_COLUMN[measured.kind] + 1, lane: laneOf(measured), size };
  });
}

/** Left edge and width of each used column; empty columns take no room. */
function columnLefts(placements: readonly Placement[], gap: number): Map<number, { left: number; width: number }> {
  const widths = new Map<number, number>();
  for (const { column, size } of placements) widths.set(column, Math.max(widths.get(column) ?? 0, size.width));
  const result = new Map<number, { left: number; width: number }>();
  let left = 0;
  for (const column of [...widths.keys()].sort((a, b) => a - b)) {
    const width = widths.get(column)!;
    result.set(column, { left, width });
    left += width + gap;
  }
  return result;
}

/** Top of each card within its lane (lane top = 0): dagre's order, then a pass that removes any overlap. */
function laneTops(members: readonly Placement[], plan: PlanFile, rowGap: number): Map<string, number> {
  const centres = dagreCentres(members, plan, rowGap);
  const columns = new Map<number, Placement[]>();
  for (const placement of members) columns.set(placement.column, [...(columns.get(placement.column) ?? []), placement]);
  const rawTops = new Map<string, number>();
  for (const column of columns.values()) {
    column.sort((a, b) => centres.get(a.node.id)! - centres.get(b.node.id)!);
    let nextFree = Number.NEGATIVE_INFINITY;
    for (const placement of column) {
      const top = Math.max(centres.get(placement.node.id)! - placement.size.height / 2, nextFree);
      rawTops.set(placement.node.id, top);
      nextFree = top + placement.size.height + rowGap;
    }
  }
  const minTop = Math.min(...rawTops.values());
  return new Map([...rawTops].map(([id, top]) => [id, top - minTop]));
}

/** Vertical centres from a fresh dagre graph of one lane, with every node held in its own column. */
function dagreCentres(members: readonly Placement[], plan: PlanFile, rowGap: number): Map<string, number> {
  const columnOf = new Map(members.map((placement) => [placement.node.id, placement.column]));
  const graph = new dagre.graphlib.Graph();
  const fixedRanks = (rankGraph: InstanceType<typeof dagre.graphlib.Graph>): void => {
    for (const id of rankGraph.nodes()) {
      // dagre doubles every edge's length to make room for labels, so ranks are 2 × column; -1 is its nesting root
      const column = columnOf.get(id);
      (rankGraph.node(id) as { rank?: number }).rank = column === undefined ? -1 : column * 2;
    }
  };
  // dagre accepts a ranker function at run time; its type only names the built-in rankers.
  graph.setGraph({ rankdir: 'LR', nodesep: rowGap, ranksep: 40, ranker: fixedRanks as unknown as 'network-simplex' });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const { node, size } of members) graph.setNode(node.id, { width: size.width, height: size.height });
  for (const edge of plan.edges) {
    const fromColumn = columnOf.get(edge.from);
    const toColumn = columnOf.get(edge.to);
    if (fromColumn === undefined || toColumn === undefined || toColumn <= fromColumn) continue;
    graph.setEdge(edge.from, edge.to, { weight: edge.kind === 'leder-til' ? 2 : 1, minlen: toColumn - fromColumn });
  }
  dagre.layout(graph);
  return new Map(members.map(({ node }) => [node.id, (graph.node(node.id) as { y?: number }).y ?? 0]));
}
