// Starting one of paperscout's worker threads.
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside `callerUrl` (pass `import.meta.url`). The
 * worker is the same kind of file as its caller: JavaScript from dist/, or TypeScript from a
 * checkout, where it must load tsx itself (worker threads do not inherit `--import tsx`).
 */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL(`./${name}.ts`, callerUrl).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${worker}); });`, { workerData, eval: true });
}
