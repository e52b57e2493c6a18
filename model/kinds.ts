/**
 * The card kinds: every fact of a node kind, once. The grammar, the rules, the layout, placement, exports and the
 * editor read their names, colours, columns and keys from here (as tldraw registers each shape's util once).
 *
 * Adding a kind: add it to `NODE_KINDS` in model/schema.ts (the spec's enum), then describe it here: `KINDS` is
 * typed `Record<NodeKind, KindFacts>`, so the compiler names this file, and only this file, until it is described
 * (test/integration/new-kind.test.ts proves it). Its edges are the grammar's business (model/grammar.ts `checkEdge`).
 */
import type { NodeKind } from './schema.ts';

export interface KindFacts {
  da: {
    /** in a sentence, lower case: "aktivitet", "mål" */
    name: string;
    plural: string;
    /** the indefinite article, which also decides "Ny"/"Nyt": "en aktivitet", "et mål" */
    article: 'en' | 'et';
    /** the definite form: "aktiviteten", "målet" */
    definite: string;
  };
  en: { name: string; plural: string };
  /** the step of the chain aktivitet → output → resultat → effekt (0–3); mål and indikator stand outside it */
  level?: number;
  /** the column from the left, on the canvas and in figures (mål after the chain, indikator last) */
  column: number;
  /** the card's colour (figures, the canvas's card header and its minimap) */
  color: string;
  icon: string;
  /** the key that adds one in the editor */
  key: string;
}

export const KINDS: Readonly<Record<NodeKind, KindFacts>> = {
  aktivitet: {
    da: { name: 'aktivitet', plural: 'aktiviteter', article: 'en', definite: 'aktiviteten' },
    en: { name: 'activity', plural: 'activities' },
    level: 0, column: 0, color: '#1f6f8b', icon: '▶', key: '1',
  },
  output: {
    da: { name: 'output', plural: 'output', article: 'et', definite: 'outputtet' },
    en: { name: 'output', plural: 'outputs' },
    level: 1, column: 1, color: '#2e7a4c', icon: '▣', key: '2',
  },
  resultat: {
    da: { name: 'resultat', plural: 'resultater', article: 'et', definite: 'resultatet' },
    en: { name: 'outcome', plural: 'outcomes' },
    level: 2, column: 2, color: '#8a6d1f', icon: '◆', key: '3',
  },
  effekt: {
    da: { name: 'effekt', plural: 'effekter', article: 'en', definite: 'effekten' },
    en: { name: 'impact', plural: 'impacts' },
    level: 3, column: 3, color: '#9b3d5a', icon: '★', key: '4',
  },
  maal: {
    da: { name: 'mål', plural: 'mål', article: 'et', definite: 'målet' },
    en: { name: 'goal', plural: 'goals' },
    column: 4, color: '#5b3f8c', icon: '◎', key: '5',
  },
  indikator: {
    da: { name: 'indikator', plural: 'indikatorer', article: 'en', definite: 'indikatoren' },
    en: { name: 'indicator', plural: 'indicators' },
    column: 5, color: '#4a5563', icon: '▲', key: '6',
  },
};

/** Every kind, left to right by column. */
export const KIND_ORDER: readonly NodeKind[] = (Object.keys(KINDS) as NodeKind[]).sort((a, b) => KINDS[a].column - KINDS[b].column);

/** The kinds of the chain, by level: aktivitet, output, resultat, effekt. */
export const CHAIN_KIND_ORDER: readonly NodeKind[] = KIND_ORDER.filter((kind) => KINDS[kind].level !== undefined).sort((a, b) => KINDS[a].level! - KINDS[b].level!);

/** A figure's column heading: the Danish plural, capitalised ("Aktiviteter", "Output", "Mål"). */
export function columnTitleDa(kind: NodeKind): string {
  const plural = KINDS[kind].da.plural;
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}

/**
 * A figure's columns, in the kinds' column order, with the share of the width each takes (`weights`, 1 where a kind is
 * not named): a new kind gets its column in every figure without a further table.
 */
export function figureColumns(weights: Partial<Record<NodeKind, number>>, leaveOut: readonly NodeKind[] = []): { kind: NodeKind; title: string; weight: number }[] {
  return KIND_ORDER.filter((kind) => !leaveOut.includes(kind)).map((kind) => ({ kind, title: columnTitleDa(kind), weight: weights[kind] ?? 1 }));
}

export type Language = 'da' | 'en';

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The kind as a label: "Aktivitet", "Goal"; plural "Aktiviteter", "Goals". */
export function kindLabel(kind: NodeKind, language: Language = 'da', plural = false): string {
  const names = KINDS[kind][language];
  return capitalise(plural ? names.plural : names.name);
}

/** "en aktivitet", "et mål". */
export function kindWithArticleDa(kind: NodeKind): string {
  return `${KINDS[kind].da.article} ${KINDS[kind].da.name}`;
}

/** The title a new card gets, in the kind's gender: "Ny aktivitet", "Nyt output", "Nyt mål". */
export function newNodeTitleDa(kind: NodeKind): string {
  return `${KINDS[kind].da.article === 'et' ? 'Nyt' : 'Ny'} ${KINDS[kind].da.name}`;
}

/** A table of one fact of every kind, for the places that look a kind up often. */
export function kindTable<T>(fact: (facts: KindFacts, kind: NodeKind) => T): Record<NodeKind, T> {
  return Object.fromEntries(KIND_ORDER.map((kind) => [kind, fact(KINDS[kind], kind)])) as Record<NodeKind, T>;
}
