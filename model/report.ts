/** The check as a report a programme manager can read (Danish), for the CLI's text format. */
import { formatDanishNumber } from './format.ts';
import type { PlanFile } from './schema.ts';
import type { CheckResult, Finding, Severity } from './rules.ts';

const SEVERITY_HEADINGS: Record<Severity, string> = {
  error: 'Fejl',
  warning: 'Advarsler',
  info: 'Oplysninger',
};

function count(value: number, singular: string, plural: string): string {
  return `${formatDanishNumber(value)} ${value === 1 ? singular : plural}`;
}

function section(severity: Severity, findings: Finding[]): string[] {
  const items = findings.filter((f) => f.severity === severity);
  if (items.length === 0) return [];
  return [`${SEVERITY_HEADINGS[severity]} (${formatDanishNumber(items.length)})`, ...items.map((f) => `  • ${f.message}`), ''];
}

function ratio(part: number, whole: number, text: string): string {
  const percent = whole === 0 ? '' : ` (${formatDanishNumber(Math.round((part / whole) * 100))} %)`;
  return `  ${formatDanishNumber(part)} af ${formatDanishNumber(whole)} ${text}${percent}`;
}

function headline(findings: Finding[]): string {
  const of = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const [errors, warnings, infos] = [of('error'), of('warning'), of('info')];
  if (errors + warnings + infos === 0) return 'Ingen fund: hver aktivitet bidrager til et mål og følges op på resultater.';
  return `${count(errors, 'fejl', 'fejl')}, ${count(warnings, 'advarsel', 'advarsler')} og ${count(infos, 'oplysning', 'oplysninger')}.`;
}

/** One line per goal: how many activities reach it, and which (by title) when they are few enough to read. */
function goalLines(result: CheckResult, plan: PlanFile): string[] {
  const titles = new Map(plan.nodes.map((node) => [node.id, node.title.replace(/\s+/g, ' ').trim() || node.id]));
  return result.coverage.matrix.map(({ goal, activities }) => {
    const title = titles.get(goal) ?? goal;
    if (activities.length === 0) return `  • "${title}": ingen aktiviteter`;
    const names = activities.length <= 5 ? `: ${activities.map((id) => titles.get(id) ?? id).join(', ')}` : '';
    return `  • "${title}": ${count(activities.length, 'aktivitet', 'aktiviteter')}${names}`;
  });
}

/** The link notes apart from the findings: they are not among the spec's rules (see `CheckResult.links`). */
function linkLines(result: CheckResult): string[] {
  if (result.links.length === 0) return [];
  return [`Forbindelser uden begrundelse (${formatDanishNumber(result.links.length)})`, ...result.links.map((l) => `  • ${l.message}`), ''];
}

export function formatCheckText(result: CheckResult, plan: PlanFile): string {
  const { findings, coverage: c } = result;
  const lines = [
    `Tjek af forandringsteorien "${plan.plan.title}"`,
    '',
    headline(findings),
    '',
    ...section('error', findings),
    ...section('warning', findings),
    ...section('info', findings),
    ...linkLines(result),
    'Dækning',
    ratio(c.goalsCovered, c.goals, 'mål er dækket af mindst én aktivitet'),
    ratio(c.activitiesWithGoal, c.activities, 'aktiviteter bidrager til et mål'),
    ratio(c.activitiesWithIndicator, c.activities, 'aktiviteter måles af en indikator'),
    ratio(c.activitiesWithOutcomeIndicator, c.activities, 'aktiviteter følges op på resultater eller effekter'),
  ];
  if (c.matrix.length > 0) lines.push('', 'Mål og de aktiviteter, der bidrager til dem', ...goalLines(result, plan));
  return `${lines.join('\n')}\n`;
}
