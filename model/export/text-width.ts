/**
 * How wide a text is drawn, without a browser: the advance widths of DejaVu Sans and DejaVu Sans Bold (the first
 * font the figures ask for, and wider than Arial, the next), per character in em. A character not in the table
 * counts as 1 em (emoji, other scripts), and every width is taken 4 % larger: the measure errs on the wide side,
 * so a text measured to fit does fit in a browser.
 */
const CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~æøåÆØÅéèüöäÉ–—…«»”“’';
const REGULAR = [0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838, 0.982, 0.612, 0.613, 0.974, 0.787, 0.684, 0.615, 0.615, 0.634, 0.612, 0.613, 0.632, 0.5, 1.0, 1.0, 0.612, 0.612, 0.518, 0.518, 0.318];
const BOLD = [0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38, 0.365, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838, 0.838, 0.58, 1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.85, 0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5, 0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687, 0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838, 1.048, 0.687, 0.675, 1.085, 0.85, 0.774, 0.678, 0.678, 0.712, 0.687, 0.675, 0.683, 0.5, 1.0, 1.0, 0.646, 0.646, 0.657, 0.657, 0.38];
const SAFETY = 1.04;

const table = (widths: number[]) => new Map([...CHARS].map((c, i) => [c, widths[i]!]));
const REGULAR_EM = table(REGULAR);
const BOLD_EM = table(BOLD);

/** The width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const em = bold ? BOLD_EM : REGULAR_EM;
  let sum = 0;
  for (const c of text) sum += em.get(c) ?? 1;
  return sum * fontSize * SAFETY;
}

/**
 * The text in lines no wider than `maxWidth` px: broken at spaces and after hyphens, a word wider than a line broken
 * with a hyphen; at most `maxLines` lines, the last one ending in "…" when the text goes on.
 */
export function wrapToWidth(text: string, maxWidth: number, fontSize: number, bold: boolean, maxLines: number): string[] {
  const fits = (line: string) => textWidth(line, fontSize, bold) <= maxWidth;
  const pieces: { text: string; space: boolean }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(/(?<=-)(?=[^-])/).forEach((part, i) => pieces.push({ text: part, space: i === 0 }));
  }
  const lines: string[] = [];
  let line = '';
  const push = (piece: string) => {
    // a piece wider than a line: as much as fits with a hyphen, then the rest
    let rest = [...piece]; // by code point: a cut never splits a surrogate pair
    while (rest.length > 1 && !fits(rest.join(''))) {
      let n = rest.length - 1;
      while (n > 1 && !fits(`${rest.slice(0, n).join('')}-`)) n -= 1;
      lines.push(`${rest.slice(0, n).join('')}-`);
      rest = rest.slice(n);
    }
    line = rest.join('');
  };
  for (const piece of pieces) {
    const candidate = line ? `${line}${piece.space ? ' ' : ''}${piece.text}` : piece.text;
    if (fits(candidate)) line = candidate;
    else {
      if (line) lines.push(line);
      push(piece.text);
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitLine(kept[maxLines - 1]!, maxWidth, fontSize, bold, true);
  return kept;
}

/** One line no wider than `maxWidth` px, cut with "…" when it is wider (or, with `goesOn`, always ending in "…"). */
export function fitLine(text: string, maxWidth: number, fontSize: number, bold = false, goesOn = false): string {
  if (!goesOn && textWidth(text, fontSize, bold) <= maxWidth) return text;
  const cut = [...text];
  while (cut.length > 0 && textWidth(`${cut.join('')}…`, fontSize, bold) > maxWidth) cut.pop();
  return `${cut.join('').trimEnd()}…`;
}
