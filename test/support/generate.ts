/**
 * Deterministic plans of about N nodes with a realistic shape, for benchmarks and load tests: per focus area, chains
 * aktivitet → output → resultat → effekt, indicators on outputs and results, effects contributing to goals, some
 * cross-links, and a few gaps (activities without indicator, goals no activity reaches).
 */
import type { PlanEdge, PlanFile, PlanNode } from '../../model/schema.ts';

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function generatePlan(size: number, seed = 1): PlanFile {
  const next = random(seed);
  const areas = Math.max(1, Math.min(8, Math.round(size / 60)));
  const focusAreas = Array.from({ length: areas }, (_, i) => ({ id: `io${i + 1}`, title: `Indsatsområde ${i + 1}` }));
  const goalCount = Math.max(2, Math.round(size / 40));
  const nodes: PlanNode[] = [];
  const edges: PlanEdge[] = [];
  for (let g = 0; g < goalCount; g++) nodes.push({ id: `m${g}`, kind: 'maal', title: `Mål ${g + 1}: flere beboere i job og uddannelse`, horizon: 'lang' });
  let i = 0;
  while (nodes.length < size) {
    const area = focusAreas[i % areas]!.id;
    const row = Math.floor(i / areas);
    const y = row * 110 + (i % areas) * 2000;
    const chain: PlanNode[] = [
      { id: `a${i}`, kind: 'aktivitet', title: `Aktivitet ${i + 1}`, focusArea: area, anchoring: next() < 0.8 ? { strategy: 'partnerskab' } : undefined, position: { x: 0, y } },
      { id: `o${i}`, kind: 'output', title: `${20 + (i % 50)} deltagere i aktivitet ${i + 1}`, focusArea: area, position: { x: 300, y } },
      { id: `r${i}`, kind: 'resultat', title: `Deltagerne i aktivitet ${i + 1} lærer noget`, focusArea: area, position: { x: 600, y } },
      { id: `e${i}`, kind: 'effekt', title: `Varig forandring fra aktivitet ${i + 1}`, focusArea: area, position: { x: 900, y } },
    ];
    for (const node of chain) {
      if (node.anchoring === undefined) delete node.anchoring;
      nodes.push(node);
    }
    edges.push({ from: `a${i}`, to: `o${i}`, kind: 'leder-til' }, { from: `o${i}`, to: `r${i}`, kind: 'leder-til' }, { from: `r${i}`, to: `e${i}`, kind: 'leder-til' });
    if (next() < 0.9) {
      nodes.push({ id: `io${i}`, kind: 'indikator', title: `Antal deltagere ${i + 1}`, unit: 'deltagere', target: { value: 40, year: 2027 }, focusArea: area, position: { x: 450, y: y + 60 } });
      edges.push({ from: `o${i}`, to: `io${i}`, kind: 'maales-ved' });
    }
    if (next() < 0.7) {
      nodes.push({ id: `ir${i}`, kind: 'indikator', title: `Andel med fremgang ${i + 1}`, unit: '%', baseline: { value: 20 }, target: { value: 50 }, focusArea: area, position: { x: 750, y: y + 60 } });
      edges.push({ from: `r${i}`, to: `ir${i}`, kind: 'maales-ved' });
    }
    if (next() < 0.95) edges.push({ from: `e${i}`, to: `m${Math.floor(next() * goalCount)}`, kind: 'bidrager-til' });
    if (i > 0 && next() < 0.2) edges.push({ from: `r${i}`, to: `e${Math.floor(next() * i)}`, kind: 'leder-til' });
    i++;
  }
  return { format: 'forandringskort/v1', plan: { title: `Genereret plan (${size})` }, focusAreas, nodes, edges };
}
