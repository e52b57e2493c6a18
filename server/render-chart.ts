/** An indikator's chart for the Statusrapport: the model's ECharts option rendered server-side to SVG, then PNG (resvg). */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { StatusReportOptions } from '../model/export/statusrapport.ts';
import type { PlanNode } from '../model/schema.ts';
import { indicatorChartOption } from '../model/status-chart.ts';

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const WIDTH = 420;
const HEIGHT = 150;

export function indicatorChartSvg(node: PlanNode, year?: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const { tooltip: _interactive, ...option } = indicatorChartOption(node, undefined, false, year);
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One font file instead of every system font: loading them all per chart made a 45-chart report take seconds more. */
const CHART_FONT = existsSync(DEJAVU) ? { fontFiles: [DEJAVU], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };

export function chartPng(node: PlanNode, year?: number): { png: Uint8Array; width: number; height: number } {
  const svg = indicatorChartSvg(node, year);
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: CHART_FONT }).render().asPng();
  return { png: new Uint8Array(png), width: WIDTH, height: HEIGHT };
}

export function statusReportOptions(year: number): StatusReportOptions {
  return { year, chartPng: chartPng };
}

/** Any chart option of the model (the portfolio's shared-code charts) as PNG of the given size in points. */
export function optionPng(option: Record<string, unknown>, width: number, height: number): Uint8Array {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    return new Uint8Array(new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: CHART_FONT }).render().asPng());
  } finally {
    chart.dispose();
  }
}
