/**
 * The portfolio's Word and Excel files (model/export/portfolio-*.ts), with the shared indikatorer's charts rendered
 * here from the model's ECharts option (server/render-chart.ts), for the CLI and the worker pool alike.
 */
import { fileStem } from '../model/export/common.ts';
import { exportPortfolioDocx } from '../model/export/portfolio-docx.ts';
import type { PortfolioExport } from '../model/export/portfolio-formats.ts';
import { exportPortfolioXlsx } from '../model/export/portfolio-xlsx.ts';
import type { PortfolioEntry, SharedCode } from '../model/portfolio.ts';
import { sharedCodeChartOption } from '../model/portfolio-chart.ts';
import { withCleanText } from '../model/values.ts';
import { optionPng } from './render-chart.ts';


export interface PortfolioFile { data: Uint8Array; mimeType: string; fileName: string }

const MIME: Record<PortfolioExport, string> = {
  'portfolio-docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'portfolio-xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const CHART_WIDTH = 620;
const CHART_HEIGHT = 190;

export function sharedCodeChartPng(code: SharedCode, entries: readonly PortfolioEntry[], year: number): { png: Uint8Array; width: number; height: number } {
  const { tooltip: _interactive, ...option } = sharedCodeChartOption(code, entries, year, false);
  return { png: optionPng(option, CHART_WIDTH, CHART_HEIGHT), width: CHART_WIDTH, height: CHART_HEIGHT };
}

export async function exportPortfolio(stored: readonly PortfolioEntry[], format: PortfolioExport, options: { year: number; title?: string; date?: Date }): Promise<PortfolioFile> {
  // as exportPlan does: text stored before the doors refused control characters is cleaned, so the XML is well-formed
  const entries = stored.map((entry) => ({ id: entry.id, plan: withCleanText(entry.plan) }));
  const stem = options.title ? `${fileStem({ format: 'forandringskort/v1', plan: { title: options.title }, nodes: [], edges: [] })}-` : '';
  const data = format === 'portfolio-docx'
    ? await exportPortfolioDocx(entries, { ...options, chartPng: sharedCodeChartPng })
    : await exportPortfolioXlsx(entries, options);
  return { data, mimeType: MIME[format], fileName: `${stem}portefoeljeoversigt-${options.year}.${format === 'portfolio-docx' ? 'docx' : 'xlsx'}` };
}
