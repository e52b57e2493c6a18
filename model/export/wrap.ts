/**
 * Card titles wrapped the way a typesetter would for the Word figures (the overview and each indsatsområde's figure):
 *
 * 1. break at spaces and after the hyphens and slashes the title already has ("Fritidsjob-" / "formidling"), never inside a word;
 * 2. when a word is longer than the card is wide, shrink the card's type, down to 8 pt printed (`MIN_CARD_PX`);
 * 3. only a word that is too long even at 8 pt is broken, between Danish syllables (V-CV, VC-CV), with a hyphen.
 *
 * Widths are measured with DejaVu Sans' advance widths (`text-width.ts`, the font the figures ask for first), so a
 * word of narrow letters ("Fritidsjobformidling") is not taken for wider than it is.
 */
import { textWidth } from './text-width.ts';

/** 8 pt printed (at the figures' scale one SVG pixel prints as 0.75 pt). */
export const MIN_CARD_PX = 10.8; // 8.1 pt: a little over 8, so rounding never prints less

/** A title's pieces: words, with a word that has hyphens split after each of them ("a-b" → "a-", "b"). */
function pieces(text: string): string[][] {
  return text.split(/\s+/).filter(Boolean).map((word) => word.split(/(?<=[-‐–/])(?=\S)/));
}

const VOWEL = /[aeiouyæøåéAEIOUYÆØÅÉ]/;

/** Where a Danish word may be broken between syllables: before the last consonant of a cluster between vowels. */
export function syllableBreaks(word: string): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < word.length - 1; i++) {
    // i is a break point when word[i] is a consonant followed by a vowel and some vowel comes before it
    if (VOWEL.test(word[i]!) || !/\p{L}/u.test(word[i]!) || !VOWEL.test(word[i + 1]!)) continue;
    if (!VOWEL.test(word.slice(0, i))) continue;
    if (i < 2 || word.length - i < 2) continue; // no one-letter stubs
    breaks.push(i);
  }
  return breaks;
}

/** Whether a line fits: measured at `fontPx` within `room` pixels. */
type Fits = (line: string) => boolean;

/** A word broken between syllables into lines that fit (a hyphen added to each but the last). */
function breakBySyllables(word: string, fits: Fits): string[] {
  const out: string[] = [];
  let rest = word;
  while (!fits(rest) && rest.length > 1) {
    const at = syllableBreaks(rest).filter((i) => fits(`${rest.slice(0, i)}-`)).pop()
      ?? Math.max(1, [...rest].findIndex((_, i) => i > 0 && !fits(`${rest.slice(0, i + 1)}-`)));
    out.push(`${rest.slice(0, at)}-`);
    rest = rest.slice(at);
  }
  return [...out, rest];
}

/** Greedy wrapping of the pieces into lines that fit; a piece longer than a line gets one of its own. */
function greedy(words: string[][], fits: Fits): string[] {
  const lines: string[] = [];
  let line = '';
  for (const parts of words) {
    parts.forEach((part, index) => {
      const glue = index === 0 && line ? ' ' : '';
      if (line && !fits(line + glue + part)) {
        lines.push(line);
        line = part;
      } else line += glue + part;
    });
  }
  if (line) lines.push(line);
  return lines;
}

export interface FittedText {
  lines: string[];
  /** the type size the lines fit at, in SVG pixels */
  fontPx: number;
}

/**
 * The title as lines that fit `width` at `basePx`, or at a smaller size down to MIN_CARD_PX when a word is too long
 * for the card; at most `maxLines` (the last ends in "…" when more were needed).
 */
export function fitTitle(text: string, width: number, maxLines: number, basePx: number): FittedText {
  const words = pieces(text);
  const room = width - 16; // 8 px padding each side
  const fitsAt = (px: number): Fits => (line) => textWidth(line, px) <= room;
  let fontPx = basePx;
  while (fontPx > MIN_CARD_PX && !words.flat().every(fitsAt(fontPx))) fontPx = Math.max(MIN_CARD_PX, fontPx - 0.5);
  fontPx = Math.round(fontPx * 100) / 100;
  const fits = fitsAt(fontPx);
  const broken = words.map((parts) => parts.flatMap((part) => (fits(part) ? [part] : breakBySyllables(part, fits))));
  // a syllable break's pieces go on lines of their own: glue them as if they were separate hyphenated parts
  const lines = greedy(broken, fits);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last.length > 1 && !fits(`${last}…`)) last = last.slice(0, -1);
    kept[maxLines - 1] = `${last}…`;
    return { lines: kept, fontPx };
  }
  return { lines, fontPx };
}

/** The line height for a type size. */
export const lineHeight = (fontPx: number) => Math.round(fontPx * 1.25);
