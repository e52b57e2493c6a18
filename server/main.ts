/**
 * Starts Forandringskort: `npm start` builds this into build/main.js and runs it (`npx tsx server/main.ts` in
 * development).
 * On the first start it imports examples/rum-for-liv.json as a plan, and the two invented example plans with it into
 * an example portfolio; every start prints the plan's three links and the portfolio's link.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// piscina is loaded with this file, not later by the pool's dynamic import: the worker thread then starts some
// 100 ms sooner, in parallel with the loading of the server below, and the first plan created does not wait for it
import 'piscina';
import type { App } from './app.ts';
import { configFromEnv } from './config.ts';
import { WorkerPool } from './pool.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the environment is read here, once; everything else gets its options from this config
const config = readConfig();

/** The configuration, or a clear message and exit 1 when the environment is wrong (no stack trace: it is no bug). */
function readConfig(): ReturnType<typeof configFromEnv> {
  try {
    return configFromEnv(process.env, root);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
// The worker threads start first and load on another core while this thread loads the server (the imports below);
// the first plan created then finds them ready. The pool is the server's from here on: it closes with it.
const pool = new WorkerPool({ threads: config.workerThreads });
pool.warm();
const { createApp } = await import('./app.ts');
const { createPlan, planLinks } = await import('./http.ts');
const { portfolioLinks } = await import('./extensions/portfolio.ts');
const EXAMPLE_KEY = 'example-plan-id';
const EXAMPLE_PORTFOLIO_KEY = 'example-portfolio-id';
/** the invented plans that, with Rum for Liv, make the example portfolio (examples/, marked as invented there) */
const PORTFOLIO_EXAMPLES = ['kildebakken.json', 'lyngbakken.json'];

async function readExample(name: string): Promise<import('../model/schema.ts').PlanFile> {
  const { readPlanText } = await import('../model/schema.ts');
  const result = readPlanText(readFileSync(join(root, 'examples', name), 'utf8'));
  if (!result.ok) throw new Error(`examples/${name} er ugyldig`);
  return result.plan;
}

/** The example portfolio: Rum for Liv and the invented plans, made once; its id is kept like the example plan's. */
async function seedPortfolio(app: App, examplePlanId: string): Promise<string> {
  const { ctx } = app;
  const { meta, portfolios } = ctx.rooms.storage;
  const known = await meta.get(EXAMPLE_PORTFOLIO_KEY);
  if (known && (await portfolios.get(known))) return known;
  const { newPlanId } = await import('./http.ts');
  const { PORTFOLIO_LIMITS } = await import('../model/protocol.ts');
  const portfolioId = newPlanId();
  await portfolios.create(portfolioId, 'Eksempel: tre helhedsplaner');
  await portfolios.addPlan(portfolioId, examplePlanId, PORTFOLIO_LIMITS.maxPlans);
  for (const name of PORTFOLIO_EXAMPLES) await portfolios.addPlan(portfolioId, await createPlan(ctx, await readExample(name)), PORTFOLIO_LIMITS.maxPlans);
  await meta.set(EXAMPLE_PORTFOLIO_KEY, portfolioId);
  return portfolioId;
}

async function seedExample(app: App, port: number, host: string): Promise<void> {
  const { ctx } = app;
  const { meta, updates } = ctx.rooms.storage;
  let planId = await meta.get(EXAMPLE_KEY);
  if (!planId || !(await updates.planExists(planId))) {
    planId = await createPlan(ctx, await readExample('rum-for-liv.json'));
    await meta.set(EXAMPLE_KEY, planId);
  }
  const portfolioId = await seedPortfolio(app, planId);
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const fakeRequest = { headers: { host: `${shownHost}:${port}` } } as import('node:http').IncomingMessage;
  const links = planLinks(ctx, fakeRequest, planId);
  console.log(`\nForandringskort kører på http://${shownHost}:${port}\n`);
  console.log('Eksempelplanen "Rum for Liv":');
  console.log(`  Facilitator: ${links.facilitator}`);
  console.log(`  Deltager:    ${links.participant}`);
  console.log(`  Læser:       ${links.viewer}\n`);
  const portfolio = portfolioLinks(ctx, fakeRequest, portfolioId);
  console.log('Eksempelporteføljen (Rum for Liv og to opdigtede planer):');
  console.log(`  Ejer:        ${portfolio.owner}`);
  console.log(`  Læser:       ${portfolio.reader}\n`);
}

async function main(): Promise<void> {
  const app = await createApp(config, pool);
  const port = await app.listen();
  app.log.info({ port, dataDir: config.dataDir }, 'listening');
  if (config.seedExample) await seedExample(app, port, config.host);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
