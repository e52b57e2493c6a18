/**
 * Card titles wrapped the way a typesetter would for the Word figures (the overview and each indsatsområde's figure):
 *
 * 1. break at spaces and after the hyphens and slashes the title already has ("Fritidsjob-" / "formidling"), never inside a word;
 * 2. when a word is longer than the card is wide, shrink the card's type, down to 8 pt printed (`MIN_CARD_PX`);
 * 3. only a word that is too long even at 8 pt is broken, between Danish syllables (V-CV, VC-CV), with a hyphen.
 *
 * Widths are estimated per character (DejaVu Sans averages about 0.61 em a character in Danish text).
 */

/** 8 pt printed (at the figures' scale one SVG pixel prints as 0.75 pt). */
export const MIN_CARD_PX = 10.8; // 8.1 pt: a little over 8, so rounding never prints less

/** Characters that fit a card `width` pixels wide (8 px padding each side) at `fontPx`. */
export function charsAt(width: number, fontPx: number): number {
  return Math.max(1, Math.floor((width - 16) / (fontPx * 0.61)));
}

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

/** A word broken between syllables into lines of at most `chars` (a hyphen added to each but the last). */
function breakBySyllables(word: string, chars: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (rest.length > chars) {
    const at = syllableBreaks(rest).filter((i) => i <= chars - 1).pop() ?? Math.max(1, chars - 1);
    out.push(`${rest.slice(0, at)}-`);
    rest = rest.slice(at);
  }
  return [...out, rest];
}

/** Greedy wrapping of the pieces into lines of at most `chars`; a piece longer than a line gets one of its own. */
function greedy(words: string[][], chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const parts of words) {
    parts.forEach((part, index) => {
      const glue = index === 0 && line ? ' ' : '';
      if (line && (line + glue + part).length > chars) {
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
  const longest = Math.max(0, ...words.flat().map((p) => p.length));
  let fontPx = basePx;
  while (fontPx > MIN_CARD_PX && longest > charsAt(width, fontPx)) fontPx = Math.max(MIN_CARD_PX, fontPx - 0.5);
  fontPx = Math.round(fontPx * 100) / 100;
  const chars = charsAt(width, fontPx);
  const broken = words.map((parts) => parts.flatMap((part) => (part.length > chars ? breakBySyllables(part, chars) : [part])));
  // a syllable break's pieces go on lines of their own: glue them as if they were separate hyphenated parts
  const lines = greedy(broken, chars);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, chars - 1)}…`;
    return { lines: kept, fontPx };
  }
  return { lines, fontPx };
}

/** The line height for a type size. */
export const lineHeight = (fontPx: number) => Math.round(fontPx * 1.25);
