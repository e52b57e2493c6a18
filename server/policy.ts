/**
 * Who may write what. The sync endpoint asks before it applies an update from a connection.
 * Viewers never write; the facilitation layer extends this with locks and facilitator-only state.
 */
import type * as Y from 'yjs';
import type { Role } from './tokens.ts';

export interface UpdateContext {
  planId: string;
  role: Role;
  doc: Y.Doc;
  update: Uint8Array;
  connectionId: string;
  /** the name the server knows for the connection (given at join) */
  name: string;
  /** the person the server issued for the connection: votes, ideas and comments may only be theirs */
  personId: string;
}

/** What an allowed update does, as far as later steps (automatic versions) need to know. */
export interface UpdateEffect {
  deletedNodes: number;
  nodesBefore: number;
}

export type UpdateVerdict = { ok: true; effect?: UpdateEffect } | { ok: false; reason: string };

type UpdateRule = (ctx: UpdateContext) => UpdateVerdict;

const rules: UpdateRule[] = [
  (ctx) => (ctx.role === 'viewer' ? { ok: false, reason: 'Du har et læselink og kan ikke ændre planen.' } : { ok: true }),
];

/** Adds a rule; every rule must allow an update for it to be applied. */
export function addUpdateRule(rule: UpdateRule): void {
  rules.push(rule);
}

export function authorizeUpdate(ctx: UpdateContext): UpdateVerdict {
  let effect: UpdateEffect | undefined;
  for (const rule of rules) {
    const verdict = rule(ctx);
    if (!verdict.ok) return verdict;
    effect ??= verdict.effect;
  }
  return effect ? { ok: true, effect } : { ok: true };
}
