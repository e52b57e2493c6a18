/**
 * Follow-up (opfølgning), spec section 5: for a year Y, each indikator's status against its milestone, and per
 * aktivitet and maal the counts of its indicators' statuses. Reachability reuses the check's graph (valid edges
 * only) and its per-component walk (`reachingNodes` in rules.ts), so this is linear in nodes + edges like the check.
 */
import { buildGraph, reachingNodes, stronglyConnectedComponents, type Adjacency } from './rules.ts';
import type { Measurement, PlanFile, PlanNode, Status, StatusEntry } from './schema.ts';

export const INDICATOR_STATUSES = ['naaet', 'ikke-naaet', 'ikke-maalt', 'uden-delmaal'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Danish words for the statuses (the UI and the reports show the word beside the colour, never colour alone). */
export const INDICATOR_STATUS_LABELS_DA: Record<IndicatorStatus, string> = {
  naaet: 'Nået',
  'ikke-naaet': 'Ikke nået',
  'ikke-maalt': 'Ikke målt',
  'uden-delmaal': 'Uden delmål',
};
export const INDICATOR_STATUS_LABELS_EN: Record<IndicatorStatus, string> = {
  naaet: 'Reached',
  'ikke-naaet': 'Not reached',
  'ikke-maalt': 'Not measured',
  'uden-delmaal': 'No milestone',
};
export const FREMDRIFT_LABELS_DA: Record<Status, string> = { groen: 'Grøn', gul: 'Gul', roed: 'Rød' };
export const FREMDRIFT_LABELS_EN: Record<Status, string> = { groen: 'Green', gul: 'Yellow', roed: 'Red' };

/** Colours shared by the view, the canvas and the reports (traffic-light, readable with white or dark text). */
export const INDICATOR_STATUS_COLOURS: Record<IndicatorStatus, string> = {
  naaet: '#1E7B45',
  'ikke-naaet': '#B3261E',
  // blue, not amber: it must not be read as the fremdrift "Gul" beside it; striped too (INDICATOR_STATUS_STRIPE)
  'ikke-maalt': '#1F5A96',
  'uden-delmaal': '#5B6675',
};
/** The stripes over "Ikke målt" (Word shading pattern, CSS gradient): white text keeps a contrast above 4.5 on both. */
export const INDICATOR_STATUS_STRIPE = '#3A74B0';
export const FREMDRIFT_COLOURS: Record<Status, string> = { groen: '#1E7B45', gul: '#C79100', roed: '#B3261E' };

export type StatusCounts = Record<IndicatorStatus, number>;

export interface IndicatorStatusRow {
  id: string;
  status: IndicatorStatus;
  milestone: number | null;
  measured: number | null;
}

/** A row of `activities` or `goals`; `indicators` (Ind, in file order) is ours, left out of the spec's JSON. */
export interface CountsRow extends StatusCounts {
  id: string;
  indicators: string[];
}

export interface PlanStatus {
  year: number;
  indicators: IndicatorStatusRow[];
  activities: CountsRow[];
  goals: CountsRow[];
}

/**
 * The year Opfølgning opens on: this year while the plan's period runs, else the period's first year (a plan of
 * 2013–2016 opened today shows 2013, not a year it has no figures for); without a period, this year.
 */
export function defaultFollowUpYear(period: { from: number; to: number } | undefined, now: Date = new Date()): number {
  const current = now.getFullYear();
  if (!period || period.to < period.from) return current;
  return current >= period.from && current <= period.to ? current : period.from;
}

/** A year as typed in a command or a query ("2014"); absent means the current year; null when it is not a year. */
export function parseYear(value: string | true | undefined | null): number | null {
  if (value === undefined || value === null) return new Date().getFullYear();
  return typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : null;
}

/** The year of an ISO date (`2014-06-30` → 2014), or null when the date does not start with one. */
export function yearOfDate(date: string): number | null {
  const match = /^(\d{4})-/.exec(date);
  return match ? Number(match[1]) : null;
}

/** Milestone(I, Y): the `targets` item of year Y, else `target` when its year is Y. */
export function milestoneOf(node: PlanNode, year: number): number | null {
  const item = node.targets?.find((t) => t.year === year);
  if (item) return item.value;
  if (node.target?.year === year && node.target.value !== undefined) return node.target.value;
  return null;
}

/** The measurement that counts for year Y: the latest date in Y; on equal dates the later one in the list. */
export function measurementOf(node: PlanNode, year: number): Measurement | null {
  let best: Measurement | null = null;
  for (const item of node.measurements ?? []) {
    if (yearOfDate(item.date) !== year) continue;
    if (!best || item.date >= best.date) best = item;
  }
  return best;
}

export function indicatorStatus(node: PlanNode, year: number): IndicatorStatusRow {
  const milestone = milestoneOf(node, year);
  const measured = measurementOf(node, year)?.value ?? null;
  let status: IndicatorStatus;
  if (milestone === null) status = 'uden-delmaal';
  else if (measured === null) status = 'ikke-maalt';
  else status = (node.direction === 'ned' ? measured <= milestone : measured >= milestone) ? 'naaet' : 'ikke-naaet';
  return { id: node.id, status, milestone, measured };
}

/**
 * The latest entry of a node's statusLog (latest date; on equal dates the later one in the list); with `year`, only
 * entries dated in or before that year count (spec section 5: fremdrift *as of* Y).
 */
export function latestStatusEntry(node: PlanNode, year?: number): StatusEntry | null {
  let best: StatusEntry | null = null;
  for (const entry of node.statusLog ?? []) {
    if (year !== undefined) {
      const y = yearOfDate(entry.date);
      if (y === null || y > year) continue;
    }
    if (!best || entry.date >= best.date) best = entry;
  }
  return best;
}

/**
 * Fremdrift: the latest statusLog entry's status, else `status`. As of a year Y (spec section 5): the latest entry
 * dated in or before Y; else `status` when the node has no statusLog entry at all; else none ("ikke vurderet"),
 * so a report for 2013 never shows a judgement made in 2014.
 */
export function fremdriftOf(node: PlanNode, year?: number): Status | null {
  if (year === undefined) return latestStatusEntry(node)?.status ?? node.status ?? null;
  const entry = latestStatusEntry(node, year);
  if (entry) return entry.status;
  return (node.statusLog ?? []).length === 0 ? node.status ?? null : null;
}

/** Every year an indikator speaks of (baseline, target, milestones, measurements), ascending; with `upTo`, none after it. */
export function indicatorYears(node: PlanNode, upTo?: number): number[] {
  const years = new Set<number>();
  if (node.baseline?.year !== undefined) years.add(node.baseline.year);
  if (node.target?.year !== undefined) years.add(node.target.year);
  for (const t of node.targets ?? []) years.add(t.year);
  for (const m of node.measurements ?? []) {
    const year = yearOfDate(m.date);
    if (year !== null) years.add(year);
  }
  return [...years].filter((y) => upTo === undefined || y <= upTo).sort((a, b) => a - b);
}

/** The years a plan speaks of: its period, every indikator's years and every statusLog date (for "is Y in range"). */
export function planYears(plan: PlanFile): { from: number; to: number } | null {
  const years: number[] = [];
  if (plan.plan.period) years.push(plan.plan.period.from, plan.plan.period.to);
  for (const node of plan.nodes) {
    if (node.kind === 'indikator') years.push(...indicatorYears(node));
    for (const entry of node.statusLog ?? []) {
      const y = yearOfDate(entry.date);
      if (y !== null) years.push(y);
    }
  }
  return years.length === 0 ? null : { from: Math.min(...years), to: Math.max(...years) };
}

/**
 * A Danish warning when Y lies outside the plan's period (or, without a period, outside every year the plan speaks
 * of): the report is then empty of milestones and measurements, which should not pass for a real status. Null inside.
 */
export function yearOutsidePlan(plan: PlanFile, year: number): string | null {
  const period = plan.plan.period ?? planYears(plan);
  if (!period || (year >= period.from && year <= period.to)) return null;
  const what = plan.plan.period ? 'planperioden' : 'de år, planen har tal for';
  return `${year} ligger uden for ${what} (${period.from}–${period.to}); rapporten har derfor ingen delmål eller målinger for ${year}.`;
}

/** Two adjacencies over the same nodes as one (the successors of both). */
function unionAdjacency(a: Adjacency, b: Adjacency): Adjacency {
  const n = a.start.length - 1;
  const start = new Int32Array(n + 1);
  const targets = new Int32Array(a.targets.length + b.targets.length);
  let written = 0;
  for (let v = 0; v < n; v++) {
    start[v] = written;
    for (let k = a.start[v]!; k < a.start[v + 1]!; k++) targets[written++] = a.targets[k]!;
    for (let k = b.start[v]!; k < b.start[v + 1]!; k++) targets[written++] = b.targets[k]!;
  }
  start[n] = written;
  return { start, targets };
}

function emptyCounts(): StatusCounts {
  return { naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
}

const CHAIN_KINDS = new Set<PlanNode['kind']>(['aktivitet', 'output', 'resultat', 'effekt']);

/** Section 5's status of every indikator, aktivitet and maal for year Y, in the file's node order. */
export function planStatus(plan: PlanFile, year: number): PlanStatus {
  const graph = buildGraph(plan);
  const { nodes } = graph;
  const n = nodes.length;
  const indicatorIndices: number[] = [];
  const goalIndices: number[] = [];
  const statusOfNode: Array<IndicatorStatusRow | undefined> = new Array(n);
  const indicators: IndicatorStatusRow[] = [];
  for (let v = 0; v < n; v++) {
    const node = nodes[v]!;
    if (node.kind === 'indikator') {
      indicatorIndices.push(v);
      const row = indicatorStatus(node, year);
      statusOfNode[v] = row;
      indicators.push(row);
    } else if (node.kind === 'maal') goalIndices.push(v);
  }

  // Ind(A): the indikatorer reachable from A over leder-til then one maales-ved (indikatorer have no edges out).
  const chainAndMeasure = unionAdjacency(graph.chain, graph.measure);
  const perIndicator = reachingNodes(chainAndMeasure, stronglyConnectedComponents(chainAndMeasure), indicatorIndices,
    (v) => nodes[v]!.kind === 'aktivitet');
  const indOfActivity = new Map<number, number[]>();
  indicatorIndices.forEach((i, index) => {
    for (const a of perIndicator[index]!) {
      const list = indOfActivity.get(a);
      if (list) list.push(i);
      else indOfActivity.set(a, [i]);
    }
  });

  // Up(G): chain nodes that reach G over leder-til and bidrager-til; Ind(G): maales-ved from G or from Up(G).
  const up = reachingNodes(graph.flow, stronglyConnectedComponents(graph.flow), goalIndices,
    (v) => CHAIN_KINDS.has(nodes[v]!.kind));
  const stamp = new Int32Array(n).fill(-1);
  const indOfGoal = new Map<number, number[]>();
  goalIndices.forEach((g, index) => {
    const found: number[] = [];
    for (const source of [g, ...up[index]!]) {
      for (let k = graph.measure.start[source]!; k < graph.measure.start[source + 1]!; k++) {
        const i = graph.measure.targets[k]!;
        if (stamp[i] !== index) (stamp[i] = index), found.push(i);
      }
    }
    indOfGoal.set(g, found.sort((a, b) => a - b));
  });

  const countsRow = (v: number, ind: number[] = []): CountsRow => {
    const counts = emptyCounts();
    for (const i of ind) counts[statusOfNode[i]!.status]++;
    return { id: nodes[v]!.id, ...counts, indicators: ind.map((i) => nodes[i]!.id) };
  };
  const activities: CountsRow[] = [];
  const goals: CountsRow[] = [];
  for (let v = 0; v < n; v++) {
    if (nodes[v]!.kind === 'aktivitet') activities.push(countsRow(v, indOfActivity.get(v)));
    else if (nodes[v]!.kind === 'maal') goals.push(countsRow(v, indOfGoal.get(v)));
  }
  return { year, indicators, activities, goals };
}

/** The spec's JSON of the `status` command (section 5): our `indicators` lists left out of the count rows. */
export function planStatusToJson(status: PlanStatus): object {
  const counts = ({ indicators: _ind, ...row }: CountsRow) => row;
  return { year: status.year, indicators: status.indicators, activities: status.activities.map(counts), goals: status.goals.map(counts) };
}
