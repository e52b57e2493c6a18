/**
 * One chart per shared indikator code: each plan's measurements of that code by year (ECharts, SVG), with the
 * year's baseline, milestone and latest measurement per plan as a table beside it for screen readers and for
 * copying the numbers.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { CodeSeries, PortfolioView } from '../../model/portfolio-view.ts';
import type { SharedCode } from '../../model/portfolio.ts';
import { INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUS_LABELS_EN } from '../../model/status.ts';
import { formatDate, formatNumber, useI18n } from '../i18n.tsx';
import { useNearViewport } from './nearViewport.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function CodeCharts({ view }: { view: PortfolioView }) {
  const { t } = useI18n();
  const titles = useMemo(() => new Map(view.plans.map((p) => [p.id, p.title])), [view.plans]);
  if (view.codeSeries.length === 0) {
    return <p className="muted">{t('Ingen indikatorer har en fælles kode endnu. Giv indikatorer den samme kode (fx fra Boligsociale Data) for at sammenligne dem på tværs af planer.',
      'No indicators share a code yet. Give indicators the same code to compare them across plans.')}</p>;
  }
  return (
    <div className="portfolio-codes">
      {view.codeSeries.map((series) => (
        <CodeChart key={series.code} series={series} shared={view.summary.codes.find((c) => c.code === series.code)} titles={titles} year={view.year} />
      ))}
    </div>
  );
}

function CodeChart({ series, shared, titles, year }: { series: CodeSeries; shared: SharedCode | undefined; titles: Map<string, string>; year: number }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const years = useMemo(() => [...new Set(series.series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b), [series]);
  const near = useNearViewport(ref);
  useEffect(() => {
    if (!ref.current || !near) return;
    chart.current = echarts.init(ref.current, null, { renderer: 'svg' });
    return () => {
      chart.current?.dispose();
      chart.current = null;
    };
  }, [near]);
  useEffect(() => {
    chart.current?.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatNumber(v) },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', name: series.unit ?? '', axisLabel: { formatter: (v: number) => formatNumber(v) } },
      series: series.series.map((s) => ({
        type: 'line', name: titles.get(s.plan) ?? s.plan, connectNulls: true, symbolSize: 8,
        data: years.map((y) => s.points.find((p) => p.year === y)?.value ?? null),
      })),
    }, true);
  }, [series, years, titles, near]);
  const headingId = `code-${series.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const value = (v: number | null | undefined) => (v === null || v === undefined ? '–' : formatNumber(v));
  return (
    <section aria-labelledby={headingId} className="portfolio-code">
      <h3 id={headingId}>{series.title} <span className="muted">({t('kode', 'code')} {series.code})</span></h3>
      <div ref={ref} className="portfolio-chart" style={{ height: 260 }} role="img" data-testid={`code-chart-${series.code}`}
        aria-label={t(`Graf: ${series.title} i ${series.series.length} planer over årene ${years.join(', ') || 'ingen målinger'}. Tallene står i tabellen.`,
          `Chart: ${series.title} in ${series.series.length} plans over ${years.join(', ') || 'no measurements'}. The figures are in the table.`)} />
      {shared && (
        <table className="portfolio-table">
          <caption>{t(`${series.title}, ${year}: udgangspunkt, delmål og seneste måling pr. plan`, `${series.title}, ${year}: baseline, milestone and latest measurement per plan`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Plan', 'Plan')}</th><th scope="col">{t('Udgangspunkt', 'Baseline')}</th><th scope="col">{t(`Delmål ${year}`, `Milestone ${year}`)}</th>
              <th scope="col">{t('Seneste måling', 'Latest measurement')}</th><th scope="col">{t('Status', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {shared.rows.map((row) => (
              <tr key={`${row.plan}-${row.indicator}`}>
                <th scope="row">{titles.get(row.plan) ?? row.plan}</th>
                <td className="num">{row.baseline ? `${value(row.baseline.value)}${row.baseline.year ? ` (${row.baseline.year})` : ''}` : '–'}</td>
                <td className="num">{value(row.milestone)}</td>
                <td className="num">{row.latest ? `${value(row.latest.value)} (${formatDate(row.latest.date)})` : '–'}</td>
                <td>{(lang === 'da' ? INDICATOR_STATUS_LABELS_DA : INDICATOR_STATUS_LABELS_EN)[row.status]}{row.direction === 'ned' ? t(' (lavere er bedre)', ' (lower is better)') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
