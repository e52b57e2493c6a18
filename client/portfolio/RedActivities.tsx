/** The year's red activities, plan by plan, each with its latest dated note and a way to the card in its plan. */
import type { PortfolioSummary } from '../../model/portfolio.ts';
import { formatDate, useI18n } from '../i18n.tsx';

/** The plan's view path, opening the card (`kort`, client/PlanPage.tsx) */
export function cardPath(viewPath: string, nodeId: string): string {
  return `${viewPath}&kort=${encodeURIComponent(nodeId)}`;
}

export function RedActivities({ summary, viewPaths }: { summary: PortfolioSummary; viewPaths: Map<string, string> }) {
  const { t } = useI18n();
  const plans = summary.plans.filter((p) => p.redActivities.length > 0);
  if (plans.length === 0) return <p>{t(`Ingen aktiviteter er røde i ${summary.year}.`, `No activities are red in ${summary.year}.`)}</p>;
  return (
    <div className="portfolio-red" data-testid="red-activities">
      {plans.map((plan) => (
        <section key={plan.id} aria-labelledby={`red-${plan.id}`}>
          <h3 id={`red-${plan.id}`}>{plan.title}</h3>
          <ul>
            {plan.redActivities.map((activity) => (
              <li key={activity.id}>
                <a href={cardPath(viewPaths.get(plan.id) ?? '', activity.id)}>{activity.title}</a>
                {activity.since && <span className="muted"> · {t('rød siden', 'red since')} {formatDate(activity.since)}</span>}
                {activity.note
                  ? <p className="portfolio-note">{formatDate(activity.note.date)}: {activity.note.note}{activity.note.by ? ` (${activity.note.by})` : ''}</p>
                  : <p className="portfolio-note muted">{t('Ingen note.', 'No note.')}</p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
