// Small plans for unit tests: nodes titled after their id, edges as [from, to, kind].
import type { PlanEdge, PlanFile, PlanNode } from '../../model/schema.ts';

export type NodeSpec = Partial<PlanNode> & Pick<PlanNode, 'id' | 'kind'>;
export type EdgeSpec = [from: string, to: string, kind: PlanEdge['kind']];

export function plan(nodes: NodeSpec[], edges: EdgeSpec[] = []): PlanFile {
  return {
    format: 'forandringskort/v1',
    plan: { title: 'Test' },
    nodes: nodes.map((n) => ({ title: `Titel ${n.id}`, ...n })),
    edges: edges.map(([from, to, kind]) => ({ from, to, kind })),
  };
}
