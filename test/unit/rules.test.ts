import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../model/generate.ts';
import { checkEdge } from '../../model/grammar.ts';
import { formatCheckText } from '../../model/report.ts';
import { checkPlan, checkResultToJson, findingMessageEn, RULE_IDS, type Finding, type RuleId } from '../../model/rules.ts';
import { EDGE_KINDS, validatePlan, type PlanEdge, type PlanFile, type PlanNode } from '../../model/schema.ts';
import { plan, type EdgeSpec, type NodeSpec } from '../support/plans.ts';


function rule(findings: Finding[], id: RuleId): Finding[] {
  return findings.filter((f) => f.rule === id);
}

/** a → o → r → e → m, with o and r measured; anchored. A plan with no findings at all. */
const healthy = () =>
  plan(
    [
      { id: 'a', kind: 'aktivitet', anchoring: { strategy: 'frivillige' } },
      { id: 'o', kind: 'output' },
      { id: 'r', kind: 'resultat' },
      { id: 'e', kind: 'effekt' },
      { id: 'm', kind: 'maal' },
      { id: 'io', kind: 'indikator', target: { value: 10 } },
      { id: 'ir', kind: 'indikator', target: { value: 5 } },
    ],
    [
      ['a', 'o', 'leder-til'],
      ['o', 'r', 'leder-til'],
      ['r', 'e', 'leder-til'],
      ['e', 'm', 'bidrager-til'],
      ['o', 'io', 'maales-ved'],
      ['r', 'ir', 'maales-ved'],
    ],
  );

describe('checkPlan', () => {
  it('finds nothing in a complete chain and counts it as covered', () => {
    const result = checkPlan(healthy());
    expect(result.findings).toEqual([]);
    expect(result.coverage).toEqual({
      goals: 1,
      goalsCovered: 1,
      activities: 1,
      activitiesWithGoal: 1,
      activitiesWithIndicator: 1,
      activitiesWithOutcomeIndicator: 1,
      matrix: [{ goal: 'm', activities: ['a'] }],
    });
  });

  describe('aktivitet-uden-maal', () => {
    it('fires for an activity whose chain reaches no goal, naming it by title', () => {
      const p = healthy();
      p.edges = p.edges.filter((e) => e.kind !== 'bidrager-til');
      const [finding] = rule(checkPlan(p).findings, 'aktivitet-uden-maal');
      expect(finding).toMatchObject({ severity: 'error', nodeIds: ['a'] });
      expect(finding!.message).toContain('"Titel a"');
    });
    it('follows skipped levels and goal-to-goal contributions', () => {
      const p = plan(
        [
          { id: 'a', kind: 'aktivitet' },
          { id: 'e', kind: 'effekt' },
          { id: 'm1', kind: 'maal' },
          { id: 'm2', kind: 'maal' },
        ],
        [
          ['a', 'e', 'leder-til'],
          ['e', 'm1', 'bidrager-til'],
          ['m1', 'm2', 'bidrager-til'],
        ],
      );
      const result = checkPlan(p);
      expect(rule(result.findings, 'aktivitet-uden-maal')).toEqual([]);
      expect(result.coverage.matrix).toEqual([
        { goal: 'm1', activities: ['a'] },
        { goal: 'm2', activities: ['a'] },
      ]);
    });
    it('does not follow invalid edges', () => {
      const p = plan(
        [
          { id: 'a', kind: 'aktivitet' },
          { id: 'i', kind: 'indikator' },
          { id: 'm', kind: 'maal' },
        ],
        [
          ['a', 'i', 'leder-til'],
          ['i', 'm', 'bidrager-til'],
        ],
      );
      expect(rule(checkPlan(p).findings, 'aktivitet-uden-maal').map((f) => f.nodeIds)).toEqual([['a']]);
    });
  });

  describe('aktivitet-uden-indikator and kun-aktivitetsmaal', () => {
    it('fires when nothing in the chain is measured', () => {
      const p = healthy();
      p.edges = p.edges.filter((e) => e.kind !== 'maales-ved');
      const findings = checkPlan(p).findings;
      expect(rule(findings, 'aktivitet-uden-indikator').map((f) => f.nodeIds)).toEqual([['a']]);
      expect(rule(findings, 'kun-aktivitetsmaal')).toEqual([]);
    });
    it('warns when only the output is measured, and counts no outcome indicator', () => {
      const p = healthy();
      p.edges = p.edges.filter((e) => !(e.from === 'r' && e.kind === 'maales-ved'));
      const result = checkPlan(p);
      expect(rule(result.findings, 'kun-aktivitetsmaal')).toMatchObject([{ severity: 'warning', nodeIds: ['a'] }]);
      expect(rule(result.findings, 'aktivitet-uden-indikator')).toEqual([]);
      expect(result.coverage.activitiesWithIndicator).toBe(1);
      expect(result.coverage.activitiesWithOutcomeIndicator).toBe(0);
    });
    it('counts a measurement on the activity itself', () => {
      const p = plan(
        [
          { id: 'a', kind: 'aktivitet' },
          { id: 'i', kind: 'indikator', target: { value: 1 } },
        ],
        [['a', 'i', 'maales-ved']],
      );
      const findings = checkPlan(p).findings;
      expect(rule(findings, 'aktivitet-uden-indikator')).toEqual([]);
      expect(rule(findings, 'kun-aktivitetsmaal').map((f) => f.nodeIds)).toEqual([['a']]);
    });
    it('does not count indicators reached through bidrager-til (ChainReach is leder-til only)', () => {
      const p = plan(
        [
          { id: 'a', kind: 'aktivitet' },
          { id: 'm', kind: 'maal' },
          { id: 'i', kind: 'indikator' },
        ],
        [
          ['a', 'm', 'bidrager-til'],
          ['m', 'i', 'maales-ved'],
        ],
      );
      expect(rule(checkPlan(p).findings, 'aktivitet-uden-indikator').map((f) => f.nodeIds)).toEqual([['a']]);
    });
  });

  describe('maal-uden-aktivitet', () => {
    it('fires for a goal no activity reaches, not for one that is reached', () => {
      const p = healthy();
      p.nodes.push({ id: 'm2', kind: 'maal', title: 'Ingen ghettoliste' });
      const findings = rule(checkPlan(p).findings, 'maal-uden-aktivitet');
      expect(findings.map((f) => f.nodeIds)).toEqual([['m2']]);
      expect(findings[0]!.message).toContain('"Ingen ghettoliste"');
    });
  });

  describe('indikator rules', () => {
    it('warns about an indicator without target value', () => {
      const p = healthy();
      p.nodes = p.nodes.map((n) => (n.id === 'io' ? { ...n, target: { year: 2014 } } : n));
      expect(rule(checkPlan(p).findings, 'indikator-uden-maalvaerdi').map((f) => f.nodeIds)).toEqual([['io']]);
    });
    it('accepts a target value of 0', () => {
      const p = healthy();
      p.nodes = p.nodes.map((n) => (n.id === 'io' ? { ...n, target: { value: 0 } } : n));
      expect(rule(checkPlan(p).findings, 'indikator-uden-maalvaerdi')).toEqual([]);
    });
    it('warns about an indicator nothing points to with a valid maales-ved edge', () => {
      const p = healthy();
      p.nodes.push({ id: 'i3', kind: 'indikator', title: 'Løs', target: { value: 1 } });
      p.nodes.push({ id: 'i4', kind: 'indikator', title: 'Fra indikator', target: { value: 1 } });
      p.edges.push({ from: 'i3', to: 'i4', kind: 'maales-ved' });
      const ids = rule(checkPlan(p).findings, 'indikator-uden-kobling').map((f) => f.nodeIds[0]);
      expect(ids.sort()).toEqual(['i3', 'i4']);
    });
  });

  describe('aktivitet-uden-forankring', () => {
    it('fires without a strategy and not for an explicit ingen', () => {
      const p = healthy();
      p.nodes.push({ id: 'b', kind: 'aktivitet', title: 'B', anchoring: { note: 'måske' } });
      p.nodes.push({ id: 'c', kind: 'aktivitet', title: 'C', anchoring: { strategy: 'ingen' } });
      expect(rule(checkPlan(p).findings, 'aktivitet-uden-forankring').map((f) => f.nodeIds)).toEqual([['b']]);
    });
  });

  describe('ugyldig-kant', () => {
    it('reports each edge the grammar forbids with [from, to] and the reason, and keeps valid ones silent', () => {
      const p = healthy();
      p.edges.push({ from: 'e', to: 'o', kind: 'leder-til' }); // backwards
      p.edges.push({ from: 'm', to: 'a', kind: 'maales-ved' }); // to a non-indicator
      p.edges.push({ from: 'o', to: 'o', kind: 'leder-til' }); // self loop
      const findings = rule(checkPlan(p).findings, 'ugyldig-kant');
      expect(findings.map((f) => f.nodeIds)).toEqual([
        ['e', 'o'],
        ['m', 'a'],
        ['o', 'o'],
      ]);
      expect(findings.every((f) => f.severity === 'error')).toBe(true);
      expect(findings[0]!.message).toMatch(/baglæns/);
    });
    it('lets invalid edges take no part in the rules', () => {
      const p = plan(
        [
          { id: 'a', kind: 'aktivitet' },
          { id: 'm', kind: 'maal' },
        ],
        [['m', 'a', 'bidrager-til']],
      );
      const findings = checkPlan(p).findings;
      expect(rule(findings, 'isoleret-node').map((f) => f.nodeIds[0]).sort()).toEqual(['a', 'm']);
    });
  });

  describe('kreds', () => {
    it('reports a strongly connected set once with sorted members', () => {
      const p = plan(
        [
          { id: 'r2', kind: 'resultat' },
          { id: 'r1', kind: 'resultat' },
          { id: 'r3', kind: 'resultat' },
          { id: 'r4', kind: 'resultat' },
        ],
        [
          ['r2', 'r1', 'leder-til'],
          ['r1', 'r3', 'leder-til'],
          ['r3', 'r2', 'leder-til'],
          ['r3', 'r4', 'leder-til'],
        ],
      );
      const findings = rule(checkPlan(p).findings, 'kreds');
      expect(findings).toMatchObject([{ severity: 'warning', nodeIds: ['r1', 'r2', 'r3'] }]);
    });
    it('finds cycles between goals over bidrager-til', () => {
      const p = plan(
        [
          { id: 'm1', kind: 'maal' },
          { id: 'm2', kind: 'maal' },
        ],
        [
          ['m1', 'm2', 'bidrager-til'],
          ['m2', 'm1', 'bidrager-til'],
        ],
      );
      expect(rule(checkPlan(p).findings, 'kreds').map((f) => f.nodeIds)).toEqual([['m1', 'm2']]);
    });
    it('does not report a chain without cycles, nor a self loop (that is an invalid edge)', () => {
      const p = healthy();
      p.edges.push({ from: 'r', to: 'r', kind: 'leder-til' });
      expect(rule(checkPlan(p).findings, 'kreds')).toEqual([]);
    });
    it('lets every activity in a cycle share the goals the cycle reaches', () => {
      const p = plan(
        [
          { id: 'a1', kind: 'aktivitet' },
          { id: 'a2', kind: 'aktivitet' },
          { id: 'o', kind: 'output' },
          { id: 'm', kind: 'maal' },
        ],
        [
          ['a1', 'a2', 'leder-til'],
          ['a2', 'a1', 'leder-til'],
          ['a2', 'o', 'leder-til'],
          ['o', 'm', 'bidrager-til'],
        ],
      );
      expect(checkPlan(p).coverage.matrix).toEqual([{ goal: 'm', activities: ['a1', 'a2'] }]);
    });
  });

  describe('isoleret-node', () => {
    it('reports a node without any valid edge as info', () => {
      const p = healthy();
      p.nodes.push({ id: 'x', kind: 'effekt', title: 'Alene' });
      expect(rule(checkPlan(p).findings, 'isoleret-node')).toMatchObject([{ severity: 'info', nodeIds: ['x'] }]);
    });
  });

  describe('coverage', () => {
    it('has one matrix row per goal in file order with sorted activities', () => {
      const p = plan(
        [
          { id: 'm2', kind: 'maal' },
          { id: 'a2', kind: 'aktivitet' },
          { id: 'a1', kind: 'aktivitet' },
          { id: 'm1', kind: 'maal' },
        ],
        [
          ['a2', 'm2', 'bidrager-til'],
          ['a1', 'm2', 'bidrager-til'],
        ],
      );
      const { coverage } = checkPlan(p);
      expect(coverage.matrix).toEqual([
        { goal: 'm2', activities: ['a1', 'a2'] },
        { goal: 'm1', activities: [] },
      ]);
      expect(coverage).toMatchObject({ goals: 2, goalsCovered: 1, activities: 2, activitiesWithGoal: 2 });
    });
    it('handles a long chain without recursion limits', () => {
      const length = 20_000;
      const nodes: NodeSpec[] = [{ id: 'a', kind: 'aktivitet' }];
      const edges: EdgeSpec[] = [];
      for (let i = 0; i < length; i++) {
        nodes.push({ id: `o${i}`, kind: 'output' });
        edges.push([i === 0 ? 'a' : `o${i - 1}`, `o${i}`, 'leder-til']);
      }
      nodes.push({ id: 'm', kind: 'maal' });
      edges.push([`o${length - 1}`, 'm', 'bidrager-til']);
      expect(checkPlan(plan(nodes, edges)).coverage.activitiesWithGoal).toBe(1);
    });
  });
});

/**
 * The spec's definitions read literally: a breadth-first walk per aktivitet, a naive cycle search. Slow and plain,
 * so that the fast implementation (condensation, bitsets in blocks of 32 goals) can be compared against it.
 */
function referenceCheck(p: PlanFile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const valid = p.edges.filter((e) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    return from && to && checkEdge({ kind: e.kind, fromKind: from.kind, toKind: to.kind, selfLoop: e.from === e.to }).allowed;
  });
  const reach = (start: string, kinds: PlanEdge['kind'][]) => {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const e of valid) if (e.from === v && kinds.includes(e.kind) && !seen.has(e.to)) seen.add(e.to), queue.push(e.to);
    }
    return seen;
  };
  const findings: { rule: string; nodeIds: string[] }[] = [];
  const matrix = p.nodes.filter((n) => n.kind === 'maal').map((m) => ({ goal: m.id, activities: [] as string[] }));
  let withGoal = 0;
  let withIndicator = 0;
  let withOutcome = 0;
  for (const node of p.nodes) {
    if (!valid.some((e) => e.from === node.id || e.to === node.id)) findings.push({ rule: 'isoleret-node', nodeIds: [node.id] });
    if (node.kind === 'indikator') {
      if (node.target?.value === undefined) findings.push({ rule: 'indikator-uden-maalvaerdi', nodeIds: [node.id] });
      if (!valid.some((e) => e.kind === 'maales-ved' && e.to === node.id)) findings.push({ rule: 'indikator-uden-kobling', nodeIds: [node.id] });
    }
    if (node.kind !== 'aktivitet') continue;
    const goals = [...reach(node.id, ['leder-til', 'bidrager-til'])].filter((id) => byId.get(id)!.kind === 'maal');
    for (const row of matrix) if (goals.includes(row.goal)) row.activities.push(node.id);
    if (goals.length === 0) findings.push({ rule: 'aktivitet-uden-maal', nodeIds: [node.id] });
    else withGoal++;
    const chain = reach(node.id, ['leder-til']);
    const measuring = valid.filter((e) => e.kind === 'maales-ved' && chain.has(e.from));
    if (measuring.length === 0) findings.push({ rule: 'aktivitet-uden-indikator', nodeIds: [node.id] });
    else {
      withIndicator++;
      if (measuring.some((e) => ['resultat', 'effekt'].includes(byId.get(e.from)!.kind))) withOutcome++;
      else findings.push({ rule: 'kun-aktivitetsmaal', nodeIds: [node.id] });
    }
    if (!node.anchoring?.strategy) findings.push({ rule: 'aktivitet-uden-forankring', nodeIds: [node.id] });
  }
  for (const row of matrix) {
    row.activities.sort();
    if (row.activities.length === 0) findings.push({ rule: 'maal-uden-aktivitet', nodeIds: [row.goal] });
  }
  for (const e of p.edges) if (!valid.includes(e)) findings.push({ rule: 'ugyldig-kant', nodeIds: [e.from, e.to] });
  const cycles = new Set<string>();
  for (const node of p.nodes) {
    const forward = reach(node.id, ['leder-til', 'bidrager-til']);
    const members = [...forward].filter((id) => reach(id, ['leder-til', 'bidrager-til']).has(node.id)).sort();
    if (members.length >= 2) cycles.add(JSON.stringify(members));
  }
  for (const members of cycles) findings.push({ rule: 'kreds', nodeIds: JSON.parse(members) as string[] });
  const activities = p.nodes.filter((n) => n.kind === 'aktivitet').length;
  return {
    findings,
    coverage: {
      goals: matrix.length, goalsCovered: matrix.filter((r) => r.activities.length > 0).length, activities,
      activitiesWithGoal: withGoal, activitiesWithIndicator: withIndicator, activitiesWithOutcomeIndicator: withOutcome, matrix,
    },
  };
}

const sortFindings = (list: { rule: string; nodeIds: string[] }[]) =>
  list.map(({ rule, nodeIds }) => ({ rule, nodeIds })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Random graphs dense enough for cycles, skipped levels and invalid edges; up to 80 nodes, many of them goals. */
const graphArbitrary = fc
  .record({
    kinds: fc.array(fc.constantFrom<PlanNode['kind']>('aktivitet', 'output', 'resultat', 'effekt', 'maal', 'maal', 'indikator'), { minLength: 1, maxLength: 80 }),
    anchored: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    targets: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...EDGE_KINDS)), { maxLength: 160 }),
  })
  .map(({ kinds, anchored, targets, edges }): PlanFile => plan(
    kinds.map((kind, i) => ({
      id: `n${i}`, kind,
      ...(kind === 'aktivitet' && anchored[i] ? { anchoring: { strategy: 'kommunal' as const } } : {}),
      ...(kind === 'indikator' && targets[i] ? { target: { value: i } } : {}),
    })),
    edges.map(([f, t, kind]) => [`n${f % kinds.length}`, `n${t % kinds.length}`, kind]),
  ));

describe('checkPlan against the spec read literally', () => {
  it('gives the same findings and coverage as a per-activity walk, on random graphs', () => {
    fc.assert(
      fc.property(graphArbitrary, (p) => {
        const fast = checkPlan(p);
        const reference = referenceCheck(p);
        expect(fast.coverage).toEqual(reference.coverage);
        expect(sortFindings(fast.findings)).toEqual(sortFindings(reference.findings));
      }),
      { numRuns: 300 },
    );
  });

  it('handles more goals than one 32-bit word, across the word boundaries', () => {
    const goals = Array.from({ length: 70 }, (_, g) => ({ id: `m${String(g).padStart(2, '0')}`, kind: 'maal' as const }));
    const nodes: NodeSpec[] = [...goals, { id: 'a', kind: 'aktivitet' }, { id: 'b', kind: 'aktivitet' }, { id: 'e', kind: 'effekt' }];
    const edges: EdgeSpec[] = [['a', 'e', 'leder-til'], ['e', 'm31', 'bidrager-til'], ['e', 'm32', 'bidrager-til'], ['b', 'm69', 'bidrager-til'], ['m69', 'm00', 'bidrager-til']];
    const { coverage } = checkPlan(plan(nodes, edges));
    const covered = coverage.matrix.filter((row) => row.activities.length > 0);
    expect(covered).toEqual([
      { goal: 'm00', activities: ['b'] },
      { goal: 'm31', activities: ['a'] },
      { goal: 'm32', activities: ['a'] },
      { goal: 'm69', activities: ['b'] },
    ]);
  });

  it('gives the spec JSON shape: four keys per finding, nothing else', () => {
    const p = healthy();
    p.edges.push({ from: 'e', to: 'o', kind: 'leder-til' });
    const json = checkResultToJson(checkPlan(p));
    for (const item of json.findings) expect(Object.keys(item).sort()).toEqual(['message', 'nodeIds', 'rule', 'severity']);
  });
});

describe('formatCheckText', () => {
  it('says so when there is nothing to report, and still shows the coverage', () => {
    const text = formatCheckText(checkPlan(healthy()), healthy());
    expect(text).toContain('Ingen fund');
    expect(text).toContain('1 af 1 mål er dækket af mindst én aktivitet (100 %)');
    expect(text).not.toMatch(/^Fejl/m);
  });

  it('groups findings by severity with counts, names nodes by title, and lists each goal with its activities', () => {
    const p = healthy();
    p.nodes.push({ id: 'b', kind: 'aktivitet', title: 'Lektiecafé' }, { id: 'm2', kind: 'maal', title: 'Ingen ghettoliste' });
    const text = formatCheckText(checkPlan(p), p);
    expect(text).toContain('2 fejl, 2 advarsler og 2 oplysninger.');
    expect(text).toMatch(/^Fejl \(2\)\n {2}• Aktiviteten "Lektiecafé" bidrager ikke til noget mål\.$/m);
    expect(text).toMatch(/^Advarsler \(2\)$/m);
    expect(text).toMatch(/^Oplysninger \(2\)$/m);
    expect(text.indexOf('Fejl (2)')).toBeLessThan(text.indexOf('Advarsler (2)'));
    expect(text).toContain('1 af 2 mål er dækket af mindst én aktivitet (50 %)');
    expect(text).toContain('• "Titel m": 1 aktivitet: Titel a');
    expect(text).toContain('• "Ingen ghettoliste": ingen aktiviteter');
  });
});

describe('generatePlan', () => {
  it('makes valid plans of exactly N nodes, the same for the same seed', () => {
    for (const size of [0, 1, 7, 100, 1000]) {
      for (const seed of [1, 2, 99]) {
        const p = generatePlan(size, { seed });
        expect(validatePlan(p)).toMatchObject({ ok: true });
        expect(p.nodes).toHaveLength(size);
        expect(generatePlan(size, { seed })).toEqual(p);
      }
    }
    expect(generatePlan(100, { seed: 1 })).not.toEqual(generatePlan(100, { seed: 2 }));
  });

  it('has the gaps of real plans, and the rules agree with the literal reading on it', () => {
    const p = generatePlan(600, { seed: 7 });
    const result = checkPlan(p);
    const rules = new Set(result.findings.map((f) => f.rule));
    for (const id of ['aktivitet-uden-indikator', 'kun-aktivitetsmaal', 'aktivitet-uden-forankring', 'indikator-uden-maalvaerdi', 'maal-uden-aktivitet'] as const) {
      expect(rules).toContain(id);
    }
    expect(rules).not.toContain('ugyldig-kant');
    expect(result.coverage.activitiesWithGoal / result.coverage.activities).toBeGreaterThan(0.8);
    expect(sortFindings(result.findings)).toEqual(sortFindings(referenceCheck(p).findings));
    expect(result.coverage).toEqual(referenceCheck(p).coverage);
  });
});

describe('findingMessageEn', () => {
  it('gives every rule an English message that names the node by title', () => {
    const p = plan(
      [
        { id: 'a', kind: 'aktivitet', title: 'Homework café' },
        { id: 'b', kind: 'aktivitet', title: 'Newsletter' },
        { id: 'o', kind: 'output', title: 'Forty users' },
        { id: 'i', kind: 'indikator', title: 'Users' },
        { id: 'j', kind: 'indikator', title: 'Loose' },
        { id: 'm', kind: 'maal', title: 'Ninety-five per cent' },
        { id: 'r1', kind: 'resultat', title: 'R one' },
        { id: 'r2', kind: 'resultat', title: 'R two' },
      ],
      [['a', 'o', 'leder-til'], ['o', 'i', 'maales-ved'], ['m', 'a', 'leder-til'], ['r1', 'r2', 'leder-til'], ['r2', 'r1', 'leder-til']],
    );
    const findings = checkPlan(p).findings;
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(RULE_IDS));
    for (const item of findings) {
      const english = findingMessageEn(item, p);
      expect(english).toMatch(/^(The|No) .*[.?]$/);
      expect(english).toContain(`"${p.nodes.find((n) => n.id === item.nodeIds[0])!.title}"`);
      expect(english).not.toBe(item.message);
    }
  });
});
