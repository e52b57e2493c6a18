import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkEdge } from '../../model/grammar.ts';
import { validatePlan, type PlanFile } from '../../model/schema.ts';
import {
  addEdge,
  addFocusArea,
  addNode,
  createPlanReader,
  observePlan,
  createUndoManager,
  docToPlan,
  newId,
  planToDoc,
  removeDanglingEdges,
  removeEdge,
  removeFocusArea,
  removeNode,
  replacePlan,
  setNodePositions,
  updateEdge,
  updateFocusArea,
  updateNode,
  updatePlanInfo,
} from '../../model/ydoc.ts';

const LOCAL = { user: 'local' };
const OTHER = { user: 'other' };

function samplePlan(): PlanFile {
  return {
    format: 'forandringskort/v1',
    plan: { title: 'Rum for Liv', organisation: 'Lejerbo København', period: { from: 2013, to: 2016 }, order: 'bruger-nøgle' },
    focusAreas: [
      { id: 'io1', title: 'Børn, unge og familier', purpose: ['Flere gennemfører skolen'] },
      { id: 'io2', title: 'Tryghed' },
    ],
    nodes: [
      { id: 'a1', kind: 'aktivitet', title: 'Lektiecafé', focusArea: 'io1', partners: ['Dansk Flygtningehjælp'],
        anchoring: { strategy: 'partnerskab', note: 'Frivillige' }, status: 'gul', '~egen': 1, order: 7 },
      { id: 'o1', kind: 'output', title: '40 brugere', position: { x: 10, y: 20 } },
      { id: 'r1', kind: 'resultat', title: 'Lektier bliver lavet' },
      { id: 'm1', kind: 'maal', title: '95 % gennemfører en ungdomsuddannelse', horizon: 'lang', external: true },
      { id: 'i1', kind: 'indikator', title: 'Antal brugere', unit: 'brugere', target: { value: 40, year: 2013 },
        measurements: [{ date: '2013-06-30', value: 31 }] },
    ],
    edges: [
      { from: 'a1', to: 'o1', kind: 'leder-til' },
      { id: 'e2', from: 'o1', to: 'r1', kind: 'leder-til', rationale: 'fordi', assumptions: ['de kommer'] },
      { from: 'r1', to: 'm1', kind: 'bidrager-til' },
      { id: 'e4', from: 'o1', to: 'i1', kind: 'maales-ved' },
    ],
  };
}

function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    const update = Y.encodeStateAsUpdate(from);
    for (const to of docs) if (to !== from) Y.applyUpdate(to, update);
  }
}

/** Two replicas of the same plan, as two browsers would have after loading it. */
function twoReplicas(plan: PlanFile = samplePlan()): [Y.Doc, Y.Doc] {
  const a = planToDoc(plan);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function expectValid(plan: PlanFile): void {
  const result = validatePlan(plan);
  expect(result.ok ? [] : result.problems).toEqual([]);
}

function node(doc: Y.Doc, id: string) {
  return docToPlan(doc).nodes.find((n) => n.id === id);
}

describe('planToDoc and docToPlan', () => {
  it('give back the same plan: order, absent keys, id-less edges and unknown keys', () => {
    const plan = samplePlan();
    expect(docToPlan(planToDoc(plan))).toEqual(plan);
  });

  it('keep a missing focusAreas key missing and an empty one empty', () => {
    const { focusAreas: _dropped, ...withoutAreas } = samplePlan();
    const nodes = withoutAreas.nodes.map(({ focusArea: _f, ...rest }) => rest);
    const plan: PlanFile = { ...withoutAreas, nodes };
    expect('focusAreas' in docToPlan(planToDoc(plan))).toBe(false);
    expect(docToPlan(planToDoc({ ...plan, focusAreas: [] })).focusAreas).toEqual([]);
  });

  it('lays the doc out as documented: nested maps keyed by id, shared text for titles, one position value, an order', () => {
    const doc = planToDoc(samplePlan());
    const o1 = doc.getMap('nodes').get('o1') as Y.Map<unknown>;
    expect(o1).toBeInstanceOf(Y.Map);
    expect(o1.get('title')).toBeInstanceOf(Y.Text);
    expect(String(o1.get('title'))).toBe('40 brugere');
    expect((doc.getMap('edges').get('e2') as Y.Map<unknown>).get('rationale')).toBe('fordi');
    expect(o1.get('position')).toEqual({ x: 10, y: 20 });
    expect(o1.get('order')).toBe(1);
    expect((doc.getMap('plan').get('title'))).toBe('Rum for Liv');
    const idless = Array.from((doc.getMap('edges') as Y.Map<Y.Map<unknown>>).values()).filter((edge) => !edge.has('id'));
    expect(idless).toHaveLength(2);
  });

  it('give edges their keys as ids when asked, so the canvas can address id-less edges', () => {
    const doc = planToDoc(samplePlan());
    const edges = docToPlan(doc, { edgeKeys: true }).edges;
    expect(edges.every((edge) => typeof edge.id === 'string')).toBe(true);
    const first = edges[0]!;
    removeEdge(doc, first.id!);
    expect(docToPlan(doc).edges.map((edge) => edge.from + edge.to)).toEqual(['o1r1', 'r1m1', 'o1i1']);
  });

  it('do not share objects between the caller and the doc', () => {
    const plan = samplePlan();
    const doc = planToDoc(plan);
    plan.nodes[1]!.position!.x = 999;
    const read = docToPlan(doc);
    expect(read.nodes[1]!.position).toEqual({ x: 10, y: 20 });
    read.nodes[1]!.position!.x = 555;
    expect(docToPlan(doc).nodes[1]!.position).toEqual({ x: 10, y: 20 });
  });
});

describe('node mutators', () => {
  it('addNode appends a node and refuses a taken id or a bad kind in Danish', () => {
    const doc = planToDoc(samplePlan());
    addNode(doc, { id: 'a2', kind: 'aktivitet', title: 'Fritidsjob' }, LOCAL);
    expect(docToPlan(doc).nodes.at(-1)).toEqual({ id: 'a2', kind: 'aktivitet', title: 'Fritidsjob' });
    expect(() => addNode(doc, { id: 'a2', kind: 'output', title: 'x' })).toThrow(/findes allerede en node med id "a2"/);
    expect(() => addNode(doc, { id: 'a3', kind: 'bogus' as 'output', title: 'x' })).toThrow(/kind: forventede en af/);
  });

  it('updateNode changes and removes single fields in place', () => {
    const doc = planToDoc(samplePlan());
    const before = doc.getMap('nodes').get('a1');
    updateNode(doc, 'a1', { title: 'Lektiecafé for 6.-9. klasse', status: undefined }, LOCAL);
    expect(doc.getMap('nodes').get('a1')).toBe(before);
    const a1 = node(doc, 'a1')!;
    expect(a1.title).toBe('Lektiecafé for 6.-9. klasse');
    expect('status' in a1).toBe(false);
    expect(a1.partners).toEqual(['Dansk Flygtningehjælp']);
  });

  it('updateNode refuses invalid values and id changes, and ignores a node that is gone', () => {
    const doc = planToDoc(samplePlan());
    expect(() => updateNode(doc, 'a1', { status: 'blaa' as 'gul' })).toThrow(/status: forventede en af/);
    expect(() => updateNode(doc, 'a1', { title: undefined })).toThrow(/title: mangler/);
    expect(() => updateNode(doc, 'a1', { id: 'x' })).toThrow(/id kan ikke ændres/);
    updateNode(doc, 'findes-ikke', { title: 'x' });
    expect(docToPlan(doc)).toEqual(samplePlan());
  });

  it('removeNode removes the node and its edges in one transaction', () => {
    const doc = planToDoc(samplePlan());
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    removeNode(doc, 'o1', LOCAL);
    expect(transactions).toBe(1);
    const plan = docToPlan(doc);
    expect(plan.nodes.map((n) => n.id)).toEqual(['a1', 'r1', 'm1', 'i1']);
    expect(plan.edges).toEqual([{ from: 'r1', to: 'm1', kind: 'bidrager-til' }]);
    expect(doc.getMap('edges').size).toBe(1);
  });

  it('setNodePositions moves several nodes as one undo step and skips unknown ids', () => {
    const doc = planToDoc(samplePlan());
    const undo = createUndoManager(doc, LOCAL);
    setNodePositions(doc, { a1: { x: 1, y: 2 }, o1: { x: 3, y: 4 }, ghost: { x: 0, y: 0 } }, LOCAL);
    expect(node(doc, 'a1')!.position).toEqual({ x: 1, y: 2 });
    expect(node(doc, 'o1')!.position).toEqual({ x: 3, y: 4 });
    expect(node(doc, 'ghost')).toBeUndefined();
    undo.undo();
    expect(docToPlan(doc)).toEqual(samplePlan());
  });
});

describe('edge mutators', () => {
  it('addEdge adds an allowed edge with a new id', () => {
    const doc = planToDoc(samplePlan());
    const result = addEdge(doc, { from: 'a1', to: 'm1', kind: 'bidrager-til' }, LOCAL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(docToPlan(doc).edges.at(-1)).toEqual({ id: result.id, from: 'a1', to: 'm1', kind: 'bidrager-til' });
  });

  it('addEdge refuses what the grammar forbids with checkEdge’s reason', () => {
    const doc = planToDoc(samplePlan());
    const result = addEdge(doc, { from: 'r1', to: 'a1', kind: 'leder-til' });
    const verdict = checkEdge({ kind: 'leder-til', fromKind: 'resultat', toKind: 'aktivitet' });
    expect(verdict.allowed).toBe(false);
    expect(result).toEqual({ ok: false, reason: verdict.allowed ? '' : verdict.reason });
    expect(addEdge(doc, { from: 'a1', to: 'a1', kind: 'leder-til' })).toMatchObject({ ok: false, reason: /til kortet selv/ });
    expect(docToPlan(doc)).toEqual(samplePlan());
  });

  it('addEdge refuses duplicates, taken ids and missing nodes', () => {
    const doc = planToDoc(samplePlan());
    expect(addEdge(doc, { from: 'a1', to: 'o1', kind: 'leder-til' })).toEqual({ ok: false, reason: 'Den kant findes allerede.' });
    expect(addEdge(doc, { id: 'e2', from: 'a1', to: 'r1', kind: 'leder-til' })).toMatchObject({ ok: false, reason: /id "e2"/ });
    expect(addEdge(doc, { from: 'a1', to: 'zz', kind: 'leder-til' })).toMatchObject({ ok: false, reason: /"zz", for den node findes ikke/ });
    expect(docToPlan(doc)).toEqual(samplePlan());
  });

  it('updateEdge changes fields and re-checks the grammar when the ends change', () => {
    const doc = planToDoc(samplePlan());
    updateEdge(doc, 'e2', { rationale: 'nyt rationale', assumptions: undefined }, LOCAL);
    expect(docToPlan(doc).edges[1]).toEqual({ id: 'e2', from: 'o1', to: 'r1', kind: 'leder-til', rationale: 'nyt rationale' });
    expect(() => updateEdge(doc, 'e2', { to: 'a1' })).toThrow(/baglæns/);
    expect(() => updateEdge(doc, 'e2', { kind: 'maales-ved' })).toThrow(/indikator/);
  });

  it('removeEdge removes one edge', () => {
    const doc = planToDoc(samplePlan());
    removeEdge(doc, 'e4', LOCAL);
    expect(docToPlan(doc).edges.map((edge) => edge.id ?? '-')).toEqual(['-', 'e2', '-']);
  });
});

describe('plan info and focus areas', () => {
  it('updatePlanInfo changes and removes fields, but not the title', () => {
    const doc = planToDoc(samplePlan());
    updatePlanInfo(doc, { vision: 'Et godt sted at bo', organisation: undefined }, LOCAL);
    const info = docToPlan(doc).plan;
    expect(info.vision).toBe('Et godt sted at bo');
    expect('organisation' in info).toBe(false);
    expect(() => updatePlanInfo(doc, { title: undefined })).toThrow(/title: mangler/);
  });

  it('add, rename and remove focus areas; nodes stay and lose their focus area', () => {
    const doc = planToDoc(samplePlan());
    addFocusArea(doc, { id: 'io3', title: 'Beskæftigelse' }, LOCAL);
    updateFocusArea(doc, 'io1', { title: 'Børn og unge' }, LOCAL);
    expect(() => addFocusArea(doc, { id: 'io3', title: 'igen' })).toThrow(/findes allerede et indsatsområde/);
    expect(docToPlan(doc).focusAreas!.map((a) => `${a.id}:${a.title}`)).toEqual(['io1:Børn og unge', 'io2:Tryghed', 'io3:Beskæftigelse']);
    removeFocusArea(doc, 'io1', LOCAL);
    const plan = docToPlan(doc);
    expect(plan.focusAreas!.map((a) => a.id)).toEqual(['io2', 'io3']);
    expect(node(doc, 'a1')).toBeDefined();
    expect('focusArea' in node(doc, 'a1')!).toBe(false);
  });

  it('replacePlan makes the doc hold exactly the new plan, in one transaction, keeping unchanged objects', () => {
    const doc = planToDoc(samplePlan());
    const keptMap = doc.getMap('nodes').get('r1');
    const next = samplePlan();
    next.nodes = next.nodes.filter((n) => n.id !== 'm1');
    next.edges = next.edges.filter((e) => e.to !== 'm1');
    next.nodes[0]!.title = 'Ny titel';
    let transactions = 0;
    doc.on('afterTransaction', () => (transactions += 1));
    replacePlan(doc, next, LOCAL);
    expect(transactions).toBe(1);
    expect(docToPlan(doc)).toEqual(next);
    expect(doc.getMap('nodes').get('r1')).toBe(keptMap);
  });
});

describe('newId', () => {
  it('makes short, prefixed, distinct ids', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId('a')));
    expect(ids.size).toBe(5000);
    for (const id of ids) expect(id).toMatch(/^a-[0-9a-z]{10}$/);
  });
});

describe('undo', () => {
  it('undoes only its own origin, leaving others’ changes alone', () => {
    const [a, b] = twoReplicas();
    const undoA = createUndoManager(a, LOCAL);
    addNode(a, { id: 'a2', kind: 'aktivitet', title: 'A’s aktivitet' }, LOCAL);
    undoA.stopCapturing();
    updateNode(b, 'r1', { title: 'B’s titel' }, OTHER);
    sync(a, b);
    updateNode(a, 'r1', { description: 'fra anden kilde på A' }, OTHER);
    undoA.undo();
    sync(a, b);
    for (const doc of [a, b]) {
      expect(node(doc, 'a2')).toBeUndefined();
      expect(node(doc, 'r1')!.title).toBe('B’s titel');
      expect(node(doc, 'r1')!.description).toBe('fra anden kilde på A');
    }
    undoA.redo();
    expect(node(a, 'a2')!.title).toBe('A’s aktivitet');
  });

  it('brings a removed node back with its edges in one step', () => {
    const doc = planToDoc(samplePlan());
    const undo = createUndoManager(doc, LOCAL);
    removeNode(doc, 'o1', LOCAL);
    undo.undo();
    expect(docToPlan(doc)).toEqual(samplePlan());
  });
});

describe('concurrent edits', () => {
  it('keep both people’s edits to different fields of one node', () => {
    const [a, b] = twoReplicas();
    updateNode(a, 'a1', { title: 'Titel fra A' }, LOCAL);
    updateNode(b, 'a1', { description: 'Beskrivelse fra B' }, OTHER);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(node(doc, 'a1')).toMatchObject({ title: 'Titel fra A', description: 'Beskrivelse fra B', status: 'gul' });
    }
  });

  it('do not bring back a node that someone deleted while another edited it', () => {
    const [a, b] = twoReplicas();
    removeNode(a, 'r1', LOCAL);
    updateNode(b, 'r1', { title: 'rettet' }, OTHER);
    setNodePositions(b, { r1: { x: 5, y: 5 } }, OTHER);
    sync(a, b);
    expect(node(a, 'r1')).toBeUndefined();
    expect(docToPlan(b)).toEqual(docToPlan(a));
  });

  it('leave no dangling edge when a node is deleted while someone draws an edge to it', () => {
    const [a, b] = twoReplicas();
    removeNode(a, 'm1', LOCAL);
    expect(addEdge(b, { id: 'ny', from: 'a1', to: 'm1', kind: 'bidrager-til' }, OTHER).ok).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      const plan = docToPlan(doc);
      expect(plan.edges.some((edge) => edge.to === 'm1')).toBe(false);
      expectValid(plan);
    }
    expect(a.getMap('edges').has('ny')).toBe(true);
    expect(removeDanglingEdges(a, LOCAL)).toBe(1);
    expect(removeDanglingEdges(b, OTHER)).toBe(1);
    sync(a, b);
    expect(removeDanglingEdges(a)).toBe(0);
    expect(a.getMap('edges').has('ny')).toBe(false);
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
    expect(docToPlan(a)).toEqual(docToPlan(b));
  });

  it('drop a node’s focus area that was removed while someone assigned it', () => {
    const [a, b] = twoReplicas();
    removeFocusArea(a, 'io2', LOCAL);
    updateNode(b, 'r1', { focusArea: 'io2' }, OTHER);
    sync(a, b);
    for (const doc of [a, b]) {
      const plan = docToPlan(doc);
      expect('focusArea' in plan.nodes.find((n) => n.id === 'r1')!).toBe(false);
      expectValid(plan);
    }
  });

  it('read a doc written by a misbehaving peer as a valid plan, dropping only what is broken', () => {
    const doc = planToDoc(samplePlan());
    const nodes = doc.getMap('nodes') as Y.Map<Y.Map<unknown>>;
    nodes.get('a1')!.set('status', 'blaa');
    nodes.get('o1')!.delete('title');
    const bogus = new Y.Map<unknown>();
    bogus.set('kind', 'bogus');
    bogus.set('title', 'x');
    nodes.set('x1', bogus);
    doc.getMap('plan').set('title', 42);
    const plan = docToPlan(doc);
    expectValid(plan);
    expect('status' in plan.nodes[0]!).toBe(false);
    expect(plan.nodes[0]!.title).toBe('Lektiecafé');
    expect(plan.nodes[1]!.title).toBe('');
    expect(plan.nodes.some((n) => n.id === 'x1')).toBe(false);
    expect(plan.plan.title).toBe('');
  });
});

describe('createPlanReader', () => {
  it('keeps the identity of what did not change and gives changed objects anew', () => {
    const doc = planToDoc(samplePlan());
    const reader = createPlanReader(doc);
    const before = reader.read();
    updateNode(doc, 'o1', { title: 'Nyt output' }, LOCAL);
    updatePlanInfo(doc, { vision: 'Vision' }, LOCAL);
    const after = reader.read();
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.edges[1]).toBe(before.edges[1]);
    expect(after.focusAreas![0]).toBe(before.focusAreas![0]);
    expect(after.nodes[1]).not.toBe(before.nodes[1]);
    expect(after.nodes[1]!.title).toBe('Nyt output');
    expect(after.plan.vision).toBe('Vision');
    expect(after).toEqual(docToPlan(doc));
  });

  it('drops a removed focus area from a cached node without changing the cached object', () => {
    const doc = planToDoc(samplePlan());
    const reader = createPlanReader(doc);
    const cachedA1 = reader.read().nodes[0]!;
    removeFocusArea(doc, 'io1', LOCAL);
    expect('focusArea' in reader.read().nodes[0]!).toBe(false);
    expect(cachedA1.focusArea).toBe('io1');
  });
});

describe('observePlan', () => {
  it('reports the plan after local and remote changes to it, not after other roots change, until stopped', () => {
    const [a, b] = twoReplicas();
    const seen: PlanFile[] = [];
    const stop = observePlan(a, (plan) => seen.push(plan));
    updateNode(a, 'a1', { title: 'Lokal' }, LOCAL);
    updateNode(b, 'r1', { title: 'Fjern' }, OTHER);
    sync(a, b);
    a.getMap('workshop').set('timer', 300);
    expect(seen.map((plan) => [plan.nodes[0]!.title, plan.nodes[2]!.title])).toEqual([
      ['Lokal', 'Lektier bliver lavet'],
      ['Lokal', 'Fjern'],
    ]);
    expect(seen[1]!.nodes[1]).toBe(seen[0]!.nodes[1]);
    stop();
    updateNode(a, 'a1', { title: 'Efter stop' }, LOCAL);
    expect(seen).toHaveLength(2);
  });
});

describe('a doc written by a misbehaving peer', () => {
  it('keeps the mutators working when a root holds plain values instead of nested maps', () => {
    const doc = planToDoc(samplePlan());
    (doc.getMap('nodes') as Y.Map<unknown>).set('junk', { kind: 'aktivitet', title: 'ikke et Y.Map' });
    (doc.getMap('edges') as Y.Map<unknown>).set('junk-edge', 'tekst');
    addNode(doc, { id: 'a2', kind: 'aktivitet', title: 'Ny' }, LOCAL);
    expect(addEdge(doc, { from: 'a2', to: 'o1', kind: 'leder-til' }, LOCAL).ok).toBe(true);
    removeNode(doc, 'o1', LOCAL);
    const plan = docToPlan(doc);
    expectValid(plan);
    expect(plan.nodes.map((n) => n.id)).toEqual(['a1', 'r1', 'm1', 'i1', 'a2']);
    expect(removeDanglingEdges(doc)).toBe(1);
  });

  it('refuses an edge to a node whose kind is broken, in Danish', () => {
    const doc = planToDoc(samplePlan());
    (doc.getMap('nodes') as Y.Map<Y.Map<unknown>>).get('r1')!.set('kind', 'bogus');
    expect(addEdge(doc, { from: 'a1', to: 'r1', kind: 'leder-til' })).toMatchObject({ ok: false, reason: /"r1", for den node findes ikke/ });
  });
});

describe('speed', () => {
  it('reads a 1,000-node plan (timing goes in the benchmark; this checks the size round-trips)', () => {
    const plan: PlanFile = { format: 'forandringskort/v1', plan: { title: 'Stor' }, nodes: [], edges: [] };
    for (let i = 0; i < 1000; i += 1) plan.nodes.push({ id: `n${i}`, kind: i % 2 ? 'output' : 'aktivitet', title: `Node ${i}` });
    for (let i = 0; i + 1 < 1000; i += 2) plan.edges.push({ id: `e${i}`, from: `n${i}`, to: `n${i + 1}`, kind: 'leder-til' });
    expect(docToPlan(planToDoc(plan))).toEqual(plan);
  });
});
