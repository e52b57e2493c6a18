import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffPlans, isEmptyDiff } from '../../model/diff.ts';
import type { PlanFile } from '../../model/schema.ts';
import { castVote, kindLocked, pauseTimer, readTimer, readVotes, resetTimer, setVoting, startTimer, timerRemaining } from '../../model/workshop.ts';

const base: PlanFile = {
  format: 'forandringskort/v1',
  plan: { title: 'A' },
  nodes: [
    { id: 'a', kind: 'aktivitet', title: 'Lektiecafé', position: { x: 0, y: 0 } },
    { id: 'i', kind: 'indikator', title: 'Brugere', target: { value: 40 } },
  ],
  edges: [{ from: 'a', to: 'i', kind: 'maales-ved' }],
};

describe('diffPlans', () => {
  it('lists added, removed and changed nodes with the fields, and ignores moves', () => {
    const after = structuredClone(base);
    after.nodes[0]!.position = { x: 300, y: 10 };
    after.nodes[1]!.target = { value: 50, year: 2027 };
    after.nodes.push({ id: 'm', kind: 'maal', title: 'Mål' });
    after.edges = [{ from: 'a', to: 'm', kind: 'bidrager-til' }];
    after.plan.title = 'B';
    const diff = diffPlans(base, after);
    expect(diff.plan).toEqual([{ field: 'title', before: 'A', after: 'B' }]);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['m']);
    expect(diff.nodes.removed).toEqual([]);
    expect(diff.nodes.changed).toEqual([{ id: 'i', before: base.nodes[1], after: after.nodes[1], fields: [{ field: 'target', before: { value: 40 }, after: { value: 50, year: 2027 } }] }]);
    expect(diff.edges.added).toHaveLength(1);
    expect(diff.edges.removed).toHaveLength(1);
    expect(diffPlans(base, after, { includePositions: true }).nodes.changed.map((c) => c.id)).toEqual(['a', 'i']);
  });
  it('finds nothing between a plan and itself', () => {
    expect(isEmptyDiff(diffPlans(base, structuredClone(base)))).toBe(true);
  });
});

describe('workshop state', () => {
  it('runs a timer: start, pause keeps the rest, start resumes, reset stops', () => {
    const doc = new Y.Doc();
    resetTimer(doc, 60_000);
    startTimer(doc, 1_000);
    expect(timerRemaining(readTimer(doc), 11_000)).toBe(50_000);
    pauseTimer(doc, 21_000);
    expect(readTimer(doc)).toMatchObject({ state: 'paused', remainingMs: 40_000 });
    expect(timerRemaining(readTimer(doc), 99_000)).toBe(40_000);
    startTimer(doc, 100_000);
    expect(timerRemaining(readTimer(doc), 130_000)).toBe(10_000);
    expect(timerRemaining(readTimer(doc), 999_000)).toBe(0);
    resetTimer(doc, 5 * 60_000);
    expect(timerRemaining(readTimer(doc), 0)).toBe(300_000);
  });
  it('keeps a person within the vote budget and lets them take a dot back', () => {
    const doc = new Y.Doc();
    setVoting(doc, { open: true, budget: 2 });
    expect(castVote(doc, 'Anna', 'a', 1)).toBe(true);
    expect(castVote(doc, 'Anna', 'a', 1)).toBe(true);
    expect(castVote(doc, 'Anna', 'b', 1)).toBe(false);
    expect(castVote(doc, 'Anna', 'a', -1)).toBe(true);
    expect(readVotes(doc).get('Anna')).toEqual(['a']);
  });
  it('locks kinds or everything', () => {
    expect(kindLocked({ all: false, kinds: ['aktivitet'] }, 'aktivitet')).toBe(true);
    expect(kindLocked({ all: false, kinds: ['aktivitet'] }, 'indikator')).toBe(false);
    expect(kindLocked({ all: true, kinds: [] }, 'indikator')).toBe(true);
  });
});
