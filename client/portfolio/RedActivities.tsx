/**
 * The year's red activities, plan by plan, each with its latest dated note and a way to the card in its plan. In a
 * large portfolio (more than OPEN_UP_TO plans with red activities) each plan's list is folded under its name and
 * count, and drawn when opened: hundreds of notes at once help nobody and hold the page up.
 */
import { useState } from 'react';
import type { PlanSummary, PortfolioSummary } from '../../model/portfolio.ts';
import { countOf, formatDate, useI18n } from '../i18n.tsx';

/** The plan's view path, opening the card (`kort`, client/PlanPage.tsx) */
export function cardPath(viewPath: string, nodeId: string): string {
  return `${viewPath}&kort=${encodeURIComponent(nodeId)}`;
}

export function RedActivities({ summary, viewPaths }: { summary: PortfolioSummary; viewPaths: Map<string, string> }) {
  const { t } = useI18n();
  const plans = summary.plans.filter((p) => p.redActivities.length > 0);
  if (plans.length === 0) return <p>{t(`Ingen aktiviteter er røde i ${summary.year}.`, `No activities are red in ${summary.year}.`)}</p>;
  const folded = plans.length > OPEN_UP_TO;
  return (
    <div className="portfolio-red" data-testid="red-activities">
      {plans.map((plan) => folded
        ? <FoldedPlan key={plan.id} plan={plan} viewPath={viewPaths.get(plan.id) ?? ''} />
        : (
          <section key={plan.id} aria-labelledby={`red-${plan.id}`}>
            <h3 id={`red-${plan.id}`}>{plan.title}</h3>
            <RedList plan={plan} viewPath={viewPaths.get(plan.id) ?? ''} />
          </section>
        ))}
    </div>
  );
}

const OPEN_UP_TO = 10;

function FoldedPlan({ plan, viewPath }: { plan: PlanSummary; viewPath: string }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{plan.title}: {countOf(plan.redActivities.length, t('rød aktivitet', 'red activity'), t('røde aktiviteter', 'red activities'), lang)}</summary>
      {open && <RedList plan={plan} viewPath={viewPath} />}
    </details>
  );
}

function RedList({ plan, viewPath }: { plan: PlanSummary; viewPath: string }) {
  const { t } = useI18n();
  return (
    <ul>
      {plan.redActivities.map((activity) => (
        <li key={activity.id}>
          <a href={cardPath(viewPath, activity.id)}>{activity.title}</a>
          {activity.since && <span className="muted"> · {t('rød siden', 'red since')} {formatDate(activity.since)}</span>}
          {activity.note
            ? <p className="portfolio-note">{formatDate(activity.note.date)}: {activity.note.note}{activity.note.by ? ` (${activity.note.by})` : ''}</p>
            : <p className="portfolio-note muted">{t('Ingen note.', 'No note.')}</p>}
        </li>
      ))}
    </ul>
  );
}
