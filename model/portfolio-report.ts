/**
 * The portfolio as a Danish text for a coordinator (the CLI's text format), and the words the Word and Excel
 * exports share with it: one plan's figures, the totals, the shared indikatorer.
 */
import { countOf, formatDanishDate, formatDanishNumber } from './format.ts';
import type {
  CodeRow, CoverageCounts, FremdriftCounts, FremdriftKey, IndicatorCounts, PlanSummary, PortfolioSummary, RedActivity,
} from './portfolio.ts';
import { FREMDRIFT_LABELS_DA, INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUSES } from './status.ts';

export const FREMDRIFT_KEY_LABELS_DA: Record<FremdriftKey, string> = { ...FREMDRIFT_LABELS_DA, none: 'Ikke vurderet' };
export const DIRECTION_LABELS_DA = { op: 'højere er bedre', ned: 'lavere er bedre' } as const;

/** "12,5 %" / "12,5" / "–". */
export function valueText(value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined) return '–';
  return unit ? `${formatDanishNumber(value)} ${unit}` : formatDanishNumber(value);
}

/** "2013–2016", or "uden periode". */
export function periodText(period: PlanSummary['period']): string {
  return period ? `${period.from}–${period.to}` : 'uden periode';
}

/** "Rum for Liv (Nørager, 2013–2016)". */
export function planHeading(plan: PlanSummary): string {
  return `${plan.title || plan.id} (${[plan.area, periodText(plan.period)].filter(Boolean).join(', ')})`;
}

/** "5 af 7 (71 %)". */
export function ratioText(part: number, whole: number): string {
  const percent = whole === 0 ? '' : ` (${formatDanishNumber(Math.round((part / whole) * 100))} %)`;
  return `${formatDanishNumber(part)} af ${formatDanishNumber(whole)}${percent}`;
}

export function checkText(plan: { errors: number; warnings: number }): string {
  return `${countOf(plan.errors, 'fejl', 'fejl')}, ${countOf(plan.warnings, 'advarsel', 'advarsler')}`;
}

export function coverageLines(coverage: CoverageCounts): string[] {
  return [
    `${ratioText(coverage.goalsCovered, coverage.goals)} mål er dækket af mindst én aktivitet`,
    `${ratioText(coverage.activitiesWithGoal, coverage.activities)} aktiviteter bidrager til et mål`,
    `${ratioText(coverage.activitiesWithIndicator, coverage.activities)} aktiviteter måles af en indikator`,
  ];
}

/** "nået 3, ikke nået 1, ikke målt 2, uden delmål 6". */
export function indicatorCountsText(counts: IndicatorCounts): string {
  return INDICATOR_STATUSES.map((s) => `${INDICATOR_STATUS_LABELS_DA[s].toLowerCase()} ${formatDanishNumber(counts[s])}`).join(', ');
}

/** "grøn 4, gul 2, rød 1, ikke vurderet 11". */
export function fremdriftCountsText(counts: FremdriftCounts): string {
  return (Object.keys(FREMDRIFT_KEY_LABELS_DA) as FremdriftKey[])
    .map((key) => `${FREMDRIFT_KEY_LABELS_DA[key].toLowerCase()} ${formatDanishNumber(counts[key])}`).join(', ');
}

/** "Lektiecafé (rød siden 01.03.2014). Seneste note 01.03.2014, Sekretariatet: Lokalet er lukket". */
export function redActivityText(activity: RedActivity): string {
  const since = activity.since ? ` (rød siden ${formatDanishDate(activity.since)})` : '';
  const note = activity.note
    ? `. Seneste note ${formatDanishDate(activity.note.date)}${activity.note.by ? `, ${activity.note.by}` : ''}: ${activity.note.note}`
    : '. Ingen note';
  return `${activity.title || activity.id}${since}${note}`;
}

/** "40 % (2012)" or "–". */
export function baselineText(row: CodeRow): string {
  if (!row.baseline || row.baseline.value === null) return '–';
  return `${valueText(row.baseline.value, row.unit)}${row.baseline.year !== null ? ` (${row.baseline.year})` : ''}`;
}

/** "52 % (30.06.2014)" or "ingen måling". */
export function latestText(row: CodeRow): string {
  return row.latest ? `${valueText(row.latest.value, row.unit)} (${formatDanishDate(row.latest.date)})` : 'ingen måling';
}

function codeRowText(row: CodeRow, planTitle: string, year: number): string {
  return `${planTitle}: ${row.title} (${DIRECTION_LABELS_DA[row.direction]}). Udgangspunkt ${baselineText(row)}, `
    + `delmål ${year} ${valueText(row.milestone, row.unit)}, seneste måling ${latestText(row)} → ${INDICATOR_STATUS_LABELS_DA[row.status]}`;
}

function planLines(plan: PlanSummary, year: number): string[] {
  const lines = [
    planHeading(plan),
    `  Tjek: ${checkText(plan)}`,
    '  Dækning:',
    ...coverageLines(plan.coverage).map((line) => `    ${line}`),
    `  Indikatorer ${year} (${formatDanishNumber(plan.indicators.total)}): ${indicatorCountsText(plan.indicators)}`,
    `  Fremdrift for aktiviteterne: ${fremdriftCountsText(plan.fremdrift)}`,
  ];
  if (plan.redActivities.length > 0) {
    lines.push('  Røde aktiviteter:', ...plan.redActivities.map((activity) => `    • ${redActivityText(activity)}`));
  }
  return lines;
}

/** The text format of `forandringskort portfolio`. */
export function formatPortfolioText(summary: PortfolioSummary): string {
  const { year, totals } = summary;
  const lines = [`Porteføljeoversigt ${year}: ${countOf(totals.plans, 'plan', 'planer')}`, ''];
  for (const plan of summary.plans) lines.push(...planLines(plan, year), '');
  lines.push(
    `I alt (${countOf(totals.plans, 'plan', 'planer')})`,
    `  Tjek: ${checkText(totals)}`,
    '  Dækning:',
    ...coverageLines(totals.coverage).map((line) => `    ${line}`),
    `  Indikatorer ${year} (${formatDanishNumber(totals.indicators.total)}): ${indicatorCountsText(totals.indicators)}`,
    `  Fremdrift for aktiviteterne: ${fremdriftCountsText(totals.fremdrift)}`,
    `  Røde aktiviteter: ${formatDanishNumber(totals.redActivities)}`,
  );
  const titles = new Map(summary.plans.map((plan) => [plan.id, plan.title || plan.id]));
  if (summary.codes.length > 0) {
    lines.push('', 'Fælles indikatorer (samme kode)');
    for (const code of summary.codes) {
      lines.push(`  ${code.code} (${countOf(code.plans, 'plan', 'planer')})`);
      for (const row of code.rows) lines.push(`    • ${codeRowText(row, titles.get(row.plan) ?? row.plan, year)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
