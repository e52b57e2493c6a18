/**
 * Starts Forandringskort: `npm start` builds this into build/main.js and runs it (`npx tsx server/main.ts` in
 * development).
 * On the first start it imports examples/rum-for-liv.json as a plan; every start prints that plan's three links.
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
const config = configFromEnv(process.env, root);
// The worker threads start first and load on another core while this thread loads the server (the imports below);
// the first plan created then finds them ready. The pool is the server's from here on: it closes with it.
const pool = new WorkerPool({ threads: config.workerThreads });
pool.warm();
const { createApp } = await import('./app.ts');
const { createPlan, planLinks } = await import('./http.ts');
const EXAMPLE_KEY = 'example-plan-id';

async function seedExample(app: App, port: number, host: string): Promise<void> {
  const { ctx } = app;
  const { meta, updates } = ctx.rooms.storage;
  let planId = await meta.get(EXAMPLE_KEY);
  if (!planId || !(await updates.planExists(planId))) {
    const { readPlanText } = await import('../model/schema.ts');
    const result = readPlanText(readFileSync(join(root, 'examples', 'rum-for-liv.json'), 'utf8'));
    if (!result.ok) throw new Error('examples/rum-for-liv.json er ugyldig');
    planId = await createPlan(ctx, result.plan);
    await meta.set(EXAMPLE_KEY, planId);
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const fakeRequest = { headers: { host: `${shownHost}:${port}` } } as import('node:http').IncomingMessage;
  const links = planLinks(ctx, fakeRequest, planId);
  console.log(`\nForandringskort kører på http://${shownHost}:${port}\n`);
  console.log('Eksempelplanen "Rum for Liv":');
  console.log(`  Facilitator: ${links.facilitator}`);
  console.log(`  Deltager:    ${links.participant}`);
  console.log(`  Læser:       ${links.viewer}\n`);
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
