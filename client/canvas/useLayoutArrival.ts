/**
 * Everyone sees a new layout: when one transaction moves most of the cards at once ("Ryd op" by anyone, its undo,
 * an import), every screen fits its view to the plan again. A drag moves only the dragged cards and never counts.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import * as Y from 'yjs';
import { planRoots } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';

/** Share of the plan's cards that must move in one transaction for it to count as a new layout. */
const LAYOUT_SHARE = 0.5;

export function countMovedNodes(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): number {
  const moved = new Set<string>();
  for (const event of events) {
    // a plan replaced by an import: its cards arrive as new keys of the nodes map
    if (event.path.length === 0) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) moved.add(key);
    else if (event.target instanceof Y.Map && event.path.length === 1 && (event as Y.YMapEvent<unknown>).keysChanged.has('position')) moved.add(String(event.path[0]));
  }
  return moved.size;
}

/**
 * True when the plan's cards arrived into an empty map (the first sync, or the copy in IndexedDB): React Flow's own
 * fitView fits that view once the cards are placed. Fitting again here would animate the view a second time just
 * as the cards first show, mounting and unmounting cards at the edges while it runs.
 */
export function arrivedIntoEmpty(events: Array<Y.YEvent<Y.AbstractType<unknown>>>, size: number): boolean {
  const root = events.find((event) => event.path.length === 0);
  if (!root || root.changes.keys.size !== size) return false;
  return [...root.changes.keys.values()].every((change) => change.action === 'add');
}

export function useLayoutArrival(session: PlanSession, onLayout?: () => void): void {
  const flow = useReactFlow();
  useEffect(() => {
    const { nodes } = planRoots(session.doc);
    const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const moved = countMovedNodes(events);
      if (moved >= 2 && moved >= nodes.size * LAYOUT_SHARE && !arrivedIntoEmpty(events, nodes.size)) {
        // after React has rendered the new positions
        setTimeout(() => void flow.fitView({ duration: 400, padding: 0.1, maxZoom: 1.2 }), 60);
        onLayout?.();
      }
    };
    nodes.observeDeep(observer);
    return () => nodes.unobserveDeep(observer);
  }, [flow, onLayout, session]);
}
