import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validatePlan, type PlanFile } from '../../model/schema.ts';
import { createPlanReader, createUndoManager, docToPlan, planToDoc, removeDanglingEdges, replacePlan } from '../../model/ydoc.ts';
import { applyOperation, operationArbitrary, planArbitrary, type Operation } from '../support/arbitraries.ts';

const REMOTE = Symbol('remote');
/** Set PROPERTY_RUNS_SCALE=10 (or more) for a longer soak run than the default suite does. */
const RUNS_SCALE = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const runs = (count: number) => ({ numRuns: Math.max(1, Math.round(count * RUNS_SCALE)) });

function expectValid(plan: PlanFile): void {
  const result = validatePlan(plan);
  expect(result.ok ? [] : result.problems).toEqual([]);
}

/** A small seeded generator, so that fast-check can replay and shrink a delivery order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

interface Replica {
  doc: Y.Doc;
  /** The updates this replica made itself, in order. */
  localUpdates: Uint8Array[];
}

/** Replicas of one plan, as browsers have them after loading it from the server. */
function replicasOf(plan: PlanFile, count: number): Replica[] {
  const state = Y.encodeStateAsUpdate(planToDoc(plan));
  return Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state, REMOTE);
    const replica: Replica = { doc, localUpdates: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) replica.localUpdates.push(update);
    });
    return replica;
  });
}

/** Every replica receives every other replica's updates, each in its own random order. */
function exchangeAll(replicas: Replica[], seed: number): void {
  const pending = replicas.map((target, index) =>
    shuffled(replicas.filter((source) => source !== target).flatMap((source) => source.localUpdates), seed + index),
  );
  replicas.forEach((target, index) => {
    for (const update of pending[index]!) Y.applyUpdate(target.doc, update, REMOTE);
  });
}

function syncPair(from: Replica, to: Replica): void {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), REMOTE);
}

type Step = { replica: number; operation: Operation } | { syncFrom: number; syncTo: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ replica: fc.nat({ max: 2 }), operation: operationArbitrary }) },
  { weight: 1, arbitrary: fc.record({ syncFrom: fc.nat({ max: 2 }), syncTo: fc.nat({ max: 2 }) }) },
);

function runSteps(replicas: Replica[], steps: readonly Step[]): void {
  for (const step of steps) {
    if ('operation' in step) {
      const replica = replicas[step.replica % replicas.length]!;
      applyOperation(replica.doc, step.operation, `user-${step.replica}`);
    } else {
      const from = replicas[step.syncFrom % replicas.length]!;
      const to = replicas[step.syncTo % replicas.length]!;
      if (from !== to) syncPair(from, to);
    }
  }
}

function expectConverged(replicas: Replica[]): PlanFile {
  const plans = replicas.map((replica) => docToPlan(replica.doc));
  const first = plans[0]!;
  for (const plan of plans) expect(plan).toStrictEqual(first);
  expectValid(first);
  return first;
}

describe('docToPlan(planToDoc(p))', () => {
  it('gives back p for generated valid plans', () => {
    fc.assert(
      fc.property(planArbitrary(), (plan) => {
        expectValid(plan);
        expect(docToPlan(planToDoc(plan))).toStrictEqual(plan);
      }),
      runs(200),
    );
  });

  it('gives back the second plan after replacePlan over the first', () => {
    fc.assert(
      fc.property(planArbitrary(), planArbitrary(), (first, second) => {
        const doc = planToDoc(first);
        replacePlan(doc, second, 'restore');
        expect(docToPlan(doc)).toStrictEqual(second);
      }),
      runs(100),
    );
  });
});

describe('concurrent random edits', () => {
  /** A plan, how many replicas, their edits and syncs, and a seed for the delivery order. */
  const randomEdits = [
    planArbitrary({ minNodes: 2, maxNodes: 6 }),
    fc.integer({ min: 2, max: 3 }),
    fc.array(stepArbitrary, { maxLength: 30 }),
    fc.nat(),
  ] as const;

  it('converge on two and three replicas to one valid plan, whatever the delivery order', () => {
    fc.assert(
      fc.property(
        ...randomEdits,
        (plan, count, steps, seed) => {
          const replicas = replicasOf(plan, count);
          runSteps(replicas, steps);
          exchangeAll(replicas, seed);
          expectConverged(replicas);
        },
      ),
      runs(150),
    );
  });

  /** Every replica removes the edges that lost an end, at once; afterwards they agree and none are left. */
  const cleanUpAtOnce = () =>
    fc.property(
      ...randomEdits,
      (plan, count, steps, seed) => {
        const replicas = replicasOf(plan, count);
        runSteps(replicas, steps);
        exchangeAll(replicas, seed);
        replicas.forEach((replica, index) => removeDanglingEdges(replica.doc, `user-${index}`));
        exchangeAll(replicas, seed + 7);
        const converged = expectConverged(replicas);
        for (const replica of replicas) {
          expect(removeDanglingEdges(replica.doc)).toBe(0);
          expect(replica.doc.getMap('edges').size).toBe(converged.edges.length);
        }
      },
    );

  it('stay converged when every replica cleans up dangling edges at once, and then none are left', () => {
    fc.assert(cleanUpAtOnce(), runs(100));
  });

  // issue 24: this seed found a focus area key holding {"__proto__": 0}, which lib0 drops on the other replicas;
  // such keys are refused at every door now (model/values.ts) and plans never hold them (test/unit/reserved-keys.test.ts)
  it('stay converged replayed with seed -1723885227, the run that once found a "__proto__" key', () => {
    fc.assert(cleanUpAtOnce(), { ...runs(100), seed: -1723885227 });
  });
});

describe('undo', () => {
  it('takes a doc back to where it started when all of one user’s random edits are undone', () => {
    fc.assert(
      fc.property(planArbitrary({ minNodes: 2, maxNodes: 6 }), fc.array(operationArbitrary, { maxLength: 15 }), (plan, operations) => {
        const doc = planToDoc(plan);
        const undo = createUndoManager(doc, 'me');
        for (const operation of operations) {
          applyOperation(doc, operation, 'me');
          undo.stopCapturing();
        }
        while (undo.canUndo()) undo.undo();
        expect(docToPlan(doc)).toStrictEqual(plan);
      }),
      runs(100),
    );
  });
});

describe('createPlanReader', () => {
  it('reads what docToPlan reads after every local or remote change', () => {
    fc.assert(
      fc.property(planArbitrary({ minNodes: 2, maxNodes: 6 }), fc.array(stepArbitrary, { maxLength: 25 }), fc.boolean(), (plan, steps, edgeKeys) => {
        const replicas = replicasOf(plan, 2);
        const watched = replicas[0]!.doc;
        const reader = createPlanReader(watched, { edgeKeys });
        expect(reader.read()).toStrictEqual(docToPlan(watched, { edgeKeys }));
        for (const step of steps) {
          runSteps(replicas, [step]);
          expect(reader.read()).toStrictEqual(docToPlan(watched, { edgeKeys }));
        }
        reader.destroy();
      }),
      runs(100),
    );
  });
});
