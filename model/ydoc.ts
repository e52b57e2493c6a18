/**
 * The Yjs binding of a forandringskort/v1 plan: how a plan lives in a shared Y.Doc, and the only functions
 * that write it. Client, server and CLI all go through here.
 *
 * ## Y.Doc layout
 * Four root maps hold the plan (facilitation state lives in other roots, never in these):
 * - `doc.getMap('plan')`: the plan's fields (`title`, `organisation`, `area`, `period`, `vision`, and any
 *   unknown keys), each a plain JSON value, plus the marker `~focusAreas` (true when the file had a
 *   `focusAreas` key, so that an empty list comes back as `[]` and a missing one stays missing).
 * - `doc.getMap('focusAreas')`, `doc.getMap('nodes')`, `doc.getMap('edges')`: keyed by id; each value is a
 *   nested `Y.Map` holding the object's fields one by one (`id` included) as plain JSON values, plus a
 *   numeric `order`. A node's canvas position is one `{x, y}` value under `position`.
 *
 * Conventions:
 * - `order` keeps the file's order; new objects get max + 1. Ties (two people adding at once) are broken by
 *   key, so every replica sorts the same way.
 * - Field names that clash with our own names are escaped with a leading `~`: a user key `order` is stored as
 *   `~order`, a user key `~x` as `~~x`. Keys starting with a single `~` that are not escapes are markers.
 * - An edge that had no `id` in the file is stored under a generated key and its nested map has NO `id` field:
 *   that absence is the marker, and `docToPlan` gives such an edge back without an id (or with its key as
 *   id when asked for `{ edgeKeys: true }`, which the canvas uses to address edges).
 * - Objects are created with `set` once and then updated field by field, never `set` whole again: a whole
 *   `set` would resurrect a node that someone else deleted meanwhile and drop their concurrent field edits.
 *
 * ## What `docToPlan` leaves out so that its result always passes `validatePlan`
 * Concurrent edits can leave the doc in states a file may not have. `docToPlan` then:
 * - leaves out edges whose `from` or `to` node is gone (a node deleted while someone drew an edge to it);
 *   `removeDanglingEdges` deletes them for good and the client runs it after remote updates;
 * - drops a node's `focusArea` when that focus area no longer exists;
 * - drops a field whose value breaks the schema (only a misbehaving peer can write one), gives a missing
 *   title as "", and leaves out an object whose id or kind is unusable.
 * Nothing is deleted from the doc by reading it.
 *
 * ## Reading in the editor
 * `docToPlan` gives fresh objects (≈3 ms for 1,000 nodes and edges). The canvas, which reads after every
 * edit, should use `observePlan` or `createPlanReader`: they convert only what changed (≈1 ms per edit at
 * 1,000 nodes) and keep the identity of unchanged nodes and edges for memoised components.
 *
 * ## Origins and undo
 * Every mutator runs in one `doc.transact(fn, origin)`. `createUndoManager(doc, origin)` undoes only
 * transactions of that origin; run `removeDanglingEdges` with an origin no undo manager tracks.
 */
import * as Y from 'yjs';
import type * as z from 'zod';
import { checkEdge } from './grammar.ts';
import { exceedsDepth, isReservedKey, MAX_VALUE_DEPTH, RESERVED_KEYS, reservedKeyPath, stripInvalidChars } from './values.ts';
import {
  edgeSchema,
  focusAreaSchema,
  formatPath,
  FORMAT,
  issueMessage,
  NODE_KINDS,
  nodeSchema,
  planInfoSchema,
  type NodeKind,
  type FocusArea,
  type PlanEdge,
  type PlanFile,
  type PlanInfo,
  type PlanNode,
} from './schema.ts';

/** The plan's top-level roots by name (the workshop's are WORKSHOP_ROOTS in model/workshop.ts). */
export const PLAN_ROOT = { plan: 'plan', focusAreas: 'focusAreas', nodes: 'nodes', edges: 'edges' } as const;
export type PlanRoot = (typeof PLAN_ROOT)[keyof typeof PLAN_ROOT];
export const PLAN_ROOTS: readonly PlanRoot[] = Object.values(PLAN_ROOT);

/** Milliseconds within which a user's own changes merge into one undo step (one typing burst, one gesture). */
export const UNDO_CAPTURE_TIMEOUT_MS = 400;

const ORDER_KEY = 'order';
const ESCAPE = '~';
const HAS_FOCUS_AREAS_MARKER = '~focusAreas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Fields = Record<string, unknown>;
type ItemMap = Y.Map<unknown>;

export interface PlanRoots {
  plan: Y.Map<unknown>;
  focusAreas: Y.Map<ItemMap>;
  nodes: Y.Map<ItemMap>;
  edges: Y.Map<ItemMap>;
}

export function planRoots(doc: Y.Doc): PlanRoots {
  return {
    plan: doc.getMap(PLAN_ROOT.plan),
    focusAreas: doc.getMap(PLAN_ROOT.focusAreas),
    nodes: doc.getMap(PLAN_ROOT.nodes),
    edges: doc.getMap(PLAN_ROOT.edges),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Keys and values

function encodeKey(key: string): string {
  refuseReservedKey(key);
  return key === ORDER_KEY || key.startsWith(ESCAPE) ? ESCAPE + key : key;
}

/** The user key for a stored key, or null for our own keys (`order`, markers). */
function decodeKey(stored: string): string | null {
  if (stored === ORDER_KEY) return null;
  if (!stored.startsWith(ESCAPE)) return stored;
  const rest = stored.slice(1);
  return rest === ORDER_KEY || rest.startsWith(ESCAPE) ? rest : null;
}

/**
 * A deep copy of a JSON value, so that neither the caller nor the doc can change the other's object. Also the
 * editor's door for characters and keys (model/values.ts): text loses what XML does not allow on its way in;
 * writing refuses a reserved key, reading leaves one out (only a plan stored before the rule could hold one).
 */
function cloneJson(value: unknown, reading = false): unknown {
  if (typeof value === 'string') return stripInvalidChars(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Y.AbstractType) return value.toJSON() as unknown;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item, reading));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined) continue;
    const clean = stripInvalidChars(key);
    if (isReservedKey(clean)) {
      if (reading) continue;
      refuseReservedKey(clean);
    }
    copy[clean] = cloneJson(inner, reading);
  }
  return copy;
}

/**
 * The editor's door for the keys no value may hold (model/values.ts): Yjs would not carry `__proto__` to the other
 * replicas. Every other door refuses them before a plan reaches the binding, so this throws only on a caller's bug.
 */
function refuseReservedKey(key: string): void {
  if (isReservedKey(key)) throw reservedKeyError(key);
}

/** Refuses a value holding a reserved key anywhere, before a mutator writes anything. */
function refuseReservedKeys(what: string, value: unknown): void {
  const path = reservedKeyPath(value);
  if (path !== null) throw reservedKeyError(path.split('.').pop() ?? path, `${what} er ugyldig: ${path}: `);
}

function reservedKeyError(key: string, prefix = ''): Error {
  return new Error(`${prefix}Feltnavnet ${JSON.stringify(key)} er ikke tilladt i en plan (${[...RESERVED_KEYS].join(', ')} er forbeholdt).`);
}

/** A field value the layout does not allow: a shared type (fields hold plain JSON) or JSON nested too deep. */
function unreadable(value: unknown): boolean {
  return value instanceof Y.AbstractType || exceedsDepth(value, MAX_VALUE_DEPTH);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const aKeys = Object.keys(aRecord).filter((key) => aRecord[key] !== undefined);
  const bKeys = Object.keys(bRecord).filter((key) => bRecord[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => jsonEqual(aRecord[key], bRecord[key]));
}

/** Writes one field if it changed; `undefined` deletes it. */
function writeField(map: Y.Map<unknown>, key: string, value: unknown): void {
  const stored = encodeKey(key);
  if (value === undefined) {
    if (map.has(stored)) map.delete(stored);
    return;
  }
  if (!jsonEqual(map.get(stored), value)) map.set(stored, cloneJson(value) as Json);
}

function readFields(map: Y.Map<unknown>): Fields {
  const fields: Fields = {};
  map.forEach((value, stored) => {
    const key = decodeKey(stored);
    // read-repair: a value nested too deep (only a misbehaving peer, before the server checked, could write one)
    // is left out, so that reading, checking and exporting never recurse into it
    if (key !== null && !isReservedKey(key) && value !== undefined && !unreadable(value)) fields[key] = cloneJson(value, true);
  });
  return fields;
}

/** Makes the map hold exactly `fields` (plus its `order`), writing only what differs. */
function syncFields(map: ItemMap, fields: object): void {
  const wanted = new Map<string, unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) wanted.set(encodeKey(key), value);
  for (const stored of Array.from(map.keys())) {
    if (decodeKey(stored) !== null && !wanted.has(stored)) map.delete(stored);
  }
  for (const [stored, value] of wanted) {
    if (!jsonEqual(map.get(stored), value)) map.set(stored, cloneJson(value) as Json);
  }
}

function newItemMap(fields: object, order: number): ItemMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(encodeKey(key), cloneJson(value));
  map.set(ORDER_KEY, order);
  return map;
}

function orderOf(map: ItemMap): number {
  const order = map instanceof Y.Map ? map.get(ORDER_KEY) : undefined;
  return typeof order === 'number' && Number.isFinite(order) ? order : Number.MAX_VALUE;
}

function nextOrder(root: Y.Map<ItemMap>): number {
  let max = -1;
  root.forEach((map) => {
    const order = orderOf(map);
    if (order !== Number.MAX_VALUE && order > max) max = order;
  });
  return max + 1;
}

/** The root's entries in file order (by `order`, ties by key). */
function sortedEntries(root: Y.Map<ItemMap>): Array<[string, ItemMap]> {
  const entries: Array<[string, ItemMap, number]> = [];
  root.forEach((map, key) => {
    if (map instanceof Y.Map) entries.push([key, map, orderOf(map)]);
  });
  entries.sort((a, b) => a[2] - b[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries.map(([key, map]) => [key, map]);
}

function itemMap(root: Y.Map<ItemMap>, id: string): ItemMap | undefined {
  const map = root.get(id);
  return map instanceof Y.Map ? map : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

/** Drops fields that break the schema; null when the object is unusable (bad id or kind). */
function repair<T>(schema: z.ZodType<T>, fields: Fields, requiredKeys: readonly string[]): T | null {
  let candidate = fields;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    const next: Fields = { ...candidate };
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string') continue;
      if (key === 'title') next.title = typeof next.title === 'string' ? next.title : '';
      else if (requiredKeys.includes(key)) return null;
      else delete next[key];
    }
    candidate = next;
  }
  return null;
}

export interface DocToPlanOptions {
  /** Give every edge its key as `id`, also edges that had none in the file (the canvas needs an address). */
  edgeKeys?: boolean;
}

/** Converted objects by their nested map; a reader keeps one, `docToPlan` none. */
type ReadCache = WeakMap<ItemMap, object | null>;

/** The plan in the doc, always valid (see the file header for what is left out). Fresh objects every call. */
export function docToPlan(doc: Y.Doc, options: DocToPlanOptions = {}): PlanFile {
  return readPlan(planRoots(doc), options.edgeKeys === true, null, null);
}

function readPlan(roots: PlanRoots, edgeKeys: boolean, cache: ReadCache | null, info: PlanInfo | null): PlanFile {
  const focusAreas = readFocusAreas(roots.focusAreas, cache);
  const focusAreaIds = new Set(focusAreas.map((area) => area.id));
  const nodes = readNodes(roots.nodes, focusAreaIds, cache);
  const nodeIds = new Set(nodes.map((node) => node.id));
  const plan: PlanFile = {
    format: FORMAT,
    plan: info ?? readPlanInfo(roots.plan),
    nodes,
    edges: readEdges(roots.edges, nodeIds, edgeKeys, cache),
  };
  if (focusAreas.length > 0 || roots.plan.get(HAS_FOCUS_AREAS_MARKER) === true) plan.focusAreas = focusAreas;
  return plan;
}

function readPlanInfo(map: Y.Map<unknown>): PlanInfo {
  return repair(planInfoSchema, readFields(map), []) ?? { title: '' };
}

/** The converted object of one nested map, from the cache when it has not changed since. */
function readItem<T extends object>(cache: ReadCache | null, map: ItemMap, convert: () => T | null): T | null {
  if (!cache) return convert();
  if (cache.has(map)) return cache.get(map) as T | null;
  const item = convert();
  cache.set(map, item);
  return item;
}

function readFocusAreas(root: Y.Map<ItemMap>, cache: ReadCache | null): FocusArea[] {
  const areas: FocusArea[] = [];
  for (const [key, map] of sortedEntries(root)) {
    const area = readItem(cache, map, () => repair(focusAreaSchema, { ...readFields(map), id: key }, ['id']));
    if (area) areas.push(area);
  }
  return areas;
}

function readNodes(root: Y.Map<ItemMap>, focusAreaIds: ReadonlySet<string>, cache: ReadCache | null): PlanNode[] {
  const nodes: PlanNode[] = [];
  for (const [key, map] of sortedEntries(root)) {
    const node = readItem(cache, map, () => repair(nodeSchema, { ...readFields(map), id: key }, ['id', 'kind']));
    if (!node) continue;
    if (node.focusArea !== undefined && !focusAreaIds.has(node.focusArea)) {
      const { focusArea: _gone, ...rest } = node;
      nodes.push(rest);
    } else {
      nodes.push(node);
    }
  }
  return nodes;
}

function readEdges(root: Y.Map<ItemMap>, nodeIds: ReadonlySet<string>, withKeys: boolean, cache: ReadCache | null): PlanEdge[] {
  const edges: PlanEdge[] = [];
  for (const [key, map] of sortedEntries(root)) {
    const edge = readItem(cache, map, () => {
      const fields = readFields(map);
      if (fields.id !== undefined || withKeys) fields.id = key;
      return repair(edgeSchema, fields, ['id', 'from', 'to', 'kind']);
    });
    if (edge && nodeIds.has(edge.from) && nodeIds.has(edge.to)) edges.push(edge);
  }
  return edges;
}

export interface PlanReader {
  /** The plan now, as `docToPlan` gives it, but objects that did not change keep their identity. */
  read(): PlanFile;
  /** Stops following the doc. */
  destroy(): void;
}

/**
 * A `docToPlan` for the editor, which reads the plan after every change: it converts only the nodes,
 * edges and focus areas that changed since the last read and hands back the same object for the rest
 * (so memoised React components skip them). Treat what it returns as read-only: it is shared between reads.
 */
export function createPlanReader(doc: Y.Doc, options: DocToPlanOptions = {}): PlanReader {
  const roots = planRoots(doc);
  let cache: ReadCache = new WeakMap();
  let info: PlanInfo | null = null;
  const forgetChanged = (transaction: Y.Transaction): void => {
    for (const type of transaction.changed.keys()) {
      if ((type as unknown) === roots.plan) info = null;
      else if (type instanceof Y.Map) cache.delete(type as ItemMap);
    }
  };
  doc.on('afterTransaction', forgetChanged);
  return {
    read() {
      info ??= readPlanInfo(roots.plan);
      return readPlan(roots, options.edgeKeys === true, cache, info);
    },
    destroy() {
      doc.off('afterTransaction', forgetChanged);
      cache = new WeakMap();
    },
  };
}

/**
 * Calls `listener` with the plan after every transaction that changed it (local or remote), read through
 * a `createPlanReader`, so unchanged objects keep their identity. Returns the function that stops it.
 */
export function observePlan(
  doc: Y.Doc,
  listener: (plan: PlanFile, transaction: Y.Transaction) => void,
  options: DocToPlanOptions = {},
): () => void {
  const reader = createPlanReader(doc, options);
  const roots = new Set<unknown>(Object.values(planRoots(doc)));
  const touchesPlan = (transaction: Y.Transaction): boolean => {
    for (const type of transaction.changedParentTypes.keys()) if (roots.has(type)) return true;
    for (const type of transaction.changed.keys()) if (roots.has(type)) return true;
    return false;
  };
  const onTransaction = (transaction: Y.Transaction): void => {
    if (touchesPlan(transaction)) listener(reader.read(), transaction);
  };
  doc.on('afterTransaction', onTransaction); // after the reader's own handler, so its cache is current
  return () => {
    doc.off('afterTransaction', onTransaction);
    reader.destroy();
  };
}

// ---------------------------------------------------------------------------------------------------------
// Whole plans

/** Fills the doc (a new one if none is given) with the plan, in one transaction. */
export function planToDoc(plan: PlanFile, doc: Y.Doc = new Y.Doc()): Y.Doc {
  replacePlan(doc, plan);
  return doc;
}

/**
 * Makes the doc hold exactly `plan`, in one transaction (import, restore of a version). Objects that exist
 * in both are updated field by field, so the change is as small as the difference.
 */
export function replacePlan(doc: Y.Doc, plan: PlanFile, origin?: unknown): void {
  refuseReservedKeys('Planen', plan);
  const roots = planRoots(doc);
  doc.transact(() => {
    syncPlanInfo(roots.plan, plan);
    syncItems(roots.focusAreas, (plan.focusAreas ?? []).map((area) => [area.id, area]));
    syncItems(roots.nodes, plan.nodes.map((node) => [node.id, node]));
    syncItems(roots.edges, edgeEntries(roots.edges, plan.edges));
  }, origin);
}

function syncPlanInfo(map: Y.Map<unknown>, plan: PlanFile): void {
  syncFields(map, plan.plan);
  if (plan.focusAreas !== undefined) map.set(HAS_FOCUS_AREAS_MARKER, true);
  else if (map.has(HAS_FOCUS_AREAS_MARKER)) map.delete(HAS_FOCUS_AREAS_MARKER);
}

/** Keys for the plan's edges: the id, or for an edge without one, the key of an equal stored id-less edge or a new key. */
function edgeEntries(root: Y.Map<ItemMap>, edges: readonly PlanEdge[]): Array<[string, object]> {
  const reusable = new Map<string, string[]>();
  for (const [key, map] of sortedEntries(root)) {
    if (map.has('id')) continue;
    const signature = JSON.stringify([map.get('from'), map.get('to'), map.get('kind')]);
    reusable.set(signature, [...(reusable.get(signature) ?? []), key]);
  }
  const taken = new Set(edges.flatMap((edge) => (edge.id === undefined ? [] : [edge.id])));
  return edges.map((edge): [string, object] => {
    if (edge.id !== undefined) return [edge.id, edge];
    const candidates = reusable.get(JSON.stringify([edge.from, edge.to, edge.kind])) ?? [];
    let key = candidates.shift();
    while (key !== undefined && taken.has(key)) key = candidates.shift();
    while (key === undefined || taken.has(key)) key = newId('k');
    taken.add(key);
    return [key, edge];
  });
}

function syncItems(root: Y.Map<ItemMap>, items: ReadonlyArray<readonly [string, object]>): void {
  const wanted = new Set(items.map(([key]) => key));
  for (const key of Array.from(root.keys())) if (!wanted.has(key)) root.delete(key);
  items.forEach(([key, fields], order) => {
    const existing = itemMap(root, key);
    if (existing) {
      syncFields(existing, fields);
      if (existing.get(ORDER_KEY) !== order) existing.set(ORDER_KEY, order);
    } else {
      root.set(key, newItemMap(fields, order));
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Checks shared by the mutators

function invalid(what: string, issues: readonly z.core.$ZodIssue[]): Error {
  const details = issues.map((issue) => `${formatPath(issue.path)}: ${issueMessage(issue)}`).join('; ');
  return new Error(`${what} er ugyldig: ${details}`);
}

function validated<T>(schema: z.ZodType<T>, what: string, fields: unknown): T {
  refuseReservedKeys(what, fields);
  const result = schema.safeParse(fields, { reportInput: true });
  if (!result.success) throw invalid(what, result.error.issues);
  return result.data;
}

/** The patch with `undefined` meaning "remove this key", applied to the current fields. */
function patched(current: Fields, patch: object): Fields {
  const next: Fields = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else {
      refuseReservedKey(key);
      next[key] = value;
    }
  }
  return next;
}

function applyPatch(map: ItemMap, patch: object): void {
  for (const [key, value] of Object.entries(patch)) if (key !== 'id') writeField(map, key, value);
}

function refuseIdChange(kind: string, id: string, patch: { id?: unknown }): void {
  if (patch.id !== undefined && patch.id !== id) throw new Error(`${kind}ens id kan ikke ændres (${JSON.stringify(id)}).`);
}

// ---------------------------------------------------------------------------------------------------------
// Nodes

/** Adds a node; throws (in Danish) if the id is taken or the node breaks the schema. */
export function addNode(doc: Y.Doc, node: PlanNode, origin?: unknown): void {
  const valid = validated(nodeSchema, `Noden ${JSON.stringify(node.id)}`, node);
  const { nodes } = planRoots(doc);
  if (nodes.has(valid.id)) throw new Error(`Der findes allerede en node med id ${JSON.stringify(valid.id)}.`);
  doc.transact(() => nodes.set(valid.id, newItemMap(valid, nextOrder(nodes))), origin);
}

/**
 * Changes the given fields of a node in place; a key whose value is `undefined` is removed. Does nothing
 * if the node is gone (someone may have deleted it a moment ago). Throws if the result breaks the schema.
 */
export function updateNode(doc: Y.Doc, id: string, patch: Partial<PlanNode>, origin?: unknown): void {
  const map = itemMap(planRoots(doc).nodes, id);
  if (!map) return;
  refuseIdChange('Node', id, patch);
  validated(nodeSchema, `Noden ${JSON.stringify(id)}`, patched({ ...readFields(map), id }, patch));
  doc.transact(() => applyPatch(map, patch), origin);
}

/** Removes a node and every edge to or from it, in one transaction. */
export function removeNode(doc: Y.Doc, id: string, origin?: unknown): void {
  const { nodes, edges } = planRoots(doc);
  if (!nodes.has(id)) return;
  doc.transact(() => {
    nodes.delete(id);
    for (const [key, map] of Array.from(edges.entries())) {
      if (map instanceof Y.Map && (map.get('from') === id || map.get('to') === id)) edges.delete(key);
    }
  }, origin);
}

/** Moves nodes (layout, a drag of several); one transaction, so one undo step. Unknown ids are skipped. */
export function setNodePositions(doc: Y.Doc, positions: Record<string, { x: number; y: number }>, origin?: unknown): void {
  const { nodes } = planRoots(doc);
  doc.transact(() => {
    for (const [id, { x, y }] of Object.entries(positions)) {
      const map = itemMap(nodes, id);
      if (map && Number.isFinite(x) && Number.isFinite(y)) writeField(map, 'position', { x, y });
    }
  }, origin);
}

// ---------------------------------------------------------------------------------------------------------
// Edges

export type AddEdgeResult = { ok: true; id: string } | { ok: false; reason: string };

/** The node's kind, or undefined when there is no usable node with that id. */
function nodeKindOf(nodes: Y.Map<ItemMap>, id: string): NodeKind | undefined {
  const kind = itemMap(nodes, id)?.get('kind');
  return (NODE_KINDS as readonly unknown[]).includes(kind) ? (kind as NodeKind) : undefined;
}

function edgeProblem(doc: Y.Doc, edge: Pick<PlanEdge, 'from' | 'to' | 'kind'>, ignoreKey?: string): string | null {
  const { nodes, edges } = planRoots(doc);
  const fromKind = nodeKindOf(nodes, edge.from);
  const toKind = nodeKindOf(nodes, edge.to);
  if (fromKind === undefined) return `Kanten kan ikke starte i ${JSON.stringify(edge.from)}, for den node findes ikke.`;
  if (toKind === undefined) return `Kanten kan ikke ende i ${JSON.stringify(edge.to)}, for den node findes ikke.`;
  const verdict = checkEdge({
    kind: edge.kind,
    fromKind,
    toKind,
    selfLoop: edge.from === edge.to,
  });
  if (!verdict.allowed) return verdict.reason;
  for (const [key, map] of edges.entries()) {
    if (!(map instanceof Y.Map)) continue;
    if (key !== ignoreKey && map.get('from') === edge.from && map.get('to') === edge.to && map.get('kind') === edge.kind) {
      return 'Den kant findes allerede.';
    }
  }
  return null;
}

/** Adds an edge unless the grammar forbids it or it repeats an existing one; says why in Danish if not. */
export function addEdge(doc: Y.Doc, edge: Omit<PlanEdge, 'id'> & { id?: string }, origin?: unknown): AddEdgeResult {
  const id = edge.id ?? newId('k');
  const reserved = reservedKeyPath(edge);
  if (reserved !== null) return { ok: false, reason: `Kanten er ugyldig: ${reserved}: feltnavnet er ikke tilladt i en plan.` };
  const parsed = edgeSchema.safeParse({ ...edge, id }, { reportInput: true });
  if (!parsed.success) return { ok: false, reason: invalid('Kanten', parsed.error.issues).message };
  const { edges } = planRoots(doc);
  if (edges.has(id)) return { ok: false, reason: `Der findes allerede en kant med id ${JSON.stringify(id)}.` };
  const problem = edgeProblem(doc, parsed.data);
  if (problem !== null) return { ok: false, reason: problem };
  doc.transact(() => edges.set(id, newItemMap(parsed.data, nextOrder(edges))), origin);
  return { ok: true, id };
}

/**
 * Changes the given fields of an edge (addressed by its key, see `docToPlan`'s `edgeKeys`). Does nothing if
 * the edge is gone; throws if the change breaks the schema or the grammar.
 */
export function updateEdge(doc: Y.Doc, id: string, patch: Partial<PlanEdge>, origin?: unknown): void {
  const map = itemMap(planRoots(doc).edges, id);
  if (!map) return;
  refuseIdChange('Kant', id, patch);
  const next = validated(edgeSchema, 'Kanten', patched({ ...readFields(map), id }, patch));
  if (patch.from !== undefined || patch.to !== undefined || patch.kind !== undefined) {
    const problem = edgeProblem(doc, next, id);
    if (problem !== null) throw new Error(problem);
  }
  doc.transact(() => applyPatch(map, patch), origin);
}

export function removeEdge(doc: Y.Doc, id: string, origin?: unknown): void {
  const { edges } = planRoots(doc);
  if (edges.has(id)) doc.transact(() => edges.delete(id), origin);
}

/**
 * Deletes edges whose `from` or `to` node is gone; returns how many. Idempotent, and safe when two clients
 * run it at once (both delete the same keys; a double delete is a no-op in Yjs). Run it with an origin that
 * no undo manager tracks, so that a user's undo does not bring a dangling edge back.
 */
export function removeDanglingEdges(doc: Y.Doc, origin?: unknown): number {
  const { nodes, edges } = planRoots(doc);
  const dangling: string[] = [];
  edges.forEach((map, key) => {
    const from = map instanceof Y.Map ? map.get('from') : undefined;
    const to = map instanceof Y.Map ? map.get('to') : undefined;
    if (typeof from !== 'string' || typeof to !== 'string' || !nodes.has(from) || !nodes.has(to)) dangling.push(key);
  });
  if (dangling.length > 0) doc.transact(() => dangling.forEach((key) => edges.delete(key)), origin);
  return dangling.length;
}

// ---------------------------------------------------------------------------------------------------------
// Plan info and focus areas

/** Changes plan fields in place; `undefined` removes a key. The title cannot be removed. */
export function updatePlanInfo(doc: Y.Doc, patch: Partial<PlanInfo>, origin?: unknown): void {
  const { plan } = planRoots(doc);
  validated(planInfoSchema, 'Planens oplysninger', patched(readFields(plan), patch));
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) writeField(plan, key, value);
  }, origin);
}

export function addFocusArea(doc: Y.Doc, area: FocusArea, origin?: unknown): void {
  const valid = validated(focusAreaSchema, `Indsatsområdet ${JSON.stringify(area.id)}`, area);
  const { plan, focusAreas } = planRoots(doc);
  if (focusAreas.has(valid.id)) throw new Error(`Der findes allerede et indsatsområde med id ${JSON.stringify(valid.id)}.`);
  doc.transact(() => {
    focusAreas.set(valid.id, newItemMap(valid, nextOrder(focusAreas)));
    if (plan.get(HAS_FOCUS_AREAS_MARKER) !== true) plan.set(HAS_FOCUS_AREAS_MARKER, true);
  }, origin);
}

export function updateFocusArea(doc: Y.Doc, id: string, patch: Partial<FocusArea>, origin?: unknown): void {
  const map = itemMap(planRoots(doc).focusAreas, id);
  if (!map) return;
  refuseIdChange('Indsatsområde', id, patch);
  validated(focusAreaSchema, `Indsatsområdet ${JSON.stringify(id)}`, patched({ ...readFields(map), id }, patch));
  doc.transact(() => applyPatch(map, patch), origin);
}

/** Removes a focus area; its nodes stay and lose their `focusArea`. One transaction. */
export function removeFocusArea(doc: Y.Doc, id: string, origin?: unknown): void {
  const { focusAreas, nodes } = planRoots(doc);
  if (!focusAreas.has(id)) return;
  doc.transact(() => {
    focusAreas.delete(id);
    nodes.forEach((map) => {
      if (map instanceof Y.Map && map.get('focusArea') === id) map.delete('focusArea');
    });
  }, origin);
}

// ---------------------------------------------------------------------------------------------------------
// Ids and undo

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_RANDOM_LENGTH = 10;

/** A short id such as `a-3k9x0qz7mp`: 10 random base-36 characters (≈ 52 bits), so collisions are negligible. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(ID_RANDOM_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let random = '';
  for (const byte of bytes) random += ID_ALPHABET[byte % ID_ALPHABET.length];
  return prefix === '' ? random : `${prefix}-${random}`;
}

/**
 * An undo manager over the four plan roots that tracks only transactions with this `origin`, so a user's
 * undo never takes back what others did. Changes within UNDO_CAPTURE_TIMEOUT_MS merge into one step; call
 * `stopCapturing()` to end a step early.
 */
export function createUndoManager(doc: Y.Doc, origin: unknown): Y.UndoManager {
  const roots = planRoots(doc);
  return new Y.UndoManager([roots.plan, roots.focusAreas, roots.nodes, roots.edges], {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_TIMEOUT_MS,
  });
}
