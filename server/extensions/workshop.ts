/**
 * The workshop extension: server-side enforcement of the workshop's roles and locks. A participant's update is first
 * applied to a shadow copy of the plan's doc (server/integrity.ts) and the transaction is inspected; only if nothing in it is forbidden
 * is it applied to the real doc. A refused client is told (MESSAGE_UPDATE_REFUSED) and rebuilds its copy from the server.
 * What a participant may not do:
 * - change the facilitator's state (root map `workshop`: locks, timer, voting);
 * - change the plan while the whole canvas is locked, or a node of a locked kind (an edge is locked when both its
 *   ends are: connecting an unlocked indikator to a locked output is still allowed, so "only indikatorer" works);
 * - vote for someone else, vote while voting is closed, or spend more dots than the budget;
 * - write a comment under another identity or name, or change someone else's comment beyond resolving it;
 * - write revealed ideas into the doc (only the server reveals them; a participant may remove one, to turn it
 *   into a node).
 * "Someone" is the person identity the server issued for the connection (ctx.personId), never a display name.
 */
import * as Y from 'yjs';
import { kindLocked, readLocks, readVoting, WORKSHOP_ROOTS, type Comment, type Locks } from '../../model/workshop.ts';
import type { NodeKind } from '../../model/schema.ts';
import { PLAN_ROOT } from '../../model/ydoc.ts';
import type { Extension } from '../extension.ts';
import { rootName, rootOf, type ShadowCheckPayload, type TransactionCheck } from '../integrity.ts';
import type { UpdateContext } from '../policy.ts';
import { countOf } from '../../model/format.ts';

function nodeKind(shadow: Y.Doc, id: string, before: Map<string, unknown>): NodeKind | undefined {
  const node = shadow.getMap(PLAN_ROOT.nodes).get(id);
  const kind = node instanceof Y.Map ? node.get('kind') : undefined;
  return (kind ?? before.get(id)) as NodeKind | undefined;
}

interface Snapshot {
  kinds: Map<string, unknown>;
  edgeEnds: Map<string, { from: unknown; to: unknown }>;
}

function snapshot(shadow: Y.Doc): Snapshot {
  const kinds = new Map<string, unknown>();
  shadow.getMap(PLAN_ROOT.nodes).forEach((value, id) => kinds.set(id, value instanceof Y.Map ? value.get('kind') : undefined));
  const edgeEnds = new Map<string, { from: unknown; to: unknown }>();
  shadow.getMap(PLAN_ROOT.edges).forEach((value, id) => {
    if (value instanceof Y.Map) edgeEnds.set(id, { from: value.get('from'), to: value.get('to') });
  });
  return { kinds, edgeEnds };
}

/**
 * Roots are compared by name, not by identity: a root's identity can change (getMap on a root that an update
 * created), its name cannot. That identity check is what let the first update after a refusal through.
 */
function violation(tr: Y.Transaction, shadow: Y.Doc, ctx: UpdateContext, locks: Locks, before: Snapshot | null): string | null {
  for (const [type, keys] of tr.changed) {
    const { root, entry } = rootOf(type as Y.AbstractType<unknown>);
    const name = rootName(shadow, root);
    const changedEntries = entry !== null ? [entry] : [...keys].filter((k): k is string => k !== null);
    if (name === WORKSHOP_ROOTS.workshop) return 'Kun facilitatoren kan styre låse, timer og afstemning.';
    if (name === WORKSHOP_ROOTS.votes) {
      const problem = voteViolation(shadow, ctx, changedEntries);
      if (problem) return problem;
    }
    if (name === WORKSHOP_ROOTS.comments) {
      const problem = commentViolation(shadow, ctx, changedEntries);
      if (problem) return problem;
    }
    if (name === WORKSHOP_ROOTS.ideas && changedEntries.some((id) => shadow.getMap(WORKSHOP_ROOTS.ideas).get(id) !== undefined)) {
      return 'Idéer vises kun, når facilitatoren afslører dem.';
    }
    if ((name === PLAN_ROOT.plan || name === PLAN_ROOT.focusAreas) && locks.all) return 'Facilitatoren har låst planen.';
    if (!before) continue;
    if (name === PLAN_ROOT.nodes) {
      for (const id of changedEntries) {
        const kinds = [nodeKind(shadow, id, before.kinds), before.kinds.get(id) as NodeKind | undefined];
        if (kinds.some((kind) => kindLocked(locks, kind))) return lockMessage(locks, kinds.find((k) => k) as NodeKind | undefined);
      }
    }
    if (name === PLAN_ROOT.edges) {
      for (const id of changedEntries) {
        const edge = shadow.getMap(PLAN_ROOT.edges).get(id);
        const ends = edge instanceof Y.Map ? { from: edge.get('from'), to: edge.get('to') } : before.edgeEnds.get(id);
        if (!ends) continue;
        const endKinds = [ends.from, ends.to].map((end) => nodeKind(shadow, String(end), before.kinds));
        if (locks.all || endKinds.every((kind) => kindLocked(locks, kind))) return lockMessage(locks, endKinds[0]);
      }
    }
  }
  return null;
}

function lockMessage(locks: Locks, kind: NodeKind | undefined): string {
  return locks.all || !kind ? 'Facilitatoren har låst planen.' : `Facilitatoren har låst kort af slagsen "${kind}".`;
}

function voteViolation(shadow: Y.Doc, ctx: UpdateContext, people: string[]): string | null {
  const voting = readVoting(shadow);
  if (!voting.open) return 'Afstemningen er ikke åben.';
  for (const person of people) {
    if (person !== ctx.personId) return 'Du kan kun afgive dine egne stemmer.';
    const dots = shadow.getMap(WORKSHOP_ROOTS.votes).get(person);
    if (Array.isArray(dots) && dots.length > voting.budget) return `Du har kun ${countOf(voting.budget, 'stemme', 'stemmer')}.`;
  }
  return null;
}

/**
 * A participant creates comments under their own identity and name, edits or removes only their own, and may
 * resolve (or reopen) anyone's. `ctx.doc` still holds the state before the update.
 */
function commentViolation(shadow: Y.Doc, ctx: UpdateContext, ids: string[]): string | null {
  const own = 'Du kan kun skrive kommentarer i dit eget navn.';
  for (const id of ids) {
    const before = ctx.doc.getMap(WORKSHOP_ROOTS.comments).get(id) as Partial<Comment> | undefined;
    const after = shadow.getMap(WORKSHOP_ROOTS.comments).get(id) as Partial<Comment> | undefined;
    if (after !== undefined && (typeof after !== 'object' || after === null || after instanceof Y.AbstractType)) return 'Ugyldig kommentar.';
    const mine = before === undefined || before.authorId === ctx.personId;
    if (mine) {
      if (after !== undefined && (after.authorId !== ctx.personId || (before === undefined && after.author !== ctx.name))) return own;
      if (after !== undefined && before !== undefined && after.author !== before.author) return own;
      continue;
    }
    if (after === undefined || JSON.stringify({ ...after, resolved: false }) !== JSON.stringify({ ...before, resolved: false })) {
      return 'Du kan kun ændre dine egne kommentarer (men løse alles).';
    }
  }
  return null;
}

/** The participant's check of one update on the shadow (server/integrity.ts applies it once for all checks). */
export function workshopCheck(ctx: ShadowCheckPayload): TransactionCheck | null {
  const { shadow } = ctx;
  if (ctx.role !== 'participant') return null;
  const locks = readLocks(ctx.doc);
  // kinds and edge ends before the update matter only while something is locked
  const before = locks.all || locks.kinds.length > 0 ? snapshot(shadow) : null;
  return (tr) => violation(tr, shadow, ctx, locks, before);
}

/** The workshop's roles, locks, votes, comments and ideas, enforced on every participant's update. */
export function workshopExtension(): Extension {
  return { name: 'workshop', shadowCheck: workshopCheck };
}
