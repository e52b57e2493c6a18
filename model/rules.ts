/**
 * The rules and the coverage of a plan (spec sections 3–4), in one linear pass:
 * adjacency is built once, reachability is computed per strongly connected component over the condensation
 * (a DAG), so that shared downstream chains are walked once, not once per aktivitet.
 */
import { checkEdge, NODE_KIND_LABELS_DA } from './grammar.ts';
import type { EdgeKind, PlanEdge, PlanFile, PlanNode } from './schema.ts';

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
  findings: Finding[];
  coverage: Coverage;
}

/** Nodes indexed 0..n-1 in file order, edges as index pairs per kind, valid edges only. */
interface Graph {
  nodes: PlanNode[];
  /** leder-til and bidrager-til: the edges that carry an aktivitet towards its goals */
  flow: number[][];
  /** leder-til only: the chain */
  chain: number[][];
  /** maales-ved: node → indikatorer */
  measuredBy: number[][];
  hasValidEdge: Uint8Array;
  invalid: Finding[];
}

function quote(node: PlanNode | undefined, fallbackId: string): string {
  const title = node?.title.trim();
  return `"${title ? title : fallbackId}"`;
}

function buildGraph(plan: PlanFile): Graph {
  const nodes = plan.nodes;
  const indexById = new Map<string, number>();
  nodes.forEach((node, index) => indexById.set(node.id, index));
  const empty = (): number[][] => Array.from({ length: nodes.length }, () => []);
  const graph: Graph = {
    nodes,
    flow: empty(),
    chain: empty(),
    measuredBy: empty(),
    hasValidEdge: new Uint8Array(nodes.length),
    invalid: [],
  };
  plan.edges.forEach((edge, edgeIndex) => addEdge(graph, indexById, edge, edgeIndex));
  return graph;
}

function addEdge(graph: Graph, indexById: Map<string, number>, edge: PlanEdge, edgeIndex: number): void {
  const from = indexById.get(edge.from);
  const to = indexById.get(edge.to);
  const fromNode = from === undefined ? undefined : graph.nodes[from];
  const toNode = to === undefined ? undefined : graph.nodes[to];
  if (from === undefined || to === undefined || !fromNode || !toNode) {
    graph.invalid.push(invalidEdgeFinding(edge, edgeIndex, fromNode, toNode, 'kanten peger på en node, der ikke findes.'));
    return;
  }
  const verdict = checkEdge({ kind: edge.kind, fromKind: fromNode.kind, toKind: toNode.kind, selfLoop: from === to });
  if (!verdict.allowed) {
    graph.invalid.push(invalidEdgeFinding(edge, edgeIndex, fromNode, toNode, verdict.reason));
    return;
  }
  graph.hasValidEdge[from] = 1;
  graph.hasValidEdge[to] = 1;
  const lists: Record<EdgeKind, number[][][]> = {
    'leder-til': [graph.flow, graph.chain],
    'bidrager-til': [graph.flow],
    'maales-ved': [graph.measuredBy],
  };
  for (const list of lists[edge.kind]) list[from]!.push(to);
}

function invalidEdgeFinding(
  edge: PlanEdge,
  edgeIndex: number,
  fromNode: PlanNode | undefined,
  toNode: PlanNode | undefined,
  reason: string,
): Finding {
  return {
    rule: 'ugyldig-kant',
    severity: 'error',
    nodeIds: [edge.from, edge.to],
    edgeIndex,
    message: `Kanten fra ${quote(fromNode, edge.from)} til ${quote(toNode, edge.to)} (${edge.kind}) er ikke tilladt: ${reason}`,
  };
}

/**
 * Strongly connected components with an iterative Tarjan (no recursion: chains may be thousands deep).
 * Components come out in reverse topological order: every edge leaves a component for one found earlier.
 */
export function stronglyConnectedComponents(adjacency: number[][]): { componentOf: Int32Array; components: number[][] } {
  const n = adjacency.length;
  const indexOf = new Int32Array(n).fill(-1);
  const lowLink = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgeCursor = new Int32Array(n);
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (indexOf[root] !== -1) continue;
    callStack.push(root);
    indexOf[root] = lowLink[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      const successors = adjacency[v]!;
      if (edgeCursor[v]! < successors.length) {
        const w = successors[edgeCursor[v]!++]!;
        if (indexOf[w] === -1) {
          indexOf[w] = lowLink[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          lowLink[v] = Math.min(lowLink[v]!, indexOf[w]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) lowLink[parent] = Math.min(lowLink[parent]!, lowLink[v]!);
      if (lowLink[v] === indexOf[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          componentOf[w] = components.length;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return { componentOf, components };
}

/** For each node, the bitset of goals reachable over flow edges (GoalReach, goals included for goal nodes). */
function goalReach(graph: Graph, goalIndexOf: Int32Array, goalCount: number): Uint32Array[] {
  const { componentOf, components } = stronglyConnectedComponents(graph.flow);
  const words = Math.max(1, Math.ceil(goalCount / 32));
  const componentGoals: Uint32Array[] = [];
  components.forEach((members, c) => {
    const bits = new Uint32Array(words);
    for (const v of members) {
      const goal = goalIndexOf[v]!;
      if (goal >= 0) bits[goal >>> 5]! |= 1 << (goal & 31);
    }
    for (const v of members) {
      for (const w of graph.flow[v]!) {
        const target = componentOf[w]!;
        if (target === c) continue;
        const other = componentGoals[target]!;
        for (let i = 0; i < words; i++) bits[i]! |= other[i]!;
      }
    }
    componentGoals.push(bits);
  });
  // A goal's own bit stays set in its component; only activities are asked, and they are never goals.
  return Array.from(componentOf, (c) => componentGoals[c]!);
}

interface ChainFacts {
  /** Ind(A) is not empty */
  hasIndicator: Uint8Array;
  /** some resultat or effekt in ChainReach(A) has a maales-ved edge */
  hasOutcomeIndicator: Uint8Array;
}

function chainFacts(graph: Graph): ChainFacts {
  const { componentOf, components } = stronglyConnectedComponents(graph.chain);
  const componentIndicator = new Uint8Array(components.length);
  const componentOutcome = new Uint8Array(components.length);
  components.forEach((members, c) => {
    let indicator = 0;
    let outcome = 0;
    for (const v of members) {
      if (graph.measuredBy[v]!.length > 0) {
        indicator = 1;
        const kind = graph.nodes[v]!.kind;
        if (kind === 'resultat' || kind === 'effekt') outcome = 1;
      }
      for (const w of graph.chain[v]!) {
        const target = componentOf[w]!;
        if (target === c) continue;
        indicator |= componentIndicator[target]!;
        outcome |= componentOutcome[target]!;
      }
    }
    componentIndicator[c] = indicator;
    componentOutcome[c] = outcome;
  });
  return {
    hasIndicator: Uint8Array.from(componentOf, (c) => componentIndicator[c]!),
    hasOutcomeIndicator: Uint8Array.from(componentOf, (c) => componentOutcome[c]!),
  };
}

function cycleFindings(graph: Graph): Finding[] {
  const { components } = stronglyConnectedComponents(graph.flow);
  return components
    .filter((members) => members.length >= 2)
    .map((members) => {
      const nodes = members.map((v) => graph.nodes[v]!);
      const ids = nodes.map((node) => node.id).sort();
      const titles = nodes
        .slice()
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((node) => quote(node, node.id));
      return {
        rule: 'kreds' as const,
        severity: 'warning' as const,
        nodeIds: ids,
        message: `Kæden går i ring mellem ${joinDanish(titles)}: en forandring kan ikke være sin egen forudsætning.`,
      };
    });
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

/** Runs the ten rules of the spec and computes the coverage. */
export function checkPlan(plan: PlanFile): CheckResult {
  const graph = buildGraph(plan);
  const { nodes } = graph;
  const goalIndexOf = new Int32Array(nodes.length).fill(-1);
  const goals: PlanNode[] = [];
  nodes.forEach((node, v) => {
    if (node.kind === 'maal') goalIndexOf[v] = goals.push(node) - 1;
  });
  const reach = goalReach(graph, goalIndexOf, goals.length);
  const chain = chainFacts(graph);
  const findings: Finding[] = [...graph.invalid];
  const activitiesPerGoal: string[][] = goals.map(() => []);
  const measured = new Uint8Array(nodes.length);
  graph.measuredBy.forEach((targets) => targets.forEach((t) => (measured[t] = 1)));

  let activities = 0;
  let activitiesWithGoal = 0;
  let activitiesWithIndicator = 0;
  let activitiesWithOutcomeIndicator = 0;

  nodes.forEach((node, v) => {
    const name = quote(node, node.id);
    if (!graph.hasValidEdge[v]) {
      findings.push(finding('isoleret-node', node, `${capitalise(NODE_KIND_LABELS_DA[node.kind])} ${name} er ikke forbundet med noget.`));
    }
    if (node.kind === 'aktivitet') {
      activities++;
      const goalBits = reach[v]!;
      let reachesGoal = false;
      for (let g = 0; g < goals.length; g++) {
        if (goalBits[g >>> 5]! & (1 << (g & 31))) {
          reachesGoal = true;
          activitiesPerGoal[g]!.push(node.id);
        }
      }
      if (reachesGoal) activitiesWithGoal++;
      else findings.push(finding('aktivitet-uden-maal', node, `Aktiviteten ${name} bidrager ikke til noget mål.`));
      if (!chain.hasIndicator[v]) {
        findings.push(finding('aktivitet-uden-indikator', node, `Aktiviteten ${name} måles ikke af nogen indikator.`));
      } else {
        activitiesWithIndicator++;
        if (chain.hasOutcomeIndicator[v]) activitiesWithOutcomeIndicator++;
        else {
          findings.push(finding('kun-aktivitetsmaal', node,
            `Aktiviteten ${name} følges kun op på aktivitetstal (output), aldrig på resultater eller effekter.`));
        }
      }
      if (!node.anchoring?.strategy) {
        findings.push(finding('aktivitet-uden-forankring', node, `Aktiviteten ${name} har ingen plan for forankring.`));
      }
    } else if (node.kind === 'indikator') {
      if (node.target?.value === undefined) {
        findings.push(finding('indikator-uden-maalvaerdi', node, `Indikatoren ${name} har ingen målværdi (succeskriterium).`));
      }
      if (!measured[v]) {
        findings.push(finding('indikator-uden-kobling', node, `Indikatoren ${name} måler ikke noget: ingen "måles ved"-kant peger på den.`));
      }
    }
  });

  goals.forEach((goal, g) => {
    if (activitiesPerGoal[g]!.length === 0) {
      findings.push(finding('maal-uden-aktivitet', goal, `Målet ${quote(goal, goal.id)} nås ikke af nogen aktivitet.`));
    }
  });
  findings.push(...cycleFindings(graph));

  const matrix = goals.map((goal, g) => ({ goal: goal.id, activities: activitiesPerGoal[g]!.sort(byId) }));
  return {
    findings,
    coverage: {
      goals: goals.length,
      goalsCovered: matrix.filter((row) => row.activities.length > 0).length,
      activities,
      activitiesWithGoal,
      activitiesWithIndicator,
      activitiesWithOutcomeIndicator,
      matrix,
    },
  };
}

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

/** The spec's JSON shape of a check (section 4): internal helper fields left out. */
export function checkResultToJson(result: CheckResult): CheckResult {
  return {
    findings: result.findings.map(({ rule, severity, nodeIds, message }) => ({ rule, severity, nodeIds, message })),
    coverage: result.coverage,
  };
}
