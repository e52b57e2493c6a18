/**
 * fast-check arbitraries for plans and for edits, shared by the property tests.
 *
 * - `planArbitrary()`: valid forandringskort/v1 plans (they pass `validatePlan`), with optional keys present
 *   or absent, unknown extra keys (including the awkward `order` and `~…`), edges with and without ids and
 *   edges the grammar forbids (a file may hold them).
 * - `operationArbitrary()` / `applyOperation()`: random edits through the binding's mutators. Operations name
 *   their targets by position (`pick`), resolved against the doc when applied, so they hit what is there; new
 *   ids come from small pools so that concurrent replicas collide on purpose.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { isReservedKey, RESERVED_KEYS } from '../../model/values.ts';
import { suggestEdgeKind } from '../../model/grammar.ts';
import {
  ANCHORING_STRATEGIES,
  EDGE_KINDS,
  FORMAT,
  HORIZONS,
  NODE_KINDS,
  STATUSES,
  type FocusArea,
  type PlanEdge,
  type PlanFile,
  type PlanInfo,
  type PlanNode,
} from '../../model/schema.ts';
import {
  addEdge,
  addFocusArea,
  addNode,
  docToPlan,
  removeDanglingEdges,
  removeEdge,
  removeFocusArea,
  removeNode,
  replacePlan,
  setNodePositions,
  updateEdge,
  updateFocusArea,
  updateNode,
  updatePlanInfo,
} from '../../model/ydoc.ts';

export const NODE_ID_POOL = Array.from({ length: 10 }, (_, i) => `n${i}`);
export const FOCUS_AREA_ID_POOL = ['io1', 'io2', 'io3', 'io4'];
export const EDGE_ID_POOL = Array.from({ length: 8 }, (_, i) => `k${i}`);

/** Removes keys whose value is undefined, so that absent stays absent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

/** Text as people type it: ASCII, Danish letters, emoji, quotes and markup-looking text. */
export const textArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('Lektiecafé', 'Æblegrød på Østerbro', 'Søren "Sørensen"', '<b>fed</b>', '', '95 %'),
  // what a spreadsheet would run as a formula, and what a cell's lines and trimming would change
  fc.constantFrom('=1+1', '+45 12 34 56 78', '-3 %', '@SUM(A1)', '\tindrykket', '\r', ' mellemrum ', 'to\nlinjer', '12', 'ja'),
);

/** A finite number as Yjs stores it (no -0, which JSON and Yjs both turn into 0). */
export const numberArbitrary: fc.Arbitrary<number> = fc
  .oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
  .map((n) => (Object.is(n, -0) ? 0 : n));

const yearArbitrary = fc.integer({ min: 1990, max: 2040 });

/**
 * Any JSON value a plan may hold, as a user's own key might (round-tripped through JSON, so no -0 or undefined):
 * without the reserved keys `__proto__`, `constructor` and `prototype` at any depth, which every door refuses
 * (model/values.ts; `reservedKeyValueArbitrary` makes values that hold them).
 */
export const jsonArbitrary: fc.Arbitrary<unknown> = fc
  .jsonValue({ maxDepth: 2 })
  .map((value) => JSON.parse(JSON.stringify(value), (key, inner: unknown) => (isReservedKey(key) ? undefined : inner)) as unknown);

/** A JSON value (as JSON.parse makes it) holding one reserved key somewhere, and the JSON path of that key. */
export const reservedKeyValueArbitrary: fc.Arbitrary<{ value: unknown; path: string }> = fc
  .record({
    key: fc.constantFrom(...RESERVED_KEYS),
    inner: fc.oneof(fc.constant(0), fc.constant(null), fc.constant({ polluted: true }), jsonArbitrary),
    siblings: fc.dictionary(fc.constantFrom('a', 'b', 'navn'), jsonArbitrary, { maxKeys: 2 }),
    nesting: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  })
  .map(({ key, inner, siblings, nesting }) => {
    let text = `{${[...Object.entries(siblings).map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`), `${JSON.stringify(key)}:${JSON.stringify(inner)}`].join(',')}}`;
    for (const outer of [...nesting].reverse()) text = `{${JSON.stringify(outer)}:${text}}`;
    return { value: JSON.parse(text) as unknown, path: [...nesting, key].join('.') };
  });

/** Unknown extra keys, including names that clash with the binding's own bookkeeping. */
function extraKeysArbitrary(known: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc
    .oneof(fc.constantFrom('order', '~x', '~~y', '~focusAreas', 'egenNøgle'), fc.string({ minLength: 1, maxLength: 6 }))
    .filter((name) => !known.includes(name) && !isReservedKey(name));
  return fc.dictionary(key, jsonArbitrary, { maxKeys: 2 });
}

const NODE_KEYS = [
  'id', 'kind', 'title', 'focusArea', 'description', 'targetGroup', 'responsible', 'partners', 'resources',
  'localEvaluation', 'anchoring', 'status', 'horizon', 'external', 'unit', 'baseline', 'target', 'source',
  'frequency', 'measurements', 'position', 'code',
];

const valueYearArbitrary = fc.record({ value: numberArbitrary, year: yearArbitrary }, { requiredKeys: [] });

export const positionArbitrary = fc.record({ x: numberArbitrary, y: numberArbitrary });

/** The optional fields of a node (everything but id, kind and focusArea). */
export const nodeFieldsArbitrary: fc.Arbitrary<Partial<PlanNode>> = fc
  .record({
    description: optional(textArbitrary),
    targetGroup: optional(textArbitrary),
    partners: optional(fc.array(textArbitrary, { maxLength: 3 })),
    anchoring: optional(
      fc.record({ strategy: fc.constantFrom(...ANCHORING_STRATEGIES), partner: textArbitrary, note: textArbitrary }, { requiredKeys: [] }),
    ),
    status: optional(fc.constantFrom(...STATUSES)),
    horizon: optional(fc.constantFrom(...HORIZONS)),
    external: optional(fc.boolean()),
    unit: optional(textArbitrary),
    code: optional(fc.oneof(textArbitrary, fc.constantFrom('UDD-15-17', 'BESK-16-64'))),
    baseline: optional(valueYearArbitrary),
    target: optional(valueYearArbitrary),
    measurements: optional(fc.array(fc.record({ date: fc.constantFrom('2013-06-30', '2014-01-01'), value: numberArbitrary }), { maxLength: 2 })),
    position: optional(positionArbitrary),
  })
  .map(compact);

function nodeArbitrary(id: string, focusAreaIds: readonly string[], followUp = false): fc.Arbitrary<PlanNode> {
  return fc
    .record({
      kind: fc.constantFrom(...NODE_KINDS),
      title: textArbitrary,
      focusArea: focusAreaIds.length > 0 ? optional(fc.constantFrom(...focusAreaIds)) : fc.constant(undefined),
      fields: nodeFieldsArbitrary,
      followUp: followUp ? followUpFieldsArbitrary : fc.constant({}),
      extra: extraKeysArbitrary([...NODE_KEYS, 'direction', 'targets', 'statusLog']),
    })
    .map(({ kind, title, focusArea, fields, followUp: more, extra }) => compact({ ...extra, ...fields, ...more, id, kind, title, focusArea }));
}

function focusAreaArbitrary(id: string): fc.Arbitrary<FocusArea> {
  return fc
    .record({
      title: textArbitrary,
      purpose: optional(fc.array(textArbitrary, { maxLength: 2 })),
      problem: optional(textArbitrary),
      extra: extraKeysArbitrary(['id', 'title', 'purpose', 'problem']),
    })
    .map(({ title, purpose, problem, extra }) => compact({ ...extra, id, title, purpose, problem }));
}

export const planInfoArbitrary: fc.Arbitrary<PlanInfo> = fc
  .record({
    title: textArbitrary,
    organisation: optional(textArbitrary),
    area: optional(textArbitrary),
    period: optional(fc.record({ from: yearArbitrary, to: yearArbitrary })),
    vision: optional(textArbitrary),
    extra: extraKeysArbitrary(['title', 'organisation', 'area', 'period', 'vision']),
  })
  .map(({ extra, ...info }) => compact({ ...extra, ...info }));

function edgesArbitrary(nodeIds: readonly string[]): fc.Arbitrary<PlanEdge[]> {
  if (nodeIds.length === 0) return fc.constant([]);
  const edge = fc.record({
    from: fc.constantFrom(...nodeIds),
    to: fc.constantFrom(...nodeIds),
    kind: fc.constantFrom(...EDGE_KINDS),
    hasId: fc.boolean(),
    rationale: optional(textArbitrary),
    assumptions: optional(fc.array(textArbitrary, { maxLength: 2 })),
    extra: extraKeysArbitrary(['id', 'from', 'to', 'kind', 'rationale', 'assumptions']),
  });
  return fc.array(edge, { maxLength: nodeIds.length * 2 }).map((edges) =>
    edges.map(({ hasId, extra, ...rest }, index) => compact({ ...extra, ...rest, id: hasId ? `e${index}` : undefined })),
  );
}

/** The follow-up keys (spec section 5): direction, yearly milestones, measurements with notes, the fremdrift history. */
export const followUpFieldsArbitrary: fc.Arbitrary<Partial<PlanNode>> = fc
  .record({
    direction: optional(fc.constantFrom('op' as const, 'ned' as const)),
    targets: optional(
      fc.uniqueArray(fc.record({ year: yearArbitrary, value: numberArbitrary, note: optional(textArbitrary) }).map(compact), { selector: (t) => t.year, maxLength: 3 }),
    ),
    measurements: optional(
      fc.array(
        fc.record({ date: fc.constantFrom('2013-06-30', '2013-12-31', '2014-01-01', 'en dag'), value: numberArbitrary, note: optional(textArbitrary), source: optional(textArbitrary) }).map(compact),
        { maxLength: 3 },
      ),
    ),
    statusLog: optional(
      fc.array(
        fc.record({
          date: fc.constantFrom('2013-02-28', '2014-12-01', '2016-02-29'),
          status: fc.constantFrom(...STATUSES),
          note: optional(textArbitrary),
          by: optional(textArbitrary),
          extra: extraKeysArbitrary(['date', 'status', 'note', 'by']),
        }).map(({ extra, ...entry }) => compact({ ...extra, ...entry })),
        { maxLength: 3 },
      ),
    ),
  })
  .map(compact);

export interface PlanArbitraryOptions {
  /** Nodes also carry the follow-up keys (followUpFieldsArbitrary). */
  followUp?: boolean;
  /** Node ids are drawn from this pool (default NODE_ID_POOL), so operations can hit them. */
  nodeIds?: readonly string[];
  maxNodes?: number;
  minNodes?: number;
}

/** Valid plans: they pass `validatePlan`. */
export function planArbitrary(options: PlanArbitraryOptions = {}): fc.Arbitrary<PlanFile> {
  const pool = options.nodeIds ?? NODE_ID_POOL;
  const maxNodes = Math.min(options.maxNodes ?? pool.length, pool.length);
  return fc
    .record({
      info: planInfoArbitrary,
      focusAreaIds: fc.subarray(FOCUS_AREA_ID_POOL),
      focusAreasKey: fc.boolean(),
      nodeIds: fc.shuffledSubarray([...pool], { minLength: Math.min(options.minNodes ?? 0, maxNodes), maxLength: maxNodes }),
    })
    .chain(({ info, focusAreaIds, focusAreasKey, nodeIds }) =>
      fc
        .record({
          focusAreas: fc.tuple(...focusAreaIds.map(focusAreaArbitrary)),
          nodes: fc.tuple(...nodeIds.map((id) => nodeArbitrary(id, focusAreaIds, options.followUp))),
          edges: edgesArbitrary(nodeIds),
        })
        .map(({ focusAreas, nodes, edges }): PlanFile => {
          const plan: PlanFile = { format: FORMAT, plan: info, nodes, edges };
          if (focusAreas.length > 0 || focusAreasKey) plan.focusAreas = focusAreas;
          // as it comes from a file: plain objects (fast-check may make null-prototype ones)
          return JSON.parse(JSON.stringify(plan)) as PlanFile;
        }),
    );
}

// ---------------------------------------------------------------------------------------------------------
// Operations

export type Operation =
  | { op: 'addNode'; id: string; kind: PlanNode['kind']; title: string; focusAreaPick?: number }
  | { op: 'updateNode'; pick: number; patch: Partial<PlanNode>; removeKey?: 'description' | 'status' | 'position' }
  | { op: 'setFocusArea'; pick: number; focusAreaPick: number | null }
  | { op: 'removeNode'; pick: number }
  | { op: 'move'; picks: number[]; position: { x: number; y: number } }
  /** without `kind`, the kind the canvas would suggest for the two nodes (so most adds are allowed) */
  /** `toPick` counts on from `fromPick`, so the ends differ whenever there are two nodes */
  | { op: 'addEdge'; fromPick: number; toPick: number; kind?: PlanEdge['kind']; id?: string; rationale?: string }
  | { op: 'updateEdge'; pick: number; rationale: string }
  | { op: 'removeEdge'; pick: number }
  | { op: 'addFocusArea'; id: string; title: string }
  | { op: 'updateFocusArea'; pick: number; title: string }
  | { op: 'removeFocusArea'; pick: number }
  | { op: 'updatePlanInfo'; patch: Partial<PlanInfo> }
  | { op: 'removeDanglingEdges' }
  /** an import or a restore of a saved version while others edit */
  | { op: 'replacePlan'; plan: PlanFile };

const pick = fc.nat({ max: 50 });

export const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('addNode' as const), id: fc.constantFrom(...NODE_ID_POOL), kind: fc.constantFrom(...NODE_KINDS), title: textArbitrary, focusAreaPick: optional(pick) }).map(compact),
  fc.record({ op: fc.constant('updateNode' as const), pick, patch: fc.record({ title: textArbitrary }, { requiredKeys: [] }).chain((base) => nodeFieldsArbitrary.map((fields) => ({ ...base, ...fields }))), removeKey: optional(fc.constantFrom('description' as const, 'status' as const, 'position' as const)) }).map(compact),
  fc.record({ op: fc.constant('setFocusArea' as const), pick, focusAreaPick: fc.option(pick, { nil: null }) }),
  fc.record({ op: fc.constant('removeNode' as const), pick }),
  fc.record({ op: fc.constant('move' as const), picks: fc.array(pick, { minLength: 1, maxLength: 3 }), position: positionArbitrary }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('addEdge' as const), fromPick: pick, toPick: pick, kind: fc.option(fc.constantFrom(...EDGE_KINDS), { nil: undefined, freq: 3 }), id: optional(fc.constantFrom(...EDGE_ID_POOL)), rationale: optional(textArbitrary) }).map(compact) },
  fc.record({ op: fc.constant('updateEdge' as const), pick, rationale: textArbitrary }),
  fc.record({ op: fc.constant('removeEdge' as const), pick }),
  fc.record({ op: fc.constant('addFocusArea' as const), id: fc.constantFrom(...FOCUS_AREA_ID_POOL), title: textArbitrary }),
  fc.record({ op: fc.constant('updateFocusArea' as const), pick, title: textArbitrary }),
  fc.record({ op: fc.constant('removeFocusArea' as const), pick }),
  fc.record({ op: fc.constant('updatePlanInfo' as const), patch: planInfoArbitrary.map(({ title, vision, area }) => compact({ title, vision, area })) }),
  fc.constant({ op: 'removeDanglingEdges' as const }),
  fc.record({ op: fc.constant('replacePlan' as const), plan: planArbitrary({ maxNodes: 4 }) }),
);

function at<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/** Result of one operation: applied, skipped (nothing to act on) or refused by the binding with a reason. */
export type OperationOutcome = { status: 'applied' | 'skipped' } | { status: 'refused'; reason: string };

/**
 * Applies an operation through the binding's mutators. A refusal (taken id, forbidden edge) is an expected
 * outcome and returned, not thrown; programming errors (TypeError, RangeError) are rethrown.
 */
export function applyOperation(doc: Y.Doc, operation: Operation, origin?: unknown): OperationOutcome {
  try {
    return runOperation(doc, operation, origin);
  } catch (error) {
    if (!(error instanceof Error) || error instanceof TypeError || error instanceof RangeError) throw error;
    return { status: 'refused', reason: error.message };
  }
}

const APPLIED: OperationOutcome = { status: 'applied' };
const SKIPPED: OperationOutcome = { status: 'skipped' };

function runOperation(doc: Y.Doc, operation: Operation, origin: unknown): OperationOutcome {
  const plan = docToPlan(doc, { edgeKeys: true });
  const areas = plan.focusAreas ?? [];
  switch (operation.op) {
    case 'addNode': {
      const focusArea = operation.focusAreaPick === undefined ? undefined : at(areas, operation.focusAreaPick)?.id;
      addNode(doc, compact({ id: operation.id, kind: operation.kind, title: operation.title, focusArea }), origin);
      return APPLIED;
    }
    case 'updateNode': {
      const target = at(plan.nodes, operation.pick);
      if (!target) return SKIPPED;
      const patch: Partial<PlanNode> = { ...operation.patch };
      if (operation.removeKey) patch[operation.removeKey] = undefined;
      updateNode(doc, target.id, patch, origin);
      return APPLIED;
    }
    case 'setFocusArea': {
      const target = at(plan.nodes, operation.pick);
      if (!target) return SKIPPED;
      const focusArea = operation.focusAreaPick === null ? undefined : at(areas, operation.focusAreaPick)?.id;
      updateNode(doc, target.id, { focusArea }, origin);
      return APPLIED;
    }
    case 'removeNode': {
      const target = at(plan.nodes, operation.pick);
      if (!target) return SKIPPED;
      removeNode(doc, target.id, origin);
      return APPLIED;
    }
    case 'move': {
      const positions: Record<string, { x: number; y: number }> = {};
      operation.picks.forEach((index, offset) => {
        const target = at(plan.nodes, index);
        if (target) positions[target.id] = { x: operation.position.x + offset, y: operation.position.y };
      });
      setNodePositions(doc, positions, origin);
      return APPLIED;
    }
    case 'addEdge': {
      const from = at(plan.nodes, operation.fromPick);
      const to = at(plan.nodes, operation.fromPick + 1 + operation.toPick);
      if (!from || !to) return SKIPPED;
      const kind = operation.kind ?? suggestEdgeKind(from.kind, to.kind) ?? 'leder-til';
      const result = addEdge(doc, compact({ id: operation.id, from: from.id, to: to.id, kind, rationale: operation.rationale }), origin);
      return result.ok ? APPLIED : { status: 'refused', reason: result.reason };
    }
    case 'updateEdge': {
      const target = at(plan.edges, operation.pick);
      if (!target?.id) return SKIPPED;
      updateEdge(doc, target.id, { rationale: operation.rationale }, origin);
      return APPLIED;
    }
    case 'removeEdge': {
      const target = at(plan.edges, operation.pick);
      if (!target?.id) return SKIPPED;
      removeEdge(doc, target.id, origin);
      return APPLIED;
    }
    case 'addFocusArea':
      addFocusArea(doc, { id: operation.id, title: operation.title }, origin);
      return APPLIED;
    case 'updateFocusArea': {
      const target = at(areas, operation.pick);
      if (!target) return SKIPPED;
      updateFocusArea(doc, target.id, { title: operation.title }, origin);
      return APPLIED;
    }
    case 'removeFocusArea': {
      const target = at(areas, operation.pick);
      if (!target) return SKIPPED;
      removeFocusArea(doc, target.id, origin);
      return APPLIED;
    }
    case 'updatePlanInfo':
      updatePlanInfo(doc, operation.patch, origin);
      return APPLIED;
    case 'removeDanglingEdges':
      removeDanglingEdges(doc, origin);
      return APPLIED;
    case 'replacePlan':
      replacePlan(doc, operation.plan, origin);
      return APPLIED;
  }
}
