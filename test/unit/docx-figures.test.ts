// The Word file read back as XML: one figure of the whole plan and one per indsatsområde, headings in order.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutAreaFigure, renderAreaFigure } from '../../model/export/area-figure.ts';
import { exportDocx, figureScale } from '../../model/export/docx.ts';
import { renderOverviewPages } from '../../model/export/overview.ts';
import { fitTitle, MIN_CARD_PX, syllableBreaks } from '../../model/export/wrap.ts';
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
    expect(xml).toContain(`: Forandringsteorien for ${rumForLiv.plan.title} (1 af ${overview.length})`);
    expect(xml).toContain(`: Forandringsteorien for ${rumForLiv.plan.title} (${overview.length} af ${overview.length})`);
    // real Word captions: style Caption, "Figur " and a SEQ Figur field, one per figure
    expect(xml.match(/SEQ Figur/g)).toHaveLength(diagrams!.length);
    expect(xml.match(/<w:pStyle w:val="Caption"\/>/g)).toHaveLength(diagrams!.length);
    for (const area of areasWithCards) {
      const pages = areaPages.filter((d) => d.focusArea === area.id).length;
      expect(pages).toBeGreaterThan(0);
      const title = area.title.replace(/&/g, '&amp;');
      expect(xml).toContain(pages > 1 ? `: Forandringsteorien for indsatsområdet ${title} (${pages} af ${pages})` : `: Forandringsteorien for indsatsområdet ${title}<`);
    }
  });

  it('never skips a heading level (H1, then H2, then H3)', () => {
    const levels = [...xml.matchAll(/<w:pStyle w:val="Heading(\d)"\/>/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    const jumps = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`H${levels[i - 1]} → H${level} at heading ${i}`] : []));
    expect(jumps).toEqual([]);
  });

  it('puts the figures on landscape pages and the text on portrait ones', () => {
    // the sections in order: each landscape one holds figures and their captions only
    const bodies = xml.split(/<w:sectPr\b/);
    const orientations = [...xml.matchAll(/<w:pgSz [^>]*?w:orient="(\w+)"/g)].map((m) => m[1]);
    expect(orientations[0]).toBe('portrait');
    expect(orientations.filter((o) => o === 'landscape').length).toBe(1 + areasWithCards.length);
    orientations.forEach((orientation, i) => {
      if (orientation !== 'landscape') return;
      const body = bodies[i]!.slice(bodies[i]!.indexOf('</w:sectPr>') + 1);
      expect(body).not.toContain('w:val="ListParagraph"');
      expect(body).not.toMatch(/<w:pStyle w:val="Heading/);
    });
  });

  it('keeps every heading with what follows, numbers the pages in the footer and writes the contents with page numbers', async () => {
    const headings = xml.split('<w:p>').concat(xml.split('<w:p ')).filter((p) => /<w:pStyle w:val="Heading\d"\/>/.test(p));
    expect(headings.length).toBeGreaterThan(20);
    expect(headings.filter((p) => !p.includes('<w:keepNext/>'))).toEqual([]);
    const footers = Object.keys(zip.files).filter((name) => /^word\/footer\d*\.xml$/.test(name));
    expect(footers.length).toBeGreaterThan(0);
    const footerXml = await zip.file(footers[0]!)!.async('string');
    expect(footerXml).toMatch(/PAGE/);
    // the contents are a TOC field whose entries carry their page numbers (docx/layout's estimate; Word updates them)
    const start = xml.search(/TOC \\h \\o/);
    expect(start).toBeGreaterThan(0);
    const toc = xml.slice(start, xml.indexOf('</w:sdtContent>', start));
    expect(toc).toMatch(/1 Forandringsteori og indsatsområder/);
    expect(toc).toMatch(/<w:t[^>]*>\d+<\/w:t>/);
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('updateFields');
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('da-DK');
  });

  it('breaks titles at spaces, hyphens and slashes; shrinks to 8 pt before it breaks a word, and then only between syllables', () => {
    const pieces = new Set(rumForLiv.nodes.flatMap((n) => n.title.split(/\s+/)).flatMap((w) => w.split(/(?<=[-/])/)));
    const bad: string[] = [];
    for (const figure of docxFigures(rumForLiv)) {
      for (const m of figure.svg.matchAll(/<text[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)) {
        const line = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
        const last = line.split(' ').pop()!;
        if (!/\p{L}-$/u.test(line) || pieces.has(last)) continue;
        // an inserted hyphen: only at the smallest type, and where a Danish syllable ends
        const stem = last.slice(0, -1).split('/').pop()!;
        const word = [...pieces].find((p) => p.startsWith(stem) && p.length > stem.length) ?? '';
        if (Math.abs(Number(m[1]) - MIN_CARD_PX) > 0.01 || !syllableBreaks(word).includes(stem.length)) bad.push(`${line} (${m[1]} px)`);
      }
    }
    expect(bad).toEqual([]);
    // the example: a word that fits at 8 pt is never broken
    const fit = fitTitle('Fritidsjob-formidling for unge', 140, 8, 11);
    expect(fit.lines.join(' ')).not.toContain('fo-');
    expect(fitTitle('Fritidsjobformidling', 160, 8, 11)).toEqual({ lines: ['Fritidsjobformidling'], fontPx: expect.any(Number) });
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
    const missing = rumForLiv.nodes.filter((node) => !unescaped.includes(node.title.split(/[\s/]+/)[0]!.slice(0, 8)));
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
    expect(pages[0]!.svg).toContain('Flere unge i');
    // the overview draws its arrows too
    expect(pages[0]!.svg).toContain('marker-end="url(#arrow)"');
  });
});

describe('a plan built from nothing with two focus areas and shared resultat, effekt and mål', () => {
  const plan: PlanFile = { format: 'forandringskort/v1', plan: { title: 'Ny plan' },
    focusAreas: [{ id: 'io1', title: 'Børn og unge' }, { id: 'io2', title: 'Beskæftigelse' }],
    nodes: [
      { id: 'a1', kind: 'aktivitet', title: 'Fritidsjobformidling', focusArea: 'io1' },
      { id: 'o1', kind: 'output', title: '30 unge i fritidsjob', focusArea: 'io1' },
      { id: 'a2', kind: 'aktivitet', title: 'Jobcafé', focusArea: 'io2' },
      { id: 'r1', kind: 'resultat', title: 'Unge får erfaring fra arbejdsmarkedet' },
      { id: 'e1', kind: 'effekt', title: 'Flere unge i job og uddannelse' },
      { id: 'm1', kind: 'maal', title: 'Ledigheden falder til landsgennemsnittet' },
      { id: 'i1', kind: 'indikator', title: 'Andel unge i job', target: { value: 60, year: 2016 } },
    ],
    // the edges in the reverse of the chain's order: the chain must be found however they stand
    edges: [
      { id: 'k5', from: 'e1', to: 'i1', kind: 'maales-ved' },
      { id: 'k4', from: 'e1', to: 'm1', kind: 'bidrager-til', assumptions: ['Arbejdsmarkedet har plads'] },
      { id: 'k3', from: 'r1', to: 'e1', kind: 'leder-til', rationale: 'Erfaring giver de næste job' },
      { id: 'k2', from: 'o1', to: 'r1', kind: 'leder-til', assumptions: ['Arbejdsgiverne giver de unge ansvar'] },
      { id: 'k6', from: 'a2', to: 'r1', kind: 'leder-til' },
      { id: 'k1', from: 'a1', to: 'o1', kind: 'leder-til' },
    ] } as PlanFile;

  it('keeps a one-word activity name and a long compound whole in the area figure (as a programme manager saw them broken)', () => {
    const longer = { ...plan, nodes: plan.nodes.map((n) => (n.id === 'e1' ? { ...n, title: 'Højere beskæftigelsesfrekvens i boligområdet' } : n)) } as PlanFile;
    const svg = renderAreaFigure(longer, 'io1').map((p) => p.svg).join('');
    expect(svg).toContain('>Fritidsjobformidling<');
    expect(svg).toContain('beskæftigelsesfrekvens');
  });

  it("draws every edge of each area's chain in that area's figure, and marks the shared cards", () => {
    const expected: Record<string, string[]> = { io1: ['k1', 'k2', 'k3', 'k4', 'k5'], io2: ['k6', 'k3', 'k4', 'k5'] };
    for (const [area, ids] of Object.entries(expected)) {
      const pages = layoutAreaFigure(plan, area);
      const drawn = new Set(pages.flatMap((p) => p.edges.map((e) => `${e.from}→${e.to}`)));
      const want = ids.map((id) => plan.edges.find((e) => e.id === id)!).map((e) => `${e.from}→${e.to}`);
      expect(want.filter((e) => !drawn.has(e))).toEqual([]);
      const cards = pages.flatMap((p) => p.cards);
      for (const id of ['r1', 'e1', 'm1']) {
        expect(cards.filter((c) => c.node.id === id)).toHaveLength(1); // drawn once
        expect(cards.find((c) => c.node.id === id)!.shared).toBe(true);
      }
      expect(cards.find((c) => c.node.kind === 'aktivitet')!.shared).toBe(false);
    }
  });

  it('lists every edge with a reason in the area\'s table "Antagelser"', async () => {
    const zip = await JSZip.loadAsync(await exportDocx(plan, { ...diagramForDocx(plan), date: new Date(2026, 10, 23) }));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('>Antagelser<');
    for (const text of ['Arbejdsmarkedet har plads', 'Erfaring giver de næste job', 'Arbejdsgiverne giver de unge ansvar']) expect(xml).toContain(text);
    // Danish quotation marks in the chains' prose
    expect(xml).toContain('\u201EFritidsjobformidling\u201C');
  });
});
