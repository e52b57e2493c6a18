import { describe, expect, it } from 'vitest';
import { checkSummary } from '../../client/checkSummary.ts';
import { checkPlan } from '../../model/rules.ts';
import type { PlanFile } from '../../model/schema.ts';

const plan = (nodes: PlanFile['nodes'], edges: PlanFile['edges'] = []): PlanFile => ({ format: 'forandringskort/v1', plan: { title: 'T' }, nodes, edges });

describe('what the live region says after an edit', () => {
  it('counts activities without a goal and without an indicator, in the right number', () => {
    const two = plan([{ id: 'a', kind: 'aktivitet', title: 'A' }, { id: 'b', kind: 'aktivitet', title: 'B' }]);
    expect(checkSummary(checkPlan(two), 'da')).toMatch(/^Tjek: 2 aktiviteter når intet mål · 2 aktiviteter måles ikke/);
    const one = plan([{ id: 'a', kind: 'aktivitet', title: 'A' }, { id: 'm', kind: 'maal', title: 'M' }], [{ from: 'a', to: 'm', kind: 'bidrager-til' }]);
    expect(checkSummary(checkPlan(one), 'da')).toMatch(/^Tjek: 1 aktivitet måles ikke( ·|\.)/);
    expect(checkSummary(checkPlan(one), 'en')).toMatch(/^Check: 1 activity not measured( ·|\.)/);
  });
  it('says so when everything is linked and measured', () => {
    const whole = plan(
      [{ id: 'a', kind: 'aktivitet', title: 'A' }, { id: 'm', kind: 'maal', title: 'M' }, { id: 'i', kind: 'indikator', title: 'I' }],
      [{ from: 'a', to: 'm', kind: 'bidrager-til' }, { from: 'a', to: 'i', kind: 'maales-ved' }, { from: 'm', to: 'i', kind: 'maales-ved' }],
    );
    expect(checkSummary(checkPlan(whole), 'da')).toBe('Tjek: ingen fejl, alle aktiviteter når et mål og måles.');
  });
});
