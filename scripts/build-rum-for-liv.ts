/**
 * Builds examples/rum-for-liv.json from ../shared/data/rum-for-liv.extract.json (the facts of the real plan).
 * Run: npx tsx scripts/build-rum-for-liv.ts
 *
 * Mapping (the choices a reader of the plan would want to know):
 * - Each indsatsområde → a focus area (purpose = its formål, problem = its problemkompleks).
 * - Each aktivitet → an `aktivitet` node with formål as description, målgruppe, ansvarlig, partners,
 *   medarbejderressourcer, lokal evaluering and forankring (strategy: the table FORANKRING below, an analyst's
 *   reading of the plan's sentence, which is kept verbatim in `anchoring.note`).
 * - Each succeskriterium → a chain node of its tier (output, resultat, effekt) with the criterion as title, in a
 *   funnel from the activity (leder-til in tier order), and an `indikator` (target value, unit, year) measuring it,
 *   titled "Antal …" / "Andel af …" from the criterion's own words. Where the extract flags the tier as doubtful,
 *   the chain node's description says so, for the workshop to discuss. A criterion with a year is also the indikator's
 *   milestone of that year (`targets`, spec section 5). The real plan's measurements are not public.
 * - So that a new user's first Opfølgning and Statusrapport (2013, the period's first year) are not empty, EXAMPLE_FOLLOW_UP
 *   below adds a few measurements, 2014 milestones and a dated fremdrift history. They are invented, and say so on
 *   every item (source "Eksempeltal", note / by "Eksempel"); the plan's own facts (criteria, targets, years) are untouched.
 * - The plan's overall goals (G1–G7) → `maal` (horizon lang). The municipal goals the plan says it supports → `maal`
 *   with `external: true`; the extract names some of them twice in different words (the 95 % goal three times), so
 *   MUNICIPAL_GOALS below merges them into one node each and keeps the plan's wordings in its description.
 * - The activity's last chain node contributes (bidrager-til) to the overall goals its indsatsområde serves (the
 *   extract's `servesOverallGoals_inferred`, an analyst's reading, said so in the edge's rationale), to the municipal
 *   goals the activity names itself, and to the indsatsområde's municipal goals that name no single activity; a
 *   municipal goal that names an activity ("(5.1.2)") goes to that one only.
 * - The plan's gaps stay: 5.4.1–5.4.3 have no succeskriterier, so they reach no goal and have no indicator, and the
 *   ghetto-list goal (G6) has no indicator, exactly as in the real plan. (The extract notes that the shared table
 *   under 5.4.4 says "der måles alene på Nyhedsbreve"; the plan prints those criteria under 5.4.4, and so do we.)
 * - Four indikatorer carry a shared `code` (SHARED_CODES), so that the example portfolio compares them with the
 *   invented example plans.
 * - Positions come from the editor's own auto-layout (columns by level, lanes per indsatsområde); the mål column is
 *   then re-stacked from the top, each goal level with the activities that contribute to it, so that the canvas
 *   opens tidy and the bidrager-til edges stay short.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LAYOUT, layoutPlan, type Point } from '../model/layout.ts';
import { NODE_KIND_WITH_ARTICLE_DA } from '../model/grammar.ts';
import { validatePlan, type AnchoringStrategy, type PlanEdge, type PlanFile, type PlanNode } from '../model/schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extractPath = join(root, '..', 'shared', 'data', 'rum-for-liv.extract.json');
const outPath = join(root, 'examples', 'rum-for-liv.json');

interface Criterion { text: string; target?: number; unit?: string; year?: number; tier: 'output' | 'resultat' | 'effekt'; tierDoubtful?: boolean }
interface Activity {
  id: string; name: string; formaal?: string[]; formaalFraNarrativ?: string; maalgruppe?: string; ansvarlig?: string;
  samarbejdspartnere?: string[]; medarbejderressourcer?: string; lokalEvaluering?: string; forankring?: string;
  succeskriterier?: Criterion[] | null; municipalGoalsSupported?: string[]; succeskriterierNote?: string;
}
interface Area {
  id: string; name: string; problemkompleks?: string; formaal?: string[]; municipalGoalsSupported?: string[];
  servesOverallGoals_inferred?: string[]; aktiviteter: Activity[];
}
interface Extract {
  plan: { name: string; organisation: string; vision: string; period: string; areas: { name: string }[];
    overallGoals: { id: string; text: string; measurable?: boolean }[];
    baseline?: { indicator: string; value: number | string; unit: string; source: string }[] };
  indsatsomraader: Area[];
}

/** Forankring per activity: the plan's sentence read as one of the four ways (plus the partner it names). */
const FORANKRING: Record<string, { strategy: AnchoringStrategy; partner?: string }> = {
  '5.1.1': { strategy: 'partnerskab', partner: 'Red Barnet, København City' },
  '5.1.2': { strategy: 'kommunal', partner: 'Klubberne i Valby' },
  '5.1.3': { strategy: 'kommunal', partner: 'KFF – Integration og Fritid' },
  '5.1.4': { strategy: 'partnerskab', partner: 'De deltagende frivilligorganisationer' },
  '5.2.1': { strategy: 'kommunal', partner: 'Jobcenter København' },
  '5.2.2': { strategy: 'beboeransatte' },
  '5.2.3': { strategy: 'kommunal', partner: 'Jobcenter København, Skelbækgade' },
  '5.2.4': { strategy: 'partnerskab', partner: 'Dansk Flygtningehjælp' },
  '5.3.1': { strategy: 'frivillige', partner: 'Afdelingsbestyrelserne' },
  '5.3.2': { strategy: 'frivillige', partner: 'Afdelingsbestyrelsen' },
  '5.3.3': { strategy: 'frivillige', partner: 'Afdelingsbestyrelserne' },
  '5.3.4': { strategy: 'frivillige', partner: 'Afdelingen' },
  '5.3.5': { strategy: 'beboeransatte', partner: 'Driften' },
  '5.3.6': { strategy: 'beboeransatte', partner: 'Driften / Lejerbo København' },
  '5.4.3': { strategy: 'frivillige', partner: 'Afdelingsbestyrelserne' },
  '5.4.4': { strategy: 'frivillige', partner: 'Afdelingsbestyrelserne' },
};

/**
 * The municipal goals, one node each; `matches` recognises every wording the extract uses for it.
 * A wording that matches none stops the script, so that a changed extract is not silently mis-mapped.
 */
const MUNICIPAL_GOALS: { id: string; title: string; matches: RegExp }[] = [
  { id: 'm-k-buf', title: 'Samarbejdskontrakt Børn, Unge & Familier (Valby)', matches: /^Samarbejdskontrakt Børn/ },
  { id: 'm-k-95', title: '95 % af de unge gennemfører en ungdomsuddannelse', matches: /95 %/ },
  {
    id: 'm-k-kultur',
    title: 'Beboerne i udsatte boligområder er mindst lige så tilfredse med de lokale kultur- og idrætstilbud som københavnerne generelt',
    matches: /kultur- og idrætsliv/,
  },
  { id: 'm-k-kff', title: 'Københavns Kommunes politik for udsatte byområder på Kultur- og Fritidsområdet', matches: /Kultur- og Fritidsområdet/ },
  { id: 'm-k-ube', title: 'Samarbejdskontrakt Uddannelse, Beskæftigelse & Erhverv (Valby)', matches: /^Samarbejdskontrakt Uddannelse/ },
  { id: 'm-k-job', title: 'Jobcenter Københavns produktmål for den fremskudte beskæftigelsesindsats', matches: /fremskudte beskæftigelsesindsats/ },
];

/**
 * Shared indikator codes (issue 22): the example portfolio's invented indicator set, which the two invented example
 * plans (scripts/build-portfolio-examples.ts) use too, so that these indikatorer are compared across the plans. A code
 * says only which kind of figure an indikator is; it adds no fact to the plan.
 */
const SHARED_CODES: Record<string, string> = {
  'i-5-2-3-3': 'FRITIDSJOB',
  'i-5-2-4-1': 'LEKTIECAFE-BRUGERE',
  'i-5-3-1-1': 'BEBOERDELTAGELSE',
  'i-5-3-2-3': 'TILFREDS-FAELLES',
};

const G6_NOTE = 'Planens eneste målbare mål. Ghettolistens kriterier for Akacieparken (planens afsnit 3.1): ';

const TIER_LEVEL = { output: 1, resultat: 2, effekt: 3 } as const;

const slug = (id: string) => id.replace(/\./g, '-');

/** "100 familier deltog i aktiviteterne" → "Antal familier deltog i aktiviteterne"; "50 procent af …" → "Andel af …". */
function indicatorTitle(criterion: Criterion): string {
  const percent = /^\d+ procent af /.exec(criterion.text);
  if (percent) return `Andel af ${criterion.text.slice(percent[0].length)}`;
  return criterion.text.replace(/^\d+ /, 'Antal ');
}

function build(extract: Extract): PlanFile {
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  const goals = extract.plan.overallGoals.map((goal) => ({ id: `m-${goal.id}`, goal }));
  for (const { id, goal } of goals) {
    const node: PlanNode = { id, kind: 'maal', title: capitalise(goal.text), horizon: 'lang', external: false };
    if (goal.id === 'G6') node.description = ghettoListNote(extract);
    nodes.push(node);
  }

  const municipalNodes = new Map<string, PlanNode>();
  const municipalGoal = (text: string): string => {
    const goal = MUNICIPAL_GOALS.find((candidate) => candidate.matches.test(text));
    if (!goal) throw new Error(`Ukendt kommunalt mål i udtrækket: "${text}". Tilføj det i MUNICIPAL_GOALS.`);
    let node = municipalNodes.get(goal.id);
    if (!node) {
      node = { id: goal.id, kind: 'maal', title: goal.title, horizon: 'lang', external: true, description: 'Planens ordlyd:' };
      municipalNodes.set(goal.id, node);
      nodes.push(node);
    }
    const wording = `\n• ${text}`;
    if (!node.description!.includes(wording)) node.description += wording;
    return goal.id;
  };

  const [from, to] = extract.plan.period.split(/[–-]/).map((part) => Number(part.trim()));
  const focusAreas = extract.indsatsomraader.map((area, index) => ({
    id: `io${index + 1}`,
    title: area.name,
    purpose: area.formaal ?? [],
    ...(area.problemkompleks ? { problem: area.problemkompleks } : {}),
  }));

  extract.indsatsomraader.forEach((area, areaIndex) => {
    const focusArea = focusAreas[areaIndex]!.id;
    const areaMunicipal = (area.municipalGoalsSupported ?? []).map((text) => ({ text, names: text.match(/\d\.\d\.\d/)?.[0] }));
    for (const activity of area.aktiviteter) {
      const activityId = `a-${slug(activity.id)}`;
      nodes.push(activityNode(activity, activityId, focusArea));
      const last = addCriteria(activity, activityId, focusArea, nodes, edges);
      if (!last) continue;
      const targets = new Map<string, string>();
      for (const goalId of area.servesOverallGoals_inferred ?? []) {
        targets.set(`m-${goalId}`, `Analytikers kobling: indsatsområdet "${area.name}" tjener dette af planens overordnede mål.`);
      }
      for (const { text, names } of areaMunicipal) {
        if (names === activity.id) targets.set(municipalGoal(text), `Planen nævner målet under aktiviteten ${activity.id}.`);
        else if (!names) targets.set(municipalGoal(text), `Planen nævner målet for indsatsområdet "${area.name}".`);
      }
      for (const text of activity.municipalGoalsSupported ?? []) {
        targets.set(municipalGoal(text), `Planen nævner målet under aktiviteten ${activity.id}.`);
      }
      for (const [goalId, rationale] of targets) edges.push({ from: last, to: goalId, kind: 'bidrager-til', rationale });
    }
  });

  const plan: PlanFile = {
    format: 'forandringskort/v1',
    plan: {
      title: extract.plan.name,
      organisation: extract.plan.organisation,
      area: `Valby: ${extract.plan.areas.map((a) => a.name).join(' og ')}`,
      period: { from: from!, to: to! },
      vision: extract.plan.vision,
    },
    focusAreas,
    nodes,
    edges,
  };
  const positions = layoutPlan(plan);
  stackGoalsBesideContributors(plan, positions);
  for (const node of nodes) if (positions[node.id]) node.position = positions[node.id];
  return plan;
}

/**
 * The auto-layout puts goals without an indsatsområde in a last lane below everything. Here they stay in their
 * column but are stacked from the top, each as near as it can be to the mean height of the nodes that contribute
 * to it, in that order, without overlapping.
 */
function stackGoalsBesideContributors(plan: PlanFile, positions: Record<string, Point>): void {
  const step = DEFAULT_LAYOUT.nodeHeight + DEFAULT_LAYOUT.rowGap;
  const wanted = plan.nodes
    .filter((node) => node.kind === 'maal' && positions[node.id])
    .map((node, order) => {
      const from = plan.edges.filter((e) => e.to === node.id && e.kind === 'bidrager-til').map((e) => positions[e.from]?.y ?? 0);
      const y = from.length > 0 ? from.reduce((sum, value) => sum + value, 0) / from.length : Number.MAX_SAFE_INTEGER;
      return { id: node.id, y, order };
    })
    .sort((a, b) => a.y - b.y || a.order - b.order);
  let next = 0;
  for (const goal of wanted) {
    const y = Math.max(next, goal.y === Number.MAX_SAFE_INTEGER ? next : Math.round(goal.y));
    positions[goal.id] = { x: positions[goal.id]!.x, y };
    next = y + step;
  }
}

function ghettoListNote(extract: Extract): string {
  const criteria = (extract.plan.baseline ?? []).filter((b) => b.source === '3.1');
  const listed = criteria.map((b) => `${b.indicator.replace(/, Akacieparken.*$/, '').replace(/ \(ghettoliste-kriterium\)$/, '')} ${String(b.value).replace('.', ',')} ${b.unit}`);
  return `${G6_NOTE}${listed.join('; ')}. Ingen af aktiviteternes succeskriterier måler dem, og målet har ingen indikator.`;
}

function activityNode(activity: Activity, id: string, focusArea: string): PlanNode {
  const description = activity.formaal?.length ? activity.formaal.join(' ') : activity.formaalFraNarrativ;
  const anchoring = FORANKRING[activity.id];
  const node: PlanNode = { id, kind: 'aktivitet', title: activity.name, focusArea };
  if (description) node.description = description;
  if (activity.maalgruppe) node.targetGroup = activity.maalgruppe;
  if (activity.ansvarlig) node.responsible = activity.ansvarlig;
  if (activity.samarbejdspartnere?.length) node.partners = activity.samarbejdspartnere;
  if (activity.medarbejderressourcer) node.resources = activity.medarbejderressourcer;
  if (activity.lokalEvaluering) node.localEvaluation = activity.lokalEvaluering;
  if (anchoring) {
    node.anchoring = { strategy: anchoring.strategy, ...(anchoring.partner ? { partner: anchoring.partner } : {}) };
    if (activity.forankring) node.anchoring.note = activity.forankring;
  }
  return node;
}

/** Adds the funnel of criteria below an activity; returns the id of its last chain node, if any. */
function addCriteria(activity: Activity, activityId: string, focusArea: string, nodes: PlanNode[], edges: PlanEdge[]): string | undefined {
  const criteria = [...(activity.succeskriterier ?? [])].sort((a, b) => TIER_LEVEL[a.tier] - TIER_LEVEL[b.tier]);
  let previous = activityId;
  criteria.forEach((criterion, index) => {
    const chainId = `${criterion.tier.charAt(0)}-${slug(activity.id)}-${index + 1}`;
    const indicatorId = `i-${slug(activity.id)}-${index + 1}`;
    const chainNode: PlanNode = { id: chainId, kind: criterion.tier, title: criterion.text, focusArea };
    if (criterion.tierDoubtful) {
      chainNode.description = `Planens succeskriterium. At det er ${NODE_KIND_WITH_ARTICLE_DA[criterion.tier]}, er en fortolkning, som workshoppen kan drøfte.`;
    }
    nodes.push(chainNode);
    const indicator: PlanNode = { id: indicatorId, kind: 'indikator', title: indicatorTitle(criterion), focusArea };
    if (criterion.unit) indicator.unit = criterion.unit;
    if (criterion.target !== undefined) {
      indicator.target = { value: criterion.target, ...(criterion.year ? { year: criterion.year } : {}) };
      // the criterion is also the milestone of its year, for the board's follow-up (spec section 5); no measurements
      if (criterion.year) indicator.targets = [{ year: criterion.year, value: criterion.target, note: `Planens succeskriterium (${criterion.year})` }];
    }
    if (activity.lokalEvaluering) indicator.source = activity.lokalEvaluering;
    if (SHARED_CODES[indicatorId]) indicator.code = SHARED_CODES[indicatorId];
    nodes.push(indicator);
    edges.push({ from: previous, to: chainId, kind: 'leder-til' });
    edges.push({ from: chainId, to: indicatorId, kind: 'maales-ved' });
    previous = chainId;
  });
  return criteria.length > 0 ? previous : undefined;
}

function capitalise(text: string): string {
  const trimmed = text.replace(/^at /, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * Invented follow-up figures for trying out Opfølgning and Statusrapport, marked as such on every item. Chosen so that
 * 2013 shows each status: reached, not reached, not measured, and a fremdrift history that changes colour.
 */
const EXAMPLE = 'Eksempeltal';
const EXAMPLE_FOLLOW_UP = {
  measurements: {
    'i-5-1-1-1': [{ date: '2013-06-30', value: 46 }, { date: '2013-12-31', value: 112 }, { date: '2014-06-30', value: 61 }],
    'i-5-1-2-1': [{ date: '2013-12-31', value: 87 }],
    'i-5-2-2-1': [{ date: '2013-12-31', value: 14 }],
    'i-5-2-4-1': [{ date: '2013-12-31', value: 52 }],
    'i-5-3-1-1': [{ date: '2013-12-31', value: 236 }],
    'i-5-3-2-3': [{ date: '2013-12-31', value: 44 }],
  } as Record<string, { date: string; value: number }[]>,
  milestones: { 'i-5-1-1-1': 110, 'i-5-1-2-1': 100, 'i-5-2-4-1': 45 } as Record<string, number>,
  fremdrift: {
    'a-5-1-1': [{ date: '2013-06-30', status: 'groen', note: 'Godt i gang; mange familier i de første kurser' }, { date: '2013-12-15', status: 'gul', note: 'Færre fædre end ventet' }],
    'a-5-1-2': [{ date: '2013-12-15', status: 'gul', note: 'Brobygningen til klubberne tager længere tid' }],
    'a-5-2-2': [{ date: '2013-06-30', status: 'gul', note: 'Svært at finde arbejdsgivere' }, { date: '2013-12-15', status: 'roed', note: 'Kun få unge fastholdt' }],
    'a-5-2-4': [{ date: '2013-12-15', status: 'groen', note: 'Flere brugere end planlagt' }],
    'a-5-3-1': [{ date: '2013-12-15', status: 'groen', note: 'Sommerfesten samlede over 200 beboere' }],
  } as Record<string, { date: string; status: 'groen' | 'gul' | 'roed'; note: string }[]>,
};

function addExampleFollowUp(plan: PlanFile): void {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const node = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`EXAMPLE_FOLLOW_UP: ${id} findes ikke`);
    return found;
  };
  for (const [id, list] of Object.entries(EXAMPLE_FOLLOW_UP.measurements)) {
    node(id).measurements = list.map((m) => ({ ...m, source: EXAMPLE, note: 'Opdigtet eksempel, ikke fra den rigtige plan' }));
  }
  for (const [id, value] of Object.entries(EXAMPLE_FOLLOW_UP.milestones)) {
    const indicator = node(id);
    indicator.targets = [...(indicator.targets ?? []), { year: 2014, value, note: 'Eksempel på et delmål for 2014 (ikke fra planen)' }];
  }
  for (const [id, list] of Object.entries(EXAMPLE_FOLLOW_UP.fremdrift)) {
    const activity = node(id);
    activity.statusLog = list.map((entry) => ({ ...entry, by: 'Eksempel' }));
    activity.status = list[list.length - 1]!.status;
  }
}

const plan = build(JSON.parse(readFileSync(extractPath, 'utf8')) as Extract);
addExampleFollowUp(plan);
const checked = validatePlan(plan);
if (!checked.ok) {
  console.error(checked.problems);
  process.exit(1);
}
writeFileSync(outPath, `${JSON.stringify(plan, null, 2)}\n`);
console.log(`Skrev ${outPath}: ${plan.nodes.length} noder, ${plan.edges.length} kanter`);
