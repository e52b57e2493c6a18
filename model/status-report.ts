/**
 * The board's status report (spec section 5): the plan's status for a year grouped per indsatsområde and aktivitet,
 * then per goal. One grouping shared by the CLI's text, the Word Statusrapport and the follow-up view.
 */
import { formatDanishNumber } from './format.ts';
import type { FocusArea, Measurement, PlanFile, PlanNode, Status, StatusEntry } from './schema.ts';
import {
  FREMDRIFT_LABELS_DA,
  INDICATOR_STATUS_LABELS_DA,
  INDICATOR_STATUSES,
  fremdriftOf,
  latestStatusEntry,
  measurementOf,
  type CountsRow,
  type IndicatorStatusRow,
  type PlanStatus,
} from './status.ts';
import { countOf, formatDanishDate } from './format.ts';

export interface IndicatorLine {
  node: PlanNode;
  row: IndicatorStatusRow;
  measurement: Measurement | null;
}

export interface ActivityOverview {
  node: PlanNode;
  fremdrift: Status | null;
  latest: StatusEntry | null;
  indicators: IndicatorLine[];
}

export interface FocusAreaOverview {
  /** null for activities without an indsatsområde */
  area: FocusArea | null;
  activities: ActivityOverview[];
}

export interface GoalOverview {
  node: PlanNode;
  counts: CountsRow;
  indicators: IndicatorLine[];
}

export interface StatusOverview {
  year: number;
  focusAreas: FocusAreaOverview[];
  goals: GoalOverview[];
}

export function statusOverview(plan: PlanFile, status: PlanStatus): StatusOverview {
  const byId = new Map(plan.nodes.map((node) => [node.id, node]));
  const rowById = new Map(status.indicators.map((row) => [row.id, row]));
  const line = (id: string): IndicatorLine => {
    const node = byId.get(id)!;
    return { node, row: rowById.get(id)!, measurement: measurementOf(node, status.year) };
  };
  const groups = new Map<string | null, ActivityOverview[]>();
  for (const area of plan.focusAreas ?? []) groups.set(area.id, []);
  for (const row of status.activities) {
    const node = byId.get(row.id)!;
    const key = node.focusArea ?? null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push({ node, fremdrift: fremdriftOf(node, status.year), latest: latestStatusEntry(node, status.year), indicators: row.indicators.map(line) });
  }
  const areaById = new Map((plan.focusAreas ?? []).map((area) => [area.id, area]));
  const focusAreas: FocusAreaOverview[] = [];
  for (const [key, activities] of groups) {
    if (activities.length > 0) focusAreas.push({ area: key === null ? null : areaById.get(key)!, activities });
  }
  const goals = status.goals.map((counts) => ({ node: byId.get(counts.id)!, counts, indicators: counts.indicators.map(line) }));
  return { year: status.year, focusAreas, goals };
}


/** 12.5 → "12,5"; null → "–". */
export function formatValueDa(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return '–';
  return unit ? `${formatDanishNumber(value)} ${unit}` : formatDanishNumber(value);
}

/** 2014-06-30 → "30.06.2014". */
export function formatDateDa(date: string): string {
  return formatDanishDate(date);
}

export function fremdriftText(activity: ActivityOverview): string {
  if (!activity.fremdrift) return 'ikke vurderet';
  const word = FREMDRIFT_LABELS_DA[activity.fremdrift].toLowerCase();
  const entry = activity.latest;
  if (!entry) return word;
  const who = entry.by ? `, ${entry.by}` : '';
  return `${word} (${formatDateDa(entry.date)}${who})${entry.note ? `: ${entry.note}` : ''}`;
}

/** "Nået 3 · Ikke nået 1 · Ikke målt 0 · Uden delmål 2 (af 6)". */
export function countsText(counts: CountsRow): string {
  const parts = INDICATOR_STATUSES.map((s) => `${INDICATOR_STATUS_LABELS_DA[s]} ${counts[s]}`);
  return `${parts.join(' · ')} (${countOf(counts.indicators.length, 'indikator', 'indikatorer')})`;
}

function indicatorText(line: IndicatorLine): string {
  const { node, row, measurement } = line;
  const measured = measurement ? `${formatValueDa(row.measured, node.unit)} (${formatDateDa(measurement.date)})` : '–';
  return `${node.title}: delmål ${formatValueDa(row.milestone, node.unit)}, målt ${measured} → ${INDICATOR_STATUS_LABELS_DA[row.status]}`;
}

/** The text format of `forandringskort status`: the board's report, in Danish. */
export function formatStatusText(plan: PlanFile, status: PlanStatus): string {
  const overview = statusOverview(plan, status);
  const lines: string[] = [`Statusrapport ${status.year}: ${plan.plan.title}`, ''];
  const total = { naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 };
  for (const row of status.indicators) total[row.status]++;
  lines.push(`Indikatorer i alt ${status.indicators.length}: ${INDICATOR_STATUSES.map((s) => `${INDICATOR_STATUS_LABELS_DA[s].toLowerCase()} ${total[s]}`).join(', ')}`, '');
  for (const group of overview.focusAreas) {
    lines.push(group.area ? `Indsatsområde: ${group.area.title}` : 'Uden indsatsområde');
    for (const activity of group.activities) {
      lines.push(`  Aktivitet: ${activity.node.title}`, `    Fremdrift: ${fremdriftText(activity)}`);
      if (activity.indicators.length === 0) lines.push('    Ingen indikatorer');
      for (const item of activity.indicators) lines.push(`    • ${indicatorText(item)}`);
    }
    lines.push('');
  }
  if (overview.goals.length > 0) {
    lines.push('Mål');
    for (const goal of overview.goals) {
      lines.push(`  ${goal.node.title}`, `    ${countsText(goal.counts)}`);
      for (const item of goal.indicators) lines.push(`    • ${indicatorText(item)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
