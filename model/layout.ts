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
import { CARD_SIZE, type Box, type Point, type Size } from './geometry.ts';
import { findFreeSpot } from './placement.ts';
import type { PlanFile, PlanNode } from './schema.ts';
import { kindTable } from './kinds.ts';

export type { Point, Size };

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
const LEVEL_COLUMN: Record<PlanNode['kind'], number> = kindTable((facts) => facts.column * 2);
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

/**
 * The plan with a position for every node, for plans that arrive without them (a file, a spreadsheet, the API):
 * when no node has a position the whole plan is laid out (levels in columns, a lane per indsatsområde); when only
 * some lack one, each of those goes to the free spot nearest its laid-out place, and placed nodes keep theirs.
 * Returns the same object when nothing was missing.
 */
export function withPositions(plan: PlanFile, options: LayoutOptions = {}): PlanFile {
  const missing = plan.nodes.filter((node) => !node.position);
  if (missing.length === 0) return plan;
  const laidOut = layoutPlan(plan, options);
  if (missing.length === plan.nodes.length) return { ...plan, nodes: plan.nodes.map((node) => ({ ...node, position: laidOut[node.id]! })) };
  const occupied: Box[] = plan.nodes.filter((node) => node.position).map((node) => ({ ...node.position!, ...CARD_SIZE }));
  const placed = new Map<string, Point>();
  for (const node of missing) {
    const spot = findFreeSpot(occupied, CARD_SIZE, laidOut[node.id]!);
    placed.set(node.id, spot);
    occupied.push({ ...spot, ...CARD_SIZE });
  }
  return { ...plan, nodes: plan.nodes.map((node) => (node.position ? node : { ...node, position: placed.get(node.id)! })) };
}

/**
 * The nodes that belong to one indsatsområde's picture: its own nodes, and the nodes without an area (usually the
 * plan's mål and their indikatorer) that an edge ties to them. Used by the canvas filter and the Word figures.
 */
export function focusAreaNodeIds(plan: PlanFile, focusArea: string): Set<string> {
  const inArea = new Set(plan.nodes.filter((node) => node.focusArea === focusArea).map((node) => node.id));
  const unassigned = new Set(plan.nodes.filter((node) => !node.focusArea).map((node) => node.id));
  const members = new Set(inArea);
  // an unassigned card that leads straight into the area's own cards belongs to it too
  for (const edge of plan.edges) if (inArea.has(edge.to) && unassigned.has(edge.from)) members.add(edge.from);
  // then the whole chain the area reaches, however long and in whatever order the edges stand: every unassigned
  // resultat, effekt, mål and indikator reachable from it (shared cards belong to every area that reaches them)
  const next = new Map<string, string[]>();
  for (const edge of plan.edges) {
    if (!unassigned.has(edge.to) || edge.from === edge.to) continue;
    const list = next.get(edge.from);
    if (list) list.push(edge.to);
    else next.set(edge.from, [edge.to]);
  }
  const queue = [...members];
  while (queue.length > 0) {
    for (const to of next.get(queue.pop()!) ?? []) {
      if (members.has(to)) continue;
      members.add(to);
      queue.push(to);
    }
  }
  return members;
}

/** The part of the plan one indsatsområde's figure shows (its nodes, the edges between them). */
export function focusAreaPlan(plan: PlanFile, focusArea: string): PlanFile {
  const members = focusAreaNodeIds(plan, focusArea);
  return {
    ...plan,
    focusAreas: (plan.focusAreas ?? []).filter((area) => area.id === focusArea),
    nodes: plan.nodes.filter((node) => members.has(node.id)),
    edges: plan.edges.filter((edge) => members.has(edge.from) && members.has(edge.to)),
  };
}

/** A labelled band around the cards of one indsatsområde, as they stand now. */
export interface LaneBand extends Box {
  focusArea: string;
  title: string;
}

/** Space between a lane's band and its cards; the label sits in the top margin. */
export const LANE_PADDING = { side: 20, top: 36, bottom: 20 };

/** Bands around each indsatsområde's own cards (areas without cards have none), from the cards' current boxes. */
export function laneBands(plan: PlanFile, boxes: ReadonlyMap<string, Box>): LaneBand[] {
  const bands: LaneBand[] = [];
  for (const area of plan.focusAreas ?? []) {
    const own = plan.nodes.filter((node) => node.focusArea === area.id).map((node) => boxes.get(node.id)).filter((box): box is Box => Boolean(box));
    if (own.length === 0) continue;
    const left = Math.min(...own.map((b) => b.x)) - LANE_PADDING.side;
    const top = Math.min(...own.map((b) => b.y)) - LANE_PADDING.top;
    const right = Math.max(...own.map((b) => b.x + b.width)) + LANE_PADDING.side;
    const bottom = Math.max(...own.map((b) => b.y + b.height)) + LANE_PADDING.bottom;
    bands.push({ focusArea: area.id, title: area.title, x: left, y: top, width: right - left, height: bottom - top });
  }
  return bands;
}
