/**
 * The React Flow canvas bound to the shared plan. What is shared: nodes, edges and positions (written at drag end
 * and throttled to 20 per second during a drag, never per frame). What stays local: selection, viewport, measured
 * sizes, the drag in progress and the focus-area filter. The pieces live in client/canvas/: the flow elements and
 * routes, the change handlers, connecting, overlays; placement and routing themselves are pure, in model/.
 */
import { Background, Controls, MiniMap, ViewportPortal, useReactFlow, useStore, type Edge, type EdgeTypes, type NodeTypes, type ReactFlowState } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { laneBands } from '../model/layout.ts';
import type { Finding } from '../model/rules.ts';
import type { PlanFile } from '../model/schema.ts';
import { EdgeTooltip, LaneBands, PeerCursors, type HoveredEdge } from './canvas/CanvasOverlays.tsx';
import { DraggingFlow } from './canvas/DraggingFlow.tsx';
import { RoutedEdge } from './canvas/RoutedEdge.tsx';
import { useCanvasChanges, useDragUndoStep } from './canvas/useCanvasChanges.ts';
import { useConnect } from './canvas/useConnect.ts';
import { useBoxes, useFlowElements, useStoredPositions } from './canvas/useFlowElements.ts';
import { useLayoutArrival } from './canvas/useLayoutArrival.ts';
import { useStableCallback } from './canvas/stable.ts';
import { useCursorSharing } from './canvas/useCursorSharing.ts';
import './canvas/canvas.css';
import { focusSoon, titleFieldOf } from './announce.tsx';
import type { PlanSession } from './connection.ts';
import type { Peer } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { KIND_LOOKS } from './kinds.ts';
import { PlanNodeView, type PlanFlowNode, type PlanNodeData } from './PlanNodeView.tsx';

const nodeTypes: NodeTypes = { plan: PlanNodeView };
const edgeTypes: EdgeTypes = { routed: RoutedEdge };

export interface CanvasProps {
  session: PlanSession;
  plan: PlanFile;
  byNode: Map<string, Finding[]>;
  peers: Peer[];
  readOnly: boolean;
  selection: string[];
  onSelect: (ids: string[], edgeId?: string | null) => void;
  onNotice: (message: string) => void;
  /** kinds a participant may not change now (the facilitator's locks) */
  lockedKinds?: ReadonlySet<string>;
  voteCounts?: Map<string, number>;
  /** every viewport change; userInitiated is false when the program moved it (follow-me) */
  onMove?: (userInitiated: boolean, viewport: { x: number; y: number; zoom: number }) => void;
  /** how the view is fitted to the cards (the projector zooms further in than the editor) */
  fitOptions?: { padding: number; maxZoom: number };
}

const NO_KINDS: ReadonlySet<string> = new Set();
/**
 * Above this many cards React Flow draws only the cards in view, and the dotted background and the minimap are
 * left out: both repaint on every pan frame.
 */
const LARGE_PLAN = 300;
/** Fitting the view never zooms past 120 %: a plan's first card would otherwise fill the screen at full zoom. */
const FIT_VIEW = { padding: 0.15, maxZoom: 1.2 };
/** Below this zoom the cards' text is not painted (canvas/canvas.css): at 13 px it would be under 4 px high. */
const FAR_ZOOM = 0.3;
const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ['Delete', 'Backspace'];

export function Canvas({ session, plan, byNode, peers, readOnly, selection, onSelect, onNotice, lockedKinds = NO_KINDS, voteCounts, onMove, fitOptions = FIT_VIEW }: CanvasProps) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const far = useStore(isFar);
  const [hoverEdge, setHoverEdge] = useState<HoveredEdge | null>(null);
  const [focusFilter, setFocusFilter] = useState('');
  const large = plan.nodes.length > LARGE_PLAN;
  const changes = useCanvasChanges({ session, plan, readOnly, selection, onSelect, t });
  const connect = useConnect({ session, plan, lockedKinds, onNotice, t });
  const positions = useStoredPositions(plan);
  const boxes = useBoxes(positions, changes.measured);
  const { nodes, edges } = useFlowElements(
    { plan, byNode, peers, selection, selectedEdge: changes.selectedEdge, measured: changes.measured,
      readOnly, lockedKinds, voteCounts, focusFilter, estimateUnmeasured: large, t },
    positions, boxes,
  );
  const bands = useMemo(() => {
    const all = laneBands(plan, boxes);
    return focusFilter ? all.filter((band) => band.focusArea === focusFilter) : all;
  }, [boxes, focusFilter, plan]);
  useLayoutArrival(session);

  // a focus area that was deleted falls back to showing everything
  useEffect(() => {
    if (focusFilter && !(plan.focusAreas ?? []).some((area) => area.id === focusFilter)) setFocusFilter('');
  }, [focusFilter, plan.focusAreas]);
  const filterChanged = useRef(false);
  useEffect(() => {
    if (!filterChanged.current) {
      filterChanged.current = true; // not on the first render: React Flow fits the view itself then
      return;
    }
    const timer = setTimeout(() => void flow.fitView({ ...fitOptions, duration: 300, nodes: nodes.filter((n) => !n.hidden).map((n) => ({ id: n.id })) }), 30);
    return () => clearTimeout(timer);
    // only when the filter changes, not on every edit
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusFilter]);

  const { onNodeDragStart, onNodeDragStop } = useDragUndoStep(session);
  // every handler given to <ReactFlow> keeps its identity (see canvas/stable.ts)
  // the assumption mark on a link (canvas/RoutedEdge.tsx) shows its own text: React hands its hover on to the edge
  const onEdgeMouseEnter = useCallback((event: ReactMouseEvent, edge: Edge) => {
    if (event.target instanceof Element && event.target.closest('.assumption-mark')) return;
    setHoverEdge({ edge, x: event.clientX, y: event.clientY });
  }, []);
  const onEdgeMouseLeave = useCallback(() => setHoverEdge(null), []);
  const onViewportMove = useStableCallback((event: MouseEvent | TouchEvent | null, viewport: { x: number; y: number; zoom: number }) => onMove?.(event !== null, viewport));
  const onPaneClick = useStableCallback(() => {
    changes.clearEdge();
    onSelect([], null);
  });

  const cursor = useCursorSharing(session);

  useEffect(() => {
    session.provider.awareness.setLocalStateField('selection', selection);
  }, [selection, session]);

  const ariaLabelConfig = useMemo(() => ({
    'node.a11yDescription.default': t(
      'Kort. Enter vælger det, L forbinder det til et andet kort, F2 retter titlen, Delete sletter det, piletasterne flytter det. Tast ? for alle taster.',
      'Card. Enter selects it, L links it to another card, F2 edits the title, Delete deletes it, the arrow keys move it. Press ? for all keys.'),
    'node.a11yDescription.keyboardDisabled': t(
      'Kort. Enter vælger det, L forbinder det til et andet kort, F2 retter titlen, Delete sletter det. Tast ? for alle taster.',
      'Card. Enter selects it, L links it to another card, F2 edits the title, Delete deletes it. Press ? for all keys.'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
      t(`Kortet er flyttet ${({ up: 'op', down: 'ned', left: 'til venstre', right: 'til højre' } as Record<string, string>)[direction] ?? direction}. Ny placering: x ${Math.round(x)}, y ${Math.round(y)}.`,
        `Card moved ${direction}. New position: x ${Math.round(x)}, y ${Math.round(y)}.`),
    'edge.a11yDescription.default': t('Forbindelse. Enter vælger den, Delete sletter den, Escape fortryder valget.', 'Link. Enter selects it, Delete deletes it, Escape cancels.'),
    'controls.ariaLabel': t('Zoom og udsnit', 'Zoom controls'),
    'controls.zoomIn.ariaLabel': t('Zoom ind', 'Zoom in'),
    'controls.zoomOut.ariaLabel': t('Zoom ud', 'Zoom out'),
    'controls.fitView.ariaLabel': t('Tilpas visning', 'Fit view'),
    'controls.interactive.ariaLabel': t('Lås kortet', 'Lock the map'),
    'minimap.ariaLabel': t('Oversigtskort', 'Mini map'),
    'handle.ariaLabel': t('Forbindelsespunkt', 'Connection point'),
  }), [t]);

  // the keyboard on a focused card: a card reached by Tab is selected (the properties panel follows the focus);
  // L links it (the focus goes to "Forbind til …"), F2 edits its title
  const cardOf = (target: EventTarget) => (target instanceof HTMLElement && target.matches('.react-flow__node') ? target.dataset.id ?? null : null);
  const onFocusCapture = useStableCallback((event: React.FocusEvent) => {
    const id = cardOf(event.target);
    if (id && (event.target as HTMLElement).matches(':focus-visible') && !(selection.length === 1 && selection[0] === id)) onSelect([id], null);
  });
  const onKeyDownCapture = useStableCallback((event: React.KeyboardEvent) => {
    // a deletion by key is an undo step of its own (the card and its lines together, React Flow removes them in
    // two calls): Ctrl+Z right after it brings them back, and not also the edit made just before
    if (DELETE_KEYS.includes(event.key)) session.undoManager.stopCapturing();
  });
  const onKeyDown = useStableCallback((event: React.KeyboardEvent) => {
    const id = cardOf(event.target);
    if (!id || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'l' || event.key === 'L') {
      if (readOnly) return;
      event.preventDefault();
      if (!(selection.length === 1 && selection[0] === id)) onSelect([id], null);
      focusSoon(`[data-node-id="${CSS.escape(id)}"] :is([data-testid="link-to"], [data-testid="link-from"])`);
    } else if (event.key === 'F2') {
      event.preventDefault();
      if (!(selection.length === 1 && selection[0] === id)) onSelect([id], null);
      focusSoon(titleFieldOf(id), true);
    }
  });

  return (
    <div className={far ? 'canvas far' : 'canvas'} ref={cursor.ref} onFocusCapture={onFocusCapture} onKeyDownCapture={onKeyDownCapture} onKeyDown={onKeyDown} onPointerMove={cursor.onPointerMove} onPointerEnter={cursor.onPointerEnter}
      onPointerLeave={cursor.onPointerLeave} data-testid="canvas">
      {connect.hint && (
        <div className="connect-hint" role="status" data-testid="connect-hint">
          {t('Ikke tilladt', 'Not allowed')}: {connect.hint}
        </div>
      )}
      {(plan.focusAreas ?? []).length > 0 && (
        <label className="canvas-filter">
          {t('Vis', 'Show')}{' '}
          <select value={focusFilter} onChange={(event) => setFocusFilter(event.target.value)} data-testid="focus-filter"
            aria-label={t('Vis indsatsområde', 'Show focus area')}>
            <option value="">{t('Alle indsatsområder', 'All focus areas')}</option>
            {(plan.focusAreas ?? []).map((area) => <option key={area.id} value={area.id}>{area.title}</option>)}
          </select>
        </label>
      )}
      <DraggingFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={changes.onNodesChange}
        onEdgesChange={changes.onEdgesChange}
        onConnect={connect.onConnect}
        onConnectEnd={connect.onConnectEnd}
        isValidConnection={connect.isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onEdgeMouseEnter={onEdgeMouseEnter}
        onEdgeMouseLeave={onEdgeMouseLeave}
        onMove={onViewportMove}
        onMoveStart={changes.onMoveStart}
        onMoveEnd={changes.onMoveEnd}
        onPaneClick={onPaneClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        onlyRenderVisibleElements={large}
        minZoom={0.1}
        maxZoom={Math.max(2.5, fitOptions.maxZoom)}
        fitView
        fitViewOptions={fitOptions}
        ariaLabelConfig={ariaLabelConfig}
        proOptions={PRO_OPTIONS}
      >
        {!large && <Background gap={24} />}
        <Controls showInteractive={false} />
        {!large && <MiniMap pannable zoomable nodeColor={(n) => KIND_LOOKS[(n.data as PlanNodeData).node.kind].color} />}
        <ViewportPortal>
          <LaneBands bands={bands} />
          <PeerCursors peers={peers} />
        </ViewportPortal>
      </DraggingFlow>
      {hoverEdge && <EdgeTooltip hovered={hoverEdge} />}
    </div>
  );
}
