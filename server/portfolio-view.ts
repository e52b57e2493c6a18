/**
 * A portfolio's view for one year, computed in a worker thread (server/worker.ts) from the plans' stored states:
 * the plans' headers for the table and the summary (model/portfolio.ts). Runs off the event loop because 50 plans
 * of 300 cards take a while to read and summarise. The view paths are added on the main thread, which holds the
 * secret (server/extensions/portfolio.ts).
 */
import type { PortfolioPlanEntry } from '../model/protocol.ts';
import type { PlanFile } from '../model/schema.ts';

export type PortfolioPlanHeader = Omit<PortfolioPlanEntry, 'viewPath'>;

export interface PortfolioComputed {
  year: number;
  plans: PortfolioPlanHeader[];
}

export function computePortfolio(plans: { id: string; plan: PlanFile }[], year: number): PortfolioComputed {
  const headers = plans.map(({ id, plan }) => {
    const { title, organisation, area, period } = plan.plan;
    return { id, title, organisation, area, period: period ? { from: period.from, to: period.to } : undefined };
  });
  return { year, plans: headers };
}
