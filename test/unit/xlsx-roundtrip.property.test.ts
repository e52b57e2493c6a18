// json → xlsx → json is lossless over generated plans: every key of the plan file comes back, also the follow-up
// keys (statusLog, targets, notes of measurements), users' own keys, empty lists and texts a cell would change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportXlsxWithNotes, importXlsx } from '../../model/export/xlsx.ts';
import { planArbitrary } from '../support/arbitraries.ts';

describe('json → xlsx → json', () => {
  it('gives the same plan, and the workbook says it left nothing out', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary({ followUp: true, maxNodes: 6 }), async (plan) => {
        const { data, notes } = await exportXlsxWithNotes(plan);
        expect(notes).toEqual([]);
        const back = await importXlsx(data);
        if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
        expect(back.plan).toEqual(plan);
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
