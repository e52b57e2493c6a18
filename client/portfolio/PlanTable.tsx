/**
 * The portfolio's plans as a table, sortable by every column: the header's button sorts (Enter or Space, like any
 * button), a second press turns the order, and `aria-sort` tells a screen reader which column sorts and how.
 * Text sorts in Danish order (æ, ø, å last); the totals stay at the bottom.
 */
import { useMemo, useState } from 'react';
import type { PlanSummary, PortfolioSummary } from '../../model/portfolio.ts';
import { FREMDRIFT_LABELS_DA, FREMDRIFT_LABELS_EN, INDICATOR_STATUS_LABELS_DA, INDICATOR_STATUS_LABELS_EN } from '../../model/status.ts';
import { formatNumber, useI18n } from '../i18n.tsx';

interface Column {
  key: string;
  da: string;
  en: string;
  value: (plan: PlanSummary) => string | number;
  total?: (summary: PortfolioSummary) => number;
}

const text = (value: string | null | undefined) => value ?? '';

function columns(): Column[] {
  const status = (key: keyof typeof INDICATOR_STATUS_LABELS_DA): Column => ({
    key: `ind-${key}`, da: INDICATOR_STATUS_LABELS_DA[key], en: INDICATOR_STATUS_LABELS_EN[key],
    value: (p) => p.indicators[key], total: (s) => s.totals.indicators[key],
  });
  const fremdrift = (key: 'groen' | 'gul' | 'roed'): Column => ({
    key: `fr-${key}`, da: FREMDRIFT_LABELS_DA[key], en: FREMDRIFT_LABELS_EN[key],
    value: (p) => p.fremdrift[key], total: (s) => s.totals.fremdrift[key],
  });
  return [
    { key: 'title', da: 'Plan', en: 'Plan', value: (p) => p.title },
    { key: 'area', da: 'Område', en: 'Area', value: (p) => text(p.area ?? p.organisation) },
    { key: 'period', da: 'Periode', en: 'Period', value: (p) => (p.period ? `${p.period.from}–${p.period.to}` : '') },
    { key: 'errors', da: 'Fejl', en: 'Errors', value: (p) => p.errors, total: (s) => s.totals.errors },
    { key: 'warnings', da: 'Advarsler', en: 'Warnings', value: (p) => p.warnings, total: (s) => s.totals.warnings },
    { key: 'goals', da: 'Mål dækket', en: 'Goals covered', value: (p) => p.coverage.goalsCovered, total: (s) => s.totals.coverage.goalsCovered },
    { key: 'measured', da: 'Aktiviteter målt', en: 'Activities measured', value: (p) => p.coverage.activitiesWithIndicator, total: (s) => s.totals.coverage.activitiesWithIndicator },
    status('naaet'), status('ikke-naaet'), status('ikke-maalt'), status('uden-delmaal'),
    fremdrift('groen'), fremdrift('gul'), fremdrift('roed'),
    { key: 'fr-none', da: 'Uden fremdrift', en: 'No progress', value: (p) => p.fremdrift.none, total: (s) => s.totals.fremdrift.none },
  ];
}

/** "3 af 5" where a count has a whole (goals covered, activities measured). */
function cellText(column: Column, plan: PlanSummary, of: string): string {
  const value = column.value(plan);
  if (column.key === 'goals') return `${formatNumber(plan.coverage.goalsCovered)} ${of} ${formatNumber(plan.coverage.goals)}`;
  if (column.key === 'measured') return `${formatNumber(plan.coverage.activitiesWithIndicator)} ${of} ${formatNumber(plan.coverage.activities)}`;
  return typeof value === 'number' ? formatNumber(value) : value;
}

export function PlanTable({ summary, viewPaths, onRemove }: { summary: PortfolioSummary; viewPaths: Map<string, string>; onRemove?: ((planId: string) => void) | undefined }) {
  const { t, lang } = useI18n();
  const all = useMemo(columns, []);
  const [sort, setSort] = useState<{ key: string; ascending: boolean }>({ key: 'title', ascending: true });
  const rows = useMemo(() => {
    const column = all.find((c) => c.key === sort.key) ?? all[0]!;
    const sorted = [...summary.plans].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'da');
      return order || a.title.localeCompare(b.title, 'da');
    });
    return sort.ascending ? sorted : sorted.reverse();
  }, [summary.plans, sort, all]);
  const label = (c: Column) => (lang === 'da' ? c.da : c.en);
  const sortBy = (key: string) => setSort((current) => ({ key, ascending: current.key === key ? !current.ascending : true }));
  return (
    <div className="portfolio-table-wrap">
      <table className="portfolio-table" data-testid="portfolio-table">
        <caption className="sr-only">{t('Planerne i porteføljen. Vælg en kolonneoverskrift for at sortere.', 'The plans of the portfolio. Choose a column header to sort.')}</caption>
        <thead>
          <tr>
            {all.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="sort" onClick={() => sortBy(c.key)}>
                  {label(c)}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
            {onRemove && <th scope="col"><span className="sr-only">{t('Handlinger', 'Actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((plan) => (
            <tr key={plan.id}>
              {all.map((c) => c.key === 'title'
                ? <th key={c.key} scope="row"><a href={viewPaths.get(plan.id)}>{plan.title || t('(uden titel)', '(untitled)')}</a></th>
                : <td key={c.key} className={typeof c.value(plan) === 'number' ? 'num' : undefined}>{cellText(c, plan, t('af', 'of'))}</td>)}
              {onRemove && (
                <td>
                  <button type="button" onClick={() => onRemove(plan.id)} aria-label={t(`Fjern ${plan.title} fra porteføljen`, `Remove ${plan.title} from the portfolio`)}>
                    {t('Fjern', 'Remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t(`I alt (${summary.totals.plans} planer)`, `Total (${summary.totals.plans} plans)`)}</th>
            {all.slice(1).map((c) => (
              <td key={c.key} className="num">{c.total ? formatNumber(c.total(summary)) : ''}</td>
            ))}
            {onRemove && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
