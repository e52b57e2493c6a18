// The Word file read back as XML: one figure of the whole plan and one per indsatsområde, headings in order.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocx, figureScale } from '../../model/export/docx.ts';
import { renderOverviewPages } from '../../model/export/overview.ts';
import { wrapText } from '../../model/export/svg.ts';
import type { PlanFile } from '../../model/schema.ts';
import { diagramForDocx } from '../../server/render.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

describe('the Word file of Rum for Liv', async () => {
  const zip = await JSZip.loadAsync(await exportDocx(rumForLiv, { ...diagramForDocx(rumForLiv), date: new Date(2026, 10, 23) }));
  const xml = await zip.file('word/document.xml')!.async('string');
  const areasWithCards = (rumForLiv.focusAreas ?? []).filter((area) => rumForLiv.nodes.some((node) => node.focusArea === area.id));

  const { diagrams } = diagramForDocx(rumForLiv);
  const overview = diagrams!.filter((d) => d.focusArea === undefined);

  it('has the overview over several pages and one figure per indsatsområde, each with its caption', () => {
    expect(areasWithCards.length).toBeGreaterThan(1);
    expect(overview.length).toBeGreaterThan(1);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(overview.length + areasWithCards.length);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(overview.length + areasWithCards.length);
    expect(xml).toContain(`Figur: Forandringsteorien for ${rumForLiv.plan.title} (1 af ${overview.length})`);
    expect(xml).toContain(`Figur: Forandringsteorien for ${rumForLiv.plan.title} (${overview.length} af ${overview.length})`);
    for (const area of areasWithCards) expect(xml).toContain(`Figur: Forandringsteorien for indsatsområdet ${area.title.replace(/&/g, '&amp;')}`);
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

  it('prints the overview\'s type at 8 pt or more however large the plan (121 cards here)', () => {
    const pages = renderOverviewPages(rumForLiv);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const sizes = [...page.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      const printedPt = Math.min(...sizes) * figureScale(page) * 0.75; // Word's pixels are 1/96 in, a point 1/72 in
      expect(printedPt).toBeGreaterThanOrEqual(8);
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
    expect(figureScale(pages[0]!)).toBe(1);
    expect(pages[0]!.svg).toContain('Lektiecafé');
    expect(pages[0]!.svg).toContain('Flere unge i uddannelse');
  });
});
