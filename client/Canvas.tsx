/**
 * The React Flow canvas bound to the shared plan. What is shared: nodes, edges and positions (written at drag end
 * and throttled to 20 per second during a drag, never per frame). What stays local: selection, viewport, measured
 * sizes and the drag in progress.
 */
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ViewportPortal,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { checkEdge, suggestEdgeKind } from '../model/grammar.ts';
import type { Finding } from '../model/rules.ts';
import type { PlanFile, PlanNode } from '../model/schema.ts';
import { addEdge, removeEdge, removeNode, setNodePositions } from '../model/ydoc.ts';
import type { PlanSession } from './connection.ts';
import { throttle, type Peer } from './hooks.ts';
import { useI18n } from './i18n.tsx';
import { EDGE_LOOKS, KIND_LOOKS } from './kinds.ts';
import { PlanNodeView, type PlanFlowNode, type PlanNodeData } from './PlanNodeView.tsx';

const nodeTypes: NodeTypes = { plan: PlanNodeView };

type XY = { x: number; y: number };

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
}

const NO_KINDS: ReadonlySet<string> = new Set();
/** Above this many nodes, positions are shared at drag end only. */
const LIVE_DRAG_LIMIT = 300;

function fallbackPosition(index: number): XY {
  return { x: (index % 6) * 260, y: Math.floor(index / 6) * 140 };
}

export function Canvas({ session, plan, byNode, peers, readOnly, selection, onSelect, onNotice, lockedKinds = NO_KINDS, voteCounts, onMove }: CanvasProps) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const [dragPositions, setDragPositions] = useState<Record<string, XY>>({});
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [hoverEdge, setHoverEdge] = useState<{ edge: Edge; x: number; y: number } | null>(null);
  const dataCache = useRef(new Map<string, PlanNodeData>());

  const kindOf = useMemo(() => new Map(plan.nodes.map((n) => [n.id, n.kind])), [plan.nodes]);
  const focusTitles = useMemo(() => new Map((plan.focusAreas ?? []).map((a) => [a.id, a.title])), [plan.focusAreas]);
  const peerSelection = useMemo(() => {
    const colors = new Map<string, string[]>();
    for (const peer of peers) for (const id of peer.selection ?? []) colors.set(id, [...(colors.get(id) ?? []), peer.color]);
    return colors;
  }, [peers]);
  const selectedSet = useMemo(() => new Set(selection), [selection]);

  /** Keeps one data object per node while nothing it shows changed, so memoised cards skip re-rendering. */
  const dataFor = useCallback(
    (node: PlanNode): PlanNodeData => {
      const next: PlanNodeData = {
        node,
        findings: byNode.get(node.id),
        focusAreaTitle: node.focusArea ? focusTitles.get(node.focusArea) : undefined,
        peerColors: peerSelection.get(node.id),
        votes: voteCounts?.get(node.id),
      };
      const previous = dataCache.current.get(node.id);
      if (
        previous &&
        previous.node === next.node &&
        sameFindings(previous.findings, next.findings) &&
        previous.focusAreaTitle === next.focusAreaTitle &&
        previous.peerColors?.join() === next.peerColors?.join() &&
        previous.votes === next.votes
      ) {
        return previous;
      }
      dataCache.current.set(node.id, next);
      return next;
    },
    [byNode, focusTitles, peerSelection, voteCounts],
  );

  const nodes: PlanFlowNode[] = useMemo(
    () =>
      plan.nodes.map((node, index) => ({
        id: node.id,
        type: 'plan' as const,
        position: dragPositions[node.id] ?? node.position ?? fallbackPosition(index),
        data: dataFor(node),
        selected: selectedSet.has(node.id),
        measured: measured[node.id],
        draggable: !readOnly && !lockedKinds.has(node.kind),
        connectable: !readOnly,
        deletable: !readOnly && !lockedKinds.has(node.kind),
        ariaLabel: `${KIND_LOOKS[node.kind].da}: ${node.title}`,
      })),
    [plan.nodes, dragPositions, dataFor, selectedSet, measured, readOnly, lockedKinds],
  );

  const edges: Edge[] = useMemo(
    () =>
      plan.edges.map((edge) => {
        const look = EDGE_LOOKS[edge.kind];
        const fromKind = kindOf.get(edge.from);
        const toKind = kindOf.get(edge.to);
        const valid = fromKind && toKind && checkEdge({ kind: edge.kind, fromKind, toKind, selfLoop: edge.from === edge.to }).allowed;
        const color = valid ? '#445' : '#c62828';
        return {
          id: edge.id!,
          source: edge.from,
          target: edge.to,
          selected: edge.id === selectedEdge,
          data: { rationale: edge.rationale, assumptions: edge.assumptions, kind: edge.kind },
          style: { stroke: color, strokeWidth: edge.kind === 'leder-til' ? 2.2 : 1.8, strokeDasharray: look.dash },
          markerEnd: { type: edge.kind === 'maales-ved' ? MarkerType.Arrow : MarkerType.ArrowClosed, color, width: 18, height: 18 },
          ariaLabel: `${t(look.da, look.en)}`,
          className: `edge-${edge.kind}`,
        };
      }),
    [plan.edges, kindOf, selectedEdge, t],
  );

  const writePositions = useMemo(
    () => throttle((positions: Record<string, XY>) => setNodePositions(session.doc, positions, session.localOrigin), 50),
    [session],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<PlanFlowNode>[]) => {
      const moving: Record<string, XY> = {};
      const finished: Record<string, XY> = {};
      const dims: Record<string, { width: number; height: number }> = {};
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
          nextSelection ??= new Set(selection);
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
    [dragPositions, onSelect, plan.nodes.length, readOnly, selection, session, writePositions],
  );

  const onEdgesChange = useCallback(
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
    [onSelect, readOnly, session],
  );

  const verdictFor = useCallback(
    (connection: Connection | Edge) => {
      const fromKind = kindOf.get(connection.source);
      const toKind = kindOf.get(connection.target);
      if (!fromKind || !toKind) return { kind: null, reason: t('Ukendt node.', 'Unknown node.') };
      if (connection.source === connection.target) return { kind: null, reason: t('En kant kan ikke gå fra en node til den selv.', 'An edge cannot start and end at the same node.') };
      const kind = suggestEdgeKind(fromKind, toKind);
      if (kind) return { kind, reason: null };
      const attempted = toKind === 'maal' ? 'bidrager-til' : toKind === 'indikator' ? 'maales-ved' : 'leder-til';
      const verdict = checkEdge({ kind: attempted, fromKind, toKind });
      return { kind: null, reason: verdict.allowed ? null : verdict.reason };
    },
    [kindOf, t],
  );

  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const { kind, reason } = verdictFor(connection);
      setHint(kind ? null : reason);
      return kind !== null;
    },
    [verdictFor],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      setHint(null);
      const { kind, reason } = verdictFor(connection);
      if (!kind) {
        onNotice(reason ?? t('Forbindelsen er ikke tilladt.', 'Connection not allowed.'));
        return;
      }
      if ([connection.source, connection.target].every((id) => lockedKinds.has(kindOf.get(id) ?? ''))) {
        onNotice(t('Facilitatoren har låst begge slags noder.', 'The facilitator has locked both kinds of nodes.'));
        return;
      }
      const result = addEdge(session.doc, { from: connection.source, to: connection.target, kind }, session.localOrigin);
      if (!result.ok) onNotice(result.reason);
    },
    [kindOf, lockedKinds, onNotice, session, t, verdictFor],
  );

  const onConnectEnd = useCallback(() => {
    if (hint) onNotice(hint);
    setHint(null);
  }, [hint, onNotice]);

  const onNodeDragStart = useCallback(() => session.undoManager.stopCapturing(), [session]);
  const onNodeDragStop = useCallback(() => session.undoManager.stopCapturing(), [session]);

  // throttled before converting: screenToFlowPosition reads the layout, which must not happen on every pointer move
  const sendCursor = useMemo(
    () => throttle((screen: XY | null) => {
      session.provider.awareness.setLocalStateField('cursor', screen ? flow.screenToFlowPosition(screen) : null);
    }, 50),
    [flow, session],
  );
  const onPointerMove = useCallback((event: ReactPointerEvent) => sendCursor({ x: event.clientX, y: event.clientY }), [sendCursor]);

  useEffect(() => {
    session.provider.awareness.setLocalStateField('selection', selection);
  }, [selection, session]);

  return (
    <div className="canvas" onPointerMove={onPointerMove} onPointerLeave={() => sendCursor(null)} data-testid="canvas">
      {hint && (
        <div className="connect-hint" role="status" data-testid="connect-hint">
          {t('Ikke tilladt', 'Not allowed')}: {hint}
        </div>
      )}
      <ReactFlow<PlanFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onEdgeMouseEnter={(event, edge) => setHoverEdge({ edge, x: event.clientX, y: event.clientY })}
        onEdgeMouseLeave={() => setHoverEdge(null)}
        onMove={(event, viewport) => onMove?.(event !== null, viewport)}
        onPaneClick={() => {
          setSelectedEdge(null);
          onSelect([]);
        }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={false}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        onlyRenderVisibleElements={plan.nodes.length > 300}
        minZoom={0.1}
        maxZoom={2.5}
        fitView
        fitViewOptions={{ padding: 0.15 }}
        proOptions={{ hideAttribution: true }}
      >
        {/* the dotted background is repainted on every pan frame; on large plans the cards are orientation enough */}
        {plan.nodes.length <= 300 && <Background gap={24} />}
        <Controls showInteractive={false} />
        {/* the minimap redraws every node on every pan frame: worth it for an overview of a workshop-sized plan only */}
        {plan.nodes.length <= 300 && <MiniMap pannable zoomable nodeColor={(n) => KIND_LOOKS[(n.data as PlanNodeData).node.kind].color} />}
        <ViewportPortal>
          {peers
            .filter((peer) => peer.cursor)
            .map((peer) => (
              <div
                key={peer.clientId}
                className="peer-cursor"
                style={{ transform: `translate(${peer.cursor!.x}px, ${peer.cursor!.y}px)`, color: peer.color }}
                data-testid="peer-cursor"
              >
                <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
                  <path d="M1 1l6 15 2-6 6-2z" fill={peer.color} stroke="white" />
                </svg>
                <span style={{ background: peer.color }}>{peer.name}</span>
              </div>
            ))}
        </ViewportPortal>
      </ReactFlow>
      {hoverEdge && (
        <div className="edge-tooltip" style={{ left: hoverEdge.x + 12, top: hoverEdge.y + 12 }} role="tooltip">
          <strong>{t(EDGE_LOOKS[(hoverEdge.edge.data as { kind: keyof typeof EDGE_LOOKS }).kind].da, EDGE_LOOKS[(hoverEdge.edge.data as { kind: keyof typeof EDGE_LOOKS }).kind].en)}</strong>
          {(hoverEdge.edge.data as { rationale?: string }).rationale ? (
            <p>{(hoverEdge.edge.data as { rationale?: string }).rationale}</p>
          ) : (
            <p className="muted">{t('Ingen begrundelse skrevet endnu.', 'No rationale written yet.')}</p>
          )}
          {((hoverEdge.edge.data as { assumptions?: string[] }).assumptions ?? []).map((a) => (
            <p key={a}>• {a}</p>
          ))}
        </div>
      )}
    </div>
  );
}

function sameFindings(a: Finding[] | undefined, b: Finding[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((f, i) => f.rule === b[i]!.rule && f.message === b[i]!.message);
}
