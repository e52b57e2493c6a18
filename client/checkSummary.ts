/** What the live region says the check finds after an edit: "Tjek: 2 aktiviteter når intet mål · 1 aktivitet måles ikke". */
import { countOf } from '../model/format.ts';
import type { CheckResult } from '../model/rules.ts';

export function checkSummary({ coverage: c, findings }: CheckResult, lang: 'da' | 'en'): string {
  const da = lang === 'da';
  const parts: string[] = [];
  const noGoal = c.activities - c.activitiesWithGoal;
  const unmeasured = c.activities - c.activitiesWithIndicator;
  const uncovered = c.goals - c.goalsCovered;
  if (noGoal > 0) parts.push(da ? `${countOf(noGoal, 'aktivitet', 'aktiviteter')} når intet mål` : `${countOf(noGoal, 'activity', 'activities', 'en')} ${noGoal === 1 ? 'reaches' : 'reach'} no goal`);
  if (unmeasured > 0) parts.push(da ? `${countOf(unmeasured, 'aktivitet', 'aktiviteter')} måles ikke` : `${countOf(unmeasured, 'activity', 'activities', 'en')} not measured`);
  if (uncovered > 0) parts.push(da ? `${countOf(uncovered, 'mål', 'mål')} nås af ingen aktivitet` : `${countOf(uncovered, 'goal', 'goals', 'en')} reached by no activity`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) parts.push(da ? countOf(errors, 'fejl', 'fejl') : countOf(errors, 'error', 'errors', 'en'));
  if (parts.length === 0) return da ? 'Tjek: ingen fejl, alle aktiviteter når et mål og måles.' : 'Check: no errors, every activity reaches a goal and is measured.';
  return `${da ? 'Tjek' : 'Check'}: ${parts.join(' · ')}.`;
}
