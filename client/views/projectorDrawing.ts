/**
 * The projector's drawing as numbers: where each card stands (model/layout.ts `computeLayout`, with each card's
 * measured size), the SVG path of each arrow (model/routing.ts, around the other cards), the lanes' bands and the
 * drawing's bounds. Pure, so that it runs in client/views/projector.worker.ts: routing a plan the size of Rum for Liv
 * (121 cards, 145 links) takes seconds, and the projector's timer must keep running meanwhile.
 */
import { curvePoints, laneTitleBox } from '../../model/export/svg.ts';
import { polylineCrossesBox, type Box, type Point, type Size } from '../../model/geometry.ts';
import { computeLayout, LANE_PADDING, laneBands, type LaneBand, type LaneBox, type LayoutOptions } from '../../model/layout.ts';
import { roundedPath, routeEdges } from '../../model/routing.ts';
import type { PlanFile } from '../../model/schema.ts';

export interface Drawing {
  boxes: Record<string, Box>;
  /** edge key (its id, or `edge-<index>`) → SVG path */
  paths: Record<string, string>;
  bands: LaneBand[];
  left: number;
  top: number;
  width: number;
  height: number;
}

export const edgeKey = (edge: { id?: string }, index: number) => edge.id ?? `edge-${index}`;

/**
 * `aspect` is the screen's width / height: a plan of many lanes is taller than a wall is high, so its lanes are
 * set side by side in as many columns as make the drawing largest on that screen (one column when that is best).
 */
export function drawPlan(plan: PlanFile, sizes: Record<string, Size>, options: LayoutOptions, margin: number, aspect = 16 / 9): Drawing {
  const { positions, lanes } = computeLayout(plan, { ...options, sizes });
  const laid = new Map<string, Box>(plan.nodes.map((n) => [n.id, { ...positions[n.id]!, ...sizes[n.id]! }]));
  const boxes = lanesSideBySide(plan, laid, lanes, aspect, options.laneGap ?? 56, options.columnGap ?? 56);
  const edges = plan.edges.map((e, i) => ({ ...e, id: edgeKey(e, i) }));
  const bands = laneBands(plan, boxes);
  // the lanes' titles are kept free of lines, as in the SVG figure
  const obstacles = new Map([...boxes, ...bands.map((band, i) => [`lane-title-${i}`, laneTitleBox(band)] as const)]);
  const paths: Record<string, string> = {};
  for (const [id, route] of routeEdges(obstacles, edges)) {
    const edge = edges.find((e) => e.id === id)!;
    const others = [...obstacles].filter(([nodeId]) => nodeId !== edge.from && nodeId !== edge.to).map(([, box]) => box);
    paths[id] = pathOf(route.points, route.detour, others);
  }
  const all = [...boxes.values(), ...bands];
  const left = Math.min(0, ...all.map((b) => b.x)) - margin;
  const top = Math.min(0, ...all.map((b) => b.y)) - margin;
  const right = Math.max(0, ...all.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(0, ...all.map((b) => b.y + b.height)) + margin;
  return { boxes: Object.fromEntries(boxes), paths, bands, left, top, width: right - left, height: bottom - top };
}

interface LaneBlock { members: string[]; left: number; top: number; width: number; height: number }

/** The lanes' cards moved into k columns of lanes (k = 1 leaves them where computeLayout put them). */
function lanesSideBySide(plan: PlanFile, boxes: Map<string, Box>, lanes: LaneBox[], aspect: number, laneGap: number, gap: number): Map<string, Box> {
  const areaIds = new Set((plan.focusAreas ?? []).map((a) => a.id));
  const blocks: LaneBlock[] = lanes.map((lane) => {
    // the cards computeLayout put in this lane's rows (an indikator stands in the lane of what it measures)
    const members = [...boxes].filter(([, box]) => box.y >= lane.y && box.y < lane.y + lane.height + 1).map(([id]) => id);
    const own = members.map((id) => boxes.get(id)!);
    const left = Math.min(...own.map((b) => b.x));
    const right = Math.max(...own.map((b) => b.x + b.width));
    const extra = lane.focusArea !== null && areaIds.has(lane.focusArea) ? LANE_PADDING.top + LANE_PADDING.bottom : 0;
    return { members, left, top: lane.y, width: right - left, height: lane.height + extra };
  }).filter((block) => block.members.length > 0);
  if (blocks.length < 2) return boxes;
  let best: { score: number; columns: LaneBlock[][] } | null = null;
  for (let k = 1; k <= Math.min(4, blocks.length); k++) {
    const columns = packInColumns(blocks, k, laneGap);
    const width = columns.reduce((sum, column) => sum + Math.max(...column.map((b) => b.width)), 0) + gap * 2 * (columns.length - 1);
    const height = Math.max(...columns.map((column) => column.reduce((sum, b) => sum + b.height, 0) + laneGap * (column.length - 1)));
    const score = Math.min(aspect / width, 1 / height);
    if (!best || score > best.score * 1.05) best = { score, columns }; // more columns only when clearly larger
  }
  if (!best || best.columns.length === 1) return boxes;
  const moved = new Map<string, Box>();
  let x = 0;
  for (const column of best.columns) {
    let y = 0;
    for (const block of column) {
      for (const id of block.members) {
        const box = boxes.get(id)!;
        moved.set(id, { ...box, x: box.x - block.left + x, y: box.y - block.top + y });
      }
      y += block.height + laneGap;
    }
    x += Math.max(...column.map((b) => b.width)) + gap * 2;
  }
  return moved;
}

/** The lanes in their order, into k columns of about equal height. */
function packInColumns(blocks: LaneBlock[], k: number, laneGap: number): LaneBlock[][] {
  const total = blocks.reduce((sum, b) => sum + b.height + laneGap, 0);
  const target = Math.max(total / k, ...blocks.map((b) => b.height));
  const columns: LaneBlock[][] = [[]];
  let height = 0;
  for (const block of blocks) {
    const current = columns[columns.length - 1]!;
    if (current.length > 0 && height + block.height > target && columns.length < k) {
      columns.push([block]);
      height = block.height + laneGap;
    } else {
      current.push(block);
      height += block.height + laneGap;
    }
  }
  return columns;
}

/**
 * A free straight line as a gentle curve (as on the canvas and in the SVG figure), unless the curve would pass over
 * another card; then straight. A detour with rounded corners.
 */
function pathOf(points: readonly Point[], detour: boolean, others: readonly Box[]): string {
  if (detour || points.length !== 2) return roundedPath(points, 12);
  const [a, b] = [points[0]!, points[1]!];
  if (others.some((box) => polylineCrossesBox(curvePoints(a, b), box))) return `M${a.x},${a.y} L${b.x},${b.y}`;
  const bend = Math.max(40, Math.abs(b.x - a.x) / 2); // curvePoints' bend
  return `M${a.x},${a.y} C${a.x + bend},${a.y} ${b.x - bend},${b.y} ${b.x},${b.y}`;
}
