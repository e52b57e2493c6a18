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
 *   funnel from the activity (leder-til in tier order), and an `indikator` (target value, unit, year) measuring it.
 * - The plan's overall goals (G1–G7) → `maal` (horizon lang). The municipal goals the plan says it supports → `maal`
 *   with `external: true`. The activity's last chain node contributes (bidrager-til) to the overall goals its
 *   indsatsområde serves, to the municipal goals the activity names itself, and to the indsatsområde's municipal
 *   goals that name no single activity; a municipal goal that names an activity ("(5.1.2)") goes to that one only.
 * - The plan's gaps stay: 5.4.1–5.4.3 have no succeskriterier, so they reach no goal and have no indicator, and the
 *   ghetto-list goal (G6) has no indicator, exactly as in the real plan.
 * - Positions come from the editor's own auto-layout, so the plan opens tidy on the canvas.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutPlan } from '../model/layout.ts';
import { validatePlan, type AnchoringStrategy, type PlanEdge, type PlanFile, type PlanNode } from '../model/schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extractPath = join(root, '..', 'shared', 'data', 'rum-for-liv.extract.json');
const outPath = join(root, 'examples', 'rum-for-liv.json');

interface Criterion { text: string; target?: number; unit?: string; year?: number; tier: 'output' | 'resultat' | 'effekt' }
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
    overallGoals: { id: string; text: string; measurable?: boolean }[] };
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

const TIER_LEVEL = { output: 1, resultat: 2, effekt: 3 } as const;

const slug = (id: string) => id.replace(/\./g, '-');

function indicatorTitle(activity: Activity, criterion: Criterion): string {
  if (criterion.unit === '%') return `${activity.name}: andel (%)`;
  return `${activity.name}: antal ${criterion.unit ?? ''}`.trim();
}

function build(extract: Extract): PlanFile {
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  const goals = extract.plan.overallGoals.map((goal) => ({ id: `m-${goal.id}`, goal }));
  for (const { id, goal } of goals) {
    nodes.push({ id, kind: 'maal', title: capitalise(goal.text), horizon: 'lang', external: false });
  }

  const municipalGoalIds = new Map<string, string>();
  const municipalGoal = (text: string): string => {
    let id = municipalGoalIds.get(text);
    if (!id) {
      id = `m-k${municipalGoalIds.size + 1}`;
      municipalGoalIds.set(text, id);
      nodes.push({ id, kind: 'maal', title: text, horizon: 'lang', external: true });
    }
    return id;
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
      const targets = new Set<string>();
      for (const goalId of area.servesOverallGoals_inferred ?? []) targets.add(`m-${goalId}`);
      for (const { text, names } of areaMunicipal) if (!names || names === activity.id) targets.add(municipalGoal(text));
      for (const text of activity.municipalGoalsSupported ?? []) targets.add(municipalGoal(text));
      for (const goalId of targets) edges.push({ from: last, to: goalId, kind: 'bidrager-til' });
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
  for (const node of nodes) if (positions[node.id]) node.position = positions[node.id];
  return plan;
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
    nodes.push({ id: chainId, kind: criterion.tier, title: criterion.text, focusArea });
    const indicator: PlanNode = { id: indicatorId, kind: 'indikator', title: indicatorTitle(activity, criterion), focusArea };
    if (criterion.unit) indicator.unit = criterion.unit;
    if (criterion.target !== undefined) {
      indicator.target = { value: criterion.target, ...(criterion.year ? { year: criterion.year } : {}) };
    }
    if (activity.lokalEvaluering) indicator.source = activity.lokalEvaluering;
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

const plan = build(JSON.parse(readFileSync(extractPath, 'utf8')) as Extract);
const checked = validatePlan(plan);
if (!checked.ok) {
  console.error(checked.problems);
  process.exit(1);
}
writeFileSync(outPath, `${JSON.stringify(plan, null, 2)}\n`);
console.log(`Skrev ${outPath}: ${plan.nodes.length} noder, ${plan.edges.length} kanter`);
