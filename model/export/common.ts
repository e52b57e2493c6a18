/** What every export needs: the plan read as activities with their chains, indicators and goals. */
import { formatDanishNumber } from '../format.ts';
import type { PlanEdge, PlanFile, PlanNode } from '../schema.ts';
import { kindLabel, kindTable } from '../kinds.ts';

export interface ActivityStory {
  activity: PlanNode;
  /** output, resultat and effekt nodes reached over leder-til, in chain order */
  chain: PlanNode[];
  /** indicators measuring the activity or a node of its chain, with the node they measure */
  indicators: { indicator: PlanNode; measures: PlanNode }[];
  /** goals reached over leder-til and bidrager-til */
  goals: PlanNode[];
}

const LEVEL: Partial<Record<string, number>> = kindTable((facts) => facts.level);

function adjacency(edges: PlanEdge[], kinds: PlanEdge['kind'][]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (!kinds.includes(edge.kind)) continue;
    const list = next.get(edge.from);
    if (list) list.push(edge.to);
    else next.set(edge.from, [edge.to]);
  }
  return next;
}

function reach(start: string, next: Map<string, string[]>): string[] {
  const seen = new Set([start]);
  const order: string[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      order.push(to);
      queue.push(to);
    }
  }
  return order;
}

/** Every activity of the plan with what it leads to, what measures it and which goals it serves. */
export function activityStories(plan: PlanFile): ActivityStory[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const chainNext = adjacency(plan.edges, ['leder-til']);
  const goalNext = adjacency(plan.edges, ['leder-til', 'bidrager-til']);
  const measuredBy = adjacency(plan.edges, ['maales-ved']);
  return plan.nodes
    .filter((n) => n.kind === 'aktivitet')
    .map((activity) => {
      const chain = reach(activity.id, chainNext)
        .map((id) => byId.get(id)!)
        .filter((n) => n && LEVEL[n.kind] !== undefined && n.kind !== 'aktivitet')
        .sort((a, b) => LEVEL[a.kind]! - LEVEL[b.kind]!);
      const indicators = [activity, ...chain].flatMap((measures) =>
        (measuredBy.get(measures.id) ?? []).map((id) => byId.get(id)).filter((n): n is PlanNode => n?.kind === 'indikator').map((indicator) => ({ indicator, measures })),
      );
      const goals = reach(activity.id, goalNext).map((id) => byId.get(id)!).filter((n) => n?.kind === 'maal');
      return { activity, chain, indicators, goals };
    });
}

/** 1234.5 → "1.234,5"; with a unit: "95 %", "100 familier". */
export function danishNumber(value: number, unit?: string): string {
  const number = formatDanishNumber(value);
  if (!unit) return number;
  return `${number} ${unit}`;
}

/** "baseline → target unit (year)", leaving out what is missing. */
export function indicatorRange(node: PlanNode): string {
  const baseline = node.baseline?.value !== undefined ? danishNumber(node.baseline.value, node.unit) : null;
  const target = node.target?.value !== undefined ? danishNumber(node.target.value, node.unit) : null;
  const parts: string[] = [];
  if (baseline) parts.push(`${baseline}${node.baseline?.year ? ` (${node.baseline.year})` : ''}`);
  if (target) parts.push(`${target}${node.target?.year ? ` (${node.target.year})` : ''}`);
  if (parts.length === 2) return `${parts[0]} → ${parts[1]}`;
  if (target) return `succeskriterium: ${parts[0]}`;
  if (baseline) return `udgangspunkt: ${parts[0]}`;
  return '';
}

export const ANCHORING_DA: Record<string, string> = {
  frivillige: 'Frivillige beboere',
  beboeransatte: 'Beboeransatte',
  partnerskab: 'Partnerskab med lokale organisationer',
  kommunal: 'Kommunal institution',
  ingen: 'Ingen forankring (bevidst valg)',
};

export const STATUS_DA: Record<string, string> = { groen: 'Grøn: god fremdrift', gul: 'Gul: nogle problemer', roed: 'Rød: væsentlige problemer' };

export const KIND_DA: Record<string, string> = kindTable((_, kind) => kindLabel(kind));

export function anchoringText(node: PlanNode): string {
  const a = node.anchoring;
  if (!a) return '';
  return [a.strategy ? ANCHORING_DA[a.strategy] : null, a.partner, a.note].filter(Boolean).join(' — ');
}

/** "a, b og c" */
export function joinDanish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

const DEFINITE_DA: Record<string, string> = kindTable((facts) => facts.da.definite);

/** A title in Danish quotation marks: „Lektiecafé“. */
export const quoteDa = (text: string) => `\u201E${text}\u201C`;

/** One sentence that tells an activity's chain: „Lektiecafé“ fører til …, og bidrager til målet …. */
export function chainSentence(story: ActivityStory): string {
  const steps = story.chain.map((n) => `${DEFINITE_DA[n.kind] ?? n.kind} ${quoteDa(n.title)}`);
  let sentence = quoteDa(story.activity.title);
  if (steps.length > 0) sentence += ` fører til ${joinDanish(steps)}`;
  if (story.goals.length > 0) sentence += `${steps.length > 0 ? ', og' : ''} bidrager til ${story.goals.length === 1 ? 'målet' : 'målene'} ${joinDanish(story.goals.map((g) => quoteDa(g.title)))}`;
  else sentence += `${steps.length > 0 ? ', men' : ''} er ikke knyttet til noget mål`;
  return `${sentence}.`;
}

/** The plan's file name: "Rum for Liv" → "rum-for-liv". */
export function fileStem(plan: PlanFile): string {
  return (plan.plan.title || 'plan').toLowerCase().normalize('NFKD').replace(/[æ]/g, 'ae').replace(/[ø]/g, 'oe').replace(/[å]/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'plan';
}

/** An edge with its reasons: why the one leads to the other (`rationale`) and what must hold (`assumptions`). */
export interface EdgeReason { from: PlanNode; to: PlanNode; kind: PlanEdge['kind']; rationale: string; assumptions: string[] }

/**
 * The edges among `ids` (all when absent) that carry a rationale or assumptions, in the file's order: the table
 * "Antagelser" of the Word plan and the Markdown export.
 */
export function edgeReasons(plan: PlanFile, ids?: ReadonlySet<string>): EdgeReason[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const out: EdgeReason[] = [];
  for (const edge of plan.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to || (ids && !(ids.has(edge.from) && ids.has(edge.to)))) continue;
    const rationale = edge.rationale?.trim() ?? '';
    const assumptions = (edge.assumptions ?? []).map((a) => a.trim()).filter(Boolean);
    if (!rationale && assumptions.length === 0) continue;
    out.push({ from, to, kind: edge.kind, rationale, assumptions });
  }
  return out;
}
