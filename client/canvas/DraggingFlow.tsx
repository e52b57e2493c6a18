/**
 * <ReactFlow> with the drag in progress kept here, in the smallest component that must re-render for it. A drag
 * step re-renders this component and React Flow, as on any React Flow page (the way xyflow's controlled examples
 * apply position changes): not the canvas, which derives the cards from the plan, and not the workspace around it.
 * The plan itself (and so everyone else's screen) learns of the move through `onNodesChange` (canvas/useCanvasChanges.ts).
 */
import { ReactFlow, type Edge, type NodeChange, type ReactFlowProps, type XYPosition } from '@xyflow/react';
import { useMemo, useRef, useState } from 'react';
import type { PlanFlowNode } from '../PlanNodeView.tsx';
import { useStableCallback } from './stable.ts';

export type Moving = Readonly<Record<string, XYPosition>>;
const NONE: Moving = {};

/**
 * The positions of the cards being dragged after `changes`, or `current` itself when none moved. A card leaves
 * when its drag ends; a position change without a position (the drag's end) gets the last one it had here.
 */
export function applyDrag(current: Moving, changes: NodeChange<PlanFlowNode>[]): { moving: Moving; changes: NodeChange<PlanFlowNode>[] } {
  let moving = current;
  let completed = changes;
  changes.forEach((change, index) => {
    if (change.type !== 'position') return;
    if (change.dragging && change.position) {
      moving = { ...moving, [change.id]: change.position };
    } else if (!change.dragging && moving[change.id]) {
      if (!change.position) {
        if (completed === changes) completed = [...changes];
        completed[index] = { ...change, position: moving[change.id] };
      }
      const { [change.id]: _ended, ...rest } = moving;
      moving = rest;
    }
  });
  return { moving, changes: completed };
}

/** `nodes` with the dragged cards where the pointer has them; the other node objects are handed on as they are. */
export function withMoving(nodes: PlanFlowNode[], moving: Moving): PlanFlowNode[] {
  if (moving === NONE || Object.keys(moving).length === 0) return nodes;
  return nodes.map((node) => (moving[node.id] ? { ...node, position: moving[node.id]! } : node));
}

export function DraggingFlow(props: ReactFlowProps<PlanFlowNode, Edge> & { nodes: PlanFlowNode[] }) {
  const { nodes, onNodesChange } = props;
  const [moving, setMoving] = useState<Moving>(NONE);
  // read in the handler, which may run twice before React renders
  const latest = useRef<Moving>(NONE);
  const handleNodesChange = useStableCallback((changes: NodeChange<PlanFlowNode>[]) => {
    const next = applyDrag(latest.current, changes);
    if (next.moving !== latest.current) {
      latest.current = next.moving;
      setMoving(next.moving);
    }
    onNodesChange?.(next.changes);
  });
  const shown = useMemo(() => withMoving(nodes, moving), [nodes, moving]);
  return <ReactFlow<PlanFlowNode, Edge> {...props} nodes={shown} onNodesChange={handleNodesChange} />;
}
