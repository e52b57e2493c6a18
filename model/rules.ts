/**
 * The rules and the coverage of a plan (spec sections 3–4). Adjacency is built once, as compressed rows in typed
 * arrays; reachability is computed per strongly connected component over the condensation (a DAG), so that shared
 * downstream chains are walked once, not once per aktivitet. The editor runs this on every edit: few allocations.
 */
import { checkEdge, EDGE_KIND_LABELS_DA } from './grammar.ts';
import type { EdgeKind, PlanEdge, PlanFile, PlanNode } from './schema.ts';
import { kindTable } from './kinds.ts';

export type Severity = 'error' | 'warning' | 'info';

export const RULE_IDS = [
  'aktivitet-uden-maal',
  'aktivitet-uden-indikator',
  'kun-aktivitetsmaal',
  'maal-uden-aktivitet',
  'indikator-uden-maalvaerdi',
  'indikator-uden-kobling',
  'aktivitet-uden-forankring',
  'ugyldig-kant',
  'kreds',
  'isoleret-node',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULE_SEVERITY: Record<RuleId, Severity> = {
  'aktivitet-uden-maal': 'error',
  'aktivitet-uden-indikator': 'error',
  'kun-aktivitetsmaal': 'warning',
  'maal-uden-aktivitet': 'warning',
  'indikator-uden-maalvaerdi': 'warning',
  'indikator-uden-kobling': 'warning',
  'aktivitet-uden-forankring': 'warning',
  'ugyldig-kant': 'error',
  kreds: 'warning',
  'isoleret-node': 'info',
};

export interface Finding {
  rule: RuleId;
  severity: Severity;
  nodeIds: string[];
  message: string;
  /** For `ugyldig-kant`: the edge's index in the plan's edge list. */
  edgeIndex?: number;
}

export interface CoverageRow {
  goal: string;
  activities: string[];
}

export interface Coverage {
  goals: number;
  goalsCovered: number;
  activities: number;
  activitiesWithGoal: number;
  activitiesWithIndicator: number;
  activitiesWithOutcomeIndicator: number;
  matrix: CoverageRow[];
}

export interface CheckResult {
  /** The spec's rules (section 3), nothing else. */
  findings: Finding[];
  coverage: Coverage;
  /** Notes on links that are not among the spec's rules (issue 21): reported apart so `findings` stay the spec's. */
  links: LinkNote[];
}

/**
 * A link worth a second look. `uden-begrundelse`: a valid `leder-til` or `bidrager-til` edge without a `rationale`
 * (why does the one lead to the other?). `maales-ved` edges are left out: "measured by" claims no cause.
 */
export interface LinkNote {
  note: 'uden-begrundelse';
  from: string;
  to: string;
  kind: EdgeKind;
  message: string;
  /** The edge's index in the plan's edge list (not in the JSON report). */
  edgeIndex: number;
}

/** Successors of node v: `targets[start[v] .. start[v + 1])` (compressed rows: two typed arrays, no per-node lists). */
export interface Adjacency {
  start: Int32Array;
  targets: Int32Array;
}

/** Nodes indexed 0..n-1 in file order; valid edges only. */
export interface Graph {
  nodes: PlanNode[];
  /** leder-til and bidrager-til: the edges that carry an aktivitet towards its goals */
  flow: Adjacency;
  /** leder-til only: the chain */
  chain: Adjacency;
  /** maales-ved only: from a chain node or maal to its indikatorer */
  measure: Adjacency;
  /** the node has a valid maales-ved edge out */
  measures: Uint8Array;
  /** the node (an indikator) has a valid maales-ved edge in */
  measured: Uint8Array;
  connected: Uint8Array;
  invalid: Finding[];
}

const MAX_TITLE_IN_MESSAGE = 120;

function quote(node: PlanNode | undefined, fallbackId: string): string {
  const title = node?.title.replace(/\s+/g, ' ').trim();
  if (!title) return `"${fallbackId}"`;
  return `"${title.length > MAX_TITLE_IN_MESSAGE ? `${title.slice(0, MAX_TITLE_IN_MESSAGE - 1)}…` : title}"`;
}

const LEDER_TIL = 0;
const BIDRAGER_TIL = 1;
const MAALES_VED = 2;
const INVALID = -1;
const EDGE_CODE: Record<EdgeKind, number> = { 'leder-til': LEDER_TIL, 'bidrager-til': BIDRAGER_TIL, 'maales-ved': MAALES_VED };

export function buildGraph(plan: PlanFile): Graph {
  const { nodes, edges } = plan;
  const n = nodes.length;
  const indexById = new Map<string, number>();
  for (let v = 0; v < n; v++) indexById.set(nodes[v]!.id, v);
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  const code = new Int8Array(edges.length);
  const flowStart = new Int32Array(n + 1);
  const chainStart = new Int32Array(n + 1);
  const measureStart = new Int32Array(n + 1);
  const graph = {
    nodes,
    measures: new Uint8Array(n),
    measured: new Uint8Array(n),
    connected: new Uint8Array(n),
    invalid: [] as Finding[],
  };
  for (let e = 0; e < edges.length; e++) {
    const edge = edges[e]!;
    const f = indexById.get(edge.from);
    const t = indexById.get(edge.to);
    const fromNode = f === undefined ? undefined : nodes[f];
    const toNode = t === undefined ? undefined : nodes[t];
    code[e] = INVALID;
    if (f === undefined || t === undefined || !fromNode || !toNode) {
      graph.invalid.push(invalidEdgeFinding(edge, e, fromNode, toNode, 'Forbindelsen peger på et kort, der ikke findes.'));
      continue;
    }
    const verdict = checkEdge({ kind: edge.kind, fromKind: fromNode.kind, toKind: toNode.kind, selfLoop: f === t });
    if (!verdict.allowed) {
      graph.invalid.push(invalidEdgeFinding(edge, e, fromNode, toNode, verdict.reason));
      continue;
    }
    from[e] = f;
    to[e] = t;
    code[e] = EDGE_CODE[edge.kind];
    graph.connected[f] = 1;
    graph.connected[t] = 1;
    if (code[e] === MAALES_VED) {
      graph.measures[f] = 1;
      graph.measured[t] = 1;
      measureStart[f + 1]!++;
      continue;
    }
    flowStart[f + 1]!++;
    if (code[e] === LEDER_TIL) chainStart[f + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    flowStart[v + 1]! += flowStart[v]!;
    chainStart[v + 1]! += chainStart[v]!;
    measureStart[v + 1]! += measureStart[v]!;
  }
  const flowTargets = new Int32Array(flowStart[n]!);
  const chainTargets = new Int32Array(chainStart[n]!);
  const measureTargets = new Int32Array(measureStart[n]!);
  const flowCursor = flowStart.slice(0, n);
  const chainCursor = chainStart.slice(0, n);
  const measureCursor = measureStart.slice(0, n);
  for (let e = 0; e < edges.length; e++) {
    const f = from[e]!;
    if (code[e] === MAALES_VED) measureTargets[measureCursor[f]!++] = to[e]!;
    if (code[e] !== LEDER_TIL && code[e] !== BIDRAGER_TIL) continue;
    flowTargets[flowCursor[f]!++] = to[e]!;
    if (code[e] === LEDER_TIL) chainTargets[chainCursor[f]!++] = to[e]!;
  }
  return {
    ...graph,
    flow: { start: flowStart, targets: flowTargets },
    chain: { start: chainStart, targets: chainTargets },
    measure: { start: measureStart, targets: measureTargets },
  };
}

function invalidEdgeFinding(
  edge: PlanEdge,
  edgeIndex: number,
  fromNode: PlanNode | undefined,
  toNode: PlanNode | undefined,
  reason: string,
): Finding {
  const label = EDGE_KIND_LABELS_DA[edge.kind] ?? edge.kind;
  return {
    rule: 'ugyldig-kant',
    severity: 'error',
    nodeIds: [edge.from, edge.to],
    edgeIndex,
    message: `Forbindelsen "${label}" fra ${quote(fromNode, edge.from)} til ${quote(toNode, edge.to)} er ikke tilladt: ${reason}`,
  };
}

/**
 * Strongly connected components, members grouped: component c holds `members[start[c] .. start[c + 1])`.
 * Components are numbered in reverse topological order: every edge leaves a component for one with a lower number.
 */
export interface Components {
  count: number;
  componentOf: Int32Array;
  start: Int32Array;
  members: Int32Array;
}

/** Tarjan's algorithm, iterative (chains may be thousands deep), on typed arrays. */
export function stronglyConnectedComponents(graph: Adjacency): Components {
  const n = graph.start.length - 1;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const cursor = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const calls = new Int32Array(n);
  const componentOf = new Int32Array(n);
  const members = new Int32Array(n);
  const start = new Int32Array(n + 1);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let count = 0;
  let written = 0;
  const enter = (v: number) => {
    order[v] = low[v] = counter++;
    cursor[v] = graph.start[v]!;
    stack[sp++] = v;
    onStack[v] = 1;
    calls[cp++] = v;
  };
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    enter(root);
    while (cp > 0) {
      const v = calls[cp - 1]!;
      if (cursor[v]! < graph.start[v + 1]!) {
        const w = graph.targets[cursor[v]!++]!;
        if (order[w] === -1) enter(w);
        else if (onStack[w] && order[w]! < low[v]!) low[v] = order[w]!;
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = calls[cp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] !== order[v]) continue;
      start[count] = written;
      let w: number;
      do {
        w = stack[--sp]!;
        onStack[w] = 0;
        componentOf[w] = count;
        members[written++] = w;
      } while (w !== v);
      count++;
    }
  }
  start[count] = written;
  return { count, componentOf, start, members };
}

/** Edges between components (each once per original edge), in compressed rows over component numbers. */
function condensation(graph: Adjacency, scc: Components): Adjacency {
  const start = new Int32Array(scc.count + 1);
  const targets = new Int32Array(graph.targets.length);
  let written = 0;
  for (let c = 0; c < scc.count; c++) {
    start[c] = written;
    for (let m = scc.start[c]!; m < scc.start[c + 1]!; m++) {
      const v = scc.members[m]!;
      for (let k = graph.start[v]!; k < graph.start[v + 1]!; k++) {
        const target = scc.componentOf[graph.targets[k]!]!;
        if (target !== c) targets[written++] = target;
      }
    }
  }
  start[scc.count] = written;
  return { start, targets };
}

/** The condensation with its edges turned around: for each component, the components with an edge into it. */
function reverse(dag: Adjacency): Adjacency {
  const count = dag.start.length - 1;
  const start = new Int32Array(count + 1);
  for (let k = 0; k < dag.targets.length; k++) start[dag.targets[k]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, count);
  const targets = new Int32Array(dag.targets.length);
  for (let c = 0; c < count; c++) {
    for (let k = dag.start[c]!; k < dag.start[c + 1]!; k++) targets[cursor[dag.targets[k]!]!++] = c;
  }
  return { start, targets };
}

/**
 * For each of the `goals` (node indices), the nodes that reach it over `flow` and pass `collect`: `perGoal[g]`
 * lists them (node indices). With the flow edges and aktiviteter this is GoalReach for every aktivitet.
 * Goals are taken 32 at a time, one bit each. For each such block only the components that can reach one of its
 * goals (found by walking the reversed condensation) get a word; they are visited in topological order (successors
 * first) and OR their successors' words. Work per block is the size of the goals' upstream, not of the plan, and
 * memory stays linear however many goals there are.
 */
export function reachingNodes(
  flow: Adjacency,
  scc: Components,
  goals: readonly number[],
  collect: (v: number) => boolean,
): number[][] {
  const dag = condensation(flow, scc);
  const upstream = reverse(dag);
  const perGoal: number[][] = goals.map(() => []);
  const bits = new Uint32Array(scc.count);
  const seen = new Uint8Array(scc.count);
  const visited = new Int32Array(scc.count);
  const stack = new Int32Array(scc.count);
  for (let block = 0; block < goals.length; block += 32) {
    let found = 0;
    let sp = 0;
    for (let g = block; g < Math.min(block + 32, goals.length); g++) {
      const c = scc.componentOf[goals[g]!]!;
      bits[c]! |= 1 << (g - block);
      if (!seen[c]) (seen[c] = 1), (stack[sp++] = c), (visited[found++] = c);
    }
    while (sp > 0) {
      const c = stack[--sp]!;
      for (let k = upstream.start[c]!; k < upstream.start[c + 1]!; k++) {
        const before = upstream.targets[k]!;
        if (!seen[before]) (seen[before] = 1), (stack[sp++] = before), (visited[found++] = before);
      }
    }
    const order = visited.subarray(0, found).sort();
    for (const c of order) {
      let word = bits[c]!;
      for (let k = dag.start[c]!; k < dag.start[c + 1]!; k++) word |= bits[dag.targets[k]!]!;
      bits[c] = word;
      for (let m = scc.start[c]!; m < scc.start[c + 1]!; m++) {
        const v = scc.members[m]!;
        if (!collect(v)) continue;
        for (let rest = word; rest !== 0; rest &= rest - 1) perGoal[block + 31 - Math.clz32(rest & -rest)]!.push(v);
      }
    }
    for (const c of order) (bits[c] = 0), (seen[c] = 0);
  }
  return perGoal;
}

interface ChainFacts {
  /** per node: Ind(A) is not empty */
  hasIndicator: Uint8Array;
  /** per node: some resultat or effekt in ChainReach(A) has a maales-ved edge */
  hasOutcomeIndicator: Uint8Array;
}

function chainFacts(graph: Graph): ChainFacts {
  const scc = stronglyConnectedComponents(graph.chain);
  const dag = condensation(graph.chain, scc);
  const indicator = new Uint8Array(scc.count);
  const outcome = new Uint8Array(scc.count);
  for (let c = 0; c < scc.count; c++) {
    for (let m = scc.start[c]!; m < scc.start[c + 1]!; m++) {
      const v = scc.members[m]!;
      if (!graph.measures[v]) continue;
      indicator[c] = 1;
      const kind = graph.nodes[v]!.kind;
      if (kind === 'resultat' || kind === 'effekt') outcome[c] = 1;
    }
    for (let k = dag.start[c]!; k < dag.start[c + 1]!; k++) {
      indicator[c]! |= indicator[dag.targets[k]!]!;
      outcome[c]! |= outcome[dag.targets[k]!]!;
    }
  }
  const n = graph.nodes.length;
  const hasIndicator = new Uint8Array(n);
  const hasOutcomeIndicator = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    hasIndicator[v] = indicator[scc.componentOf[v]!]!;
    hasOutcomeIndicator[v] = outcome[scc.componentOf[v]!]!;
  }
  return { hasIndicator, hasOutcomeIndicator };
}

function cycleFindings(graph: Graph, scc: Components): Finding[] {
  const findings: Finding[] = [];
  for (let c = 0; c < scc.count; c++) {
    if (scc.start[c + 1]! - scc.start[c]! < 2) continue;
    const nodes = Array.from(scc.members.subarray(scc.start[c]!, scc.start[c + 1]!), (v) => graph.nodes[v]!);
    nodes.sort((a, b) => byId(a.id, b.id));
    findings.push({
      rule: 'kreds',
      severity: 'warning',
      nodeIds: nodes.map((node) => node.id),
      message: `Kæden går i ring mellem ${joinDanish(nodes.map((node) => quote(node, node.id)))}: en forandring kan ikke være sin egen forudsætning.`,
    });
  }
  return findings;
}

function joinDanish(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

function finding(rule: RuleId, node: PlanNode, message: string): Finding {
  return { rule, severity: RULE_SEVERITY[rule], nodeIds: [node.id], message };
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs the ten rules of the spec and computes the coverage. Linear in nodes + edges (times goals / 32). */
export function checkPlan(plan: PlanFile): CheckResult {
  const graph = buildGraph(plan);
  const { nodes } = graph;
  const goals: number[] = [];
  const activityIndices: number[] = [];
  for (let v = 0; v < nodes.length; v++) {
    const kind = nodes[v]!.kind;
    if (kind === 'maal') goals.push(v);
    else if (kind === 'aktivitet') activityIndices.push(v);
  }
  const flowComponents = stronglyConnectedComponents(graph.flow);
  const perGoal = reachingNodes(graph.flow, flowComponents, goals, (v) => nodes[v]!.kind === 'aktivitet');
  const reachesGoal = new Uint8Array(nodes.length);
  for (const list of perGoal) for (const v of list) reachesGoal[v] = 1;
  const chain = chainFacts(graph);
  const findings: Finding[] = [...graph.invalid];
  let activitiesWithGoal = 0;
  let activitiesWithIndicator = 0;
  let activitiesWithOutcomeIndicator = 0;

  for (let v = 0; v < nodes.length; v++) {
    const node = nodes[v]!;
    if (!graph.connected[v]) {
      findings.push(finding('isoleret-node', node, `${capitalise(KIND_DEFINITE_DA[node.kind])} ${quote(node, node.id)} er ikke forbundet med noget.`));
    }
    if (node.kind === 'aktivitet') {
      if (reachesGoal[v]) activitiesWithGoal++;
      else findings.push(finding('aktivitet-uden-maal', node, `Aktiviteten ${quote(node, node.id)} bidrager ikke til noget mål.`));
      if (!chain.hasIndicator[v]) {
        findings.push(finding('aktivitet-uden-indikator', node, `Aktiviteten ${quote(node, node.id)} måles ikke af nogen indikator.`));
      } else {
        activitiesWithIndicator++;
        if (chain.hasOutcomeIndicator[v]) activitiesWithOutcomeIndicator++;
        else {
          findings.push(finding('kun-aktivitetsmaal', node,
            `Aktiviteten ${quote(node, node.id)} følges kun op på aktivitetstal (output), aldrig på resultater eller effekter.`));
        }
      }
      if (!node.anchoring?.strategy) {
        findings.push(finding('aktivitet-uden-forankring', node,
          `Aktiviteten ${quote(node, node.id)} har ingen plan for forankring: hvem fører den videre, når helhedsplanen slutter?`));
      }
    } else if (node.kind === 'indikator') {
      if (node.target?.value === undefined) {
        findings.push(finding('indikator-uden-maalvaerdi', node, `Indikatoren ${quote(node, node.id)} har ingen målværdi (succeskriterium).`));
      }
      if (!graph.measured[v]) {
        findings.push(finding('indikator-uden-kobling', node, `Indikatoren ${quote(node, node.id)} måler ikke noget: ingen "måles ved"-forbindelse peger på den.`));
      }
    }
  }

  const matrix: CoverageRow[] = goals.map((g, index) => ({
    goal: nodes[g]!.id,
    activities: perGoal[index]!.map((v) => nodes[v]!.id).sort(byId),
  }));
  goals.forEach((g, index) => {
    if (perGoal[index]!.length > 0) return;
    const goal = nodes[g]!;
    findings.push(finding('maal-uden-aktivitet', goal, `Målet ${quote(goal, goal.id)} nås ikke af nogen aktivitet.`));
  });
  findings.push(...cycleFindings(graph, flowComponents));

  return {
    findings,
    links: linksWithoutReason(plan, graph),
    coverage: {
      goals: goals.length,
      goalsCovered: matrix.reduce((sum, row) => sum + (row.activities.length > 0 ? 1 : 0), 0),
      activities: activityIndices.length,
      activitiesWithGoal,
      activitiesWithIndicator,
      activitiesWithOutcomeIndicator,
      matrix,
    },
  };
}

/** The valid causal links (leder-til, bidrager-til) without a rationale, in the file's order. */
function linksWithoutReason(plan: PlanFile, graph: Graph): LinkNote[] {
  const invalid = new Set(graph.invalid.map((f) => f.edgeIndex));
  const nodeById = new Map(plan.nodes.map((node) => [node.id, node]));
  const notes: LinkNote[] = [];
  plan.edges.forEach((edge, edgeIndex) => {
    if (edge.kind === 'maales-ved' || invalid.has(edgeIndex) || edge.rationale?.trim()) return;
    const label = EDGE_KIND_LABELS_DA[edge.kind];
    const message = `Forbindelsen "${label}" fra ${quote(nodeById.get(edge.from), edge.from)} til ${quote(nodeById.get(edge.to), edge.to)} har ingen begrundelse: skriv, hvorfor det ene fører til det andet.`;
    notes.push({ note: 'uden-begrundelse', from: edge.from, to: edge.to, kind: edge.kind, message, edgeIndex });
  });
  return notes;
}

/** A link note's message in English, for the editor's second language. */
export function linkNoteMessageEn(note: LinkNote, plan: PlanFile): string {
  const title = (id: string) => quote(plan.nodes.find((node) => node.id === id), id);
  return `The link "${note.kind === 'leder-til' ? 'leads to' : 'contributes to'}" from ${title(note.from)} to ${title(note.to)} has no rationale: write why the one leads to the other.`;
}

/** The kind in definite form, for sentences that start with it: "aktiviteten", "målet". */
const KIND_DEFINITE_DA: Record<PlanNode['kind'], string> = kindTable((facts) => facts.da.definite);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** Findings per node id (a finding about several nodes is listed under each), for badges on the canvas. */
export function findingsByNode(findings: Finding[]): Map<string, Finding[]> {
  const byNode = new Map<string, Finding[]>();
  for (const item of findings) {
    for (const nodeId of item.nodeIds) {
      const list = byNode.get(nodeId);
      if (list) list.push(item);
      else byNode.set(nodeId, [item]);
    }
  }
  return byNode;
}

export type LinkNoteJson = Omit<LinkNote, 'edgeIndex'>;
export interface CheckResultJson { findings: Finding[]; coverage: Coverage; links: LinkNoteJson[] }

/**
 * The spec's JSON shape of a check (section 4), internal helper fields left out, plus `links`: the link notes,
 * kept out of `findings` because they are not among the spec's rules.
 */
export function checkResultToJson(result: CheckResult): CheckResultJson {
  return {
    findings: result.findings.map(({ rule, severity, nodeIds, message }) => ({ rule, severity, nodeIds, message })),
    coverage: result.coverage,
    links: result.links.map(({ note, from, to, kind, message }) => ({ note, from, to, kind, message })),
  };
}

const KIND_EN: Record<PlanNode['kind'], string> = kindTable((facts) => facts.en.name);

/**
 * A finding's message in English, for the editor's second language (the Danish one is `finding.message`).
 * Built on demand from the rule and the node titles, so that the check itself makes one message per finding.
 */
export function findingMessageEn(finding: Finding, plan: PlanFile): string {
  const nodeOf = (id: string | undefined) => plan.nodes.find((node) => node.id === id);
  const [firstId] = finding.nodeIds;
  const first = nodeOf(firstId);
  const name = quote(first, firstId ?? '');
  switch (finding.rule) {
    case 'aktivitet-uden-maal':
      return `The activity ${name} does not contribute to any goal.`;
    case 'aktivitet-uden-indikator':
      return `The activity ${name} is not measured by any indicator.`;
    case 'kun-aktivitetsmaal':
      return `The activity ${name} is followed up on activity counts (output) only, never on outcomes or impacts.`;
    case 'maal-uden-aktivitet':
      return `No activity reaches the goal ${name}.`;
    case 'indikator-uden-maalvaerdi':
      return `The indicator ${name} has no target value.`;
    case 'indikator-uden-kobling':
      return `The indicator ${name} measures nothing: no "measured by" connection points to it.`;
    case 'aktivitet-uden-forankring':
      return `The activity ${name} has no anchoring plan: who carries it on when the plan ends?`;
    case 'ugyldig-kant':
      return `The connection from ${name} to ${quote(nodeOf(finding.nodeIds[1]), finding.nodeIds[1] ?? '')} is not allowed by the grammar.`;
    case 'kreds': {
      const titles = finding.nodeIds.map((id) => quote(nodeOf(id), id));
      return `The chain loops between ${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}: a change cannot be its own precondition.`;
    }
    case 'isoleret-node':
      return `The ${first ? KIND_EN[first.kind] : 'card'} ${name} is not connected to anything.`;
  }
}
