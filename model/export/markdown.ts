/** Markdown of the plan, for wikis and e-mail: the same chapters as the Word export, tables as pipe tables. */
import { checkPlan } from '../rules.ts';
import type { PlanFile } from '../schema.ts';
import { focusAreaNodeIds } from '../layout.ts';
import { activityStories, anchoringText, chainSentence, edgeReasons, indicatorRange, STATUS_DA, type ActivityStory } from './common.ts';
import { countOf } from '../format.ts';

/** Escapes what Markdown would read as markup, and keeps a cell on one line. */
export function mdText(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|!])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function table(rows: [string, string | string[] | undefined][]): string[] {
  const present = rows.filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v && v.trim())));
  return ['| | |', '|---|---|', ...present.map(([label, v]) => `| **${label}** | ${(Array.isArray(v) ? v : [v!]).map(mdText).join('<br>')} |`), ''];
}

function activity(story: ActivityStory): string[] {
  const a = story.activity;
  return [
    `### ${mdText(a.title)}`, '',
    ...table([
      ['Formål', a.description],
      ['Målgruppe', a.targetGroup],
      ['Ansvarlig', a.responsible],
      ['Medarbejderressourcer', a.resources],
      ['Indikatorer', story.indicators.map(({ indicator }) => `${indicator.title}${indicatorRange(indicator) ? `: ${indicatorRange(indicator)}` : ''}`)],
      ['Bidrager til mål', story.goals.map((g) => g.title)],
      ['Samarbejdsrelationer', a.partners ?? []],
      ['Lokal evaluering', a.localEvaluation],
      ['Forankring', anchoringText(a)],
      ['Fremdrift', a.status ? STATUS_DA[a.status] : undefined],
    ]),
  ];
}

export function exportMarkdown(plan: PlanFile): string {
  const stories = activityStories(plan);
  const check = checkPlan(plan);
  const titles = new Map(plan.nodes.map((n) => [n.id, n.title]));
  const info = plan.plan;
  const lines: string[] = [`# ${mdText(info.title)}`, ''];
  const sub = [info.organisation, info.area, info.period ? `${info.period.from}–${info.period.to}` : undefined].filter(Boolean).join(' · ');
  if (sub) lines.push(`*${mdText(sub)}*`, '');
  lines.push('## Forandringsteori', '');
  if (info.vision) lines.push(mdText(info.vision), '');
  const areas = [...(plan.focusAreas ?? []), { id: undefined, title: 'Uden indsatsområde', purpose: undefined, problem: undefined }];
  for (const area of areas) {
    const inArea = stories.filter((s) => s.activity.focusArea === area.id);
    if (inArea.length === 0 && area.id === undefined) continue;
    lines.push(`## ${mdText(area.title)}`, '');
    if (area.problem) lines.push(`**Problemkompleks:** ${mdText(area.problem)}`, '');
    if (area.purpose?.length) lines.push('**Formål:**', '', ...area.purpose.map((p) => `- ${mdText(p)}`), '');
    if (inArea.length > 0) lines.push('**Kæderne:**', '', ...inArea.map((s) => `- ${mdText(chainSentence(s))}`), '');
    const reasons = area.id === undefined ? [] : edgeReasons(plan, focusAreaNodeIds(plan, area.id));
    if (reasons.length > 0) {
      lines.push('**Antagelser:**', '', '| Fra → til | Hvorfor | Antagelser |', '|---|---|---|',
        ...reasons.map((r) => `| ${mdText(r.from.title)} → ${mdText(r.to.title)} | ${mdText(r.rationale) || '–'} | ${r.assumptions.map(mdText).join('<br>') || '–'} |`), '');
    }
    for (const story of inArea) lines.push(...activity(story));
  }
  const c = check.coverage;
  lines.push('## Dækning og opfølgning', '', `${c.goalsCovered} af ${c.goals} mål er dækket af mindst én aktivitet; ${c.activitiesWithGoal} af ${countOf(c.activities, 'aktivitet', 'aktiviteter')} bidrager til et mål; ${c.activitiesWithIndicator} måles af en indikator.`, '');
  lines.push('| Mål | Aktiviteter, der bidrager | Antal |', '|---|---|---|');
  for (const row of c.matrix) lines.push(`| ${mdText(titles.get(row.goal) ?? row.goal)} | ${row.activities.map((id) => mdText(titles.get(id) ?? id)).join(', ') || '*ingen*'} | ${row.activities.length} |`);
  lines.push('', '### Åbne fund', '');
  const labels = { error: 'Fejl', warning: 'Advarsel', info: 'Oplysning' } as const;
  if (check.findings.length === 0) lines.push('Tjekket fandt ingen mangler.');
  for (const f of check.findings) lines.push(`- **${labels[f.severity]}:** ${mdText(f.message)}`);
  return `${lines.join('\n')}\n`;
}
