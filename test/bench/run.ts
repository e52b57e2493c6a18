/**
 * `npm run bench [-- GROUP …] [--smoke]`: measures every figure against a baseline run in the same script and
 * writes test/bench/results.json and test/bench/results.md. Groups: model, layout, export, sync, cluster, server, startup, canvas, portfolio.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, Row } from './harness.ts';
import { exportBench, layoutBench, modelBench } from './model.ts';
import { clusterBench, serverBench, syncBench } from './sync.ts';
import { canvasBench } from './canvas.ts';
import { startupBench } from './startup.ts';
import { portfolioBench } from './portfolio.ts';

const GROUPS: Record<string, (ctx: BenchContext) => Promise<Row[]>> = {
  model: modelBench,
  layout: layoutBench,
  export: exportBench,
  sync: syncBench,
  cluster: clusterBench,
  server: serverBench,
  startup: startupBench,
  canvas: canvasBench,
  portfolio: portfolioBench,
};

export async function runBench(args: string[], outDir = import.meta.dirname): Promise<{ machine: Record<string, unknown>; rows: Row[] }> {
  const smoke = args.includes('--smoke');
  const chosen = args.filter((a) => !a.startsWith('--'));
  const unknown = chosen.filter((g) => !GROUPS[g]);
  if (unknown.length > 0) throw new Error(`ukendt gruppe: ${unknown.join(', ')} (vælg blandt ${Object.keys(GROUPS).join(', ')})`);
  const ctx: BenchContext = { smoke, size: (small, real) => (smoke ? small : real) };
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    date: new Date().toISOString(),
    smoke,
  };
  const rows: Row[] = [];
  for (const name of chosen.length > 0 ? chosen : Object.keys(GROUPS)) {
    const started = performance.now();
    process.stderr.write(`» ${name} …`);
    rows.push(...(await GROUPS[name]!(ctx)));
    process.stderr.write(` ${Math.round((performance.now() - started) / 1000)} s\n`);
  }
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  writeFileSync(join(outDir, 'results.md'), markdown(machine, rows));
  return { machine, rows };
}

function markdown(machine: Record<string, unknown>, rows: Row[]): string {
  const lines = [
    '# Benchmark results',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; run ${machine.date}${machine.smoke ? ' (smoke sizes)' : ''}.`,
    'Each figure is measured against its baseline in the same run; ratio = figure / baseline.',
    '',
    '| group | figure | value | baseline | baseline value | ratio | note |',
    '|---|---|---:|---|---:|---:|---|',
    ...rows.map((r) => `| ${r.group} | ${r.figure} | ${r.value} ${r.unit} | ${r.baseline} | ${r.baselineValue} ${r.unit} | ${r.ratio} | ${r.note ?? ''} |`),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runBench(process.argv.slice(2)).then(
    ({ rows }) => {
      console.log(`${rows.length} figures written to test/bench/results.md`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
