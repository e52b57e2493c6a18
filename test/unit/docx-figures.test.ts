// The Word file read back as XML: one figure of the whole plan and one per indsatsområde, headings in order.
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocx } from '../../model/export/docx.ts';
import type { PlanFile } from '../../model/schema.ts';
import { diagramForDocx } from '../../server/render.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

describe('the Word file of Rum for Liv', async () => {
  const zip = await JSZip.loadAsync(await exportDocx(rumForLiv, { ...diagramForDocx(rumForLiv), date: new Date(2026, 10, 23) }));
  const xml = await zip.file('word/document.xml')!.async('string');
  const areasWithCards = (rumForLiv.focusAreas ?? []).filter((area) => rumForLiv.nodes.some((node) => node.focusArea === area.id));

  it('has the overview and one figure per indsatsområde, each with its caption', () => {
    expect(areasWithCards.length).toBeGreaterThan(1);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(1 + areasWithCards.length);
    expect(Object.keys(zip.files).filter((name) => name.startsWith('word/media/'))).toHaveLength(1 + areasWithCards.length);
    expect(xml).toContain(`Figur: Forandringsteorien for ${rumForLiv.plan.title}`);
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
});
