// The portfolio's totals are the sums over its plans, on generated plans (random small ones with every follow-up
// key, and model/generate.ts's realistic ones): each sum taken here from check and status directly, not from the
// portfolio's own per-plan figures, and each plan's figures the same alone as among others.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../model/generate.ts';
import { FREMDRIFT_KEYS, summarizePortfolio, type PortfolioEntry } from '../../model/portfolio.ts';
import { checkPlan } from '../../model/rules.ts';
import { fremdriftOf, INDICATOR_STATUSES, planStatus } from '../../model/status.ts';
import type { PlanFile } from '../../model/schema.ts';
import { planArbitrary } from '../support/arbitraries.ts';

const generatedArbitrary: fc.Arbitrary<PlanFile> = fc
  .record({ size: fc.integer({ min: 1, max: 120 }), seed: fc.integer({ min: 1, max: 1_000_000 }) })
  .map(({ size, seed }) => generatePlan(size, { seed }));

const portfolioArbitrary = fc.array(fc.oneof(planArbitrary({ followUp: true, maxNodes: 8 }), generatedArbitrary), { maxLength: 6 });
const yearArbitrary = fc.integer({ min: 2012, max: 2017 });

const sum = (plans: PlanFile[], of: (plan: PlanFile) => number) => plans.reduce((total, plan) => total + of(plan), 0);

describe('portfolio totals', () => {
  it('equal the sums over the plans of what check and status say', () => {
    fc.assert(
      fc.property(portfolioArbitrary, yearArbitrary, (plans, year) => {
        const entries: PortfolioEntry[] = plans.map((plan, i) => ({ id: `p${i}`, plan }));
        const { totals } = summarizePortfolio(entries, { year });
        const checks = plans.map(checkPlan);
        const severityCount = (severity: string) => checks.reduce((n, c) => n + c.findings.filter((f) => f.severity === severity).length, 0);
        expect(totals.plans).toBe(plans.length);
        expect(totals.errors).toBe(severityCount('error'));
        expect(totals.warnings).toBe(severityCount('warning'));
        for (const key of ['goals', 'goalsCovered', 'activities', 'activitiesWithGoal', 'activitiesWithIndicator', 'activitiesWithOutcomeIndicator'] as const) {
          expect(totals.coverage[key]).toBe(checks.reduce((n, c) => n + c.coverage[key], 0));
        }
        const statuses = plans.map((plan) => planStatus(plan, year).indicators);
        expect(totals.indicators.total).toBe(sum(plans, (p) => p.nodes.filter((n) => n.kind === 'indikator').length));
        for (const status of INDICATOR_STATUSES) {
          expect(totals.indicators[status]).toBe(statuses.reduce((n, rows) => n + rows.filter((r) => r.status === status).length, 0));
        }
        const activities = plans.flatMap((p) => p.nodes.filter((n) => n.kind === 'aktivitet'));
        for (const key of FREMDRIFT_KEYS) {
          expect(totals.fremdrift[key]).toBe(activities.filter((a) => (fremdriftOf(a, year) ?? 'none') === key).length);
        }
        expect(totals.redActivities).toBe(totals.fremdrift.roed);
      }),
      { numRuns: 150 },
    );
  });

  it('a plan has the same figures alone as in a portfolio, and every coded indikator is in one code row', () => {
    fc.assert(
      fc.property(portfolioArbitrary, yearArbitrary, (plans, year) => {
        const entries: PortfolioEntry[] = plans.map((plan, i) => ({ id: `p${i}`, plan }));
        const summary = summarizePortfolio(entries, { year });
        entries.forEach((entry, i) => expect(summarizePortfolio([entry], { year }).plans[0]).toEqual(summary.plans[i]));
        const coded = plans.reduce((n, p) => n + p.nodes.filter((node) => node.kind === 'indikator' && (node.code?.trim() ?? '') !== '').length, 0);
        expect(summary.codes.reduce((n, c) => n + c.rows.length, 0)).toBe(coded);
      }),
      { numRuns: 100 },
    );
  });
});
