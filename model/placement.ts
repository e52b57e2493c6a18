/**
 * Where a new card goes: the free spot nearest to where the person is looking, so that cards added one after
 * another (by key or palette) never land on top of each other or of existing cards.
 */
import { boxesOverlap, type Box, type Point, type Size } from './geometry.ts';

/** Space kept free around a new card. */
export const PLACEMENT_GAP = 24;

/**
 * The top-left corner nearest to `preferred` (a top-left corner) at which a card of `size` overlaps none of
 * `occupied`, searched ring by ring on a grid of half a card. Deterministic; always returns a spot (in the worst
 * case below everything).
 */
export function findFreeSpot(occupied: readonly Box[], size: Size, preferred: Point, gap = PLACEMENT_GAP): Point {
  const fits = (p: Point) => !occupied.some((box) => boxesOverlap({ ...p, ...size }, box, gap));
  const start = { x: Math.round(preferred.x), y: Math.round(preferred.y) };
  if (fits(start)) return start;
  const stepX = Math.round((size.width + gap) / 2);
  const stepY = Math.round((size.height + gap) / 2);
  for (let ring = 1; ring <= 40; ring++) {
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: start.x + i * stepX, y: start.y + j * stepY });
      }
    }
    // nearest first; ties broken by position, so every run chooses the same spot
    candidates.sort((a, b) => distance(a, start) - distance(b, start) || a.y - b.y || a.x - b.x);
    const spot = candidates.find(fits);
    if (spot) return spot;
  }
  const bottom = Math.max(...occupied.map((box) => box.y + box.height));
  return { x: start.x, y: bottom + gap };
}

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}
