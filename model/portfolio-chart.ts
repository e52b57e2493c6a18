/**
 * The chart of one shared indikator code across the plans of a portfolio: a line per plan (its indikator's counted
 * measurement of each year, the baseline in its year where there is no measurement), years up to the portfolio's
 * year. Plain ECharts option data like model/status-chart.ts, so the page draws it and the Word export renders it.
 */
import { formatDanishNumber } from './format.ts';
import type { PortfolioEntry, SharedCode } from './portfolio.ts';
import type { PlanNode } from './schema.ts';
import { indicatorYears, measurementOf } from './status.ts';

/** Distinguishable on white and with each other (also for the common colour-vision deficiencies). */
export const PLAN_LINE_COLOURS = ['#175E54', '#B3541E', '#3D5A98', '#8A6100', '#7A3E8F', '#2F7F2F', '#A23B5A', '#4F5B66'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'];

export interface CodeSeries {
  name: string;
  node: PlanNode;
}

/** The indikatorer behind a code's rows, each named by its plan (and its own title when a plan has two). */
export function codeSeries(code: SharedCode, entries: readonly PortfolioEntry[]): CodeSeries[] {
  const plans = new Map(entries.map((entry) => [entry.id, entry.plan]));
  const perPlan = new Map<string, number>();
  for (const row of code.rows) perPlan.set(row.plan, (perPlan.get(row.plan) ?? 0) + 1);
  return code.rows.flatMap((row) => {
    const plan = plans.get(row.plan);
    const node = plan?.nodes.find((n) => n.id === row.indicator);
    if (!plan || !node) return [];
    const planName = plan.plan.title || row.plan;
    return [{ name: (perPlan.get(row.plan) ?? 0) > 1 ? `${planName}: ${node.title}` : planName, node }];
  });
}

function valueOf(node: PlanNode, year: number): number | null {
  const measured = measurementOf(node, year)?.value;
  if (measured !== undefined) return measured;
  return node.baseline?.year === year && node.baseline.value !== undefined ? node.baseline.value : null;
}

/** The years the chart shows: every year one of the indikatorer has a figure, up to `year`. */
export function codeYears(series: readonly CodeSeries[], year: number): number[] {
  const years = new Set<number>();
  for (const { node } of series) for (const y of indicatorYears(node, year)) years.add(y);
  return [...years].sort((a, b) => a - b);
}

export function sharedCodeChartOption(code: SharedCode, entries: readonly PortfolioEntry[], year: number, animation = true): Record<string, unknown> {
  const series = codeSeries(code, entries);
  const years = codeYears(series, year);
  const format = (value: unknown) => (typeof value === 'number' ? formatDanishNumber(value) : '');
  const data = series.map((s) => years.map((y) => valueOf(s.node, y)));
  // a plan without figures stays in the legend, said so, rather than silently missing from the chart
  const names = series.map((s, index) => (data[index]!.every((v) => v === null) ? `${s.name} (ingen tal)` : s.name));
  return {
    animation,
    grid: { left: 44, right: 16, top: 24 + 16 * Math.ceil(series.length / 3), bottom: 24 },
    legend: { top: 0, itemWidth: 16, itemGap: 18, textStyle: { fontSize: 11 }, data: names },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years.map(String), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 11, formatter: format } },
    series: series.map((_s, index) => ({
      name: names[index],
      type: 'line',
      data: data[index],
      connectNulls: true,
      symbol: SYMBOLS[index % SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { width: 2 },
      color: PLAN_LINE_COLOURS[index % PLAN_LINE_COLOURS.length],
      // values at the points only while they cannot overlap; the table under the chart has them all
      label: { show: series.length <= 2, position: 'top', fontSize: 10, formatter: (p: { value: unknown }) => format(p.value) },
    })),
  };
}
