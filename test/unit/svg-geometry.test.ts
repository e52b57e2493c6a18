// The SVG figure measured: every card title, drawn in the real bold font (resvg with DejaVu Sans Bold, the widest
// font the figure names), stays inside its card; lines keep off the lanes' titles and the cards' coloured bands.
import { Resvg } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_SIZE } from '../../model/geometry.ts';
import { CARD_TEXT, renderPlanSvg } from '../../model/export/svg.ts';
import { textWidth, wrapToWidth } from '../../model/export/text-width.ts';
import type { PlanFile } from '../../model/schema.ts';

const root = join(import.meta.dirname, '..', '..');
const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;
const FONT = { loadSystemFonts: false, fontFiles: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'], defaultFontFamily: 'DejaVu Sans' };
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The drawn width of one line of text, in px, as resvg lays it out in the font. */
function drawnWidth(line: string, px: number, bold: boolean): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="60"><text x="0" y="40" font-family="DejaVu Sans" font-size="${px}"${bold ? ' font-weight="bold"' : ''}>${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></svg>`;
  const box = new Resvg(svg, { font: FONT }).getBBox();
  return box ? box.x + box.width : 0;
}

const WIDE = [
  'WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW',
  'Mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm',
  'Børne- og ungeindsatsen i Valby-Vest-området for udsatte familier med små børn',
  'Demokratiambassadørerne Demokratiambassadørerne Demokratiambassadørerne',
  'ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ ÆØÅ',
  '%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%',
];

describe('card text in the SVG', () => {
  it('the measure is never narrower than the real bold font', () => {
    for (const line of [...WIDE, 'Lektiecafé', 'iiiiiiii', 'Antal brugere af lektiecaféen (pr. uge)']) {
      expect(textWidth(line, 12, true)).toBeGreaterThanOrEqual(drawnWidth(line, 12, true));
      expect(textWidth(line, 11, false)).toBeGreaterThanOrEqual(drawnWidth(line, 11, false));
    }
  });

  it('wraps at spaces and after hyphens', () => {
    const lines = wrapToWidth('Børne- og ungeindsatsen i Valby-Vest', 120, 12, true, 5);
    expect(lines).toEqual(['Børne- og', 'ungeindsatsen i', 'Valby-Vest']);
    expect(lines.every((l) => textWidth(l, 12, true) <= 120)).toBe(true);
    expect(wrapToWidth('Børne- og ungeindsatsen i Valby-Vest', 120, 12, true, 2)).toEqual(['Børne- og', 'ungeindsatsen…']);
    expect(wrapToWidth('Valby-Vest', textWidth('Valby-', 12, true) + 1, 12, true, 3)).toEqual(['Valby-', 'Vest']);
  });

  it('every title line and indicator range stays inside its card', () => {
    const plan = structuredClone(rumForLiv);
    plan.nodes.forEach((node, i) => {
      node.title = WIDE[i % WIDE.length]!;
      if (node.kind === 'indikator') {
        node.unit = 'MMMMMMMMMMMMMMMM';
        node.baseline = { value: 123456789, year: 2012 };
        node.target = { value: 987654321, year: 2016 };
      }
    });
    const { svg } = renderPlanSvg(plan);
    const cards = [...svg.matchAll(/<g><rect x="([\d.-]+)" y="([\d.-]+)" width="220" height="80"[^]*?<\/g>/g)];
    expect(cards).toHaveLength(plan.nodes.length);
    let checked = 0;
    for (const card of cards) {
      const cardX = Number(card[1]);
      for (const text of card[0].matchAll(/<text x="([\d.-]+)" y="[\d.-]+" font-size="(\d+)"( font-weight="bold")? fill="(#1b2430|#5b6675)">([^<]*)<\/text>/g)) {
        const right = Number(text[1]) - cardX + drawnWidth(unescape(text[5]!), Number(text[2]), Boolean(text[3]));
        expect(right, text[5]).toBeLessThanOrEqual(CARD_SIZE.width - CARD_TEXT.inset + 0.5);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(plan.nodes.length);
  });
});

type Box = { x: number; y: number; width: number; height: number };
const inside = (p: { x: number; y: number }, b: Box) => p.x > b.x + 0.5 && p.x < b.x + b.width - 0.5 && p.y > b.y + 0.5 && p.y < b.y + b.height - 0.5;

/** Points along an SVG path of M, L, Q and C commands (absolute, as the figure writes them). */
function pathPoints(d: string): { x: number; y: number }[] {
  const tokens = d.match(/[MLQC]|-?[\d.]+(?:e-?\d+)?/g)!;
  const points: { x: number; y: number }[] = [];
  let current = { x: 0, y: 0 };
  let i = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const command = tokens[i++];
    const take = (n: number) => Array.from({ length: n }, () => ({ x: num(), y: num() }));
    const ctrl = command === 'M' || command === 'L' ? take(1) : command === 'Q' ? take(2) : take(3);
    const all = [current, ...ctrl];
    for (let s = 1; s <= 40; s++) {
      const t = s / 40;
      // de Casteljau over the control points
      let level = all;
      while (level.length > 1) level = level.slice(1).map((p, k) => ({ x: level[k]!.x + (p.x - level[k]!.x) * t, y: level[k]!.y + (p.y - level[k]!.y) * t }));
      if (command !== 'M') points.push(level[0]!);
    }
    current = ctrl[ctrl.length - 1]!;
    if (command === 'M') points.push(current);
  }
  return points;
}

describe('lines in the SVG', () => {
  it('keep off the lanes\' titles and the coloured bands of the cards', () => {
    const { svg } = renderPlanSvg(rumForLiv);
    const cards = [...svg.matchAll(/<g><rect x="([\d.-]+)" y="([\d.-]+)" width="220" height="80"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), width: 220, height: CARD_TEXT.bandHeight }));
    const titles = [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" font-size="16" font-weight="bold" fill="#3b4a57">([^<]*)<\/text>/g)]
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]) - 16, width: textWidth(unescape(m[3]!), 16, true), height: 20 }));
    expect(titles.length).toBe(rumForLiv.focusAreas!.length);
    const paths = [...svg.matchAll(/<path d="([^"]+)" fill="none" stroke="#445566"/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(100);
    const crossings: string[] = [];
    for (const d of paths) {
      for (const p of pathPoints(d)) {
        const hit = [...cards, ...titles].find((b) => inside(p, b));
        if (hit) {
          crossings.push(`${d.slice(0, 40)} at ${Math.round(p.x)},${Math.round(p.y)}`);
          break;
        }
      }
    }
    expect(crossings).toEqual([]);
  });
});
