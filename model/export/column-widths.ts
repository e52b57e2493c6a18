/**
 * Word table columns sized from their content, so that no word is split inside ("Uden delm/ål") and no closing
 * bracket wraps alone: each column gets at least its widest word, and the width left over goes to the columns whose
 * text would otherwise wrap, in proportion to how much wider their longest line is. Widths are in twips (1/20 pt),
 * measured with the DejaVu advance widths of `text-width.ts`, which err on the wide side for Calibri.
 */
import { textWidth } from './text-width.ts';

export interface CellText {
  text: string;
  bold?: boolean;
  /** kept on one line (a status word such as "Uden delmål"): the column is at least as wide as the whole text */
  keep?: boolean;
}

/** Left and right cell margins of Word's default table style (108 twips each) and a little air. */
const CELL_PADDING = 2 * 108 + 40;

function twips(text: string, fontPt: number, bold: boolean): number {
  return Math.ceil(textWidth(text, fontPt, bold) * 20);
}

/** `columns[c]` holds every text of column c (header included); `total` is the table's width in twips. */
export function columnWidthsFromContent(columns: CellText[][], total: number, fontPt: number): number[] {
  const pieces = (c: CellText) => (c.keep ? [c.text] : c.text.split(/\s+/).filter(Boolean));
  const min = columns.map((cells) => CELL_PADDING + Math.max(0, ...cells.flatMap((c) => pieces(c).map((w) => twips(w, fontPt, c.bold ?? false)))));
  const want = columns.map((cells, i) => Math.max(min[i]!, CELL_PADDING + Math.max(0, ...cells.flatMap((c) => c.text.split('\n').map((line) => twips(line, fontPt, c.bold ?? false))))));
  const floor = min.reduce((a, b) => a + b, 0);
  if (floor >= total) return min.map((m) => Math.floor((m * total) / floor)); // too many long words: shrink evenly
  let spare = total - floor;
  const widths = [...min];
  // hand the spare width out until every column holds its longest line, or nothing is left
  for (let round = 0; round < columns.length && spare > 1; round++) {
    const hungry = widths.map((w, i) => Math.max(0, want[i]! - w));
    const need = hungry.reduce((a, b) => a + b, 0);
    if (need === 0) break;
    const share = Math.min(1, spare / need);
    let given = 0;
    widths.forEach((w, i) => {
      const add = Math.floor(hungry[i]! * share);
      widths[i] = w + add;
      given += add;
    });
    spare -= given;
    if (share === 1) break;
  }
  // what is left (every line fits) widens all columns alike
  const sum = widths.reduce((a, b) => a + b, 0);
  return widths.map((w, i) => (i === widths.length - 1 ? total - widths.slice(0, -1).reduce((a, b) => a + Math.floor((b * total) / sum), 0) : Math.floor((w * total) / sum)));
}
