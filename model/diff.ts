/** What changed between two plans: nodes and edges added, removed and changed, with the fields. */
import type { PlanEdge, PlanFile, PlanNode } from './schema.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface Changed<T> {
  id: string;
  before: T;
  after: T;
  fields: FieldChange[];
}

export interface PlanDiff {
  plan: FieldChange[];
  nodes: { added: PlanNode[]; removed: PlanNode[]; changed: Changed<PlanNode>[] };
  edges: { added: PlanEdge[]; removed: PlanEdge[]; changed: Changed<PlanEdge>[] };
}

/** An edge's identity: its id, or its ends and kind when it has none. */
export function edgeKey(edge: PlanEdge): string {
  return edge.id ?? `${edge.from}→${edge.to}:${edge.kind}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Field changes between two objects; `position` is left out unless asked for (moving a card is not a change of content). */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, ignore: string[] = []): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !ignore.includes(k)).sort();
  return keys.filter((k) => !same(before[k], after[k])).map((field) => ({ field, before: before[field], after: after[field] }));
}

function diffList<T extends Record<string, unknown>>(before: T[], after: T[], key: (item: T) => string, ignore: string[]) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  const added = after.filter((item) => !old.has(key(item)));
  const removed = before.filter((item) => !now.has(key(item)));
  const changed: Changed<T>[] = [];
  for (const [id, item] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const fields = fieldChanges(previous, item, ignore);
    if (fields.length > 0) changed.push({ id, before: previous, after: item, fields });
  }
  return { added, removed, changed };
}

export function diffPlans(before: PlanFile, after: PlanFile, options: { includePositions?: boolean } = {}): PlanDiff {
  const ignore = options.includePositions ? [] : ['position'];
  return {
    plan: fieldChanges(before.plan, after.plan),
    nodes: diffList(before.nodes, after.nodes, (n) => n.id, ignore),
    edges: diffList(before.edges, after.edges, edgeKey, []),
  };
}

export function isEmptyDiff(diff: PlanDiff): boolean {
  return diff.plan.length === 0 && [diff.nodes, diff.edges].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
}
