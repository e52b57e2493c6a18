/**
 * A portfolio: several plans of a kommune or boligorganisation side by side for one year (issue 22). Pure: the
 * CLI, the service and the exports call it with validated plans.
 *
 * Nothing here is computed twice: findings and coverage are `checkPlan`'s (rules.ts), the indikator statuses are
 * `planStatus`'s (status.ts), fremdrift is `fremdriftOf` as of the year (spec section 5). What is new is the
 * adding up, and the comparison of indikatorer across plans by their shared `code`.
 *
 * As in the board's status report, nothing dated after 31 December of the year counts: no later measurement,
 * no later fremdrift or note.
 */
import { checkPlan, type Coverage } from './rules.ts';
import type { Direction, PlanFile, PlanNode, Status, StatusEntry } from './schema.ts';
import {
  fremdriftOf,
  indicatorStatus,
  indicatorYears,
  INDICATOR_STATUSES,
  latestStatusEntry,
  planStatus,
  planYears,
  yearOfDate,
  type IndicatorStatus,
  type StatusCounts,
} from './status.ts';

/** One plan of the portfolio and the key it is known by there (a file name in the CLI, a portfolio entry's id). */
export interface PortfolioEntry {
  id: string;
  plan: PlanFile;
}

export type CoverageCounts = Omit<Coverage, 'matrix'>;

/** An indikator status count: the four statuses and how many indikatorer there are. */
export interface IndicatorCounts extends StatusCounts {
  total: number;
}

export const FREMDRIFT_KEYS = ['groen', 'gul', 'roed', 'none'] as const;
export type FremdriftKey = (typeof FREMDRIFT_KEYS)[number];
export type FremdriftCounts = Record<FremdriftKey, number>;

/** A dated statusLog entry's words, as the page and the reports show them. */
export interface DatedNote {
  date: string;
  note: string;
  by: string | null;
}

export interface RedActivity {
  id: string;
  title: string;
  focusArea: string | null;
  /** the date of the judgement that made it red; null when it is the node's `status` without a history */
  since: string | null;
  /** the latest statusLog entry up to the year that carries a note, whatever its colour */
  note: DatedNote | null;
}

export interface PlanSummary {
  id: string;
  title: string;
  organisation: string | null;
  area: string | null;
  period: { from: number; to: number } | null;
  errors: number;
  warnings: number;
  coverage: CoverageCounts;
  indicators: IndicatorCounts;
  fremdrift: FremdriftCounts;
  redActivities: RedActivity[];
}

export interface PortfolioTotals {
  plans: number;
  errors: number;
  warnings: number;
  coverage: CoverageCounts;
  indicators: IndicatorCounts;
  fremdrift: FremdriftCounts;
  redActivities: number;
}

export interface LatestMeasurement {
  date: string;
  value: number;
}

/** One indikator carrying a shared code, in one plan. */
export interface CodeRow {
  plan: string;
  indicator: string;
  title: string;
  unit: string | null;
  direction: Direction;
  baseline: { value: number | null; year: number | null } | null;
  milestone: number | null;
  /** the latest measurement dated up to 31 December of the year (not only in the year) */
  latest: LatestMeasurement | null;
  /** the year's status, as `status` computes it */
  status: IndicatorStatus;
}

export interface SharedCode {
  code: string;
  /** how many plans have an indikator with this code */
  plans: number;
  rows: CodeRow[];
}

export interface PortfolioSummary {
  year: number;
  plans: PlanSummary[];
  totals: PortfolioTotals;
  codes: SharedCode[];
}

const COVERAGE_KEYS = ['goals', 'goalsCovered', 'activities', 'activitiesWithGoal', 'activitiesWithIndicator', 'activitiesWithOutcomeIndicator'] as const;

function emptyCoverage(): CoverageCounts {
  return { goals: 0, goalsCovered: 0, activities: 0, activitiesWithGoal: 0, activitiesWithIndicator: 0, activitiesWithOutcomeIndicator: 0 };
}

function emptyIndicatorCounts(): IndicatorCounts {
  return { total: 0, naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
}

function emptyFremdrift(): FremdriftCounts {
  return { groen: 0, gul: 0, roed: 0, none: 0 };
}

/** An indikator's code as compared across plans: trimmed; empty counts as none. */
export function indicatorCode(node: PlanNode): string | null {
  if (node.kind !== 'indikator' || typeof node.code !== 'string') return null;
  const code = node.code.trim();
  return code === '' ? null : code;
}

/** The measurement with the latest date up to 31 December of Y (on equal dates, the later one in the list). */
export function latestMeasurementUpTo(node: PlanNode, year: number): LatestMeasurement | null {
  let best: LatestMeasurement | null = null;
  for (const item of node.measurements ?? []) {
    const y = yearOfDate(item.date);
    if (y === null || y > year) continue;
    if (!best || item.date >= best.date) best = { date: item.date, value: item.value };
  }
  return best;
}

/** The latest statusLog entry dated up to the year that has a note (on equal dates, the later one in the list). */
function latestNote(node: PlanNode, year: number): DatedNote | null {
  let best: StatusEntry | null = null;
  for (const entry of node.statusLog ?? []) {
    const y = yearOfDate(entry.date);
    if (y === null || y > year || !entry.note?.trim()) continue;
    if (!best || entry.date >= best.date) best = entry;
  }
  return best ? { date: best.date, note: best.note!, by: best.by ?? null } : null;
}

function fremdriftKey(status: Status | null): FremdriftKey {
  return status ?? 'none';
}

/** One plan's figures for the year. */
export function summarizePlan(entry: PortfolioEntry, year: number): PlanSummary {
  const { plan } = entry;
  const check = checkPlan(plan);
  const { matrix: _matrix, ...coverage } = check.coverage;
  const indicators = emptyIndicatorCounts();
  for (const row of planStatus(plan, year).indicators) {
    indicators[row.status]++;
    indicators.total++;
  }
  const fremdrift = emptyFremdrift();
  const redActivities: RedActivity[] = [];
  for (const node of plan.nodes) {
    if (node.kind !== 'aktivitet') continue;
    const status = fremdriftOf(node, year);
    fremdrift[fremdriftKey(status)]++;
    if (status !== 'roed') continue;
    redActivities.push({
      id: node.id,
      title: node.title,
      focusArea: node.focusArea ?? null,
      since: latestStatusEntry(node, year)?.date ?? null,
      note: latestNote(node, year),
    });
  }
  return {
    id: entry.id,
    title: plan.plan.title,
    organisation: plan.plan.organisation ?? null,
    area: plan.plan.area ?? null,
    period: plan.plan.period ? { from: plan.plan.period.from, to: plan.plan.period.to } : null,
    errors: check.findings.filter((f) => f.severity === 'error').length,
    warnings: check.findings.filter((f) => f.severity === 'warning').length,
    coverage,
    indicators,
    fremdrift,
    redActivities,
  };
}

/** The sums over the plans (the property test holds them to exactly this). */
export function portfolioTotals(plans: readonly PlanSummary[]): PortfolioTotals {
  const totals: PortfolioTotals = {
    plans: plans.length, errors: 0, warnings: 0, coverage: emptyCoverage(), indicators: emptyIndicatorCounts(), fremdrift: emptyFremdrift(), redActivities: 0,
  };
  for (const plan of plans) {
    totals.errors += plan.errors;
    totals.warnings += plan.warnings;
    for (const key of COVERAGE_KEYS) totals.coverage[key] += plan.coverage[key];
    totals.indicators.total += plan.indicators.total;
    for (const key of INDICATOR_STATUSES) totals.indicators[key] += plan.indicators[key];
    for (const key of FREMDRIFT_KEYS) totals.fremdrift[key] += plan.fremdrift[key];
    totals.redActivities += plan.redActivities.length;
  }
  return totals;
}

function codeRow(planId: string, node: PlanNode, year: number): CodeRow {
  const row = indicatorStatus(node, year);
  return {
    plan: planId,
    indicator: node.id,
    title: node.title,
    unit: node.unit ?? null,
    direction: node.direction ?? 'op',
    baseline: node.baseline && (node.baseline.value !== undefined || node.baseline.year !== undefined)
      ? { value: node.baseline.value ?? null, year: node.baseline.year ?? null }
      : null,
    milestone: row.milestone,
    latest: latestMeasurementUpTo(node, year),
    status: row.status,
  };
}

/** Every code used by an indikator, sorted (Danish collation), with its rows in portfolio and file order. */
export function sharedCodes(entries: readonly PortfolioEntry[], year: number): SharedCode[] {
  const byCode = new Map<string, CodeRow[]>();
  for (const entry of entries) {
    for (const node of entry.plan.nodes) {
      const code = indicatorCode(node);
      if (code === null) continue;
      const rows = byCode.get(code) ?? [];
      rows.push(codeRow(entry.id, node, year));
      byCode.set(code, rows);
    }
  }
  const collator = new Intl.Collator('da');
  return [...byCode]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([code, rows]) => ({ code, plans: new Set(rows.map((r) => r.plan)).size, rows }));
}

/** The portfolio's figures for a year: per plan, the totals, and the indikatorer compared by code. */
export function summarizePortfolio(entries: readonly PortfolioEntry[], { year }: { year: number }): PortfolioSummary {
  const plans = entries.map((entry) => summarizePlan(entry, year));
  return { year, plans, totals: portfolioTotals(plans), codes: sharedCodes(entries, year) };
}

// ---------------------------------------------------------------------------------------------------------
// Year by year (the page's heat map, the workbook's sheet of indikator-years)

/** Most years a portfolio spans (a plan with a stray year 1900 must not make a thousand columns). */
export const MAX_PORTFOLIO_YEARS = 40;

/**
 * The years the portfolio speaks of, ascending: from the earliest to the latest year of any plan's period (or,
 * without one, of the years its figures and judgements are dated), at most MAX_PORTFOLIO_YEARS (the latest).
 */
export function portfolioYears(entries: readonly PortfolioEntry[]): number[] {
  let from = Infinity;
  let to = -Infinity;
  for (const { plan } of entries) {
    const span = plan.plan.period && plan.plan.period.from <= plan.plan.period.to ? plan.plan.period : planYears(plan);
    if (!span) continue;
    from = Math.min(from, span.from);
    to = Math.max(to, span.to);
  }
  if (from > to) return [];
  from = Math.max(from, to - MAX_PORTFOLIO_YEARS + 1);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export interface YearCounts extends IndicatorCounts {
  year: number;
}

/** A plan's indikator status counts for each year (each year's counts as `status` computes them for that year). */
export function indicatorCountsByYear(plan: PlanFile, years: readonly number[]): YearCounts[] {
  const indicators = plan.nodes.filter((node) => node.kind === 'indikator');
  return years.map((year) => {
    const counts: YearCounts = { year, ...emptyIndicatorCounts() };
    for (const node of indicators) {
      counts[indicatorStatus(node, year).status]++;
      counts.total++;
    }
    return counts;
  });
}

/** One indikator in one year: what the workbook's sheet of indikator-years holds. */
export interface IndicatorYearRow {
  plan: string;
  indicator: string;
  title: string;
  code: string | null;
  unit: string | null;
  direction: Direction;
  year: number;
  milestone: number | null;
  measured: number | null;
  status: IndicatorStatus;
}

/** Every indikator of every plan, for each year it has a figure in up to `year` (baseline, milestone, measurement). */
export function indicatorYearRows(entries: readonly PortfolioEntry[], year: number): IndicatorYearRow[] {
  const rows: IndicatorYearRow[] = [];
  for (const entry of entries) {
    for (const node of entry.plan.nodes) {
      if (node.kind !== 'indikator') continue;
      for (const y of indicatorYears(node, year)) {
        const row = indicatorStatus(node, y);
        rows.push({
          plan: entry.id, indicator: node.id, title: node.title, code: indicatorCode(node), unit: node.unit ?? null,
          direction: node.direction ?? 'op', year: y, milestone: row.milestone, measured: row.measured, status: row.status,
        });
      }
    }
  }
  return rows;
}
