import { describe, expect, it } from 'vitest';
import { checkEdge, suggestEdgeKind } from '../../model/grammar.ts';
import { EDGE_KINDS, NODE_KINDS, type EdgeKind, type NodeKind } from '../../model/schema.ts';

/** Spec section 2, written out as a table: the chain levels and who may point to whom. */
const LEVEL: Partial<Record<NodeKind, number>> = { aktivitet: 0, output: 1, resultat: 2, effekt: 3 };
const isChain = (kind: NodeKind) => LEVEL[kind] !== undefined;
function specAllows(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  if (kind === 'leder-til') return isChain(from) && isChain(to) && LEVEL[to]! >= LEVEL[from]!;
  if (kind === 'bidrager-til') return (isChain(from) || from === 'maal') && to === 'maal';
  return (isChain(from) || from === 'maal') && to === 'indikator';
}

const everyShape = EDGE_KINDS.flatMap((kind) => NODE_KINDS.flatMap((from) => NODE_KINDS.map((to) => [kind, from, to] as const)));

describe('checkEdge', () => {
  it.each(everyShape)('%s from %s to %s follows the spec table', (kind, fromKind, toKind) => {
    const verdict = checkEdge({ kind, fromKind, toKind });
    expect(verdict.allowed).toBe(specAllows(kind, fromKind, toKind));
    if (!verdict.allowed) expect(verdict.reason).toMatch(/^[A-ZÆØÅ"].*\.$/);
  });

  it('allows 20 of the 108 shapes: leder-til 10, bidrager-til 5, maales-ved 5', () => {
    const allowed = everyShape.filter(([kind, fromKind, toKind]) => checkEdge({ kind, fromKind, toKind }).allowed);
    expect(allowed.filter(([kind]) => kind === 'leder-til')).toHaveLength(10);
    expect(allowed.filter(([kind]) => kind === 'bidrager-til')).toHaveLength(5);
    expect(allowed.filter(([kind]) => kind === 'maales-ved')).toHaveLength(5);
  });

  it('refuses any self loop, even of a shape that is otherwise allowed', () => {
    for (const kind of EDGE_KINDS) {
      const verdict = checkEdge({ kind, fromKind: 'output', toKind: 'output', selfLoop: true });
      expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining('til kortet selv') });
    }
    expect(checkEdge({ kind: 'bidrager-til', fromKind: 'maal', toKind: 'maal', selfLoop: true }).allowed).toBe(false);
  });

  it('says in Danish why a backwards chain edge is refused, naming both kinds', () => {
    const verdict = checkEdge({ kind: 'leder-til', fromKind: 'effekt', toKind: 'output' });
    expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(/baglæns.*en effekt.*et output/) });
  });
});

describe('suggestEdgeKind', () => {
  it('suggests the kind a drag most likely means, and only allowed ones', () => {
    expect(suggestEdgeKind('effekt', 'maal')).toBe('bidrager-til');
    expect(suggestEdgeKind('maal', 'maal')).toBe('bidrager-til');
    expect(suggestEdgeKind('output', 'indikator')).toBe('maales-ved');
    expect(suggestEdgeKind('aktivitet', 'output')).toBe('leder-til');
    expect(suggestEdgeKind('aktivitet', 'effekt')).toBe('leder-til');
    expect(suggestEdgeKind('effekt', 'aktivitet')).toBeNull();
    expect(suggestEdgeKind('indikator', 'maal')).toBeNull();
    for (const [, from, to] of everyShape) {
      const kind = suggestEdgeKind(from, to);
      if (kind) expect(specAllows(kind, from, to)).toBe(true);
      else expect(EDGE_KINDS.some((k) => specAllows(k, from, to))).toBe(false);
    }
  });
});

describe('linkCandidates: what "Forbind til …" and "Forbind fra …" offer', () => {
  it('offers the cards the grammar allows, with the kind, and not a link that exists', async () => {
    const { linkCandidates } = await import('../../model/grammar.ts');
    const plan = {
      nodes: [
        { id: 'a', kind: 'aktivitet' as const }, { id: 'o', kind: 'output' as const }, { id: 'r', kind: 'resultat' as const },
        { id: 'm', kind: 'maal' as const }, { id: 'i', kind: 'indikator' as const },
      ],
      edges: [{ from: 'a', to: 'o', kind: 'leder-til' as const }],
    };
    expect(linkCandidates(plan, 'a', 'to')).toEqual([
      { id: 'r', kind: 'leder-til' }, { id: 'm', kind: 'bidrager-til' }, { id: 'i', kind: 'maales-ved' },
    ]);
    // backwards in the chain is not offered; an indikator starts nothing
    expect(linkCandidates(plan, 'r', 'to').map((c) => c.id)).toEqual(['m', 'i']);
    expect(linkCandidates(plan, 'i', 'to')).toEqual([]);
    expect(linkCandidates(plan, 'i', 'from').map((c) => c.id)).toEqual(['a', 'o', 'r', 'm']);
    expect(linkCandidates(plan, 'o', 'from')).toEqual([]);
  });
});
