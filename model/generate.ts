/**
 * Deterministic, valid plans of exactly N nodes with the shape of a real helhedsplan, for tests and benchmarks.
 * Pure and seeded: the same (size, seed) always gives the same plan.
 *
 * Per indsatsområde, activities each with a chain aktivitet → output → resultat → effekt (sometimes a level is
 * skipped, sometimes the chain stops early), indikatorer on output and resultat, effekter contributing to one or
 * two goals, a few goals contributing to a larger goal, and the gaps real plans have: activities without
 * indicators, activities measured only on output, activities without forankring (and some with an explicit
 * `ingen`), indicators without a target value, goals no activity reaches, and now and then a loop between effects.
 */
import type { AnchoringStrategy, FocusArea, PlanEdge, PlanFile, PlanNode } from './schema.ts';
import { kindTable } from './kinds.ts';

/** xorshift32: small, fast and good enough for shapes. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const AREA_TITLES = ['Børn, unge og familier', 'Uddannelse og beskæftigelse', 'Beboernetværk og demokrati', 'Tryghed og trivsel', 'Image og kommunikation'];
const ACTIVITY_TITLES = ['Lektiecafé', 'Fritidsjob', 'Familiehøjskole', 'Tryghedsvandring', 'Beboerkaffe', 'Jobcafé', 'Nyhedsbrev', 'Foreningsguide'];
const STRATEGIES: AnchoringStrategy[] = ['frivillige', 'beboeransatte', 'partnerskab', 'kommunal'];
const COLUMN_X = kindTable((facts) => facts.column * 300);

export interface GenerateOptions {
  seed?: number;
}

export function generatePlan(size: number, { seed = 1 }: GenerateOptions = {}): PlanFile {
  const random = randomSource(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const areaCount = Math.max(1, Math.min(AREA_TITLES.length, Math.round(size / 80)));
  const focusAreas: FocusArea[] = AREA_TITLES.slice(0, areaCount).map((title, i) => ({ id: `io${i + 1}`, title }));
  const goalCount = Math.min(size, Math.max(1, Math.round(size / 40)));
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  const full = () => nodes.length >= size;
  const add = (node: PlanNode) => {
    if (!full()) nodes.push(node);
    return nodes[nodes.length - 1] === node;
  };
  const link = (from: string, to: string, kind: PlanEdge['kind']) => edges.push({ from, to, kind });

  for (let g = 0; g < goalCount; g++) {
    add({ id: `m${g}`, kind: 'maal', title: `Mål ${g + 1}: flere beboere i job og uddannelse`, horizon: g % 3 === 0 ? 'lang' : 'kort', position: { x: COLUMN_X.maal, y: g * 110 } });
    if (g > 0 && chance(0.15)) link(`m${g}`, `m${Math.floor(random() * g)}`, 'bidrager-til');
  }
  const reachableGoals = Math.max(1, Math.floor(goalCount * 0.9));
  const effects: string[] = [];

  for (let a = 0; !full(); a++) {
    const area = focusAreas[a % areaCount]!.id;
    const y = a * 110;
    const activity: PlanNode = { id: `a${a}`, kind: 'aktivitet', title: `${pick(ACTIVITY_TITLES)} ${a + 1}`, focusArea: area, position: { x: COLUMN_X.aktivitet, y } };
    if (chance(0.85)) activity.anchoring = { strategy: pick(STRATEGIES) };
    else if (chance(0.3)) activity.anchoring = { strategy: 'ingen', note: 'Ophører med planen' };
    add(activity);
    const measured = !chance(0.08);
    const outcomeMeasured = measured && !chance(0.15);
    let previous = activity.id;
    for (const kind of ['output', 'resultat', 'effekt'] as const) {
      if (kind !== 'effekt' && chance(0.1)) continue; // a skipped level
      const id = `${kind[0]}${a}`;
      const title = kind === 'output' ? `${20 + (a % 50)} deltagere i aktivitet ${a + 1}` : `Forandring (${kind}) fra aktivitet ${a + 1}`;
      if (!add({ id, kind, title, focusArea: area, position: { x: COLUMN_X[kind], y } })) return finish();
      link(previous, id, 'leder-til');
      previous = id;
      if (kind === 'effekt') continue;
      const measureHere = kind === 'output' ? measured : outcomeMeasured;
      if (measureHere && add(indicator(`i${id}`, kind, a, area, chance(0.9), y))) link(id, `i${id}`, 'maales-ved');
    }
    if (previous.startsWith('e')) effects.push(previous);
    if (chance(0.95)) link(previous, `m${Math.floor(random() * reachableGoals)}`, 'bidrager-til');
    if (chance(0.1)) link(previous, `m${Math.floor(random() * reachableGoals)}`, 'bidrager-til');
    if (effects.length > 1 && previous.startsWith('e') && chance(0.02)) {
      const other = effects[Math.floor(random() * (effects.length - 1))]!;
      link(previous, other, 'leder-til');
      link(other, previous, 'leder-til');
    }
  }
  return finish();

  function finish(): PlanFile {
    const ids = new Set(nodes.map((node) => node.id));
    const kept = edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to));
    return { format: 'forandringskort/v1', plan: { title: `Genereret plan (${size} noder)`, period: { from: 2027, to: 2030 } }, focusAreas, nodes, edges: kept };
  }
}

function indicator(id: string, measures: 'output' | 'resultat', activity: number, focusArea: string, withTarget: boolean, y: number): PlanNode {
  const node: PlanNode = measures === 'output'
    ? { id, kind: 'indikator', title: `Antal deltagere i aktivitet ${activity + 1}`, unit: 'deltagere', focusArea }
    : { id, kind: 'indikator', title: `Andel med fremgang i aktivitet ${activity + 1}`, unit: '%', baseline: { value: 20, year: 2026 }, focusArea };
  if (withTarget) node.target = { value: measures === 'output' ? 40 : 50, year: 2028 };
  node.position = { x: measures === 'output' ? 450 : 750, y: y + 60 };
  return node;
}
