/**
 * The plan as React Flow nodes and edges: cards with their data (kept identical while nothing they show changed,
 * so memoised cards skip re-rendering), the focus-area filter, and edges with their routes around other cards.
 */
import { MarkerType, Position, type Edge, type NodeHandle } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import { CARD_SIZE, type Box, type Point, type Size } from '../../model/geometry.ts';
import { checkEdge } from '../../model/grammar.ts';
import { focusAreaNodeIds, layoutPlan } from '../../model/layout.ts';
import { routeEdges, type Route } from '../../model/routing.ts';
import type { Finding } from '../../model/rules.ts';
import type { PlanFile, PlanNode } from '../../model/schema.ts';
import type { Peer } from '../hooks.ts';
import { countOf } from '../i18n.tsx';
import { EDGE_LOOKS, KIND_LOOKS } from '../kinds.ts';
import type { PlanFlowNode, PlanNodeData } from '../PlanNodeView.tsx';
import type { RoutedEdgeData } from './RoutedEdge.tsx';
import type { MeasuredSizes } from './useCanvasChanges.ts';
import { useSameList, useSameMap, useStableItems } from './stable.ts';

/** Above this many cards, edges are drawn as plain curves: routing every edge on each layout change costs too much. */
export const ROUTE_LIMIT = 300;
const NO_ROUTES: ReadonlyMap<string, Route> = new Map();
/** Depth of sameValue for an edge: its route point by point. */
const EDGE_DEPTH = 4;

export interface FlowElementInput {
  plan: PlanFile;
  byNode: Map<string, Finding[]>;
  peers: Peer[];
  selection: string[];
  selectedEdge: string | null;
  measured: MeasuredSizes;
  readOnly: boolean;
  lockedKinds: ReadonlySet<string>;
  voteCounts: Map<string, number> | undefined;
  /** show only this indsatsområde ('' for all) */
  focusFilter: string;
  /** React Flow draws only the cards in view (large plans): give unmeasured cards an estimated size and handles */
  estimateUnmeasured: boolean;
  t: (da: string, en: string) => string;
}

/** Where each card stands: its stored position, or (a plan that arrived without positions) the auto-layout's. */
export function useStoredPositions(plan: PlanFile): Map<string, Point> {
  const fallback = useMemo(() => (plan.nodes.some((node) => !node.position) ? layoutPlan(plan) : {}), [plan]);
  return useMemo(() => new Map(plan.nodes.map((node) => [node.id, node.position ?? fallback[node.id] ?? { x: 0, y: 0 }])), [plan.nodes, fallback]);
}

/** Each card's box from its stored position and its measured (or default) size. */
export function useBoxes(positions: Map<string, Point>, measured: MeasuredSizes): Map<string, Box> {
  return useMemo(() => new Map([...positions].map(([id, p]) => [id, { ...p, ...(measured.sizes[id] ?? CARD_SIZE) }])), [positions, measured]);
}

export function useFlowElements(input: FlowElementInput, positions: Map<string, Point>, boxes: Map<string, Box>): { nodes: PlanFlowNode[]; edges: Edge[] } {
  const { plan, byNode, peers, selection, selectedEdge, measured, readOnly, lockedKinds, voteCounts, focusFilter, estimateUnmeasured, t } = input;
  const dataCache = useRef(new Map<string, PlanNodeData>());
  const focusTitles = useMemo(() => new Map((plan.focusAreas ?? []).map((a) => [a.id, a.title])), [plan.focusAreas]);
  const peerSelection = useMemo(() => {
    const colors = new Map<string, string[]>();
    for (const peer of peers) for (const id of peer.selection ?? []) colors.set(id, [...(colors.get(id) ?? []), peer.color]);
    return colors;
  }, [peers]);
  const selectedSet = useMemo(() => new Set(selection), [selection]);
  const shown = useMemo(() => (focusFilter ? focusAreaNodeIds(plan, focusFilter) : null), [focusFilter, plan]);

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

  const freshNodes: PlanFlowNode[] = useMemo(
    () =>
      plan.nodes.map((node) => ({
        id: node.id,
        type: 'plan' as const,
        position: positions.get(node.id)!,
        data: dataFor(node),
        selected: selectedSet.has(node.id),
        ...sizeOf(node, measured.sizes[node.id], estimateUnmeasured),
        hidden: shown !== null && !shown.has(node.id),
        draggable: !readOnly && !lockedKinds.has(node.kind),
        connectable: !readOnly,
        deletable: !readOnly && !lockedKinds.has(node.kind),
        ariaLabel: cardLabel(node, byNode.get(node.id), t),
      })),
    [plan.nodes, positions, dataFor, selectedSet, measured, estimateUnmeasured, shown, readOnly, lockedKinds, byNode, t],
  );

  // React Flow re-adopts (and re-renders) every node object it has not seen: hand it the old ones
  const nodes = useStableItems(freshNodes, sameFlowNode);

  // the reader hands on new lists after every change: keep the lines as they were when only a card moved
  const planEdges = useSameList(plan.edges);
  const routes: ReadonlyMap<string, Route> = useMemo(() => {
    if (plan.nodes.length > ROUTE_LIMIT) return NO_ROUTES;
    const visible = shown ? new Map([...boxes].filter(([id]) => shown.has(id))) : boxes;
    return routeEdges(visible, planEdges.map((edge) => ({ id: edge.id!, from: edge.from, to: edge.to })));
  }, [boxes, planEdges, plan.nodes.length, shown]);

  const kindOf = useSameMap(useMemo(() => new Map(plan.nodes.map((n) => [n.id, n.kind])), [plan.nodes]));
  const titleOf = useSameMap(useMemo(() => new Map(plan.nodes.map((n) => [n.id, n.title])), [plan.nodes]));
  const freshEdges: Edge[] = useMemo(
    () =>
      planEdges.map((edge) => {
        const look = EDGE_LOOKS[edge.kind];
        const fromKind = kindOf.get(edge.from);
        const toKind = kindOf.get(edge.to);
        const valid = fromKind && toKind && checkEdge({ kind: edge.kind, fromKind, toKind, selfLoop: edge.from === edge.to }).allowed;
        const color = valid ? '#445' : '#c62828';
        const route = routes.get(edge.id!);
        const data: RoutedEdgeData = { rationale: edge.rationale, assumptions: edge.assumptions, kind: edge.kind, route: route?.detour ? route.points : undefined };
        return {
          id: edge.id!,
          type: 'routed',
          source: edge.from,
          target: edge.to,
          selected: edge.id === selectedEdge,
          data,
          style: { stroke: color, strokeWidth: edge.kind === 'leder-til' ? 2.2 : 1.8, strokeDasharray: look.dash },
          markerEnd: { type: edge.kind === 'maales-ved' ? MarkerType.Arrow : MarkerType.ArrowClosed, color, width: 18, height: 18 },
          ariaLabel: `${t('Forbindelse', 'Link')}: ${titleOf.get(edge.from) ?? ''} ${t(look.da, look.en)} ${titleOf.get(edge.to) ?? ''}${assumptionsText(edge.assumptions, t)}`,
          className: `edge-${edge.kind}`,
        };
      }),
    [planEdges, kindOf, routes, selectedEdge, t, titleOf],
  );
  // React Flow re-adopts (and re-renders) every node or edge object it has not seen: hand it the old ones
  return { nodes, edges: useStableItems(freshEdges, EDGE_DEPTH) };
}

/** What a screen reader says for a card: "Aktivitet: Lektiecafé, 1 fejl". */
function cardLabel(node: PlanNode, findings: Finding[] | undefined, t: (da: string, en: string) => string): string {
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const warnings = findings?.filter((f) => f.severity === 'warning').length ?? 0;
  const problems = [
    ...(errors ? [t(countOf(errors, 'fejl', 'fejl'), countOf(errors, 'error', 'errors', 'en'))] : []),
    ...(warnings ? [t(countOf(warnings, 'advarsel', 'advarsler'), countOf(warnings, 'warning', 'warnings', 'en'))] : []),
  ];
  return `${t(KIND_LOOKS[node.kind].da, KIND_LOOKS[node.kind].en)}: ${node.title}${problems.length ? `, ${problems.join(', ')}` : ''}`;
}

/** Where the handles of a card of CARD_SIZE sit (16 px squares centred on its left and right sides). */
const HANDLE = 16;
const ESTIMATED_TARGET: NodeHandle = { type: 'target', position: Position.Left, x: -HANDLE / 2, y: CARD_SIZE.height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE };
const ESTIMATED_SOURCE: NodeHandle = { ...ESTIMATED_TARGET, type: 'source', position: Position.Right, x: CARD_SIZE.width - HANDLE / 2 };
const ESTIMATED_HANDLES = { withSource: [ESTIMATED_TARGET, ESTIMATED_SOURCE], targetOnly: [ESTIMATED_TARGET] };

/**
 * A card's size for React Flow. React Flow mounts every card it has no size and handles for, just to measure it,
 * and fits the view only when all are measured: on a large plan that is a thousand cards mounted for the first
 * frame and most unmounted again. An estimate lets it mount only those in view; each is measured when it comes
 * into view, and from then on React Flow keeps the handles it measured (so none are given with a real size).
 */
function sizeOf(node: PlanNode, size: Size | undefined, estimate: boolean): { measured?: Size; handles?: NodeHandle[] } {
  if (size || !estimate) return { measured: size };
  return { measured: CARD_SIZE, handles: node.kind === 'indikator' ? ESTIMATED_HANDLES.targetOnly : ESTIMATED_HANDLES.withSource };
}

/**
 * Two flow nodes of one card show the same: position and size by value, the rest by identity (the data object is
 * kept while nothing in it changed, see dataFor). Written out field by field: it runs for every card each time the
 * plan changes, twenty times a second while someone drags.
 */
export function sameFlowNode(a: PlanFlowNode, b: PlanFlowNode): boolean {
  return (
    a.position.x === b.position.x && a.position.y === b.position.y &&
    a.measured?.width === b.measured?.width && a.measured?.height === b.measured?.height &&
    a.data === b.data && a.selected === b.selected && a.hidden === b.hidden && a.handles === b.handles &&
    a.draggable === b.draggable && a.connectable === b.connectable && a.deletable === b.deletable && a.ariaLabel === b.ariaLabel
  );
}

function sameFindings(a: Finding[] | undefined, b: Finding[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((f, i) => f.rule === b[i]!.rule && f.message === b[i]!.message);
}

/** The assumptions in an edge's accessible name, so a screen reader hears what the canvas mark shows. */
function assumptionsText(assumptions: string[] | undefined, t: (da: string, en: string) => string): string {
  const list = (assumptions ?? []).map((a) => a.trim()).filter(Boolean);
  return list.length === 0 ? '' : `. ${t('Antagelser', 'Assumptions')}: ${list.join('; ')}`;
}
