// The benchmark harness with tiny sizes, so that `npm run bench` keeps working. No timing is asserted.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBench } from '../bench/run.ts';

it('runs every group and writes figures with baselines and ratios', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fk-bench-'));
  const { rows } = await runBench(['--smoke'], dir);
  expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['model', 'layout', 'export', 'sync', 'cluster', 'durability', 'server', 'startup', 'canvas', 'portfolio']));
  for (const r of rows) {
    expect(Number.isFinite(r.value), r.figure).toBe(true);
    expect(r.baselineValue, r.figure).toBeGreaterThan(0);
    expect(Math.abs(r.ratio / (r.value / r.baselineValue) - 1), r.figure).toBeLessThan(0.01);
  }
  const written = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  expect(written.machine.cores).toBeGreaterThan(0);
  expect(readFileSync(join(dir, 'results.md'), 'utf8')).toContain('| group | figure |');
}, 240_000);
