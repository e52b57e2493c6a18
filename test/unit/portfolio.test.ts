// A portfolio (issue 22): per plan the check's counts and coverage, the year's indikator statuses and fremdrift,
// red activities with their latest note, the totals, and indikatorer compared across plans by their `code`.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportXlsx, importXlsx } from '../../model/export/xlsx.ts';
import { indicatorCountsByYear, indicatorYearRows, latestMeasurementUpTo, portfolioYears, summarizePortfolio, type PortfolioEntry } from '../../model/portfolio.ts';
import { checkPlan } from '../../model/rules.ts';
import { planStatus } from '../../model/status.ts';
import { validatePlan, type PlanFile } from '../../model/schema.ts';
import { plan } from '../support/plans.ts';

/** Aktivitet → resultat → maal, the resultat measured by an indikator with code UDD. */
function youthPlan(): PlanFile {
  const p = plan(
    [
      { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', anchoring: { strategy: 'frivillige' },
        statusLog: [
          { date: '2013-05-01', status: 'gul', note: 'Få frivillige' },
          { date: '2014-03-01', status: 'roed', note: 'Lokalet er lukket', by: 'Sekretariatet' },
          { date: '2015-02-01', status: 'groen', note: 'Nyt lokale' },
        ] },
      { id: 'a2', kind: 'aktivitet', title: 'Fritidsjob', status: 'roed' },
      { id: 'a3', kind: 'aktivitet', title: 'Nyhedsbrev' },
      { id: 'r1', kind: 'resultat' },
      { id: 'm1', kind: 'maal' },
      { id: 'm2', kind: 'maal' },
      { id: 'i1', kind: 'indikator', title: 'Andel i uddannelse', code: ' UDD ', unit: '%', baseline: { value: 40, year: 2012 },
        target: { value: 60, year: 2016 }, targets: [{ year: 2014, value: 50 }],
        measurements: [{ date: '2013-06-30', value: 44 }, { date: '2014-06-30', value: 52 }, { date: '2015-06-30', value: 58 }] },
      { id: 'i2', kind: 'indikator', title: 'Anmeldelser', direction: 'ned', targets: [{ year: 2014, value: 10 }] },
    ],
    [['a1', 'r1', 'leder-til'], ['r1', 'm1', 'bidrager-til'], ['r1', 'i1', 'maales-ved'], ['m1', 'i2', 'maales-ved']],
  );
  p.plan = { title: 'Rum for Liv', area: 'Nørager', organisation: 'Boligselskabet', period: { from: 2013, to: 2016 } };
  return p;
}

function workPlan(): PlanFile {
  const p = plan(
    [
      { id: 'a', kind: 'aktivitet', title: 'Jobcafé', statusLog: [{ date: '2014-11-01', status: 'groen' }] },
      { id: 'o', kind: 'output' },
      { id: 'm', kind: 'maal' },
      { id: 'x', kind: 'indikator', title: 'Uddannelse 15–17', code: 'UDD', direction: 'ned',
        measurements: [{ date: '2012-01-01', value: 30 }, { date: '2013-12-31', value: 31 }, { date: '2013-12-31', value: 33 }] },
    ],
    [['a', 'o', 'leder-til'], ['o', 'm', 'bidrager-til'], ['o', 'x', 'maales-ved']],
  );
  p.plan = { title: 'Job i Vest' };
  return p;
}

const entries = (): PortfolioEntry[] => [{ id: 'rum.json', plan: youthPlan() }, { id: 'vest.json', plan: workPlan() }];

describe('summarizePortfolio', () => {
  it('the fixtures are valid plans', () => {
    for (const entry of entries()) expect(validatePlan(entry.plan).ok).toBe(true);
  });

  it('gives each plan its title, area, period and the check counts and coverage', () => {
    const [rum, vest] = summarizePortfolio(entries(), { year: 2014 }).plans;
    expect(rum).toMatchObject({ id: 'rum.json', title: 'Rum for Liv', area: 'Nørager', organisation: 'Boligselskabet', period: { from: 2013, to: 2016 } });
    expect(vest).toMatchObject({ id: 'vest.json', title: 'Job i Vest', area: null, organisation: null, period: null });
    const check = checkPlan(youthPlan());
    expect(rum!.errors).toBe(check.findings.filter((f) => f.severity === 'error').length);
    expect(rum!.warnings).toBe(check.findings.filter((f) => f.severity === 'warning').length);
    expect(rum!.errors).toBeGreaterThan(0);
    const { matrix: _m, ...coverage } = check.coverage;
    expect(rum!.coverage).toEqual(coverage);
    expect(rum!.coverage).toMatchObject({ goals: 2, goalsCovered: 1, activities: 3, activitiesWithGoal: 1, activitiesWithIndicator: 1 });
  });

  it('counts the indikator statuses of the year as status does', () => {
    const summary = summarizePortfolio(entries(), { year: 2014 });
    // i1: milestone 50, measured 52 in 2014 → naaet; i2: milestone, no measurement → ikke-maalt; x: no milestone
    expect(summary.plans[0]!.indicators).toEqual({ total: 2, naaet: 1, 'ikke-naaet': 0, 'ikke-maalt': 1, 'uden-delmaal': 0 });
    expect(summary.plans[1]!.indicators).toEqual({ total: 1, naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 1 });
    const statuses = planStatus(youthPlan(), 2014).indicators.map((r) => r.status).sort();
    expect(statuses).toEqual(['ikke-maalt', 'naaet']);
  });

  it('counts fremdrift as of the year: nothing judged after 31.12 counts, no history means the node status', () => {
    const in2013 = summarizePortfolio(entries(), { year: 2013 }).plans;
    expect(in2013[0]!.fremdrift).toEqual({ groen: 0, gul: 1, roed: 1, none: 1 });
    // Job i Vest's only judgement is from 2014: in 2013 it has none
    expect(in2013[1]!.fremdrift).toEqual({ groen: 0, gul: 0, roed: 0, none: 1 });
    const in2014 = summarizePortfolio(entries(), { year: 2014 }).plans;
    expect(in2014[0]!.fremdrift).toEqual({ groen: 0, gul: 0, roed: 2, none: 1 });
    expect(in2014[1]!.fremdrift).toEqual({ groen: 1, gul: 0, roed: 0, none: 0 });
    expect(summarizePortfolio(entries(), { year: 2015 }).plans[0]!.fremdrift).toEqual({ groen: 1, gul: 0, roed: 1, none: 1 });
  });

  it('lists red activities with the date they turned red and their latest note up to the year', () => {
    const red = summarizePortfolio(entries(), { year: 2014 }).plans[0]!.redActivities;
    expect(red).toEqual([
      { id: 'a1', title: 'Lektiecafé', focusArea: null, since: '2014-03-01', note: { date: '2014-03-01', note: 'Lokalet er lukket', by: 'Sekretariatet' } },
      { id: 'a2', title: 'Fritidsjob', focusArea: null, since: null, note: null },
    ]);
    // in 2015 the Lektiecafé is green again; the later note does not make a past year red
    expect(summarizePortfolio(entries(), { year: 2015 }).plans[0]!.redActivities.map((a) => a.id)).toEqual(['a2']);
  });

  it('adds the plans up in the totals', () => {
    const { totals, plans } = summarizePortfolio(entries(), { year: 2014 });
    expect(totals.plans).toBe(2);
    expect(totals.errors).toBe(plans[0]!.errors + plans[1]!.errors);
    expect(totals.indicators).toEqual({ total: 3, naaet: 1, 'ikke-naaet': 0, 'ikke-maalt': 1, 'uden-delmaal': 1 });
    expect(totals.fremdrift).toEqual({ groen: 1, gul: 0, roed: 2, none: 1 });
    expect(totals.redActivities).toBe(2);
    expect(totals.coverage.activities).toBe(4);
  });

  it('compares indikatorer by trimmed code: baseline, milestone, latest measurement up to the year, direction', () => {
    const { codes } = summarizePortfolio(entries(), { year: 2014 });
    expect(codes).toEqual([{
      code: 'UDD',
      plans: 2,
      rows: [
        { plan: 'rum.json', indicator: 'i1', title: 'Andel i uddannelse', unit: '%', direction: 'op', baseline: { value: 40, year: 2012 },
          milestone: 50, latest: { date: '2014-06-30', value: 52 }, status: 'naaet' },
        // the latest up to 2014 is from 2013 (equal dates: the later in the list), not a measurement of 2014
        { plan: 'vest.json', indicator: 'x', title: 'Uddannelse 15–17', unit: null, direction: 'ned', baseline: null,
          milestone: null, latest: { date: '2013-12-31', value: 33 }, status: 'uden-delmaal' },
      ],
    }]);
    const in2012 = summarizePortfolio(entries(), { year: 2012 }).codes[0]!.rows;
    expect(in2012.map((r) => r.latest)).toEqual([null, { date: '2012-01-01', value: 30 }]);
  });

  it('an empty code is no code, and a portfolio of no plans has zero totals', () => {
    const p = workPlan();
    p.nodes[3]!.code = '  ';
    expect(summarizePortfolio([{ id: 'p', plan: p }], { year: 2014 }).codes).toEqual([]);
    const empty = summarizePortfolio([], { year: 2014 });
    expect(empty.totals).toMatchObject({ plans: 0, errors: 0, redActivities: 0, indicators: { total: 0 } });
  });

  it('latestMeasurementUpTo skips dates that do not start with a year', () => {
    expect(latestMeasurementUpTo({ id: 'i', kind: 'indikator', title: '', measurements: [{ date: 'en dag', value: 1 }] }, 2014)).toBeNull();
  });
});

describe('year by year', () => {
  it('the portfolio spans the plans\' periods, or without a period the years a plan has figures for', () => {
    expect(portfolioYears(entries())).toEqual([2012, 2013, 2014, 2015, 2016]);
    expect(portfolioYears([{ id: 'v', plan: workPlan() }])).toEqual([2012, 2013, 2014]);
    expect(portfolioYears([])).toEqual([]);
  });

  it('counts each year\'s statuses as status does for that year', () => {
    const byYear = indicatorCountsByYear(youthPlan(), [2013, 2014]);
    for (const counts of byYear) {
      const rows = planStatus(youthPlan(), counts.year).indicators;
      expect(counts.total).toBe(rows.length);
      for (const status of ['naaet', 'ikke-naaet', 'ikke-maalt', 'uden-delmaal'] as const) expect(counts[status]).toBe(rows.filter((r) => r.status === status).length);
    }
    expect(byYear[1]).toEqual({ year: 2014, total: 2, naaet: 1, 'ikke-naaet': 0, 'ikke-maalt': 1, 'uden-delmaal': 0 });
  });

  it('lists each indikator\'s years with a figure, none after the year', () => {
    const rows = indicatorYearRows(entries(), 2014).filter((r) => r.indicator === 'i1');
    expect(rows.map((r) => [r.year, r.milestone, r.measured, r.status])).toEqual([
      [2012, null, null, 'uden-delmaal'], [2013, null, 44, 'uden-delmaal'], [2014, 50, 52, 'naaet'],
    ]);
    expect(rows[0]).toMatchObject({ plan: 'rum.json', code: 'UDD', unit: '%', direction: 'op' });
  });
});

describe('the code key', () => {
  it('is an optional text on a node; a number is refused with its path', () => {
    const p = workPlan();
    expect(validatePlan(p).ok).toBe(true);
    const bad = JSON.parse(JSON.stringify(p)) as { nodes: Array<Record<string, unknown>> };
    bad.nodes[3]!.code = 17;
    const result = validatePlan(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual({ path: 'nodes[3].code', message: 'forventede en tekst, fik tallet 17' });
  });
});

describe('the code in the spreadsheet', () => {
  it('has its own column on the sheet Noder, and an edit there comes back in the plan', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportXlsx(workPlan())).buffer as ArrayBuffer);
    const sheet = workbook.getWorksheet('Noder')!;
    const column = (sheet.getRow(1).values as unknown[]).indexOf('Kode (fælles indikator)');
    expect(column).toBeGreaterThan(0);
    const row = (sheet.getColumn(1).values as unknown[]).indexOf('x');
    expect(sheet.getRow(row).getCell(column).value).toBe('UDD');
    sheet.getRow(row).getCell(column).value = 'UDD-15-17';
    const back = await importXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(back.ok && back.plan.nodes.find((n) => n.id === 'x')!.code).toBe('UDD-15-17');
  });
});
