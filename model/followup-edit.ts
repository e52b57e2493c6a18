/**
 * Edits of the follow-up keys (spec section 5) as patches of a node: the grid, the spreadsheet import and the
 * fremdrift note build them here and write them with `updateNode`, so one rule decides which measurement a year's
 * value replaces. The numbers people type are read by `parseDanishNumber` in `format.ts`.
 */
import type { Measurement, Milestone, PlanNode, Status, StatusEntry } from './schema.ts';
import { latestStatusEntry, measurementOf, yearOfDate } from './status.ts';

/** `targets` with year Y's milestone set to `value`, or removed when `value` is null. */
export function withMilestone(node: PlanNode, year: number, value: number | null, note?: string): Pick<PlanNode, 'targets'> {
  const others = (node.targets ?? []).filter((t) => t.year !== year);
  const current = node.targets?.find((t) => t.year === year);
  if (value === null) return { targets: others.length > 0 ? others : undefined };
  const item: Milestone = { ...current, year, value, ...(note !== undefined ? { note } : {}) };
  return { targets: [...others, item].sort((a, b) => a.year - b.year) };
}

/**
 * `measurements` with year Y's counted value (the one Measured(I, Y) takes) changed to `value`; a new one dated
 * `date` when the year has none; the counted one removed when `value` is null.
 */
export function withMeasurement(node: PlanNode, year: number, value: number | null, date: string, extra: Partial<Measurement> = {}): Pick<PlanNode, 'measurements'> {
  const list = node.measurements ?? [];
  const counted = measurementOf(node, year);
  if (value === null) {
    const rest = list.filter((m) => m !== counted);
    return { measurements: rest.length > 0 ? rest : undefined };
  }
  if (counted) return { measurements: list.map((m) => (m === counted ? { ...m, value, ...extra } : m)) };
  return { measurements: [...list, { date, value, ...extra }] };
}

/**
 * The date a new measurement or assessment entered while viewing year Y gets: today when today is in Y, else the
 * year's last day (31.12.Y). An assessment typed into the 2014 follow-up must count for 2014 (spec section 5: fremdrift
 * as of Y only reads entries dated in or before Y), so "today" would make it vanish from the view it was typed in.
 */
export function entryDateFor(year: number, today: Date = new Date()): string {
  const iso = isoDate(today);
  return yearOfDate(iso) === year ? iso : `${year}-12-31`;
}

export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * `statusLog` with a new judgement appended, and `status` set to the latest judgement of the new log (so older
 * readers see it too): an entry back-dated into an earlier year does not replace a later judgement as the current one.
 */
export function withStatusEntry(node: PlanNode, entry: { status: Status; note?: string; by?: string; date?: string }): Pick<PlanNode, 'statusLog' | 'status'> {
  const item: StatusEntry = { date: entry.date ?? isoDate(new Date()), status: entry.status };
  if (entry.note?.trim()) item.note = entry.note.trim();
  if (entry.by?.trim()) item.by = entry.by.trim();
  const statusLog = [...(node.statusLog ?? []), item];
  return { statusLog, status: latestStatusEntry({ ...node, statusLog })?.status ?? entry.status };
}
