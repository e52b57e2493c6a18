/**
 * A portfolio's view for one year, from its plans:
 * the summary of model/portfolio.ts for the year, the indikator statuses of every plan in every year of the
 * portfolio (the page's heat map) and, per shared code, each plan's measurements by year (the page's charts).
 * The server runs it in a worker thread, off the event loop, because 50 plans of 300 cards take a while to check
 * and summarise; the view paths into the plans are added on its main thread, which holds the secret
 * (server/extensions/portfolio.ts). The page reads the same shapes (`PortfolioView`).
 */
import {
  indicatorCode, indicatorCountsByYear, portfolioTotals, portfolioYears, sharedCodes, summarizePlan, type PlanSummary, type PortfolioEntry, type PortfolioSummary, type YearCounts,
} from './portfolio.ts';
import type { PortfolioPlanEntry } from './protocol.ts';
import type { PlanFile } from './schema.ts';
import { yearOfDate } from './status.ts';

export type PortfolioPlanHeader = Omit<PortfolioPlanEntry, 'viewPath'>;

/** Indikator status counts per plan and year, over the years any plan of the portfolio speaks of. */
export interface StatusByYear {
  years: number[];
  plans: { id: string; counts: YearCounts[] }[];
}

/** Per shared code, each plan's indikator with that code: the last measurement of each year. */
export interface CodeSeries {
  code: string;
  title: string;
  unit: string | null;
  series: { plan: string; indicator: string; points: { year: number; value: number }[] }[];
}

/** What GET /api/portfolios/:id answers (with the link's `role`) and the live stream sends. */
export type PortfolioView = Omit<PortfolioComputed, 'plans'> & {
  id: string;
  title: string;
  maxPlans: number;
  plans: PortfolioPlanEntry[];
};

export interface PortfolioComputed {
  year: number;
  plans: PortfolioPlanHeader[];
  summary: PortfolioSummary;
  statusByYear: StatusByYear;
  codeSeries: CodeSeries[];
}

function statusByYear(entries: readonly { id: string; plan: PlanFile }[], year: number): StatusByYear {
  const spanned = portfolioYears(entries);
  // the chosen year is always a column, even outside every plan's period
  const years = spanned.includes(year) ? spanned : [...spanned, year].sort((a, b) => a - b);
  return { years, plans: entries.map(({ id, plan }) => ({ id, counts: indicatorCountsByYear(plan, years) })) };
}

/**
 * `year` null: this year, moved into the years the plans speak of, and then back to the latest of those years that has
 * a dated figure (a measurement or a judged fremdrift) in some plan. A portfolio of plans of 2013–2017 opened today,
 * with figures up to 2015, opens on 2015: what a coordinator opening it wants to see first, not a year of zeros.
 */
function defaultYear(entries: readonly { id: string; plan: PlanFile }[], thisYear: number): number {
  const years = portfolioYears(entries);
  if (years.length === 0) return thisYear;
  const clamped = Math.min(Math.max(thisYear, years[0]!), years.at(-1)!);
  const withFigures = entries
    .flatMap(({ plan }) => plan.nodes.flatMap((node) => [...(node.measurements ?? []), ...(node.statusLog ?? [])].map((entry) => yearOfDate(entry.date))))
    .filter((year): year is number => year !== null && year <= clamped && year >= years[0]!);
  return withFigures.length > 0 ? Math.max(...withFigures) : clamped;
}

function codeSeries(entries: readonly { id: string; plan: PlanFile }[], summary: PortfolioSummary): CodeSeries[] {
  return summary.codes.map((shared) => {
    const series = shared.rows.map((row) => {
      const node = entries.find((e) => e.id === row.plan)?.plan.nodes.find((n) => n.id === row.indicator);
      const byYear = new Map<number, { date: string; value: number }>();
      for (const m of node && indicatorCode(node) === shared.code ? node.measurements ?? [] : []) {
        const y = yearOfDate(m.date);
        const known = y === null ? undefined : byYear.get(y);
        if (y !== null && (!known || m.date >= known.date)) byYear.set(y, m);
      }
      const points = [...byYear].sort(([a], [b]) => a - b).map(([y, m]) => ({ year: y, value: m.value }));
      return { plan: row.plan, indicator: row.indicator, points };
    });
    const first = shared.rows[0];
    return { code: shared.code, title: first?.title ?? shared.code, unit: first?.unit ?? null, series };
  });
}

/** Gives a plan's summary for a year, from a cache or by `compute` (the server's worker keeps them per plan version). */
export type PlanSummaryCache = (entry: PortfolioEntry, year: number, compute: () => PlanSummary) => PlanSummary;

/** The view for `chosen`, or for the default year when null; `cache` may hand back plan summaries computed before. */
export function computePortfolio(entries: PortfolioEntry[], chosen: number | null, now = new Date(), cache?: PlanSummaryCache): PortfolioComputed {
  const year = chosen ?? defaultYear(entries, now.getFullYear());
  // summarizePortfolio's steps, so that each plan's summary can come from the cache
  const planSummaries = entries.map((entry) => (cache ? cache(entry, year, () => summarizePlan(entry, year)) : summarizePlan(entry, year)));
  const summary: PortfolioSummary = { year, plans: planSummaries, totals: portfolioTotals(planSummaries), codes: sharedCodes(entries, year) };
  const plans = entries.map(({ id, plan }) => {
    const { title, organisation, area, period } = plan.plan;
    return { id, title, organisation, area, period: period ? { from: period.from, to: period.to } : undefined };
  });
  return { year, plans, summary, statusByYear: statusByYear(entries, year), codeSeries: codeSeries(entries, summary) };
}
