// The Word file read back as XML: one figure of the whole plan and one per indsatsområde, headings in order.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutAreaFigure } from '../../model/export/area-figure.ts';
import { exportDocx, figureScale } from '../../model/export/docx.ts';
import { renderOverviewPages } from '../../model/export/overview.ts';
import { wrapText } from '../../model/export/svg.ts';
import { polylineCrossesBox } from '../../model/geometry.ts';
import { focusAreaNodeIds } from '../../model/layout.ts';
import type { PlanFile } from '../../model/schema.ts';
import { diagramForDocx, docxFigures } from '../../server/render.ts';

/** The smallest type of a figure as printed on the page, in points. */
function smallestPrintedPt(figure: { svg: string; width: number; height: number }): number {
  const sizes = [...figure.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  return Math.min(...sizes) * figureScale(figure) * 0.75; // Word's pixels are 1/96 in, a point 1/72 in
}

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

describe('the Word file of Rum for Liv', async () => {
  const zip = await JSZip.loadAsync(await exportDocx(rumForLiv, { ...diagramForDocx(rumForLiv), date: new Date(2026, 10, 23) }));
  const xml = await zip.file('word/document.xml')!.async('string');
  const areasWithCards = (rumForLiv.focusAreas ?? []).filter((area) => rumForLiv.nodes.some((node) => node.focusArea === area.id));

  const { diagrams } = diagramForDocx(rumForLiv);
  const overview = diagrams!.filter((d) => d.focusArea === undefined);

  const areaPages = diagrams!.filter((d) => d.focusArea !== undefined);

  it('has the overview over several pages and each indsatsområde\'s figure over its own pages, each with its caption', () => {
    expect(areasWithCards.length).toBeGreaterThan(1);
    expect(overview.length).toBeGreaterThan(1);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(diagrams!.length);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(diagrams!.length);
    expect(xml).toContain(`Figur: Forandringsteorien for ${rumForLiv.plan.title} (1 af ${overview.length})`);
    expect(xml).toContain(`Figur: Forandringsteorien for ${rumForLiv.plan.title} (${overview.length} af ${overview.length})`);
    for (const area of areasWithCards) {
      const pages = areaPages.filter((d) => d.focusArea === area.id).length;
      expect(pages).toBeGreaterThan(0);
      const title = area.title.replace(/&/g, '&amp;');
      expect(xml).toContain(pages > 1 ? `Figur: Forandringsteorien for indsatsområdet ${title} (${pages} af ${pages})` : `Figur: Forandringsteorien for indsatsområdet ${title}<`);
    }
  });

  it('never skips a heading level (H1, then H2, then H3)', () => {
    const levels = [...xml.matchAll(/<w:pStyle w:val="Heading(\d)"\/>/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    const jumps = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`H${levels[i - 1]} → H${level} at heading ${i}`] : []));
    expect(jumps).toEqual([]);
  });

  it('puts the figures on landscape pages and the text on portrait ones', () => {
    const orientations = [...xml.matchAll(/<w:pgSz [^>]*?w:orient="(\w+)"/g)].map((m) => m[1]);
    expect(orientations).toEqual(['portrait', 'landscape', 'portrait']);
  });

  it('calls an indicator target a succeskriterium, never "mål: …"', () => {
    expect(xml).not.toMatch(/>mål: \d/);
  });

  it('prints the type of every figure at 8 pt or more however large the plan (121 cards here)', () => {
    const figures = docxFigures(rumForLiv);
    expect(figures.filter((f) => f.focusArea !== undefined).length).toBeGreaterThanOrEqual(areasWithCards.length);
    const small = figures.map((f, i) => ({ figure: f.focusArea ?? `overview ${i + 1}`, pt: Math.round(smallestPrintedPt(f) * 10) / 10 })).filter((f) => f.pt < 8);
    expect(small).toEqual([]);
  });

  it('shows every card of each indsatsområde in its figure, and no line passes behind a card it does not connect', () => {
    for (const area of areasWithCards) {
      const pages = layoutAreaFigure(rumForLiv, area.id);
      const shown = new Set(pages.flatMap((p) => p.cards.map((c) => c.node.id)));
      expect([...focusAreaNodeIds(rumForLiv, area.id)].filter((id) => !shown.has(id))).toEqual([]);
      const crossings = pages.flatMap((page) => page.edges.flatMap((edge) => page.cards
        .filter((c) => c.node.id !== edge.from && c.node.id !== edge.to && polylineCrossesBox(edge.points, c.box))
        .map((c) => `${edge.from}→${edge.to} behind ${c.node.id}`)));
      expect(crossings).toEqual([]);
      const edgesDrawn = pages.reduce((sum, p) => sum + p.edges.length, 0);
      expect(edgesDrawn).toBeGreaterThan(0);
    }
  });

  it('shows every card of the plan in the overview, by its title', () => {
    const text = renderOverviewPages(rumForLiv).map((page) => [...page.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ')).join(' ');
    const unescaped = text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const missing = rumForLiv.nodes.filter((node) => !unescaped.includes(wrapText(node.title, 14, 1)[0]!.replace(/…$/, '').replace(/-$/, '')));
    expect(missing.map((n) => n.title)).toEqual([]);
  });
});

describe('the overview of a small plan', () => {
  it('fits one page at full size', () => {
    const small: PlanFile = { format: 'forandringskort/v1', plan: { title: 'Lille plan' }, focusAreas: [{ id: 'io1', title: 'Børn' }],
      nodes: [{ id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1' }, { id: 'm1', kind: 'maal', title: 'Flere unge i uddannelse' }],
      edges: [{ id: 'e1', from: 'a1', to: 'm1', kind: 'bidrager-til' }] } as PlanFile;
    const pages = renderOverviewPages(small);
    expect(pages).toHaveLength(1);
    const area = layoutAreaFigure(small, 'io1');
    expect(area).toHaveLength(1);
    expect(area[0]!.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['a1→m1']);
    expect(smallestPrintedPt(docxFigures(small).at(-1)!)).toBeGreaterThanOrEqual(8);
    expect(figureScale(pages[0]!)).toBe(1);
    expect(pages[0]!.svg).toContain('Lektiecafé');
    expect(pages[0]!.svg).toContain('Flere unge i uddannelse');
  });
});
