/** The check as a report a programme manager can read (Danish), for the CLI's text format. */
import type { PlanFile } from './schema.ts';
import type { CheckResult, Finding, Severity } from './rules.ts';

const SEVERITY_HEADINGS: Record<Severity, string> = {
  error: 'Fejl',
  warning: 'Advarsler',
  info: 'Oplysninger',
};

function section(severity: Severity, findings: Finding[]): string[] {
  const items = findings.filter((f) => f.severity === severity);
  if (items.length === 0) return [];
  return [`${SEVERITY_HEADINGS[severity]} (${items.length})`, ...items.map((f) => `  • ${f.message}`), ''];
}

function ratio(part: number, whole: number, text: string): string {
  return `  ${part} af ${whole} ${text}`;
}

export function formatCheckText(result: CheckResult, plan: PlanFile): string {
  const { findings, coverage: c } = result;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const lines = [
    `Tjek af forandringsteorien "${plan.plan.title}"`,
    '',
    errors === 0 && warnings === 0
      ? 'Ingen fejl eller advarsler.'
      : `${errors} ${errors === 1 ? 'fejl' : 'fejl'} og ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}.`,
    '',
    ...section('error', findings),
    ...section('warning', findings),
    ...section('info', findings),
    'Dækning',
    ratio(c.goalsCovered, c.goals, 'mål er dækket af mindst én aktivitet'),
    ratio(c.activitiesWithGoal, c.activities, 'aktiviteter bidrager til et mål'),
    ratio(c.activitiesWithIndicator, c.activities, 'aktiviteter måles af en indikator'),
    ratio(c.activitiesWithOutcomeIndicator, c.activities, 'aktiviteter følges op på resultater eller effekter'),
  ];
  return `${lines.join('\n')}\n`;
}
