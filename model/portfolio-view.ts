/**
 * A portfolio's view for one year, from its plans:
 * the summary of model/portfolio.ts for the year, the indikator statuses of every plan in every year of the
 * portfolio (the page's heat map) and, per shared code, each plan's measurements by year (the page's charts).
 * The server runs it in a worker thread, off the event loop, because 50 plans of 300 cards take a while to check
 * and summarise; the view paths into the plans are added on its main thread, which holds the secret
 * (server/extensions/portfolio.ts). The page reads the same shapes (`PortfolioView`).
 */
import { indicatorCode, summarizePortfolio, type PortfolioSummary } from './portfolio.ts';
import type { PortfolioPlanEntry } from './protocol.ts';
import type { PlanFile } from './schema.ts';
import { indicatorStatus, planYears, yearOfDate, type StatusCounts } from './status.ts';

export type PortfolioPlanHeader = Omit<PortfolioPlanEntry, 'viewPath'>;

/** Indikator status counts per plan and year, over the years any plan of the portfolio speaks of. */
export interface StatusByYear {
  years: number[];
  plans: { id: string; counts: StatusCounts[] }[];
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

/** at most this many years in the heat map: a plan with a stray date (year 1900) must not make it endless */
const MAX_YEARS = 25;

function portfolioYears(plans: readonly PlanFile[], year: number): number[] {
  let from = year;
  let to = year;
  for (const plan of plans) {
    const span = planYears(plan);
    if (!span) continue;
    from = Math.min(from, span.from);
    to = Math.max(to, span.to);
  }
  // around the chosen year when the span is too long
  if (to - from + 1 > MAX_YEARS) {
    from = Math.max(from, year - Math.floor(MAX_YEARS / 2));
    to = Math.min(to, from + MAX_YEARS - 1);
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function defaultYear(plans: readonly PlanFile[], thisYear: number): number {
  const spans = plans.map(planYears).filter((span) => span !== null);
  if (spans.length === 0) return thisYear;
  const from = Math.min(...spans.map((s) => s.from));
  const to = Math.max(...spans.map((s) => s.to));
  return Math.min(Math.max(thisYear, from), to);
}

function statusByYear(entries: readonly { id: string; plan: PlanFile }[], year: number): StatusByYear {
  const years = portfolioYears(entries.map((e) => e.plan), year);
  const plans = entries.map(({ id, plan }) => {
    const indicators = plan.nodes.filter((n) => n.kind === 'indikator');
    const counts = years.map((y) => {
      const row: StatusCounts = { naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
      for (const node of indicators) row[indicatorStatus(node, y).status]++;
      return row;
    });
    return { id, counts };
  });
  return { years, plans };
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

/**
 * `year` null: this year, moved into the years the plans speak of (a portfolio of plans of 2013–2016 opened today
 * shows 2016, not a year without figures), as a coordinator opening it would expect.
 */
export function computePortfolio(entries: { id: string; plan: PlanFile }[], chosen: number | null, now = new Date()): PortfolioComputed {
  const year = chosen ?? defaultYear(entries.map((e) => e.plan), now.getFullYear());
  const summary = summarizePortfolio(entries, { year });
  const plans = entries.map(({ id, plan }) => {
    const { title, organisation, area, period } = plan.plan;
    return { id, title, organisation, area, period: period ? { from: period.from, to: period.to } : undefined };
  });
  return { year, plans, summary, statusByYear: statusByYear(entries, year), codeSeries: codeSeries(entries, summary) };
}
