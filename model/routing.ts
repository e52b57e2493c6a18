/**
 * Lines between cards that do not pass behind unrelated cards. A line that runs behind a card reads as if it
 * started or ended there (an output→indikator line behind a mål makes the goal seem measured), so the canvas
 * and the SVG/Word figures both route every edge with `routeEdge`:
 *
 * - from the middle of the source's right side to the middle of the target's left side;
 * - the straight line when it crosses no other card (the renderer may draw it as a gentle curve);
 * - otherwise the shortest orthogonal detour: out of the source, along a free vertical channel or a free
 *   horizontal corridor above or below the cards in the way, into the target. Candidates are taken from the
 *   edges of the cards in the way; the first one that crosses no card wins, ties by length and bends.
 * - if no detour is free, the candidate that crosses the fewest cards.
 */
import { polylineCrossesBox, type Box, type Point } from './geometry.ts';

/** Distance kept from a card when a line turns around it. */
export const ROUTE_MARGIN = 16;

export interface Route {
  points: Point[];
  /** false when the straight line was free (draw it as the usual curve) */
  detour: boolean;
}

export function anchorsOf(from: Box, to: Box): { start: Point; end: Point } {
  return { start: { x: from.x + from.width, y: from.y + from.height / 2 }, end: { x: to.x, y: to.y + to.height / 2 } };
}

/** The route of one edge from `from` to `to` around `others` (every card except these two). */
export function routeEdge(from: Box, to: Box, others: readonly Box[], margin = ROUTE_MARGIN): Route {
  const { start, end } = anchorsOf(from, to);
  const straight = [start, end];
  const inTheWay = (points: readonly Point[], boxes: readonly Box[]) => boxes.filter((box) => polylineCrossesBox(points, box));
  if (inTheWay(straight, others).length === 0) return { points: straight, detour: false };

  // only cards near the line's extent can matter; keeps large plans fast
  const reach = Math.max(from.height, to.height) * 4 + margin * 4;
  const nearby = others.filter((box) =>
    box.x < Math.max(start.x, end.x) + reach && box.x + box.width > Math.min(start.x, end.x) - reach &&
    box.y < Math.max(start.y, end.y) + reach * 3 && box.y + box.height > Math.min(start.y, end.y) - reach * 3);
  const blocking = [...nearby, from, to];
  const outX = start.x + margin;
  const inX = end.x - margin;

  const candidates: Point[][] = [];
  // one vertical channel between the cards: right, down/up, right
  if (inX > outX) {
    const xs = new Set<number>([outX, inX, (outX + inX) / 2]);
    for (const box of nearby) {
      if (box.x + box.width + margin > outX && box.x + box.width + margin < inX) xs.add(box.x + box.width + margin);
      if (box.x - margin > outX && box.x - margin < inX) xs.add(box.x - margin);
    }
    for (const x of xs) candidates.push([start, { x, y: start.y }, { x, y: end.y }, end]);
  }
  // a horizontal corridor above or below what is in the way
  const ys = new Set<number>();
  for (const box of [...nearby, from, to]) {
    ys.add(box.y - margin);
    ys.add(box.y + box.height + margin);
  }
  for (const y of ys) candidates.push([start, { x: outX, y: start.y }, { x: outX, y }, { x: inX, y }, { x: inX, y: end.y }, end]);

  let best: { points: Point[]; crossings: number; cost: number } | null = null;
  for (const points of candidates) {
    const crossings = inTheWay(inner(points), blocking).length;
    const cost = length(points) + points.length * margin;
    if (!best || crossings < best.crossings || (crossings === best.crossings && cost < best.cost)) best = { points, crossings, cost };
  }
  return { points: simplify(best!.points), detour: true };
}

/**
 * The polyline without its first and last stubs, for checking against `from` and `to` themselves: a line must
 * leave its source and enter its target, but not run back through them.
 */
function inner(points: readonly Point[]): Point[] {
  if (points.length <= 2) return [...points];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const nudged = points.slice(1, -1);
  return [{ x: first.x + 1, y: first.y }, ...nudged, { x: last.x - 1, y: last.y }];
}

function length(points: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += Math.abs(points[i]!.x - points[i - 1]!.x) + Math.abs(points[i]!.y - points[i - 1]!.y);
  return sum;
}

/** Drops points that lie on a straight run (zero-length or collinear). */
function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** An SVG path through the points with rounded corners (radius up to `radius`). */
export function roundedPath(points: readonly Point[], radius = 10): string {
  if (points.length < 2) return '';
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(radius, Math.hypot(p.x - prev.x, p.y - prev.y) / 2, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const inPoint = toward(p, prev, r);
    const outPoint = toward(p, next, r);
    d += ` L${inPoint.x},${inPoint.y} Q${p.x},${p.y} ${outPoint.x},${outPoint.y}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L${last.x},${last.y}`;
}

function toward(from: Point, to: Point, distance: number): Point {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return { x: round(from.x + ((to.x - from.x) / len) * distance), y: round(from.y + ((to.y - from.y) / len) * distance) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Routes for every edge of a set of boxes: edge id → route. Edges whose ends have no box are left out. */
export function routeEdges(boxes: ReadonlyMap<string, Box>, edges: readonly { id: string; from: string; to: string }[]): Map<string, Route> {
  const all = [...boxes];
  const routes = new Map<string, Route>();
  for (const edge of edges) {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to || edge.from === edge.to) continue;
    const others = all.filter(([id]) => id !== edge.from && id !== edge.to).map(([, box]) => box);
    routes.set(edge.id, routeEdge(from, to, others));
  }
  return routes;
}
