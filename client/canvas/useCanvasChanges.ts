/**
 * What the person does to the cards and lines: drag (shared live, at most 20 writes a second, 4 in a large plan,
 * and at its end),
 * select, delete, and the sizes React Flow measures. The drag in progress (canvas/DraggingFlow.tsx), the measured
 * sizes and the selected edge stay local.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Point, Size } from '../../model/geometry.ts';
import type { PlanFile } from '../../model/schema.ts';
import { removeEdge, removeNode, setNodePositions } from '../../model/ydoc.ts';
import { announce } from '../announce.tsx';
import type { PlanSession } from '../connection.ts';
import { throttle } from '../hooks.ts';
import type { PlanFlowNode } from '../PlanNodeView.tsx';
import { liveIds } from './selection.ts';
import { useStableCallback } from './stable.ts';

/** A drag in progress is written to the plan at most this often (20 times a second). */
export const LIVE_DRAG_INTERVAL_MS = 50;
/**
 * In a plan above this many cards, each write of a drag costs the dragging screen about a frame (the doc, the
 * derived cards and the stored copy follow it: p50 frame 2× the bare React Flow page at 1,000 cards in the bench),
 * so a drag there is shared less often: others still see the card travel, four times a second.
 */
export const LARGE_PLAN_CARDS = 300;
export const LARGE_PLAN_DRAG_INTERVAL_MS = 250;

export interface CanvasChangeInput {
  session: PlanSession;
  plan: PlanFile;
  readOnly: boolean;
  selection: string[];
  onSelect: (ids: string[], edgeId?: string | null) => void;
  /** what a deletion by key is announced as */
  t?: (da: string, en: string) => string;
}

export function useCanvasChanges({ session, plan, readOnly, selection, onSelect, t = (da) => da }: CanvasChangeInput) {
  const measured = useMeasuredSizes();
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);

  const large = plan.nodes.length > LARGE_PLAN_CARDS;
  const writePositions = useMemo(
    () => throttle((positions: Record<string, Point>) => setNodePositions(session.doc, positions, session.localOrigin), large ? LARGE_PLAN_DRAG_INTERVAL_MS : LIVE_DRAG_INTERVAL_MS),
    [session, large],
  );

  // one identity while dragging: a new handler per frame would be one more write to React Flow's store per frame.
  // The drag in progress is drawn by canvas/DraggingFlow.tsx: a drag step sets no state here.
  const onNodesChange = useStableCallback(
    (changes: NodeChange<PlanFlowNode>[]) => {
      const moving: Record<string, Point> = {};
      const finished: Record<string, Point> = {};
      const dims: Record<string, Size> = {};
      let nextSelection: Set<string> | null = null;
      const removed: string[] = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          if (change.dragging) moving[change.id] = change.position;
          else finished[change.id] = change.position;
        } else if (change.type === 'dimensions' && change.dimensions) {
          dims[change.id] = change.dimensions;
        } else if (change.type === 'select') {
          // start from the live selection: a deleted card must not linger in it
          nextSelection ??= new Set(liveIds(selection, plan));
          if (change.selected) nextSelection.add(change.id);
          else nextSelection.delete(change.id);
        } else if (change.type === 'remove' && !readOnly) {
          removed.push(plan.nodes.find((n) => n.id === change.id)?.title ?? change.id);
          removeNode(session.doc, change.id, session.localOrigin);
        }
      }
      if (removed.length === 1) announce(t(`Kortet »${removed[0]}« er slettet. Ctrl+Z fortryder.`, `The card »${removed[0]}« is deleted. Ctrl+Z undoes.`));
      else if (removed.length > 1) announce(t(`${removed.length} kort er slettet. Ctrl+Z fortryder.`, `${removed.length} cards are deleted. Ctrl+Z undoes.`));
      // others see a drag live, at any plan size: a write of a moving card re-derives only what a move changes
      // (the check and the lines are kept, see useCheck and useFlowElements)
      if (Object.keys(moving).length > 0) writePositions(moving);
      if (Object.keys(finished).length > 0) setNodePositions(session.doc, finished, session.localOrigin);
      if (Object.keys(dims).length > 0) measured.add(dims);
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
          announce(t('Forbindelsen er slettet. Ctrl+Z fortryder.', 'The link is deleted. Ctrl+Z undoes.'));
        }
      }
    },
  );

  const clearEdge = useCallback(() => setSelectedEdge(null), []);
  return { measured: measured.current, onMoveStart: measured.onMoveStart, onMoveEnd: measured.onMoveEnd, selectedEdge, clearEdge, onNodesChange, onEdgesChange };
}

/**
 * One drag is one undo step: the writes during a drag merge however long the pointer rests between moves (the
 * undo manager would otherwise start a new step after UNDO_CAPTURE_TIMEOUT_MS without a write), and the drag's
 * end closes the step.
 */
export function useDragUndoStep(session: PlanSession) {
  const timeout = useRef<number | null>(null);
  const onNodeDragStart = useCallback(() => {
    const undo = session.undoManager;
    undo.stopCapturing();
    timeout.current ??= undo.captureTimeout;
    undo.captureTimeout = Number.POSITIVE_INFINITY;
  }, [session]);
  // React Flow reports the drag's last position (onNodesChange) before it calls this
  const onNodeDragStop = useCallback(() => {
    const undo = session.undoManager;
    if (timeout.current !== null) undo.captureTimeout = timeout.current;
    timeout.current = null;
    undo.stopCapturing();
  }, [session]);
  return { onNodeDragStart, onNodeDragStop };
}

/** Sizes React Flow measured. `sizes` always holds the latest; the object is new once they have settled after a change. */
export interface MeasuredSizes {
  readonly sizes: Readonly<Record<string, Size>>;
}

/** How long after the last new size the canvas derives its cards, lanes and routes again. */
export const SIZES_SETTLE_MS = 150;

/**
 * React Flow keeps the sizes it measured in its own store, and keeps them while it is handed the same node objects.
 * A pan that brings cards into view measures a few of them on almost every frame: deriving the plan's thousand
 * cards, lanes and routes again each time would cost more than the pan. So new sizes are recorded at once (cards
 * derived for another reason carry them) and the derivation waits until they have settled.
 */
function useMeasuredSizes() {
  const sizes = useRef<Record<string, Size>>({});
  const [current, setCurrent] = useState<MeasuredSizes>(() => ({ sizes: sizes.current }));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const moving = useRef(false);
  const pending = useRef(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  const settle = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current = false;
      setCurrent({ sizes: sizes.current });
    }, SIZES_SETTLE_MS);
  }, []);
  const add = useCallback((dims: Record<string, Size>) => {
    Object.assign(sizes.current, dims);
    pending.current = true;
    // while the view moves, wait for its end: on a busy machine the steps of a pan can be further apart than the wait
    if (moving.current) clearTimeout(timer.current);
    else settle();
  }, [settle]);
  const onMoveStart = useCallback(() => {
    moving.current = true;
    clearTimeout(timer.current);
  }, []);
  const onMoveEnd = useCallback(() => {
    moving.current = false;
    if (pending.current) settle();
  }, [settle]);
  return { current, add, onMoveStart, onMoveEnd };
}
