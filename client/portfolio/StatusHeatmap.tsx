/**
 * The heat map: one row per plan, one column per year, each cell the share of the plan's indikatorer with a
 * milestone that year that reached it (ECharts, SVG). The same figures as a table for screen readers and for
 * anyone who wants the numbers ("Vis som tabel").
 */
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { PortfolioView } from '../../model/portfolio-view.ts';
import type { StatusCounts } from '../../model/status.ts';
import { formatNumber, useI18n } from '../i18n.tsx';
import { useNearViewport } from './nearViewport.ts';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** Percent of the indikatorer with a milestone that reached it; null when none had a milestone. */
export function reachedShare(counts: StatusCounts): number | null {
  const withMilestone = counts.naaet + counts['ikke-naaet'] + counts['ikke-maalt'];
  return withMilestone === 0 ? null : Math.round((counts.naaet / withMilestone) * 100);
}

export function StatusHeatmap({ view }: { view: PortfolioView }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const titles = useMemo(() => new Map(view.plans.map((p) => [p.id, p.title])), [view.plans]);
  const { years, plans } = view.statusByYear;
  const height = Math.max(160, 40 + plans.length * 26);
  const near = useNearViewport(ref);

  useEffect(() => {
    if (!ref.current || !near) return;
    chart.current = echarts.init(ref.current, null, { renderer: 'svg' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, [near]);

  useEffect(() => {
    chart.current?.resize();
    const data = plans.flatMap((plan, row) => plan.counts.map((counts, column) => [column, row, reachedShare(counts) ?? '-']));
    chart.current?.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 8, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: years.map(String), splitArea: { show: true } },
      yAxis: { type: 'category', data: plans.map((p) => titles.get(p.id) ?? p.id), inverse: true },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: ['100 %', '0 %'],
        inRange: { color: ['#f6d5d3', '#f3e6b5', '#bfe3c9', '#1E7B45'] } },
      tooltip: { formatter: (p: { value: [number, number, number | string] }) => `${titles.get(plans[p.value[1]]?.id ?? '') ?? ''} ${years[p.value[0]]}: ${p.value[2] === '-' ? t('ingen delmål', 'no milestones') : `${p.value[2]} %`}` },
      series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: [number, number, number | string] }) => (p.value[2] === '-' ? '' : `${p.value[2]}`) } }],
    }, true);
  }, [years, plans, titles, t, height, near]);

  const cell = (counts: StatusCounts) => {
    const share = reachedShare(counts);
    return share === null ? '–' : `${formatNumber(share)} % (${formatNumber(counts.naaet)} ${t('af', 'of')} ${formatNumber(counts.naaet + counts['ikke-naaet'] + counts['ikke-maalt'])})`;
  };
  return (
    <figure className="portfolio-figure">
      <div ref={ref} style={{ height }} className="portfolio-chart" role="img" data-testid="portfolio-heatmap"
        aria-label={t(`Varmekort: andel nåede indikatorer for ${plans.length} planer i årene ${years[0]}–${years.at(-1)}. Tallene står i tabellen nedenfor.`,
          `Heat map: share of indicators reached for ${plans.length} plans in ${years[0]}–${years.at(-1)}. The figures are in the table below.`)} />
      <figcaption className="muted">{t('Andel af indikatorerne med delmål i året, der nåede det. Tomt felt: ingen delmål det år.', 'Share of the indicators with a milestone that year that reached it. Empty: no milestones that year.')}</figcaption>
      <details>
        <summary>{t('Vis varmekortet som tabel', 'Show the heat map as a table')}</summary>
        <div className="portfolio-table-wrap">
          <table className="portfolio-table" data-testid="heatmap-table">
            <caption className="sr-only">{t('Andel nåede indikatorer pr. plan og år', 'Share of indicators reached by plan and year')}</caption>
            <thead><tr><th scope="col">{t('Plan', 'Plan')}</th>{years.map((y) => <th key={y} scope="col">{y}</th>)}</tr></thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}><th scope="row">{titles.get(plan.id)}</th>{plan.counts.map((counts, i) => <td key={years[i]} className="num">{cell(counts)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
