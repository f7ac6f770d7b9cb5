// Latency percentiles and memory deltas for the benchmarks.
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

/** Milliseconds each call of `run` takes, one sample per item. */
export function timeEach<T>(items: readonly T[], run: (item: T) => unknown): number[] {
  return items.map((item) => {
    const started = process.hrtime.bigint();
    run(item);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
}

/** Two decimals are plenty for milliseconds and MiB. */
export const round2 = (value: number) => Math.round(value * 100) / 100;

// `--expose-gc` may be missing (npm scripts run plain `node`); the flag can still be turned on at
// run time, and a fresh context then exposes `gc`.
v8.setFlagsFromString('--expose-gc');
const gc = (globalThis.gc ?? vm.runInNewContext('gc')) as () => void;

/** A full collection, so the garbage of one measured stretch is not paid for in the next. */
export const collectGarbage = () => gc();

function settledMemory(): NodeJS.MemoryUsage {
  // Twice: the first collection can leave garbage that only its finalizers made unreachable.
  gc();
  gc();
  return process.memoryUsage();
}

export interface Built<T> {
  value: T;
  ms: number;
  /** V8 heap plus off-heap buffers, after collecting garbage, in MiB. */
  heapMiB: number;
  rssMiB: number;
}

/** Builds something and measures the time it took and the memory it keeps. */
export function measureBuild<T>(build: () => T): Built<T> {
  const before = settledMemory();
  const started = process.hrtime.bigint();
  const value = build();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const after = settledMemory();
  const mib = (bytes: number) => round2(bytes / 1048576);
  return {
    value,
    ms,
    heapMiB: mib(after.heapUsed + after.external - before.heapUsed - before.external),
    rssMiB: mib(after.rss - before.rss),
  };
}
