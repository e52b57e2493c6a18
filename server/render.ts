/**
 * The figures for Word, drawn from the model and rasterised to PNG with resvg: the whole plan's overview in lanes
 * (model/export/overview.ts, as many landscape pages as it needs), and each indsatsområde's own figure in the chain's
 * columns with its lines (model/export/area-figure.ts, over as many pages as it needs). Both print their type at
 * 8 pt or more on A4. Nothing of a live session is in them.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { renderAreaFigure } from '../model/export/area-figure.ts';
import { renderOverviewPages } from '../model/export/overview.ts';
import type { SvgDiagram } from '../model/export/svg.ts';
import { overviewFirstPageHeight, type DocxDiagram, type DocxOptions } from '../model/export/docx.ts';
import type { PlanFile } from '../model/schema.ts';

/** Largest figure we rasterise, in pixels per side: a 1,000-node plan must not take the server's memory. */
const MAX_SIDE = 8000;

const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];
/**
 * The figures' one font, regular and bold (their text is measured in DejaVu Sans, model/export/text-width.ts): loading every system
 * font for each figure took most of a small plan's Word export (as it did for the status charts, server/render-chart.ts).
 */
const FIGURE_FONT = DEJAVU.every((file) => existsSync(file)) ? { fontFiles: DEJAVU, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };

function rasterise(diagram: SvgDiagram, focusArea?: string): DocxDiagram {
  const scale = Math.min(2, MAX_SIDE / Math.max(diagram.width, diagram.height));
  const png = new Resvg(diagram.svg, { fitTo: { mode: 'zoom', value: scale }, font: FIGURE_FONT }).render().asPng();
  return { ...(focusArea ? { focusArea } : {}), png: new Uint8Array(png), width: diagram.width, height: diagram.height };
}

/** The figures as SVG, in the document's order: the overview's pages, then each indsatsområde's pages. */
export function docxFigures(plan: PlanFile): (SvgDiagram & { focusArea?: string })[] {
  const overview = renderOverviewPages(plan, overviewFirstPageHeight(plan));
  const areas = (plan.focusAreas ?? []).flatMap((area) => renderAreaFigure(plan, area.id).map((page) => ({ ...page, focusArea: area.id })));
  return [...overview, ...areas];
}

export function diagramForDocx(plan: PlanFile): DocxOptions {
  return { diagrams: docxFigures(plan).map((figure) => rasterise(figure, figure.focusArea)) };
}
