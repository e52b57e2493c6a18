/**
 * The figures for Word, drawn from the model and rasterised to PNG with resvg: the whole plan's overview in lanes
 * (model/export/overview.ts, as many landscape pages as it needs), and each indsatsområde laid out afresh on its own (its cards, the goals and
 * indicators tied to them) so that it is readable on an A4 page. Nothing of a live session is in them.
 */
import { Resvg } from '@resvg/resvg-js';
import { focusAreaPlan } from '../model/layout.ts';
import { renderOverviewPages } from '../model/export/overview.ts';
import { renderPlanSvg, type SvgDiagram } from '../model/export/svg.ts';
import { overviewFirstPageHeight, type DocxDiagram, type DocxOptions } from '../model/export/docx.ts';
import type { PlanFile } from '../model/schema.ts';

/** Largest figure we rasterise, in pixels per side: a 1,000-node plan must not take the server's memory. */
const MAX_SIDE = 8000;

function rasterise(diagram: SvgDiagram, focusArea?: string): DocxDiagram {
  const scale = Math.min(2, MAX_SIDE / Math.max(diagram.width, diagram.height));
  const png = new Resvg(diagram.svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return { ...(focusArea ? { focusArea } : {}), png: new Uint8Array(png), width: diagram.width, height: diagram.height };
}

export function diagramForDocx(plan: PlanFile): DocxOptions {
  // the overview in lanes, a landscape page each; then each indsatsområde's own figure
  const diagrams = renderOverviewPages(plan, overviewFirstPageHeight(plan)).map((page) => rasterise(page));
  for (const area of plan.focusAreas ?? []) {
    const part = focusAreaPlan(plan, area.id);
    if (!part.nodes.some((node) => node.focusArea === area.id)) continue;
    // the goals it serves join the area's lane: they stand in the mål column beside it, not in a lane below
    const oneLane = { ...part, nodes: part.nodes.map((node) => ({ ...node, focusArea: area.id })) };
    diagrams.push(rasterise(renderPlanSvg(oneLane, { relayout: true }), area.id));
  }
  return { diagrams };
}
