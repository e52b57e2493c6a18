/**
 * Where a new card goes: the free spot nearest to where the person is looking, so that cards added one after
 * another (by key or palette) never land on top of each other or of existing cards.
 */
import { boxesOverlap, CARD_SIZE, type Box, type Point, type Size } from './geometry.ts';
import type { NodeKind } from './schema.ts';
import { kindTable } from './kinds.ts';

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

/**
 * Order of the kinds from left to right, as the layout orders levels (model/layout.ts): a chain built card by card
 * then reads aktivitet → output → resultat → effekt → mål, and its lines run forwards instead of looping back.
 * An indikator is added before it measures anything, so it goes right of the mål, where the layout puts the
 * indikatorer that measure nothing yet.
 */
const KIND_COLUMN: Record<NodeKind, number> = kindTable((facts) => facts.column);

/** Distance between the left edges of two neighbouring columns: a card and room for the arrow between. */
export const COLUMN_PITCH = CARD_SIZE.width + 40;

export interface KindBox extends Box {
  kind: NodeKind;
}

/**
 * Left edge of the column a new card of `kind` belongs in: where the cards of its kind already stand (their median);
 * else one column right of the nearest kind to its left that has cards, or one column left of the nearest kind to
 * its right. Kinds without cards take no room, so a small chain stays narrow enough to see whole. Null on an empty
 * canvas.
 */
export function kindColumnX(cards: readonly KindBox[], kind: NodeKind): number | null {
  const xsOf = (k: NodeKind) => cards.filter((card) => card.kind === k).map((card) => card.x);
  const same = xsOf(kind);
  if (same.length > 0) return median(same);
  const present = [...new Set(cards.map((card) => card.kind))].sort((a, b) => KIND_COLUMN[a] - KIND_COLUMN[b]);
  const left = present.filter((k) => KIND_COLUMN[k] < KIND_COLUMN[kind]).at(-1);
  if (left) return median(xsOf(left)) + COLUMN_PITCH;
  const right = present.find((k) => KIND_COLUMN[k] > KIND_COLUMN[kind]);
  return right ? median(xsOf(right)) - COLUMN_PITCH : null;
}
/**
 * Where a new card of `kind` goes: in its kind's column, at the height the person looks at (`centre`), or the free
 * spot nearest that height up or down the column; on an empty canvas at `centre`. Only when the column is full
 * there does it leave the column, for the free spot nearest (findFreeSpot).
 */
export function placeNewCard(cards: readonly KindBox[], kind: NodeKind, size: Size, centre: Point, gap = PLACEMENT_GAP): Point {
  const columnX = kindColumnX(cards, kind);
  const preferred = { x: Math.round(columnX ?? centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const fits = (p: Point) => !cards.some((box) => boxesOverlap({ ...p, ...size }, box, gap));
  const step = Math.round((size.height + gap) / 2);
  for (let i = 0; i <= 60; i++) {
    // 0, +1, -1, +2, -2 … half-card steps from the preferred height
    const offset = i % 2 === 1 ? (i + 1) / 2 : -i / 2;
    const spot = { x: preferred.x, y: preferred.y + offset * step };
    if (fits(spot)) return spot;
  }
  return findFreeSpot(cards, size, preferred, gap);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
