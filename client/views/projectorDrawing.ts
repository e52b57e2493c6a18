/**
 * The projector's drawing as numbers: where each card stands (model/layout.ts `computeLayout`, with each card's
 * measured size), the SVG path of each arrow (model/routing.ts, around the other cards), the lanes' bands and the
 * drawing's bounds. Pure, so that it runs in client/views/projector.worker.ts: routing a plan the size of Rum for Liv
 * (121 cards, 145 links) takes seconds, and the projector's timer must keep running meanwhile.
 */
import { curvePoints } from '../../model/export/svg.ts';
import { polylineCrossesBox, type Box, type Point, type Size } from '../../model/geometry.ts';
import { computeLayout, laneBands, type LaneBand, type LayoutOptions } from '../../model/layout.ts';
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

export function drawPlan(plan: PlanFile, sizes: Record<string, Size>, options: LayoutOptions, margin: number): Drawing {
  const { positions } = computeLayout(plan, { ...options, sizes });
  const boxes = new Map<string, Box>(plan.nodes.map((n) => [n.id, { ...positions[n.id]!, ...sizes[n.id]! }]));
  const edges = plan.edges.map((e, i) => ({ ...e, id: edgeKey(e, i) }));
  const paths: Record<string, string> = {};
  for (const [id, route] of routeEdges(boxes, edges)) {
    const edge = edges.find((e) => e.id === id)!;
    const others = [...boxes].filter(([nodeId]) => nodeId !== edge.from && nodeId !== edge.to).map(([, box]) => box);
    paths[id] = pathOf(route.points, route.detour, others);
  }
  const bands = laneBands(plan, boxes);
  const all = [...boxes.values(), ...bands];
  const left = Math.min(0, ...all.map((b) => b.x)) - margin;
  const top = Math.min(0, ...all.map((b) => b.y)) - margin;
  const right = Math.max(0, ...all.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(0, ...all.map((b) => b.y + b.height)) + margin;
  return { boxes: Object.fromEntries(boxes), paths, bands, left, top, width: right - left, height: bottom - top };
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
