/**
 * What the person does to the cards and lines: drag (shared at drag end, and live up to LIVE_DRAG_LIMIT cards,
 * throttled to 20 writes a second), select, delete, and the sizes React Flow measures. The drag in progress, the
 * measured sizes and the selected edge stay local.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { Point, Size } from '../../model/geometry.ts';
import type { PlanFile } from '../../model/schema.ts';
import { removeEdge, removeNode, setNodePositions } from '../../model/ydoc.ts';
import type { PlanSession } from '../connection.ts';
import { throttle } from '../hooks.ts';
import type { PlanFlowNode } from '../PlanNodeView.tsx';
import { liveIds } from './selection.ts';
import { useStableCallback } from './stable.ts';

/** Above this many nodes, positions are shared at drag end only. */
export const LIVE_DRAG_LIMIT = 300;

export interface CanvasChangeInput {
  session: PlanSession;
  plan: PlanFile;
  readOnly: boolean;
  selection: string[];
  onSelect: (ids: string[], edgeId?: string | null) => void;
}

export function useCanvasChanges({ session, plan, readOnly, selection, onSelect }: CanvasChangeInput) {
  const [dragPositions, setDragPositions] = useState<Record<string, Point>>({});
  const [measured, setMeasured] = useState<Record<string, Size>>({});
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);

  const writePositions = useMemo(
    () => throttle((positions: Record<string, Point>) => setNodePositions(session.doc, positions, session.localOrigin), 50),
    [session],
  );

  // one identity while dragging: a new handler per frame would be one more write to React Flow's store per frame
  const onNodesChange = useStableCallback(
    (changes: NodeChange<PlanFlowNode>[]) => {
      const moving: Record<string, Point> = {};
      const finished: Record<string, Point> = {};
      const dims: Record<string, Size> = {};
      let nextSelection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.dragging) moving[change.id] = change.position;
          else finished[change.id] = change.position;
        } else if (change.type === 'position' && change.dragging === false) {
          const position = dragPositions[change.id];
          if (position) finished[change.id] = position;
        } else if (change.type === 'dimensions' && change.dimensions) {
          dims[change.id] = change.dimensions;
        } else if (change.type === 'select') {
          // start from the live selection: a deleted card must not linger in it
          nextSelection ??= new Set(liveIds(selection, plan));
          if (change.selected) nextSelection.add(change.id);
          else nextSelection.delete(change.id);
        } else if (change.type === 'remove' && !readOnly) {
          removeNode(session.doc, change.id, session.localOrigin);
        }
      }
      if (Object.keys(moving).length > 0) {
        setDragPositions((previous) => ({ ...previous, ...moving }));
        // others see a drag live on workshop-sized plans; on large ones only its end, which keeps dragging fluid
        if (plan.nodes.length <= LIVE_DRAG_LIMIT) writePositions(moving);
      }
      if (Object.keys(finished).length > 0) {
        setNodePositions(session.doc, finished, session.localOrigin);
        setDragPositions((previous) => {
          const next = { ...previous };
          for (const id of Object.keys(finished)) delete next[id];
          return next;
        });
      }
      if (Object.keys(dims).length > 0) setMeasured((previous) => ({ ...previous, ...dims }));
      if (nextSelection) onSelect([...nextSelection]);
    },
  );

  const onEdgesChange = useStableCallback(
    (changes: EdgeChange[]) => {
      for (const change of changes) {
        if (change.type === 'select') {
          setSelectedEdge(change.selected ? change.id : null);
          if (change.selected) onSelect([], change.id);
        } else if (change.type === 'remove' && !readOnly) {
          removeEdge(session.doc, change.id, session.localOrigin);
        }
      }
    },
  );

  const clearEdge = useCallback(() => setSelectedEdge(null), []);
  return { dragPositions, measured, selectedEdge, clearEdge, onNodesChange, onEdgesChange };
}
