/**
 * The grammar of edges (spec section 2): which edge kinds may join which node kinds.
 * One function, used by the canvas to refuse a drawing, by the Yjs binding to refuse a write
 * and by the rules to report `ugyldig-kant`.
 */
import { CHAIN_KIND_ORDER, KINDS, kindTable, kindWithArticleDa, newNodeTitleDa } from './kinds.ts';
import type { EdgeKind, NodeKind } from './schema.ts';

/** The chain's levels (model/kinds.ts): aktivitet 0 … effekt 3. */
export const CHAIN_LEVELS: Partial<Record<NodeKind, number>> = Object.fromEntries(
  CHAIN_KIND_ORDER.map((kind) => [kind, KINDS[kind].level!]),
);

export const EDGE_KIND_LABELS_DA: Record<EdgeKind, string> = {
  'leder-til': 'leder til',
  'bidrager-til': 'bidrager til',
  'maales-ved': 'måles ved',
};

/** The kind with its indefinite article, for sentences: "en aktivitet", "et mål". */
export const NODE_KIND_WITH_ARTICLE_DA: Record<NodeKind, string> = kindTable((_, kind) => kindWithArticleDa(kind));

export { newNodeTitleDa };

export function isChainKind(kind: NodeKind): boolean {
  return CHAIN_LEVELS[kind] !== undefined;
}

/** Users say "kort" and "forbindelse" (never "node" and "kant"). */
export const SELF_LOOP_DA = 'En forbindelse kan ikke gå fra et kort til kortet selv.';

export type EdgeVerdict = { allowed: true } | { allowed: false; reason: string };

export interface EdgeShape {
  kind: EdgeKind;
  fromKind: NodeKind;
  toKind: NodeKind;
  /** true when the edge starts and ends at the same node */
  selfLoop?: boolean;
}

const ALLOWED: EdgeVerdict = { allowed: true };

/** "en aktivitet, et output, et resultat eller en effekt" */
const CHAIN_KINDS_DA = orList(CHAIN_KIND_ORDER.map(kindWithArticleDa));
/** the same and "et mål" */
const CHAIN_OR_GOAL_DA = orList([...CHAIN_KIND_ORDER, 'maal' as const].map(kindWithArticleDa));

function orList(items: string[]): string {
  return `${items.slice(0, -1).join(', ')} eller ${items[items.length - 1]}`;
}

function refuse(reason: string): EdgeVerdict {
  return { allowed: false, reason };
}

/** Says whether an edge is allowed by the grammar and, if not, why in one Danish sentence. */
export function checkEdge({ kind, fromKind, toKind, selfLoop = false }: EdgeShape): EdgeVerdict {
  if (selfLoop) return refuse(SELF_LOOP_DA);
  const from = NODE_KIND_WITH_ARTICLE_DA[fromKind];
  const to = NODE_KIND_WITH_ARTICLE_DA[toKind];
  switch (kind) {
    case 'leder-til': {
      const fromLevel = CHAIN_LEVELS[fromKind];
      const toLevel = CHAIN_LEVELS[toKind];
      if (fromLevel === undefined) {
        return refuse(`"Leder til" skal starte i ${CHAIN_KINDS_DA}, ikke i ${from}.`);
      }
      if (toLevel === undefined) {
        return refuse(`"Leder til" skal ende i ${CHAIN_KINDS_DA}, ikke i ${to}; brug "bidrager til" mod ${kindWithArticleDa('maal')} eller "måles ved" mod ${kindWithArticleDa('indikator')}.`);
      }
      if (toLevel < fromLevel) {
        return refuse(`"Leder til" kan ikke gå baglæns i kæden, fra ${from} tilbage til ${to}.`);
      }
      return ALLOWED;
    }
    case 'bidrager-til':
      if (toKind !== 'maal') return refuse(`"Bidrager til" skal ende i ${kindWithArticleDa('maal')}, ikke i ${to}.`);
      if (!isChainKind(fromKind) && fromKind !== 'maal') {
        return refuse(`"Bidrager til" skal starte i ${CHAIN_OR_GOAL_DA}, ikke i ${from}.`);
      }
      return ALLOWED;
    case 'maales-ved':
      if (toKind !== 'indikator') return refuse(`"Måles ved" skal ende i ${kindWithArticleDa('indikator')}, ikke i ${to}.`);
      if (!isChainKind(fromKind) && fromKind !== 'maal') {
        return refuse(`"Måles ved" skal starte i ${CHAIN_OR_GOAL_DA}, ikke i ${from}.`);
      }
      return ALLOWED;
  }
}

/**
 * The edge kind a user most likely means when dragging from one kind to another, or null if none fits.
 * The canvas uses it so that people connect without choosing a kind first.
 */
export function suggestEdgeKind(fromKind: NodeKind, toKind: NodeKind): EdgeKind | null {
  const order: EdgeKind[] = toKind === 'maal' ? ['bidrager-til'] : toKind === 'indikator' ? ['maales-ved'] : ['leder-til'];
  for (const kind of order) if (checkEdge({ kind, fromKind, toKind }).allowed) return kind;
  return null;
}

export interface LinkCandidate {
  /** the other card */
  id: string;
  kind: EdgeKind;
}

/**
 * The cards a card may be linked to ("to") or from ("from") in one step, for the keyboard's "Forbind til …" and
 * "Forbind fra …": every other card the grammar allows a link with (the kind as `suggestEdgeKind` picks it, so
 * through `checkEdge`), except where that very link already exists.
 */
export function linkCandidates(
  plan: { nodes: readonly { id: string; kind: NodeKind }[]; edges: readonly { from: string; to: string; kind: EdgeKind }[] },
  nodeId: string,
  direction: 'to' | 'from',
): LinkCandidate[] {
  const self = plan.nodes.find((n) => n.id === nodeId);
  if (!self) return [];
  const existing = new Set(plan.edges.map((e) => `${e.from}\n${e.to}\n${e.kind}`));
  const result: LinkCandidate[] = [];
  for (const other of plan.nodes) {
    if (other.id === nodeId) continue;
    const [from, to] = direction === 'to' ? [self, other] : [other, self];
    const kind = suggestEdgeKind(from.kind, to.kind);
    if (kind && !existing.has(`${from.id}\n${to.id}\n${kind}`)) result.push({ id: other.id, kind });
  }
  return result;
}
