/** Model, layout and export figures, each against a plain baseline run on the same data in the same process. */
import dagre from '@dagrejs/dagre';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDocx } from '../../model/export/docx.ts';
import { exportMarkdown } from '../../model/export/markdown.ts';
import { layoutPlan } from '../../model/layout.ts';
import { checkPlan } from '../../model/rules.ts';
import { validatePlan, type PlanFile } from '../../model/schema.ts';
import { createPlanReader, docToPlan, planToDoc, updateNode } from '../../model/ydoc.ts';
import { generatePlan } from '../../model/generate.ts';
import { row, time, type BenchContext, type Row } from './harness.ts';

/** The least any check must do: one pass to build adjacency and one breadth-first walk over every node. */
function plainTraversal(plan: PlanFile): number {
  const index = new Map(plan.nodes.map((n, i) => [n.id, i]));
  const next: number[][] = plan.nodes.map(() => []);
  for (const e of plan.edges) next[index.get(e.from)!]!.push(index.get(e.to)!);
  const seen = new Uint8Array(plan.nodes.length);
  let visited = 0;
  for (let s = 0; s < plan.nodes.length; s++) {
    if (seen[s]) continue;
    const queue = [s];
    seen[s] = 1;
    while (queue.length) {
      const v = queue.pop()!;
      visited++;
      for (const w of next[v]!) if (!seen[w]) (seen[w] = 1), queue.push(w);
    }
  }
  return visited;
}

export async function modelBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const sizes = ctx.smoke ? [50, 100] : [100, 1000, 10000];
  let perNodeAt100 = 0;
  for (const size of sizes) {
    const plan = generatePlan(size);
    const check = await time(() => checkPlan(plan), ctx.size(3, 20));
    const traversal = await time(() => plainTraversal(plan), ctx.size(3, 20));
    rows.push(row('model', `checkPlan + coverage, ${size} nodes`, check, 'ms', 'plain BFS over the same graph', traversal));
    const perNode = check / plan.nodes.length;
    if (size === sizes[0]) perNodeAt100 = perNode;
    else rows.push(row('model', `check growth: time per node, ${size} vs ${sizes[0]} nodes`, perNode * 1000, 'µs/node', `time per node at ${sizes[0]} nodes`, perNodeAt100 * 1000, 'near 1 means linear'));
  }
  const thousand = generatePlan(ctx.size(100, 1000));
  const doc = planToDoc(thousand);
  rows.push(row('model', `docToPlan, ${thousand.nodes.length} nodes`, await time(() => docToPlan(doc), ctx.size(3, 20)), 'ms', 'structuredClone of the plan', await time(() => structuredClone(thousand), ctx.size(3, 20))));
  // what the editor does on every keystroke: apply the edit, re-read the plan incrementally, run the rules
  const editable = generatePlan(ctx.size(100, 500));
  const editDoc = planToDoc(editable);
  const reader = createPlanReader(editDoc, { edgeKeys: true });
  const edited = editable.nodes.find((n) => n.kind === 'output')!.id;
  let edit = 0;
  const liveCheck = await time(() => {
    updateNode(editDoc, edited, { title: `Redigeret ${edit++}` }, 'bench');
    return checkPlan(reader.read());
  }, ctx.size(3, 30));
  const fullCheck = await time(() => {
    updateNode(editDoc, edited, { title: `Redigeret ${edit++}` }, 'bench');
    return checkPlan(docToPlan(editDoc));
  }, ctx.size(3, 30));
  rows.push(row('model', `live check after an edit, ${editable.nodes.length} nodes (edit + incremental read + rules)`, liveCheck, 'ms', 'the same with a full docToPlan', fullCheck, 'the editor must follow an edit within 100 ms'));
  const text = JSON.stringify(thousand);
  rows.push(row('model', `validatePlan, ${thousand.nodes.length} nodes`, await time(() => validatePlan(JSON.parse(text)), ctx.size(3, 20)), 'ms', 'JSON.parse of the same file', await time(() => JSON.parse(text), ctx.size(3, 20))));
  return rows;
}

function plainDagre(plan: PlanFile): void {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of plan.nodes) g.setNode(n.id, { width: 220, height: 80 });
  for (const e of plan.edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
}

export async function layoutBench(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of ctx.smoke ? [30] : [100, 500]) {
    const plan = generatePlan(size);
    rows.push(row('layout', `layoutPlan, ${size} nodes`, await time(() => layoutPlan(plan), ctx.size(2, 5), 1), 'ms', 'one plain dagre run of the same graph', await time(() => plainDagre(plan), ctx.size(2, 5), 1)));
  }
  return rows;
}

export async function exportBench(ctx: BenchContext): Promise<Row[]> {
  const root = join(import.meta.dirname, '..', '..');
  const rumForLiv = JSON.parse(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;
  const big = generatePlan(ctx.size(100, 1000));
  const rows: Row[] = [];
  for (const [name, plan] of [['Rum for Liv', rumForLiv], [`${big.nodes.length} nodes`, big]] as const) {
    rows.push(row('export', `.docx, ${name}`, await time(() => exportDocx(plan), ctx.size(2, 5), 1), 'ms', 'Markdown export of the same plan', await time(() => exportMarkdown(plan), ctx.size(2, 5), 1)));
  }
  return rows;
}
