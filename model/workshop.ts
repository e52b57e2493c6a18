/**
 * Workshop state that everyone sees and that survives reconnects lives in the plan's Y.Doc, beside the plan:
 * - root map `workshop` (facilitator only): `locks` {all, kinds}, `timer` {state, durationMs, endsAt, remainingMs},
 *   `voting` {open, budget};
 * - root map `votes` (each person their own key: the person id the server issued, never the display name): a
 *   list of node or edge ids, one entry per dot;
 * - root map `comments`: id → {target, author (display name, a label), authorId (the person id), text, createdAt,
 *   resolved}.
 * - root map `ideas`: revealed idea notes, idea key → {text, author, createdAt} (written by the server).
 * Ephemeral things (the facilitator's viewport for follow-me, "bring everyone here") go in awareness.
 * The server enforces who may change what (server/extensions/workshop.ts); these helpers only read and write.
 */
import * as Y from 'yjs';
import type { NodeKind } from './schema.ts';
import { stripInvalidChars } from './values.ts';
import { PLAN_ROOTS } from './ydoc.ts';

export interface Locks {
  all: boolean;
  kinds: NodeKind[];
}

export type TimerState =
  | { state: 'stopped'; durationMs: number }
  | { state: 'running'; durationMs: number; endsAt: number }
  | { state: 'paused'; durationMs: number; remainingMs: number };

export interface Voting {
  open: boolean;
  budget: number;
}

export interface Comment {
  id: string;
  target: string;
  author: string;
  /** the person id the server issued to the author (server/tokens.ts) */
  authorId: string;
  text: string;
  createdAt: string;
  resolved: boolean;
}

export const WORKSHOP_ROOTS = { workshop: 'workshop', votes: 'votes', comments: 'comments', ideas: 'ideas' } as const;

/** Every top-level root a plan's doc has: the plan's (model/ydoc.ts) and the workshop's. The server refuses others. */
export const DOC_ROOTS: readonly string[] = [...PLAN_ROOTS, ...Object.values(WORKSHOP_ROOTS)];

const workshopMap = (doc: Y.Doc) => doc.getMap<unknown>(WORKSHOP_ROOTS.workshop);

export function readLocks(doc: Y.Doc): Locks {
  const locks = workshopMap(doc).get('locks') as Partial<Locks> | undefined;
  return { all: locks?.all === true, kinds: Array.isArray(locks?.kinds) ? locks.kinds : [] };
}

export function setLocks(doc: Y.Doc, locks: Locks, origin?: unknown): void {
  doc.transact(() => workshopMap(doc).set('locks', { all: locks.all, kinds: [...locks.kinds] }), origin);
}

/** Whether a node of this kind may be changed by a participant under these locks. */
export function kindLocked(locks: Locks, kind: NodeKind | undefined): boolean {
  return locks.all || (kind !== undefined && locks.kinds.includes(kind));
}

export function readTimer(doc: Y.Doc): TimerState {
  return (workshopMap(doc).get('timer') as TimerState | undefined) ?? { state: 'stopped', durationMs: 10 * 60_000 };
}

/** Milliseconds left on the timer at `now` (the server's time, corrected for the client's clock offset). */
export function timerRemaining(timer: TimerState, now: number): number {
  if (timer.state === 'running') return Math.max(0, timer.endsAt - now);
  if (timer.state === 'paused') return timer.remainingMs;
  return timer.durationMs;
}

export function startTimer(doc: Y.Doc, now: number, origin?: unknown, durationMs?: number): void {
  const timer = readTimer(doc);
  const remaining = durationMs ?? (timer.state === 'paused' ? timer.remainingMs : timer.durationMs);
  doc.transact(() => workshopMap(doc).set('timer', { state: 'running', durationMs: durationMs ?? timer.durationMs, endsAt: now + remaining }), origin);
}

export function pauseTimer(doc: Y.Doc, now: number, origin?: unknown): void {
  const timer = readTimer(doc);
  if (timer.state !== 'running') return;
  doc.transact(() => workshopMap(doc).set('timer', { state: 'paused', durationMs: timer.durationMs, remainingMs: Math.max(0, timer.endsAt - now) }), origin);
}

export function resetTimer(doc: Y.Doc, durationMs: number, origin?: unknown): void {
  doc.transact(() => workshopMap(doc).set('timer', { state: 'stopped', durationMs }), origin);
}

export function readVoting(doc: Y.Doc): Voting {
  const voting = workshopMap(doc).get('voting') as Partial<Voting> | undefined;
  return { open: voting?.open === true, budget: typeof voting?.budget === 'number' ? voting.budget : 3 };
}

export function setVoting(doc: Y.Doc, voting: Voting, origin?: unknown): void {
  doc.transact(() => workshopMap(doc).set('voting', { ...voting }), origin);
}

export function readVotes(doc: Y.Doc): Map<string, string[]> {
  const votes = new Map<string, string[]>();
  doc.getMap<unknown>(WORKSHOP_ROOTS.votes).forEach((value, person) => {
    if (Array.isArray(value)) votes.set(person, value.filter((v): v is string => typeof v === 'string'));
  });
  return votes;
}

/** Dots per node or edge id. */
export function voteCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const targets of readVotes(doc).values()) for (const id of targets) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Adds (delta 1) or takes back (delta -1) one of a person's dots on a target; false if the budget is spent. */
export function castVote(doc: Y.Doc, person: string, target: string, delta: 1 | -1, origin?: unknown): boolean {
  const votes = doc.getMap<unknown>(WORKSHOP_ROOTS.votes);
  const mine = readVotes(doc).get(person) ?? [];
  const { budget } = readVoting(doc);
  if (delta === 1 && mine.length >= budget) return false;
  const next = delta === 1 ? [...mine, target] : mine.filter((id, i) => !(id === target && i === mine.indexOf(target)));
  doc.transact(() => votes.set(person, next), origin);
  return true;
}

export function clearVotes(doc: Y.Doc, origin?: unknown): void {
  const votes = doc.getMap<unknown>(WORKSHOP_ROOTS.votes);
  doc.transact(() => [...votes.keys()].forEach((key) => votes.delete(key)), origin);
}

export function readComments(doc: Y.Doc): Comment[] {
  const comments: Comment[] = [];
  doc.getMap<unknown>(WORKSHOP_ROOTS.comments).forEach((value) => {
    const c = value as Partial<Comment>;
    if (typeof c.id === 'string' && typeof c.target === 'string' && typeof c.text === 'string') {
      comments.push({ id: c.id, target: c.target, author: String(c.author ?? ''), authorId: String(c.authorId ?? ''), text: c.text, createdAt: String(c.createdAt ?? ''), resolved: c.resolved === true });
    }
  });
  return comments.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function addComment(doc: Y.Doc, comment: Comment, origin?: unknown): void {
  const clean = { ...comment, text: stripInvalidChars(comment.text), author: stripInvalidChars(comment.author) };
  doc.transact(() => doc.getMap<unknown>(WORKSHOP_ROOTS.comments).set(comment.id, clean), origin);
}

export function resolveComment(doc: Y.Doc, id: string, resolved: boolean, origin?: unknown): void {
  const comments = doc.getMap<unknown>(WORKSHOP_ROOTS.comments);
  const current = comments.get(id) as Comment | undefined;
  if (current) doc.transact(() => comments.set(id, { ...current, resolved }), origin);
}
