/**
 * The selection as it can be shown: ids of nodes that still exist. A card deleted while selected (by "Slet kort",
 * the Delete key or someone else) must leave the selection, or the next click adds to a dead id, the selection has
 * two entries and the inspector stays on "Vælg et kort …".
 */
import { useEffect, useMemo } from 'react';
import type { PlanFile } from '../../model/schema.ts';

export function liveIds(ids: readonly string[], plan: PlanFile): string[] {
  if (ids.length === 0) return ids as string[];
  const existing = new Set(plan.nodes.map((node) => node.id));
  return ids.filter((id) => existing.has(id));
}

/** The selection without deleted nodes; tells the owner of the state when it had to drop some. */
export function useLiveSelection(selection: string[], plan: PlanFile, setSelection: (ids: string[]) => void): string[] {
  const live = useMemo(() => {
    const kept = liveIds(selection, plan);
    return kept.length === selection.length ? selection : kept;
  }, [plan, selection]);
  useEffect(() => {
    if (live !== selection) setSelection(live);
  }, [live, selection, setSelection]);
  return live;
}
