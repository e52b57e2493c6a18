/**
 * The chart of one indikator (measurements over the years against its milestones) as an ECharts option: plain data,
 * so the follow-up view draws it in the browser and the Statusrapport renders it on the server, the same chart.
 */
import { formatDanishNumber } from './format.ts';
import type { PlanNode } from './schema.ts';
import { indicatorYears, measurementOf, milestoneOf } from './status.ts';

export interface ChartLabels {
  measured: string;
  milestone: string;
}


/**
 * An ECharts option (line of measurements, dashed line of milestones, one point per year). With `upTo` (a report's
 * year), nothing after that year is plotted: a 2013 report shows no 2014 measurement or milestone.
 */
export function indicatorChartOption(node: PlanNode, labels: ChartLabels = { measured: 'Målt', milestone: 'Delmål' }, animation = true, upTo?: number): Record<string, unknown> {
  const years = indicatorYears(node, upTo);
  const measured = years.map((y) => measurementOf(node, y)?.value ?? null);
  const milestones = years.map((y) => milestoneOf(node, y));
  if (node.baseline?.year !== undefined && node.baseline.value !== undefined) {
    const index = years.indexOf(node.baseline.year);
    if (measured[index] === null) measured[index] = node.baseline.value;
  }
  const format = (value: unknown) => (typeof value === 'number' ? formatDanishNumber(value) : '');
  return {
    animation,
    grid: { left: 44, right: 16, top: 38, bottom: 24 },
    legend: { top: 0, itemWidth: 16, textStyle: { fontSize: 11 }, data: [labels.measured, labels.milestone] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years.map(String), axisLabel: { fontSize: 11 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 11, formatter: format }, scale: false },
    series: [
      { name: labels.measured, type: 'line', data: measured, connectNulls: true, symbolSize: 8, lineStyle: { width: 2 }, color: '#175E54',
        label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: unknown }) => format(p.value) } },
      { name: labels.milestone, type: 'line', data: milestones, connectNulls: true, symbol: 'diamond', symbolSize: 9, color: '#8A6100',
        lineStyle: { type: 'dashed', width: 2 } },
    ],
  };
}
