/**
 * What any update may contain, whoever sends it, checked before it touches the real doc. The update is applied to a
 * shadow copy of the plan's doc and the transaction is inspected:
 * - it may only touch the roots the plan has (`DOC_ROOTS` in model/workshop.ts): no new top-level roots;
 * - shared types only where the doc layout (model/ydoc.ts) has them: a Y.Map as the object of a root map, and a
 *   plain Y.Text (no formatting, embeds or attributes) as a node's title or description; nowhere else;
 * - every value written is bounded in depth and size and holds only characters XML allows (model/values.ts);
 * - it must integrate completely: an update that leaves pending structs or a pending delete set in the copy
 *   (it refers to or deletes clocks that do not exist yet, e.g. the facilitator's next edits) is refused whole.
 * Extensions add their own inspections (`shadowCheck`, server/extensions/workshop.ts: roles and locks), so the
 * update is applied to the shadow once.
 *
 * The shadow's roots are defined (getMap) before any update is applied to it and again whenever it is rebuilt, so
 * a root keeps its identity for the life of the shadow and `rootName` finds it.
 */
import * as Y from 'yjs';
import { DOC_ROOTS } from '../model/workshop.ts';
import { isSharedText, NODE_TEXT_FIELDS, PLAN_ROOT } from '../model/ydoc.ts';
import { isReservedKey, MAX_VALUE_BYTES, MAX_VALUE_DEPTH, updateHoldsProtoKey, valueProblem } from '../model/values.ts';
import type { UpdateContext, UpdateEffect, UpdateRule, UpdateVerdict } from './policy.ts';

const KNOWN_ROOTS: ReadonlySet<string> = new Set(DOC_ROOTS);
const TEXT_FIELDS: ReadonlySet<string> = new Set(NODE_TEXT_FIELDS);
const PROTO_KEY = 'Opdateringen indeholder feltnavnet "__proto__", som ikke er tilladt i en plan; den blev afvist.';
const INCOMPLETE = 'Opdateringen bygger på ændringer serveren ikke har (eller sletter noget der ikke findes endnu); den blev afvist.';

/** Inspects one transaction on the shadow; returns the reason to refuse it, or null. */
export type TransactionCheck = (tr: Y.Transaction, shadow: Y.Doc) => string | null;
/** What a shadow check is given: the update's context, and the shadow copy of the doc the update is applied to. */
export interface ShadowCheckPayload extends UpdateContext {
  shadow: Y.Doc;
}
/** Called before the update is applied to the shadow; returns the check for its transaction, or null. */
export type ShadowCheck = (data: ShadowCheckPayload) => TransactionCheck | null;

/**
 * The shadow of one doc. It follows the doc: every update the doc takes is applied to it too, except the one that
 * was just checked on it (it is in the shadow already; applying it again would cost a second decode and transaction
 * per update). Updates that did not come through a check wait in `behind` and are applied in one transaction when
 * the next update is checked. `inspect` is the check of the update being applied to the shadow now, if any.
 */
interface ShadowEntry {
  shadow: Y.Doc;
  /** updates the doc took that the shadow has not yet (another instance's, the server's): applied before the next check */
  behind: Uint8Array[];
  /** the connection whose update was checked on the shadow and is about to be applied to the doc */
  checkedFor: string | null;
  inspect: ((tr: Y.Transaction) => void) | null;
}
type Shadows = WeakMap<Y.Doc, ShadowEntry>;
const MAX_BEHIND = 64;

function shadowOf(shadows: Shadows, doc: Y.Doc): ShadowEntry {
  let entry = shadows.get(doc);
  if (!entry) {
    const created: ShadowEntry = { shadow: copyOf(doc), behind: [], checkedFor: null, inspect: null };
    created.shadow.on('afterTransaction', (tr: Y.Transaction) => created.inspect?.(tr));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      // the doc applies updates from a connection right after their check (server/sync.ts, with the connection as
      // origin): that update is in the shadow already. Anything else (another instance's, the server's) is not.
      const checked = created.checkedFor !== null && connectionIdOf(origin) === created.checkedFor;
      created.checkedFor = null;
      if (checked) return;
      created.behind.push(update);
      if (created.behind.length >= MAX_BEHIND) catchUp(created); // a plan where nobody here writes: memory stays bounded
    });
    doc.on('destroy', () => created.shadow.destroy());
    shadows.set(doc, created);
    entry = created;
  }
  return entry;
}

/** The id of the connection an update came from (the origin server/sync.ts applies it with), or null. */
function connectionIdOf(origin: unknown): string | null {
  return typeof origin === 'object' && origin !== null && typeof (origin as { id?: unknown }).id === 'string' ? (origin as { id: string }).id : null;
}

/** Starts the shadow again from the real doc (a refused update is in it), listening as before. */
function rebuild(entry: ShadowEntry, doc: Y.Doc): void {
  entry.shadow.destroy();
  entry.shadow = copyOf(doc);
  entry.shadow.on('afterTransaction', (tr: Y.Transaction) => entry.inspect?.(tr));
  entry.behind = [];
  entry.checkedFor = null;
}

/** Brings the shadow up to the doc: what the doc took without a check, in one transaction. */
function catchUp(entry: ShadowEntry): void {
  if (entry.behind.length === 0) return;
  const updates = entry.behind;
  entry.behind = [];
  entry.shadow.transact(() => {
    for (const update of updates) Y.applyUpdate(entry.shadow, update);
  });
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  for (const name of DOC_ROOTS) copy.getMap(name);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The name of a root type of the shadow. */
export function rootName(shadow: Y.Doc, root: Y.AbstractType<unknown>): string | undefined {
  for (const [name, type] of shadow.share) if (type === root) return name;
  return undefined;
}

/** The root a type belongs to, and the key of the top-level entry it is inside (a node id, an edge id). */
export function rootOf(type: Y.AbstractType<unknown>): { root: Y.AbstractType<unknown>; entry: string | null; depth: number } {
  let current = type;
  let entry: string | null = null;
  let depth = 0;
  while (current._item) {
    entry = current._item.parentSub;
    current = current._item.parent as Y.AbstractType<unknown>;
    depth++;
  }
  return { root: current, entry, depth };
}

/** The items this transaction added to the shadow (new structs between its before and after state). */
function newItems(tr: Y.Transaction): Y.Item[] {
  const items: Y.Item[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Item) items.push(struct);
    }
  }
  return items;
}

function contentProblem(item: Y.Item, shadow: Y.Doc): string | null {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return null;
  const { root, depth } = rootOf(parent);
  const name = rootName(shadow, root);
  if (name === undefined || !KNOWN_ROOTS.has(name)) return `Planen har ingen rod "${String(name ?? '?')}"; opdateringen blev afvist.`;
  if (item.deleted && !(item.content instanceof Y.ContentType)) return null;
  const content = item.content;
  const where = `${name}${item.parentSub ? `.${item.parentSub}` : ''}`;
  if (item.parentSub !== null && isReservedKey(item.parentSub)) return `Ugyldig værdi i ${where}: feltnavnet ${JSON.stringify(item.parentSub)} er ikke tilladt.`;
  if (content instanceof Y.ContentType) {
    const problem = sharedTypeProblem(content.type, name, depth, item.parentSub);
    if (problem) return `Ugyldig værdi i ${where}: ${problem}`;
  }
  if (parent instanceof Y.Text) {
    const problem = textContentProblem(item);
    if (problem) return `Ugyldig værdi i ${name}.${rootOf(parent as Y.AbstractType<unknown>).entry ?? '?'}.${parent._item?.parentSub ?? '?'}: ${problem}`;
  }
  if (content instanceof Y.ContentString || content instanceof Y.ContentAny || content instanceof Y.ContentJSON || content instanceof Y.ContentEmbed || content instanceof Y.ContentBinary) {
    const values = content.getContent();
    for (const value of values) {
      const problem = valueProblem(value, { maxDepth: MAX_VALUE_DEPTH, maxBytes: MAX_VALUE_BYTES });
      if (problem) return `Ugyldig værdi i ${where}${problem.path ? `.${problem.path}` : ''}: ${problem.message}.`;
    }
  }
  if (content instanceof Y.ContentFormat) {
    const problem = valueProblem({ [content.key]: content.value }, { maxBytes: MAX_VALUE_BYTES });
    if (problem) return `Ugyldig værdi i ${where}: ${problem.message}.`;
  }
  return null;
}

/**
 * Where a shared type may be written (the doc layout in model/ydoc.ts): a Y.Map as a root's object, a plain Y.Text
 * as a node's title or description. `depth` counts the levels between the item's parent and its root.
 */
function sharedTypeProblem(type: Y.AbstractType<unknown>, root: string, depth: number, key: string | null): string | null {
  if (depth === 0) return type instanceof Y.Map && type.constructor === Y.Map ? null : 'en rods objekter skal være Y.Map.';
  if (depth === 1 && root === PLAN_ROOT.nodes && key !== null && TEXT_FIELDS.has(key)) {
    return isSharedText(type) ? null : 'titel og beskrivelse skal være ren tekst (Y.Text).';
  }
  return 'delt tekst (Y.Text) er kun tilladt i et korts titel og beskrivelse, og andre delte typer kun direkte i en rod.';
}

/** What a title's or description's shared text may hold: characters only, no formatting, embeds or attributes. */
function textContentProblem(item: Y.Item): string | null {
  if (item.parentSub !== null) return 'teksten må ikke have attributter.';
  const content = item.content;
  if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentFormat) return 'teksten må ikke have formatering.';
  return 'teksten må kun indeholde tegn.';
}

/** Roots touched by deletions (or by new items) that the plan does not have. */
function unknownRootTouched(tr: Y.Transaction, shadow: Y.Doc): string | null {
  for (const type of tr.changed.keys()) {
    const name = rootName(shadow, rootOf(type as Y.AbstractType<unknown>).root);
    if (name === undefined || !KNOWN_ROOTS.has(name)) return `Planen har ingen rod "${String(name ?? '?')}"; opdateringen blev afvist.`;
  }
  return null;
}

function integrityCheck(tr: Y.Transaction, shadow: Y.Doc): string | null {
  const unknown = unknownRootTouched(tr, shadow);
  if (unknown) return unknown;
  for (const item of newItems(tr)) {
    const problem = contentProblem(item, shadow);
    if (problem) return problem;
  }
  return null;
}

/**
 * What the update does to the plan's nodes, for automatic versions (server/auto-versions.ts). Counting the nodes
 * walks the whole map, so it is done only for a transaction that deleted nodes: the count before is the count
 * after, plus what it deleted, minus what it added.
 */
function nodeEffect(tr: Y.Transaction, shadow: Y.Doc): UpdateEffect {
  const nodes = shadow.getMap(PLAN_ROOT.nodes);
  const keys = tr.changed.get(nodes as unknown as Y.AbstractType<Y.YEvent<any>>) // eslint-disable-line @typescript-eslint/no-explicit-any;
  let deletedNodes = 0;
  if (keys) for (const key of keys) if (key !== null && !nodes.has(key)) deletedNodes++;
  if (deletedNodes === 0) return { deletedNodes, nodesBefore: 0 };
  let added = 0;
  for (const change of new Y.YMapEvent(nodes, tr, keys!).keys.values()) if (change.action === 'add') added++;
  return { deletedNodes, nodesBefore: nodes.size + deletedNodes - added };
}

/**
 * Whether an update needs structs or deletes clocks the doc does not have, read from the update alone: such an
 * update is refused before it touches the shadow, so refusing it costs no rebuild of the shadow.
 */
function missingDependency(doc: Y.Doc, { structs, ds }: UpdateContext['decoded']): boolean {
  const after = new Map<number, number>();
  const stateOf = (client: number) => after.get(client) ?? Y.getState(doc.store, client);
  for (const struct of [...structs].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock)) {
    const next = stateOf(struct.id.client);
    if (struct instanceof Y.Skip || struct.id.clock > next) return true;
    after.set(struct.id.client, Math.max(next, struct.id.clock + struct.length));
  }
  const known = (id: Y.ID | null | string | Y.AbstractType<unknown>) => !(id instanceof Y.ID) || id.clock < stateOf(id.client);
  for (const struct of structs) {
    if (struct instanceof Y.Item && !(known(struct.origin) && known(struct.rightOrigin) && known(struct.parent as Y.ID | string | null))) return true;
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) if (clock + len > stateOf(client)) return true;
  }
  return false;
}

function incomplete(shadow: Y.Doc): boolean {
  return shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null;
}

/**
 * The integrity rule of one server, with the extensions' shadow checks (server/extension.ts). Each server keeps
 * its own shadows (one per loaded doc), so two servers in one process share nothing. It must be the LAST rule:
 * an update it passes is in the shadow already and is taken to reach the doc next (`checkedFor`).
 */
export function createIntegrityRule(shadowChecks: ShadowCheck[]): { rule: UpdateRule; prepare: (doc: Y.Doc) => void } {
  const shadows: Shadows = new WeakMap();
  return {
    rule: (ctx) => inspectUpdate(ctx, shadows, shadowChecks),
    /**
     * Builds the doc's shadow now, soon after a writer's first sync, not in the middle of that writer's first edit
     * (a copy of the whole plan: it made the first edits of every new room the slowest).
     */
    prepare: (doc) => {
      setImmediate(() => {
        if (!doc.isDestroyed) shadowOf(shadows, doc);
      });
    },
  };
}

function inspectUpdate(ctx: UpdateContext, shadows: Shadows, shadowChecks: ShadowCheck[]): UpdateVerdict {
  if (ctx.role === 'viewer') return { ok: true };
  // an update that carries nothing (every client's sync step 2 when it connects with nothing new) changes nothing:
  // without this the first one would copy the whole plan into a shadow while the client waits for its first sync
  if (ctx.decoded.structs.length === 0 && ctx.decoded.ds.clients.size === 0) return { ok: true };
  if (missingDependency(ctx.doc, ctx.decoded)) return { ok: false, reason: INCOMPLETE };
  // decoding has already lost the key (model/values.ts), so its bytes are read before anything is applied
  if (updateHoldsProtoKey(ctx.update)) return { ok: false, reason: PROTO_KEY };
  const entry = shadowOf(shadows, ctx.doc);
  catchUp(entry);
  const shadow = entry.shadow;
  const checks: TransactionCheck[] = [integrityCheck];
  const payload: ShadowCheckPayload = { ...ctx, shadow };
  for (const make of shadowChecks) {
    const check = make(payload);
    if (check) checks.push(check);
  }
  let problem: string | null = null;
  let effect: UpdateEffect = { deletedNodes: 0, nodesBefore: 0 };
  entry.inspect = (tr) => {
    for (const check of checks) problem ??= check(tr, shadow);
    const seen = nodeEffect(tr, shadow);
    if (seen.deletedNodes > 0) effect = { deletedNodes: effect.deletedNodes + seen.deletedNodes, nodesBefore: Math.max(effect.nodesBefore, seen.nodesBefore) };
  };
  try {
    Y.applyUpdate(shadow, ctx.update, 'check');
  } catch {
    problem ??= 'Opdateringen kunne ikke læses.';
  } finally {
    entry.inspect = null;
  }
  if (problem === null && incomplete(shadow)) {
    problem = INCOMPLETE;
  }
  if (problem === null) {
    entry.checkedFor = ctx.connectionId;
    return { ok: true, effect };
  }
  // the shadow took the refused update: start it again from the real doc (roots defined first, see the header)
  rebuild(entry, ctx.doc);
  return { ok: false, reason: problem };
}
