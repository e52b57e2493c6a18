// Live text (issue 20, point 5): node titles and descriptions are shared text. Two replicas typing in one title
// both keep their words, undo takes back only one's own typing, readers get the same JSON as before, and docs
// stored with plain strings read the same and convert without loss.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PlanFile } from '../../model/schema.ts';
import {
  createPlanReader,
  createUndoManager,
  docToPlan,
  editNodeText,
  hasLegacyText,
  legacyTextUpdate,
  NODE_TEXT_FIELDS,
  nodeText,
  planToDoc,
  replacePlan,
  textChange,
  updateNode,
  watchNodeText,
  type NodeTextEvent,
} from '../../model/ydoc.ts';
import { mapIndex } from '../../client/useSharedText.ts';

const ALICE = { user: 'alice' };
const BOB = { user: 'bob' };
const rumForLiv = (): PlanFile => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'rum-for-liv.json'), 'utf8')) as PlanFile;

function replica(of: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  return doc;
}

function sync(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (to !== from) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Types `word` key by key at `at`, as a field does: each keystroke is the field's whole new value and its caret. */
function type(doc: Y.Doc, id: string, word: string, at: number | 'end', origin: unknown): void {
  for (const char of word) {
    const current = docToPlan(doc).nodes.find((n) => n.id === id)!.title;
    const index = at === 'end' ? current.length : at;
    editNodeText(doc, id, 'title', current.slice(0, index) + char + current.slice(index), origin, index + char.length);
    if (at !== 'end') at += char.length;
  }
}

const titleOf = (doc: Y.Doc, id: string) => docToPlan(doc).nodes.find((n) => n.id === id)!.title;

/** A doc as main stored it before shared text: every title and description a plain string in the node's map. */
function legacyDoc(plan: PlanFile): Y.Doc {
  const doc = planToDoc(plan);
  const nodes = doc.getMap('nodes') as Y.Map<Y.Map<unknown>>;
  doc.transact(() => {
    nodes.forEach((map) => {
      for (const field of NODE_TEXT_FIELDS) if (map.get(field) instanceof Y.Text) map.set(field, String(map.get(field)));
    });
  });
  return replica(doc);
}

describe('shared text in a title', () => {
  it('keeps both words when two people type in one title at once, each word in one piece', () => {
    const a = planToDoc(rumForLiv());
    const b = replica(a);
    const id = docToPlan(a).nodes[0]!.id;
    const before = titleOf(a, id);
    type(a, id, ' for alle', 'end', ALICE);
    type(b, id, 'Ny ', 0, BOB);
    sync(a, b);
    expect(titleOf(a, id)).toBe(`Ny ${before} for alle`);
    expect(titleOf(b, id)).toBe(titleOf(a, id));
  });

  it('keeps both words when both type at the very same place', () => {
    const a = planToDoc(rumForLiv());
    const b = replica(a);
    const id = docToPlan(a).nodes[0]!.id;
    type(a, id, ' alfa', 'end', ALICE);
    type(b, id, ' beta', 'end', BOB);
    sync(a, b);
    const title = titleOf(a, id);
    expect(title).toContain(' alfa');
    expect(title).toContain(' beta');
    expect(titleOf(b, id)).toBe(title);
  });

  it('sends a keystroke as a small update, not the whole title', () => {
    const a = planToDoc(rumForLiv());
    const id = docToPlan(a).nodes[0]!.id;
    const longTitle = 'x'.repeat(2000);
    updateNode(a, id, { title: longTitle }, ALICE);
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    editNodeText(a, id, 'title', longTitle.slice(0, 1000) + 'y' + longTitle.slice(1000), ALICE, 1001);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.byteLength).toBeLessThan(64);
    expect(titleOf(a, id)).toBe(longTitle.slice(0, 1000) + 'y' + longTitle.slice(1000));
  });

  it('writes updateNode titles into the same shared text by their difference', () => {
    const a = planToDoc(rumForLiv());
    const b = replica(a);
    const id = docToPlan(a).nodes[0]!.id;
    const text = nodeText(a, id, 'title');
    const before = titleOf(a, id);
    expect(text).toBeInstanceOf(Y.Text);
    // a whole new title (the Disposition, an import) changes only its start: the other's keystroke at the end stays
    updateNode(a, id, { title: `Nyt: ${before}` }, ALICE);
    type(b, id, '!', 'end', BOB);
    sync(a, b);
    expect(nodeText(a, id, 'title')).toBe(text);
    expect(titleOf(a, id)).toBe(`Nyt: ${before}!`);
    expect(titleOf(b, id)).toBe(`Nyt: ${before}!`);
  });

  it('drops characters XML does not allow, as every other field does', () => {
    const a = planToDoc(rumForLiv());
    const id = docToPlan(a).nodes[0]!.id;
    editNodeText(a, id, 'title', 'Lektie\u0001café\uFFFE', ALICE);
    expect(titleOf(a, id)).toBe('Lektiecafé');
  });
});

describe('undo with shared text', () => {
  it('undoes only one’s own typing, and redoes it, whatever the other typed meanwhile', () => {
    const a = planToDoc(rumForLiv());
    const b = replica(a);
    const id = docToPlan(a).nodes[0]!.id;
    const before = titleOf(a, id);
    const undoA = createUndoManager(a, ALICE);
    const undoB = createUndoManager(b, BOB);
    type(a, id, ' for alle', 'end', ALICE);
    sync(a, b);
    type(b, id, 'Ny ', 0, BOB);
    sync(a, b);
    expect(titleOf(a, id)).toBe(`Ny ${before} for alle`);
    undoA.undo();
    sync(a, b);
    expect(titleOf(b, id)).toBe(`Ny ${before}`);
    undoB.undo();
    sync(a, b);
    expect(titleOf(a, id)).toBe(before);
    undoA.redo();
    sync(a, b);
    expect(titleOf(b, id)).toBe(`${before} for alle`);
  });

  it('undoes a typing burst in one step and a later burst on its own', () => {
    const a = planToDoc(rumForLiv());
    const id = docToPlan(a).nodes[0]!.id;
    const undo = createUndoManager(a, ALICE);
    const before = titleOf(a, id);
    type(a, id, ' en', 'end', ALICE);
    undo.stopCapturing();
    type(a, id, ' to', 'end', ALICE);
    undo.undo();
    expect(titleOf(a, id)).toBe(`${before} en`);
    undo.undo();
    expect(titleOf(a, id)).toBe(before);
  });
});

describe('the same JSON for readers', () => {
  it('reads a plan back exactly as it was given, also after live edits back to the same words', () => {
    const plan = rumForLiv();
    const doc = planToDoc(plan);
    expect(docToPlan(doc)).toEqual(plan);
    const read = JSON.stringify(docToPlan(doc));
    const node = plan.nodes.find((n) => n.description !== undefined)!;
    editNodeText(doc, node.id, 'description', `${node.description} og mere`, ALICE);
    editNodeText(doc, node.id, 'description', node.description!, ALICE);
    expect(JSON.stringify(docToPlan(doc))).toBe(read);
  });

  it('reads a doc stored with plain strings as the same JSON as the doc with shared text', () => {
    const plan = rumForLiv();
    const legacy = legacyDoc(plan);
    expect(hasLegacyText(legacy)).toBe(true);
    expect(JSON.stringify(docToPlan(legacy))).toBe(JSON.stringify(docToPlan(planToDoc(plan))));
  });

  it('gives a fresh node object to the reader only for the node whose title was typed in', () => {
    const doc = planToDoc(rumForLiv());
    const reader = createPlanReader(doc);
    const first = reader.read();
    const [typed, other] = first.nodes;
    editNodeText(doc, typed!.id, 'title', `${typed!.title}!`, ALICE);
    const second = reader.read();
    expect(second.nodes[0]).not.toBe(typed);
    expect(second.nodes[0]!.title).toBe(`${typed!.title}!`);
    expect(second.nodes[1]).toBe(other);
  });
});

describe('plans stored before shared text', () => {
  it('convert in one update to shared text with the same characters, and read the same', () => {
    const plan = rumForLiv();
    const doc = legacyDoc(plan);
    const before = JSON.stringify(docToPlan(doc));
    const transactions: Y.Transaction[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => transactions.push(tr));
    const update = legacyTextUpdate(doc)!;
    Y.applyUpdate(doc, update);
    expect(transactions).toHaveLength(1);
    expect(hasLegacyText(doc)).toBe(false);
    expect(legacyTextUpdate(doc)).toBeNull();
    for (const node of plan.nodes) {
      expect(nodeText(doc, node.id, 'title')).toBeInstanceOf(Y.Text);
      if (node.description !== undefined) expect(nodeText(doc, node.id, 'description')).toBeInstanceOf(Y.Text);
    }
    expect(JSON.stringify(docToPlan(doc))).toBe(before);
  });

  it('give the same update for the same state (two servers converting at once write it once) and never double text', () => {
    const legacy = legacyDoc(rumForLiv());
    const one = legacyTextUpdate(replica(legacy))!;
    const two = legacyTextUpdate(replica(legacy))!;
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
    // a replica that changed meanwhile converts with another client id: one text per field wins, nothing doubles
    const changed = replica(legacy);
    const id = docToPlan(changed).nodes[0]!.id;
    changed.getMap('plan').set('vision', 'Et godt sted at bo');
    const three = legacyTextUpdate(changed)!;
    const merged = replica(legacy);
    for (const update of [one, three, two]) Y.applyUpdate(merged, update);
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(changed));
    expect(titleOf(merged, id)).toBe(titleOf(legacy, id));
    expect(JSON.stringify(docToPlan(merged).nodes)).toBe(JSON.stringify(docToPlan(legacy).nodes));
  });

  it('take an old editor’s string write, and the next keystroke makes the field shared text again', () => {
    const doc = planToDoc(rumForLiv());
    const id = docToPlan(doc).nodes[0]!.id;
    (doc.getMap('nodes').get(id) as Y.Map<unknown>).set('title', 'Skrevet af en gammel fane');
    expect(titleOf(doc, id)).toBe('Skrevet af en gammel fane');
    expect(typeof nodeText(doc, id, 'title')).toBe('string');
    editNodeText(doc, id, 'title', 'Skrevet af en gammel fane!', ALICE);
    expect(nodeText(doc, id, 'title')).toBeInstanceOf(Y.Text);
    expect(titleOf(doc, id)).toBe('Skrevet af en gammel fane!');
  });

  it('import over a converted plan keeps each title’s shared text', () => {
    const plan = rumForLiv();
    const doc = planToDoc(plan);
    const id = plan.nodes[0]!.id;
    const text = nodeText(doc, id, 'title');
    replacePlan(doc, { ...plan, nodes: plan.nodes.map((n) => (n.id === id ? { ...n, title: `${n.title} (ny)` } : n)) }, ALICE);
    expect(nodeText(doc, id, 'title')).toBe(text);
    expect(titleOf(doc, id)).toBe(`${plan.nodes[0]!.title} (ny)`);
  });
});

describe('watchNodeText', () => {
  it('reports each edit with its delta, and follows the field when it is replaced or the node comes back', () => {
    const doc = planToDoc(rumForLiv());
    const id = docToPlan(doc).nodes[0]!.id;
    const title = titleOf(doc, id);
    const seen: NodeTextEvent[] = [];
    const stop = watchNodeText(doc, id, 'title', (event) => seen.push(event));
    editNodeText(doc, id, 'title', `${title}!`, BOB);
    expect(seen.at(-1)).toMatchObject({ text: `${title}!`, delta: [{ retain: title.length }, { insert: '!' }] });
    (doc.getMap('nodes').get(id) as Y.Map<unknown>).set('title', new Y.Text('Ny tekst'));
    expect(seen.at(-1)).toMatchObject({ text: 'Ny tekst', delta: null });
    editNodeText(doc, id, 'title', 'Ny tekst?', BOB);
    expect(seen.at(-1)).toMatchObject({ text: 'Ny tekst?', delta: [{ retain: 8 }, { insert: '?' }] });
    const count = seen.length;
    stop();
    editNodeText(doc, id, 'title', 'Stille', BOB);
    expect(seen).toHaveLength(count);
  });

  it('finds the field’s text when its undo brings a deleted node back', () => {
    const doc = planToDoc(rumForLiv());
    const id = docToPlan(doc).nodes[0]!.id;
    const undo = createUndoManager(doc, ALICE);
    const seen: string[] = [];
    watchNodeText(doc, id, 'title', (event) => seen.push(event.text));
    doc.transact(() => doc.getMap('nodes').delete(id), ALICE);
    undo.undo();
    editNodeText(doc, id, 'title', 'Tilbage', BOB);
    expect(seen.at(-1)).toBe('Tilbage');
  });
});

describe('textChange', () => {
  it('places a change at the caret when the text around it repeats, and never splits a surrogate pair', () => {
    expect(textChange('aa', 'aaa', 1)).toEqual({ index: 0, removed: 0, inserted: 'a' });
    expect(textChange('aa', 'aaa', 3)).toEqual({ index: 2, removed: 0, inserted: 'a' });
    expect(textChange('abc', 'aXc')).toEqual({ index: 1, removed: 1, inserted: 'X' });
    expect(textChange('😀', '😃')).toEqual({ index: 0, removed: 2, inserted: '😃' });
    expect(textChange('same', 'same')).toBeNull();
  });
});

describe('mapIndex (the field’s caret through another person’s edit)', () => {
  it('moves the caret past text inserted before it, and keeps it before text inserted at it', () => {
    expect(mapIndex(5, [{ insert: 'Ny ' }])).toBe(8);
    expect(mapIndex(5, [{ retain: 5 }, { insert: '!' }])).toBe(5);
    expect(mapIndex(5, [{ retain: 5 }, { insert: '!' }], true)).toBe(6);
    expect(mapIndex(5, [{ retain: 7 }, { insert: '!' }])).toBe(5);
  });

  it('pulls the caret back over text deleted before it, and to the start of a deletion around it', () => {
    expect(mapIndex(5, [{ delete: 2 }])).toBe(3);
    expect(mapIndex(5, [{ retain: 3 }, { delete: 4 }])).toBe(3);
    expect(mapIndex(5, [{ retain: 5 }, { delete: 4 }])).toBe(5);
    expect(mapIndex(5, [{ retain: 1 }, { delete: 1 }, { retain: 1 }, { insert: 'ab' }])).toBe(6);
  });

  it('agrees with what the other replica’s text became, for each position', () => {
    const a = planToDoc(rumForLiv());
    const b = replica(a);
    const id = docToPlan(a).nodes[0]!.id;
    const before = titleOf(a, id);
    const deltas: NonNullable<Y.YTextEvent['delta']>[] = [];
    watchNodeText(a, id, 'title', (event) => event.delta && deltas.push(event.delta));
    editNodeText(b, id, 'title', `Ny ${before.slice(0, 4)}${before.slice(6)}`, BOB);
    sync(a, b);
    const after = titleOf(a, id);
    // the characters after the edit keep their place: what stood at a position still stands at its mapped one
    for (let index = 6; index < before.length; index++) expect(after[mapIndex(index, deltas[0]!)]).toBe(before[index]);
  });
});
