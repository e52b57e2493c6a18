/**
 * Dates and numbers the Danish way, in one place for the UI, every field, import and export: 23.11.2026,
 * 23.11.2026 14.05, 1.234,5 — written (`formatDanishNumber`) and read back (`parseDanishNumber`).
 * Written by hand for dates, so the result does not depend on the ICU data of the browser or Node that runs it.
 */

function asDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-11-23", an ISO time or a Date → "23.11.2026" (local time); anything else is returned as given. */
export function formatDanishDate(value: string | number | Date): string {
  const date = asDate(value);
  return date ? `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()}` : String(value);
}

/** → "23.11.2026 kl. 14.05" */
export function formatDanishDateTime(value: string | number | Date): string {
  const date = asDate(value);
  return date ? `${formatDanishDate(date)} kl. ${two(date.getHours())}.${two(date.getMinutes())}` : String(value);
}

const numberFormats = {
  shown: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2, signDisplay: 'negative' }),
  exact: new Intl.NumberFormat('da-DK', { maximumFractionDigits: 20, signDisplay: 'negative' }),
};

/**
 * 1234.5 → "1.234,5". Shown with at most two decimals (cards, reports, exports); `{ exact: true }` writes every
 * decimal the number has, for a field a person edits, so what the field shows reads back as the same number
 * (`parseDanishNumber(formatDanishNumber(x, { exact: true }))` is x).
 */
export function formatDanishNumber(value: number, options: { exact?: boolean } = {}): string {
  return (options.exact ? numberFormats.exact : numberFormats.shown).format(value);
}

export type ParsedNumber = { ok: true; value: number | null } | { ok: false; reason: string };

/** The spaces people and spreadsheets put between thousands: space, no-break space, narrow no-break space, thin space. */
const SPACES = /[ \u00a0\u202f\u2009]/;
const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;

/**
 * A number as a Danish reader writes it, for every field, grid and import: "12,5" → 12.5, "1.234" → 1234,
 * "1.234,5" → 1234.5, "1 234" → 1234 (also with a no-break or narrow no-break space), "-3" and "−3" → -3,
 * "" → null. A dot that cannot be a thousands separator ("12.5", "0.25") is refused rather than guessed, with
 * the reading a Danish reader would give: "Brug komma som decimaltegn: 12,5".
 */
export function parseDanishNumber(text: string): ParsedNumber {
  const trimmed = text.trim().replace(/^[\u2212\u2013]/, '-');
  if (trimmed === '') return { ok: true, value: null };
  const refuse = { ok: false as const, reason: 'Skriv et tal, fx 12 eller 12,5' };
  const match = /^([-+]?)([\d. \u00a0\u202f\u2009]*\d)(?:,(\d+))?$/.exec(trimmed);
  if (!match) return refuse;
  const [, sign, whole, fraction] = match as unknown as [string, string, string, string | undefined];
  let digits = whole;
  if (SPACES.test(whole)) {
    if (whole.includes('.') || !/^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$/.test(whole)) return refuse;
    digits = whole.replace(/\D/g, '');
  } else if (whole.includes('.')) {
    if (GROUPED.test(whole) && !whole.startsWith('0')) digits = whole.replace(/\./g, '');
    else if (fraction === undefined && /^\d+\.\d+$/.test(whole)) return { ok: false, reason: `Brug komma som decimaltegn: ${sign === '-' ? '-' : ''}${whole.replace('.', ',')}` };
    else return refuse;
  }
  const value = Number(`${sign}${digits}${fraction !== undefined ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value } : refuse;
}

const pluralRules = { da: new Intl.PluralRules('da-DK'), en: new Intl.PluralRules('en-GB') };

/**
 * A count with its noun in the right number, the one helper for every "1 indikator" / "3 indikatorer" in the UI
 * and the exports: `countOf(1, 'indikator', 'indikatorer')` → "1 indikator", `countOf(2, …)` → "2 indikatorer".
 * Intl.PluralRules picks the form (Danish and English both: "one" for 1, "other" for the rest); the number is
 * written the Danish way.
 */
export function countOf(count: number, one: string, other: string, lang: 'da' | 'en' = 'da'): string {
  return `${formatDanishNumber(count)} ${pluralRules[lang].select(count) === 'one' ? one : other}`;
}

/** Only the noun of `countOf`: "stemme" / "stemmer", for sentences where the number stands elsewhere. */
export function pluralNoun(count: number, one: string, other: string, lang: 'da' | 'en' = 'da'): string {
  return pluralRules[lang].select(count) === 'one' ? one : other;
}
