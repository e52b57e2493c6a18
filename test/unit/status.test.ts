// Spec section 5: milestones, measurements, statuses and the counts per aktivitet and maal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../model/generate.ts';
import { checkEdge } from '../../model/grammar.ts';
import { planStatus, planStatusToJson, fremdriftOf, INDICATOR_STATUSES, latestStatusEntry, yearOutsidePlan } from '../../model/status.ts';
import { entryDateFor, withStatusEntry } from '../../model/followup-edit.ts';
import { indicatorChartOption } from '../../model/status-chart.ts';
import { formatStatusText } from '../../model/status-report.ts';
import { readPlanText, validatePlan, type PlanEdge, type PlanFile, type PlanNode } from '../../model/schema.ts';
import { plan, type EdgeSpec, type NodeSpec } from '../support/plans.ts';


const indicator = (id: string, extra: Partial<PlanNode> = {}): NodeSpec => ({ id, kind: 'indikator', ...extra });
const statusOf = (p: PlanFile, year: number, id = 'i') => planStatus(p, year).indicators.find((row) => row.id === id)!;

describe('Status(I, Y)', () => {
  it('is uden-delmaal without a milestone of that year, even when measured', () => {
    const p = plan([indicator('i', { targets: [{ year: 2013, value: 10 }], measurements: [{ date: '2014-05-01', value: 3 }] })]);
    expect(statusOf(p, 2014)).toEqual({ id: 'i', status: 'uden-delmaal', milestone: null, measured: 3 });
  });

  it('is ikke-maalt with a milestone and no measurement in the year (other years do not count)', () => {
    const p = plan([indicator('i', { targets: [{ year: 2014, value: 10 }], measurements: [{ date: '2013-12-31', value: 30 }] })]);
    expect(statusOf(p, 2014)).toEqual({ id: 'i', status: 'ikke-maalt', milestone: 10, measured: null });
  });

  it('is naaet when measured ≥ milestone (direction op, the default), equality included', () => {
    const p = plan([indicator('i', { targets: [{ year: 2014, value: 12.5 }], measurements: [{ date: '2014-03-01', value: 12.5 }] })]);
    expect(statusOf(p, 2014).status).toBe('naaet');
  });

  it('is ikke-naaet when measured < milestone (direction op)', () => {
    const p = plan([indicator('i', { direction: 'op', targets: [{ year: 2014, value: 40 }], measurements: [{ date: '2014-03-01', value: 39 }] })]);
    expect(statusOf(p, 2014)).toEqual({ id: 'i', status: 'ikke-naaet', milestone: 40, measured: 39 });
  });

  it('direction ned: lower is better, equality reaches it', () => {
    const ned = (value: number) => plan([indicator('i', { direction: 'ned', targets: [{ year: 2014, value: 20 }], measurements: [{ date: '2014-03-01', value }] })]);
    expect(statusOf(ned(15), 2014).status).toBe('naaet');
    expect(statusOf(ned(20), 2014).status).toBe('naaet');
    expect(statusOf(ned(21), 2014).status).toBe('ikke-naaet');
  });

  it('takes the latest date in the year, whatever the list order', () => {
    const p = plan([indicator('i', {
      targets: [{ year: 2014, value: 10 }],
      measurements: [{ date: '2014-12-01', value: 11 }, { date: '2014-02-01', value: 1 }, { date: '2015-01-01', value: 0 }],
    })]);
    expect(statusOf(p, 2014)).toMatchObject({ status: 'naaet', measured: 11 });
  });

  it('on equal dates takes the later one in the list', () => {
    const p = plan([indicator('i', {
      targets: [{ year: 2014, value: 10 }],
      measurements: [{ date: '2014-06-30', value: 50 }, { date: '2014-06-30', value: 5 }],
    })]);
    expect(statusOf(p, 2014)).toMatchObject({ status: 'ikke-naaet', measured: 5 });
  });

  it('finds a milestone only in target when target.year is the year; targets win over target', () => {
    const onlyTarget = plan([indicator('i', { target: { value: 40, year: 2016 }, measurements: [{ date: '2016-01-01', value: 41 }] })]);
    expect(statusOf(onlyTarget, 2016)).toEqual({ id: 'i', status: 'naaet', milestone: 40, measured: 41 });
    expect(statusOf(onlyTarget, 2015).status).toBe('uden-delmaal');
    const both = plan([indicator('i', { target: { value: 40, year: 2016 }, targets: [{ year: 2016, value: 45 }], measurements: [{ date: '2016-01-01', value: 41 }] })]);
    expect(statusOf(both, 2016)).toMatchObject({ status: 'ikke-naaet', milestone: 45 });
  });
});

describe('counts per aktivitet and maal', () => {
  // a → o → r → g1 (bidrager-til), g1 → g2 (bidrager-til); o measured by i1, r by i2, g1 by i3, g2 by i4; b → g2 unmeasured
  const p = plan(
    [
      { id: 'a', kind: 'aktivitet' },
      { id: 'o', kind: 'output' },
      { id: 'r', kind: 'resultat' },
      { id: 'g1', kind: 'maal' },
      { id: 'g2', kind: 'maal' },
      { id: 'b', kind: 'aktivitet' },
      indicator('i1', { targets: [{ year: 2014, value: 10 }], measurements: [{ date: '2014-01-01', value: 12 }] }),
      indicator('i2', { targets: [{ year: 2014, value: 10 }], measurements: [{ date: '2014-01-01', value: 2 }] }),
      indicator('i3', { targets: [{ year: 2014, value: 10 }] }),
      indicator('i4'),
    ],
    [
      ['a', 'o', 'leder-til'], ['o', 'r', 'leder-til'], ['r', 'g1', 'bidrager-til'], ['g1', 'g2', 'bidrager-til'],
      ['b', 'g2', 'bidrager-til'], ['o', 'i1', 'maales-ved'], ['r', 'i2', 'maales-ved'], ['g1', 'i3', 'maales-ved'],
      ['g2', 'i4', 'maales-ved'], ['a', 'i1', 'maales-ved'],
    ],
  );
  const status = planStatus(p, 2014);

  it('Ind(A) follows leder-til then maales-ved, each indicator once', () => {
    expect(status.activities).toEqual([
      { id: 'a', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 0, 'uden-delmaal': 0, indicators: ['i1', 'i2'] },
      { id: 'b', naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0, indicators: [] },
    ]);
  });

  it('Ind(G) holds G\'s own indicators and those of the chain nodes upstream, also through another goal', () => {
    expect(status.goals).toEqual([
      { id: 'g1', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 1, 'uden-delmaal': 0, indicators: ['i1', 'i2', 'i3'] },
      // g1 is a maal, not a chain node: its own i3 is not behind g2; a, o and r reach g2 through g1, so i1 and i2 are
      { id: 'g2', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 0, 'uden-delmaal': 1, indicators: ['i1', 'i2', 'i4'] },
    ]);
  });

  it('prints the spec\'s JSON: one row per node in file order, null when none, no internal lists', () => {
    const json = planStatusToJson(status) as { goals: object[]; indicators: object[] };
    expect(json).toEqual({
      year: 2014,
      indicators: [
        { id: 'i1', status: 'naaet', milestone: 10, measured: 12 },
        { id: 'i2', status: 'ikke-naaet', milestone: 10, measured: 2 },
        { id: 'i3', status: 'ikke-maalt', milestone: 10, measured: null },
        { id: 'i4', status: 'uden-delmaal', milestone: null, measured: null },
      ],
      activities: [
        { id: 'a', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 0, 'uden-delmaal': 0 },
        { id: 'b', naaet: 0, 'ikke-naaet': 0, 'ikke-maalt': 0, 'uden-delmaal': 0 },
      ],
      goals: [
        { id: 'g1', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 1, 'uden-delmaal': 0 },
        { id: 'g2', naaet: 1, 'ikke-naaet': 1, 'ikke-maalt': 0, 'uden-delmaal': 1 },
      ],
    });
  });

  it('ignores invalid edges (an indikator cannot measure through a wrong-way edge)', () => {
    const bad = plan([{ id: 'a', kind: 'aktivitet' }, indicator('i')], [['i', 'a', 'maales-ved']]);
    expect(planStatus(bad, 2014).activities[0]).toMatchObject({ indicators: [] });
  });
});

/** Ind(A) and Ind(G) straight from the words of sections 3 and 5, by breadth-first search. */
function literalInd(p: PlanFile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const valid = p.edges.filter((e) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    return from && to && checkEdge({ kind: e.kind, fromKind: from.kind, toKind: to.kind, selfLoop: e.from === e.to }).allowed;
  });
  const reach = (startId: string, kinds: PlanEdge['kind'][], backwards = false) => {
    const seen = new Set([startId]);
    const queue = [startId];
    while (queue.length) {
      const v = queue.shift()!;
      for (const e of valid) {
        if (!kinds.includes(e.kind)) continue;
        const [a, b] = backwards ? [e.to, e.from] : [e.from, e.to];
        if (a === v && !seen.has(b)) seen.add(b), queue.push(b);
      }
    }
    return seen;
  };
  const measuredFrom = (sources: Set<string>) =>
    new Set(valid.filter((e) => e.kind === 'maales-ved' && sources.has(e.from)).map((e) => e.to));
  const chainKinds = ['aktivitet', 'output', 'resultat', 'effekt'];
  const activities = p.nodes.filter((n) => n.kind === 'aktivitet').map((a) => measuredFrom(reach(a.id, ['leder-til'])));
  const goals = p.nodes.filter((n) => n.kind === 'maal').map((g) => {
    const up = [...reach(g.id, ['leder-til', 'bidrager-til'], true)].filter((id) => chainKinds.includes(byId.get(id)!.kind));
    return measuredFrom(new Set([g.id, ...up]));
  });
  return { activities, goals };
}

describe('against the literal definitions on generated plans', () => {
  it('Ind(A), Ind(G) match, and the four counts add up to |Ind|', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 120 }), fc.integer({ min: 1, max: 10_000 }), (size, seed) => {
        const p = generatePlan(size, { seed });
        // give every indikator a milestone and a measurement pattern that varies with the seed
        p.nodes.forEach((n, index) => {
          if (n.kind !== 'indikator') return;
          if (index % 4 !== 0) n.targets = [{ year: 2014, value: index % 7 }];
          if (index % 3 !== 0) n.measurements = [{ date: '2014-06-01', value: (index * seed) % 9 }];
          if (index % 5 === 0) n.direction = 'ned';
        });
        const status = planStatus(p, 2014);
        const literal = literalInd(p);
        status.activities.forEach((row, i) => {
          expect(new Set(row.indicators)).toEqual(literal.activities[i]);
          expect(INDICATOR_STATUSES.reduce((sum, s) => sum + row[s], 0)).toBe(row.indicators.length);
        });
        status.goals.forEach((row, i) => {
          expect(new Set(row.indicators)).toEqual(literal.goals[i]);
          expect(INDICATOR_STATUSES.reduce((sum, s) => sum + row[s], 0)).toBe(row.indicators.length);
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('the file keys of section 5', () => {
  const base = { format: 'forandringskort/v1', plan: { title: 'T' }, edges: [] };

  it('a repeated milestone year makes the file invalid, the path named', () => {
    const result = readPlanText(JSON.stringify({ ...base, nodes: [
      { id: 'a', kind: 'aktivitet', title: 'A' },
      { id: 'i', kind: 'indikator', title: 'I', targets: [{ year: 2014, value: 1 }, { year: 2015, value: 2 }, { year: 2014, value: 3 }] },
    ] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ path: 'nodes[1].targets[2].year', message: expect.stringContaining('2014') }]);
  });

  it('refuses a wrong direction, a non-integer year, a bad statusLog date or status, and a note that is not text', () => {
    const result = validatePlan({ ...base, nodes: [{
      id: 'i', kind: 'indikator', title: 'I', direction: 'ned-ad', targets: [{ year: 2014.5, value: 1 }],
      measurements: [{ date: '2014-01-01', value: 1, note: 5 }],
      statusLog: [{ date: '1.12.2014', status: 'groen' }, { date: '2014-12-01', status: 'blaa' }],
    }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path).sort()).toEqual([
        'nodes[0].direction', 'nodes[0].measurements[0].note', 'nodes[0].statusLog[0].date', 'nodes[0].statusLog[1].status', 'nodes[0].targets[0].year',
      ]);
    }
  });

  it('accepts the keys on any node, and a file without them means what it meant', () => {
    const result = validatePlan({ ...base, nodes: [
      { id: 'a', kind: 'aktivitet', title: 'A', status: 'gul', statusLog: [{ date: '2014-12-01', status: 'roed', note: 'Ingen lokaler', by: 'Mette' }] },
      { id: 'i', kind: 'indikator', title: 'I', direction: 'ned', targets: [{ year: 2014, value: 1, note: 'succeskriterium' }],
        measurements: [{ date: '2014-01-01', value: 1, note: 'tælling', source: 'Fremmødelister' }] },
    ] });
    expect(result.ok).toBe(true);
  });
});

describe('fremdrift and the text report', () => {
  it('fremdrift is the latest statusLog entry (equal dates: later in the list), else status', () => {
    expect(fremdriftOf({ id: 'a', kind: 'aktivitet', title: 'A', status: 'groen' })).toBe('groen');
    expect(fremdriftOf({ id: 'a', kind: 'aktivitet', title: 'A', status: 'groen', statusLog: [
      { date: '2014-12-01', status: 'roed' }, { date: '2014-12-01', status: 'gul' }, { date: '2014-01-01', status: 'groen' },
    ] })).toBe('gul');
    expect(fremdriftOf({ id: 'a', kind: 'aktivitet', title: 'A' })).toBeNull();
  });

  it('writes per indsatsområde and aktivitet the fremdrift and indicators, Danish numbers, then the goals', () => {
    const p = plan([
      { id: 'a', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', statusLog: [{ date: '2014-11-03', status: 'gul', note: 'Færre frivillige', by: 'Mette' }] },
      indicator('i', { title: 'Andel beståede', unit: '%', targets: [{ year: 2014, value: 12.5 }], measurements: [{ date: '2014-06-30', value: 13.25 }] }),
      { id: 'm', kind: 'maal', title: 'Flere gennemfører' },
    ], [['a', 'i', 'maales-ved'], ['a', 'm', 'bidrager-til']]);
    p.focusAreas = [{ id: 'io1', title: 'Børn og unge' }];
    const text = formatStatusText(p, planStatus(p, 2014));
    expect(text).toContain('Indsatsområde: Børn og unge');
    expect(text).toContain('Aktivitet: Lektiecafé');
    expect(text).toContain('Fremdrift: gul (03.11.2014, Mette): Færre frivillige');
    expect(text).toContain('Andel beståede: delmål 12,5 %, målt 13,25 % (30.06.2014) → Nået');
    expect(text).toMatch(/Mål\n {2}Flere gennemfører\n {4}Nået 1 · Ikke nået 0 · Ikke målt 0 · Uden delmål 0 \(1 indikator\)\n {4}• Andel beståede/);
  });
});

describe('the Yjs binding carries the keys of section 5', () => {
  it('round-trips direction, targets, measurement notes and statusLog, and refuses a repeated year', async () => {
    const { planToDoc, docToPlan, updateNode } = await import('../../model/ydoc.ts');
    const p = plan([
      { id: 'a', kind: 'aktivitet', status: 'gul', statusLog: [{ date: '2014-12-01', status: 'roed', note: 'Ingen lokaler', by: 'Mette' }] },
      indicator('i', { direction: 'ned', targets: [{ year: 2014, value: 1.5, note: 'succeskriterium' }],
        measurements: [{ date: '2014-01-01', value: 1, note: 'tælling', source: 'Fremmødelister' }] }),
    ]);
    const doc = planToDoc(p);
    expect(docToPlan(doc)).toEqual(p);
    expect(() => updateNode(doc, 'i', { targets: [{ year: 2014, value: 1 }, { year: 2014, value: 2 }] })).toThrow(/targets\[1\]\.year/);
    expect(docToPlan(doc).nodes[1]!.targets).toEqual([{ year: 2014, value: 1.5, note: 'succeskriterium' }]);
  });
});

describe('a report for a year shows nothing dated after it (spec section 5)', () => {
  const node = {
    id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', status: 'gul',
    statusLog: [{ date: '2014-11-20', status: 'gul', note: 'senere' }, { date: '2013-06-01', status: 'groen', note: 'godt i gang' }],
  } as PlanNode;
  const indicator = {
    id: 'i1', kind: 'indikator', title: 'Brugere', baseline: { value: 10, year: 2012 },
    targets: [{ year: 2013, value: 20 }, { year: 2014, value: 30 }, { year: 2015, value: 40 }],
    measurements: [{ date: '2013-12-31', value: 22 }, { date: '2014-06-30', value: 31 }, { date: '2015-06-30', value: 45 }],
  } as PlanNode;

  it('takes fremdrift as of the year: the latest entry in or before it, else status without a log, else none', () => {
    expect(fremdriftOf(node, 2013)).toBe('groen');
    expect(latestStatusEntry(node, 2013)?.date).toBe('2013-06-01');
    expect(fremdriftOf(node, 2014)).toBe('gul');
    expect(fremdriftOf(node, 2012)).toBeNull(); // a log, but nothing yet: "ikke vurderet", not the current status
    expect(fremdriftOf({ ...node, statusLog: [] } as PlanNode, 2012)).toBe('gul');
  });

  it('dates an assessment entered in a past year\'s view within that year, and a back-dated one leaves the current status', () => {
    expect(entryDateFor(2014, new Date(2026, 11, 3))).toBe('2014-12-31');
    expect(entryDateFor(2026, new Date(2026, 11, 3))).toBe('2026-12-03');
    const patch = withStatusEntry(node, { status: 'roed', date: entryDateFor(2013, new Date(2026, 0, 5)) });
    expect(fremdriftOf({ ...node, ...patch }, 2013)).toBe('roed');
    expect(patch.status).toBe('gul'); // the 2014 judgement is still the latest
    expect(withStatusEntry(node, { status: 'roed', date: '2015-02-01' }).status).toBe('roed');
  });

  it('plots no later year in the chart and prints no later date in the text', () => {
    const option = indicatorChartOption(indicator, undefined, false, 2013) as { xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['2012', '2013']);
    const plan = { format: 'forandringskort/v1', plan: { title: 'P', period: { from: 2013, to: 2016 } }, nodes: [node, indicator],
      edges: [{ from: 'a1', to: 'i1', kind: 'maales-ved' }] } as PlanFile;
    const text = formatStatusText(plan, planStatus(plan, 2013));
    expect(text).not.toMatch(/2014|2015|senere/);
    expect(text).toContain('01.06.2013');
    expect(yearOutsidePlan(plan, 1990)).toMatch(/uden for planperioden/);
    expect(yearOutsidePlan(plan, 2014)).toBeNull();
  });
});
