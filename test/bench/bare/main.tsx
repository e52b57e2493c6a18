// The benchmark's baseline: a bare React Flow page with the same nodes and edges, no sync, no custom nodes.
import '@xyflow/react/dist/style.css';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import { createRoot } from 'react-dom/client';

interface BenchPlan { nodes: { id: string; title: string; position?: { x: number; y: number } }[]; edges: { from: string; to: string }[] }

function Flow({ plan }: { plan: BenchPlan }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(plan.nodes.map((n, i) => ({ id: n.id, position: n.position ?? { x: (i % 20) * 260, y: Math.floor(i / 20) * 120 }, data: { label: n.title } })));
  const [edges, , onEdgesChange] = useEdgesState<Edge>(plan.edges.map((e, i) => ({ id: `e${i}`, source: e.from, target: e.to })));
  return <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView minZoom={0.1} maxZoom={2.5} onlyRenderVisibleElements={plan.nodes.length > 300} />;
}

fetch('./plan.json').then((r) => r.json()).then((plan: BenchPlan) => createRoot(document.getElementById('root')!).render(<Flow plan={plan} />));
