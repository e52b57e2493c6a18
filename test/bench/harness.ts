/** What every benchmark group shares: timing, percentiles, and the row format of the results. */
export interface Row {
  group: string;
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue: below 1 is faster (or smaller) than the baseline */
  ratio: number;
  note?: string;
}

export interface BenchContext {
  smoke: boolean;
  /** picks the smoke size or the real one */
  size: (smoke: number, real: number) => number;
}

export function row(group: string, figure: string, value: number, unit: string, baseline: string, baselineValue: number, note?: string): Row {
  return { group, figure, value: round(value), unit, baseline, baselineValue: round(baselineValue), ratio: round(value / baselineValue), ...(note ? { note } : {}) };
}

export function round(value: number): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(4)) : value;
}

/** Median milliseconds of `fn` over `runs` runs after `warmup` runs. */
export async function time(fn: () => unknown, runs = 10, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return percentile(samples, 50);
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
