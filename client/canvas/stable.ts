/**
 * Referential stability for React Flow. Every prop of <ReactFlow> that changes identity is one more write to its
 * store, and every write runs the selector of every mounted card and line (at 1,000 cards, a few milliseconds
 * each); every node or edge object it has not seen before is adopted anew and its card re-rendered. So handlers
 * keep one identity for the canvas's life, and node and edge objects are reused while nothing in them changed.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';

/** A function with one identity that always calls the latest `fn` (handlers run after commit, when it is current). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler signature
export function useStableCallback<F extends (...args: any[]) => any>(fn: F): F {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback(((...args: Parameters<F>) => latest.current(...args)) as F, []);
}

/**
 * Equal by value down to `depth` levels of plain objects and arrays, by identity below: at depth 2 a node's position
 * and size compare by value, its data field by field (the plan node in it by identity).
 */
export function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth <= 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth - 1));
}

/**
 * The list with each item replaced by the one of the previous call with the same id when the two are equal
 * (sameValue to `depth`, or by the given test); the previous list itself when every item was reused.
 */
export function useStableItems<T extends { id: string }>(items: T[], depth: number | ((a: T, b: T) => boolean)): T[] {
  const same = typeof depth === 'number' ? (a: T, b: T) => sameValue(a, b, depth) : depth;
  const previous = useRef<{ input: T[] | null; list: T[]; byId: Map<string, T> }>({ input: null, list: [], byId: new Map() });
  const { input, list, byId } = previous.current;
  // the same list as last time (a render for something else, such as each step of a drag): nothing to compare
  if (items === input) return list;
  let reusedAll = items.length === list.length;
  const nextById = new Map<string, T>();
  const next = items.map((item, index) => {
    const before = byId.get(item.id);
    const kept = before && same(before, item) ? before : item;
    if (kept !== list[index]) reusedAll = false;
    nextById.set(item.id, kept);
    return kept;
  });
  if (reusedAll) {
    previous.current = { input: items, list, byId };
    return list;
  }
  previous.current = { input: items, list: next, byId: nextById };
  return next;
}

/** The previous list when `list` holds the same items (by identity) in the same order. */
export function useSameList<T>(list: readonly T[]): readonly T[] {
  const previous = useRef(list);
  if (previous.current !== list && (previous.current.length !== list.length || list.some((item, i) => item !== previous.current[i]))) previous.current = list;
  return previous.current;
}

/** The previous map when `map` has the same keys with the same values. */
export function useSameMap<K, V>(map: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  const previous = useRef(map);
  const before = previous.current;
  if (before !== map && (before.size !== map.size || [...map].some(([key, value]) => before.get(key) !== value))) previous.current = map;
  return previous.current;
}
