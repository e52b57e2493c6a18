/**
 * Who may write what. The sync endpoint asks before it applies an update from a connection.
 * Viewers never write; extensions add their rules (server/extension.ts), the workshop's locks and roles among them.
 */
import type * as Y from 'yjs';
import type { Role } from '../model/protocol.ts';

export interface UpdateContext {
  planId: string;
  role: Role;
  doc: Y.Doc;
  update: Uint8Array;
  /** the update decoded once by the sync endpoint (it validates the frame), so rules need not decode it again */
  decoded: ReturnType<typeof Y.decodeUpdate>;
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

export type UpdateRule = (ctx: UpdateContext) => UpdateVerdict;

const viewersNeverWrite: UpdateRule = (ctx) =>
  ctx.role === 'viewer' ? { ok: false, reason: 'Du har et læselink og kan ikke ændre planen.' } : { ok: true };

/**
 * One server's policy: viewers never write, then every rule in order (the integrity check and the extensions'
 * rules, server/app.ts). The first refusal wins; the first effect reported is kept.
 */
export function composeUpdateRules(rules: UpdateRule[]): UpdateRule {
  const all = [viewersNeverWrite, ...rules];
  return (ctx) => {
    let effect: UpdateEffect | undefined;
    for (const rule of all) {
      const verdict = rule(ctx);
      if (!verdict.ok) return verdict;
      effect ??= verdict.effect;
    }
    return effect ? { ok: true, effect } : { ok: true };
  };
}
