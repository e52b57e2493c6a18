// The portfolio page's view (model/portfolio-view.ts): which year it opens on, the heat map's years and counts,
// and each shared code's measurements by year.
import { describe, expect, it } from 'vitest';
import { computePortfolio, type PlanSummaryCache } from '../../model/portfolio-view.ts';
import { summarizePortfolio, type PlanSummary } from '../../model/portfolio.ts';
import { plan } from '../support/plans.ts';

const withPeriod = (from: number, to: number, nodes: Parameters<typeof plan>[0]) => ({ ...plan(nodes), plan: { title: `Plan ${from}`, period: { from, to } } });

const a = withPeriod(2013, 2016, [
  { id: 'i1', kind: 'indikator', code: 'UNGE', unit: '%', targets: [{ year: 2014, value: 50 }],
    measurements: [{ date: '2014-03-01', value: 40 }, { date: '2014-11-30', value: 55 }, { date: '2013-06-30', value: 30 }] },
  { id: 'i2', kind: 'indikator' },
]);
const b = withPeriod(2015, 2018, [{ id: 'j1', kind: 'indikator', code: 'UNGE', measurements: [{ date: '2016-06-30', value: 61 }] }]);
const entries = [{ id: 'a', plan: a }, { id: 'b', plan: b }];

describe('the portfolio view', () => {
  it('opens on this year moved into the years the plans span and back to the latest year with figures, and keeps a year that was chosen', () => {
    // the plans span 2013–2018, the last figure is of 2016
    expect(computePortfolio(entries, null, new Date('2026-05-01')).year).toBe(2016);
    const withoutFigures = [{ id: 'c', plan: withPeriod(2015, 2018, [{ id: 'k1', kind: 'indikator' }]) }];
    expect(computePortfolio(withoutFigures, null, new Date('2026-05-01')).year).toBe(2018);
    expect(computePortfolio(entries, null, new Date('2010-05-01')).year).toBe(2013);
    expect(computePortfolio(entries, null, new Date('2016-05-01')).year).toBe(2016);
    expect(computePortfolio(entries, 2014).year).toBe(2014);
  });

  it('counts every plan\'s indikator statuses in every year of the portfolio, the chosen year included', () => {
    const view = computePortfolio(entries, 2014);
    expect(view.statusByYear.years).toEqual([2013, 2014, 2015, 2016, 2017, 2018]);
    const planA = view.statusByYear.plans.find((p) => p.id === 'a')!;
    expect(planA.counts[1]).toMatchObject({ year: 2014, naaet: 1, 'uden-delmaal': 1, total: 2 });
    expect(planA.counts[0]).toMatchObject({ year: 2013, 'uden-delmaal': 2 });
    expect(computePortfolio(entries, 2022).statusByYear.years.at(-1)).toBe(2022);
  });

  it('gives each shared code every plan\'s last measurement of each year, in year order', () => {
    const [unge] = computePortfolio(entries, 2016).codeSeries;
    expect(unge!.code).toBe('UNGE');
    expect(unge!.series).toEqual([
      { plan: 'a', indicator: 'i1', points: [{ year: 2013, value: 30 }, { year: 2014, value: 55 }] },
      { plan: 'b', indicator: 'j1', points: [{ year: 2016, value: 61 }] },
    ]);
    expect(computePortfolio([{ id: 'a', plan: a }], 2016).codeSeries.map((c) => c.series.length)).toEqual([1]);
  });

  it('has the summary summarizePortfolio computes, with or without a cache of plan summaries', () => {
    const kept = new Map<string, PlanSummary>();
    let computed = 0;
    const cache: PlanSummaryCache = (entry, year, compute) => {
      const key = `${entry.id}:${year}`;
      if (!kept.has(key)) {
        computed++;
        kept.set(key, compute());
      }
      return kept.get(key)!;
    };
    const expected = summarizePortfolio(entries, { year: 2015 });
    expect(computePortfolio(entries, 2015).summary).toEqual(expected);
    expect(computePortfolio(entries, 2015, new Date(), cache).summary).toEqual(expected);
    expect(computePortfolio(entries, 2015, new Date(), cache).summary).toEqual(expected);
    expect(computed).toBe(2);
  });
});
