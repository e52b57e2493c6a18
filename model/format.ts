/**
 * Dates and numbers the Danish way, in one place for the UI and every export: 23.11.2026, 23.11.2026 14.05, 1.234,5.
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

const numberFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

/** 1234.5 → "1.234,5" */
export function formatDanishNumber(value: number): string {
  return numberFormat.format(value);
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
