/** A small chart of one indikator: measurements over the years against its milestones (ECharts, SVG renderer). */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { PlanNode } from '../../model/schema.ts';
import { indicatorChartOption } from '../../model/status-chart.ts';
import { indicatorYears } from '../../model/status.ts';
import { useI18n } from '../i18n.tsx';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function IndicatorChart({ node }: { node: PlanNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const years = indicatorYears(node);
  // nothing to draw yet: a sentence instead of an empty frame with a legend
  const empty = years.length === 0;
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current, null, { renderer: 'svg' });
    return () => {
      chart.current?.dispose();
      chart.current = null;
    };
  }, [empty]);
  useEffect(() => {
    chart.current?.setOption(indicatorChartOption(node, { measured: t('Målt', 'Measured'), milestone: t('Delmål', 'Milestone') }), true);
  }, [node, t, empty]);
  if (empty) return <p className="muted followup-chart-empty">{t('Ingen tal endnu', 'No figures yet')}</p>;
  return (
    <figure className="followup-chart">
      <div ref={ref} className="followup-chart-canvas" role="img" data-testid={`chart-${node.id}`}
        aria-label={t(`Graf: målinger og delmål for ${node.title}, ${years.join(', ')}`, `Chart: measurements and milestones for ${node.title}, ${years.join(', ')}`)} />
    </figure>
  );
}
