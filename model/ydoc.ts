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
 * - A node's `title` and `description` (NODE_TEXT_FIELDS) are shared text: a `Y.Text` in the node's map (plain
 *   characters only: no formatting attributes, embeds or nested types), so that each keystroke travels as a small
 *   insert or delete and two people typing in one title both keep their words. This is the one exception to
 *   "fields hold plain JSON", and the only shared type allowed below a root's objects (server/integrity.ts refuses
 *   a `Y.Text` anywhere else). Readers still get strings: `docToPlan` turns the text into its characters.
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
 * ## Plans stored before shared text (a title or description as a plain string)
 * They read as before: wherever a `Y.Text` is expected a plain string is read as it is, so a reader never tells
 * the two apart. The server converts a stored plan when it loads it, before any client syncs: `legacyTextUpdate`
 * gives one update (one transaction) that sets a fresh `Y.Text` with the same characters for every string, which the
 * server stores like any other change. Its client id is derived from the doc's whole state, so two instances that
 * load the same plan at once make the very same update (Yjs takes it once); instances with different states make
 * different ones, and then one text per field wins — a conversion never inserts into an existing `Y.Text`, so
 * text is never doubled. An editor of before the change (a tab left open) still writes strings: they are taken
 * as they always were, and the next keystroke of a current editor makes the field shared text again
 * (`editNodeText`, like every mutator, turns a string it writes over into a fresh `Y.Text`).
 *
 * ## Reading in the editor
 * `docToPlan` gives fresh objects (≈3 ms for 1,000 nodes and edges). The canvas, which reads after every
 * edit, should use `observePlan` or `createPlanReader`: they convert only what changed (≈1 ms per edit at
 * 1,000 nodes) and keep the identity of unchanged nodes and edges for memoised components.
 *
 * ## Origins and undo
 * Every mutator runs in one `doc.transact(fn, origin)`. `createUndoManager(doc, origin)` undoes only
 * transactions of that origin; its scope, the four roots, covers the texts inside them, so typing is undone in
 * one's own typing bursts and never takes back what another person typed in the same title. Run
 * `removeDanglingEdges` with an origin no undo manager tracks.
 *
 * ## Live text in the editor
 * A field is bound to its shared text with `watchNodeText` (it follows the field when its `Y.Text` is replaced:
 * a conversion, an undo of one, an old editor's write) and written with `editNodeText`, one keystroke at a time.
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

/** The node fields stored as shared text (`Y.Text`), see the file header. Everything else is plain JSON. */
export const NODE_TEXT_FIELDS = ['title', 'description'] as const;
export type NodeTextField = (typeof NODE_TEXT_FIELDS)[number];

const ORDER_KEY = 'order';
const ESCAPE = '~';
const HAS_FOCUS_AREAS_MARKER = '~focusAreas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Fields = Record<string, unknown>;
type ItemMap = Y.Map<unknown>;
/** The stored keys of a root's objects that hold shared text (NODE_TEXT_FIELDS need no escape). */
type TextKeys = ReadonlySet<string>;
const NODE_TEXT_KEYS: TextKeys = new Set(NODE_TEXT_FIELDS);
const NO_TEXT_KEYS: TextKeys = new Set();

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

/** Whether a stored value is shared text as the layout has it: a `Y.Text`, not one of its XML subclasses. */
export function isSharedText(value: unknown): value is Y.Text {
  return value instanceof Y.Text && value.constructor === Y.Text;
}

/** A stored text field as a string: shared text gives its characters, a plain string (stored before) itself. */
function textValue(value: unknown): unknown {
  return isSharedText(value) ? value.toString() : value;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** One change of a text: at `index`, `removed` characters out and `inserted` in. */
export interface TextChange {
  index: number;
  removed: number;
  inserted: string;
}

/**
 * The smallest change that turns `current` into `next`: one delete and one insert between the common start and
 * end, never splitting a surrogate pair. `caret`, where the editing ended in `next` (a field's caret after a
 * keystroke), places the change where it was made when the text around it repeats ("aa" → "aaa"). Null if equal.
 */
export function textChange(current: string, next: string, caret?: number): TextChange | null {
  if (current === next) return null;
  const shorter = Math.min(current.length, next.length);
  // the caret stands at the end of what was typed: the change starts at most that many characters before it
  const prefixLimit = caret === undefined ? shorter : Math.max(0, Math.min(shorter, caret - Math.max(0, next.length - current.length)));
  let start = 0;
  while (start < prefixLimit && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  const suffixLimit = Math.min(shorter - start, caret === undefined ? Infinity : Math.max(0, next.length - caret));
  let end = 0;
  while (end < suffixLimit && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  return { index: start, removed: current.length - start - end, inserted: next.slice(start, next.length - end) };
}

/** Makes `text` read `next` by the smallest change (see `textChange`). Call inside a transaction. */
function applyTextDiff(text: Y.Text, next: string, caret?: number): void {
  const change = textChange(text.toString(), next, caret);
  if (!change) return;
  if (change.removed > 0) text.delete(change.index, change.removed);
  if (change.inserted.length > 0) text.insert(change.index, change.inserted);
}

/** Writes a text field: into its `Y.Text` by the smallest change, or a fresh `Y.Text` when it holds none yet. */
function writeText(map: Y.Map<unknown>, stored: string, value: string, caret?: number): void {
  const clean = stripInvalidChars(value);
  const current = map.get(stored);
  if (isSharedText(current)) applyTextDiff(current, clean, caret);
  else map.set(stored, new Y.Text(clean));
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

/** Writes one field if it changed; `undefined` deletes it. A text field's string goes into its shared text. */
function writeField(map: Y.Map<unknown>, key: string, value: unknown, textKeys: TextKeys = NO_TEXT_KEYS): void {
  const stored = encodeKey(key);
  if (value === undefined) {
    if (map.has(stored)) map.delete(stored);
    return;
  }
  if (textKeys.has(stored) && typeof value === 'string') writeText(map, stored, value);
  else if (!jsonEqual(map.get(stored), value)) map.set(stored, cloneJson(value) as Json);
}

function readFields(map: Y.Map<unknown>, textKeys: TextKeys = NO_TEXT_KEYS): Fields {
  const fields: Fields = {};
  map.forEach((raw, stored) => {
    const key = decodeKey(stored);
    const value = textKeys.has(stored) ? textValue(raw) : raw;
    // read-repair: a value nested too deep (only a misbehaving peer, before the server checked, could write one)
    // is left out, so that reading, checking and exporting never recurse into it
    if (key !== null && !isReservedKey(key) && value !== undefined && !unreadable(value)) fields[key] = cloneJson(value, true);
  });
  return fields;
}

/** Makes the map hold exactly `fields` (plus its `order`), writing only what differs. */
function syncFields(map: ItemMap, fields: object, textKeys: TextKeys = NO_TEXT_KEYS): void {
  const wanted = new Map<string, unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) wanted.set(encodeKey(key), value);
  for (const stored of Array.from(map.keys())) {
    if (decodeKey(stored) !== null && !wanted.has(stored)) map.delete(stored);
  }
  for (const [stored, value] of wanted) {
    if (textKeys.has(stored) && typeof value === 'string') writeText(map, stored, value);
    else if (!jsonEqual(map.get(stored), value)) map.set(stored, cloneJson(value) as Json);
  }
}

function newItemMap(fields: object, order: number, textKeys: TextKeys = NO_TEXT_KEYS): ItemMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const stored = encodeKey(key);
    map.set(stored, textKeys.has(stored) && typeof value === 'string' ? new Y.Text(stripInvalidChars(value)) : cloneJson(value));
  }
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
    const node = readItem(cache, map, () => repair(nodeSchema, { ...readFields(map, NODE_TEXT_KEYS), id: key }, ['id', 'kind']));
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
      // a node's shared text changed: the node's map is what the cache holds
      else if (type instanceof Y.Text && type.parent instanceof Y.Map) cache.delete(type.parent as ItemMap);
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
    syncItems(roots.nodes, plan.nodes.map((node) => [node.id, node]), NODE_TEXT_KEYS);
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

function syncItems(root: Y.Map<ItemMap>, items: ReadonlyArray<readonly [string, object]>, textKeys: TextKeys = NO_TEXT_KEYS): void {
  const wanted = new Set(items.map(([key]) => key));
  for (const key of Array.from(root.keys())) if (!wanted.has(key)) root.delete(key);
  items.forEach(([key, fields], order) => {
    const existing = itemMap(root, key);
    if (existing) {
      syncFields(existing, fields, textKeys);
      if (existing.get(ORDER_KEY) !== order) existing.set(ORDER_KEY, order);
    } else {
      root.set(key, newItemMap(fields, order, textKeys));
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

function applyPatch(map: ItemMap, patch: object, textKeys: TextKeys = NO_TEXT_KEYS): void {
  for (const [key, value] of Object.entries(patch)) if (key !== 'id') writeField(map, key, value, textKeys);
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
  doc.transact(() => nodes.set(valid.id, newItemMap(valid, nextOrder(nodes), NODE_TEXT_KEYS)), origin);
}

/**
 * Changes the given fields of a node in place; a key whose value is `undefined` is removed. Does nothing
 * if the node is gone (someone may have deleted it a moment ago). Throws if the result breaks the schema.
 */
export function updateNode(doc: Y.Doc, id: string, patch: Partial<PlanNode>, origin?: unknown): void {
  const map = itemMap(planRoots(doc).nodes, id);
  if (!map) return;
  refuseIdChange('Node', id, patch);
  validated(nodeSchema, `Noden ${JSON.stringify(id)}`, patched({ ...readFields(map, NODE_TEXT_KEYS), id }, patch));
  doc.transact(() => applyPatch(map, patch, NODE_TEXT_KEYS), origin);
}

// ---------------------------------------------------------------------------------------------------------
// Live text (see the file header)

/**
 * A node's title or description as it is stored: its shared text, a plain string (a plan stored before shared
 * text, or an old editor's write), or null when the node or the field is missing.
 */
export function nodeText(doc: Y.Doc, id: string, field: NodeTextField): Y.Text | string | null {
  const value = itemMap(planRoots(doc).nodes, id)?.get(field);
  return isSharedText(value) || typeof value === 'string' ? value : null;
}

/**
 * One keystroke (or paste, cut, IME composition) in a node's title or description: makes the field read `next`
 * by the smallest insert and delete in its shared text (a fresh `Y.Text` when the field holds none yet), in one
 * transaction. `caret` is where the caret stands in `next` (see `textChange`). Characters XML does not allow
 * are dropped. Does nothing if the node is gone.
 */
export function editNodeText(doc: Y.Doc, id: string, field: NodeTextField, next: string, origin?: unknown, caret?: number): void {
  const map = itemMap(planRoots(doc).nodes, id);
  if (!map) return;
  doc.transact(() => writeText(map, field, next, caret), origin);
}

/** What changed in a watched text field: its characters now, and the delta when the same `Y.Text` was edited. */
export interface NodeTextEvent {
  text: string;
  /** the change as a Yjs delta over the previous characters; null when the field was replaced or removed */
  delta: Y.YTextEvent['delta'] | null;
  transaction: Y.Transaction;
}

/**
 * Calls `listener` whenever a node's title or description changes, whoever changed it: with the delta when its
 * `Y.Text` was edited, without when the field got a new value (a conversion, an undo of one, a string from an old
 * editor). Keeps following the field across such replacements. Returns the function that stops it.
 */
export function watchNodeText(doc: Y.Doc, id: string, field: NodeTextField, listener: (event: NodeTextEvent) => void): () => void {
  const { nodes } = planRoots(doc);
  let map: ItemMap | undefined;
  let text: Y.Text | null = null;
  const onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    listener({ text: (event.target as Y.Text).toString(), delta: event.delta, transaction });
  };
  const bindText = () => {
    const value = map?.get(field);
    const next = isSharedText(value) ? value : null;
    if (next === text) return;
    text?.unobserve(onText);
    text = next;
    text?.observe(onText);
  };
  const onMap = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (!event.keysChanged.has(field)) return;
    bindText();
    const value = textValue(map?.get(field));
    listener({ text: typeof value === 'string' ? value : '', delta: null, transaction });
  };
  const bindMap = () => {
    const next = itemMap(nodes, id);
    if (next === map) return;
    map?.unobserve(onMap);
    map = next;
    map?.observe(onMap);
    bindText();
  };
  const onNodes = (event: Y.YMapEvent<ItemMap>) => {
    if (event.keysChanged.has(id)) bindMap();
  };
  nodes.observe(onNodes);
  bindMap();
  return () => {
    nodes.unobserve(onNodes);
    map?.unobserve(onMap);
    text?.unobserve(onText);
  };
}

/** Whether any node still holds a title or description as a plain string (a plan stored before shared text). */
export function hasLegacyText(doc: Y.Doc): boolean {
  for (const map of planRoots(doc).nodes.values()) {
    if (!(map instanceof Y.Map)) continue;
    for (const field of NODE_TEXT_FIELDS) if (typeof map.get(field) === 'string') return true;
  }
  return false;
}

/** Bump when the conversion writes anything differently: instances of two versions must not share a client id. */
const LEGACY_TEXT_CONVERSION_VERSION = 1;

/**
 * The update that converts every node's title and description that is still a plain string into shared text with
 * the same characters (one transaction), or null when there is none. It is made on a copy whose client id is a
 * hash of the doc's whole state, so the same state always gives the same update (see the file header).
 */
export function legacyTextUpdate(doc: Y.Doc): Uint8Array | null {
  if (!hasLegacyText(doc)) return null;
  const state = Y.encodeStateAsUpdate(doc);
  const copy = new Y.Doc({ gc: doc.gc });
  copy.clientID = conversionClientId(state, Y.encodeStateVector(doc), doc);
  Y.applyUpdate(copy, state);
  const before = Y.encodeStateVector(copy);
  copy.transact(() => {
    for (const [, map] of sortedEntries(planRoots(copy).nodes)) {
      for (const field of NODE_TEXT_FIELDS) {
        const value = map.get(field);
        if (typeof value === 'string') map.set(field, new Y.Text(value));
      }
    }
  });
  const update = Y.encodeStateAsUpdate(copy, before);
  copy.destroy();
  return update;
}

/** A 32-bit FNV-1a hash of the state (and the conversion's version), moved off any client id the doc knows. */
function conversionClientId(state: Uint8Array, stateVector: Uint8Array, doc: Y.Doc): number {
  let hash = 0x811c9dc5 ^ LEGACY_TEXT_CONVERSION_VERSION;
  for (const byte of state) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  for (const byte of stateVector) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  while (hash === 0 || doc.store.clients.has(hash)) hash = (hash + 1) >>> 0;
  return hash;
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
