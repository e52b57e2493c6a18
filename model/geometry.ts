/**
 * Boxes on the plan's plane, shared by placement (model/placement.ts), edge routing (model/routing.ts), the
 * canvas and the SVG/Word figures. Coordinates are flow coordinates: x to the right, y downwards, a box by its
 * top-left corner.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Point, Size {}

/** The size a card has before the browser has measured it, and the size of every card in the SVG export. */
export const CARD_SIZE: Size = { width: 220, height: 80 };

/** True when the boxes share area once each is grown by `gap` / 2 on every side (touching does not count). */
export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/** Every pair of ids whose boxes overlap (for tests and the placement's own checks). */
export function overlappingPairs(boxes: ReadonlyMap<string, Box>): Array<[string, string]> {
  const list = [...boxes];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) if (boxesOverlap(list[i]![1], list[j]![1])) pairs.push([list[i]![0], list[j]![0]]);
  }
  return pairs;
}

/**
 * True when the segment from `a` to `b` passes through the inside of `box` (Liang–Barsky clipping). A segment
 * that only runs along an edge or touches a corner does not count.
 */
export function segmentCrossesBox(a: Point, b: Point, box: Box): boolean {
  const inset = 0.5;
  const left = box.x + inset;
  const right = box.x + box.width - inset;
  const top = box.y + inset;
  const bottom = box.y + box.height - inset;
  if (right <= left || bottom <= top) return false;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  return clip(-dx, a.x - left) && clip(dx, right - a.x) && clip(-dy, a.y - top) && clip(dy, bottom - a.y) && t1 - t0 > 1e-9;
}

/** True when any segment of the polyline passes through the box. */
export function polylineCrossesBox(points: readonly Point[], box: Box): boolean {
  for (let i = 1; i < points.length; i++) if (segmentCrossesBox(points[i - 1]!, points[i]!, box)) return true;
  return false;
}
