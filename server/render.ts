/** The diagram for Word exports made without a browser: the model's SVG rasterised to PNG with resvg. */
import { Resvg } from '@resvg/resvg-js';
import { renderPlanSvg } from '../model/export/svg.ts';
import type { DocxOptions } from '../model/export/docx.ts';
import type { PlanFile } from '../model/schema.ts';

/** Largest diagram we rasterise, in pixels per side: a 1,000-node plan must not take the server's memory. */
const MAX_SIDE = 8000;

export function diagramForDocx(plan: PlanFile): DocxOptions {
  const { svg, width, height } = renderPlanSvg(plan);
  const scale = Math.min(2, MAX_SIDE / Math.max(width, height));
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return { diagramPng: new Uint8Array(png), diagramSize: { width, height } };
}
