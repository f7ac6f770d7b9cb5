// paperscout's worker threads: starting one, and asking it things.
import { parentPort, Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits beside `callerUrl` (pass `import.meta.url`). The
 * worker is the same kind of file as its caller: JavaScript from dist/, or TypeScript from a
 * checkout, where it must load tsx itself (worker threads do not inherit `--import tsx`).
 */
function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL(`./${name}.ts`, callerUrl).href);
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${worker}); });`, { workerData, eval: true });
}

interface Reply<Result> {
  id: number;
  result?: Result;
  /** `fields` are the error's own properties (an HTTP status, say), copied as structured clones. */
  error?: { name: string; message: string; stack?: string; fields: Record<string, unknown> };
}

/** Error classes a front end acts on keep their class and fields across the thread boundary; others become Error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the prototype is used, never the constructor
export type ErrorClasses = Record<string, abstract new (...args: any[]) => Error>;

/**
 * Asks a worker thread (one that calls `answerRequests`) and gets each answer as a promise. The
 * thread starts at the first request, or earlier by `start()`: a server decides which of its
 * threads boot first, as they share its cores.
 */
export class WorkerClient<Request, Result> {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Why the worker is gone, once it is: later requests fail at once instead of waiting forever. */
  private failure: Error | undefined;

  constructor(
    private readonly callerUrl: string,
    private readonly name: string,
    private readonly workerData: unknown,
    private readonly errorClasses: ErrorClasses = {},
  ) {}

  /** Starts the thread now, if it has not started (or been closed). */
  start(): void {
    if (this.worker || this.failure) return;
    const worker = startWorker(this.callerUrl, this.name, this.workerData);
    worker.on('message', (reply: Reply<Result>) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error) waiting?.reject(this.revive(reply.error));
      else waiting?.resolve(reply.result as Result);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the ${this.name} thread stopped (exit code ${code})`)));
    this.worker = worker;
  }

  /** Whether the worker has stopped (or was closed): every request fails at once from then on. */
  get stopped(): boolean {
    return this.failure !== undefined;
  }

  /** Requests sent and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  ask(request: Request): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    this.worker?.removeAllListeners('exit');
    await this.worker?.terminate();
  }

  private revive(error: NonNullable<Reply<Result>['error']>): Error {
    // An Error of the named class made without calling its constructor, whose arguments differ from class to class.
    const revived: Error = Reflect.construct(Error, [error.message], this.errorClasses[error.name] ?? Error);
    return Object.assign(revived, error.fields, { stack: error.stack });
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}

/**
 * The worker side: answers each request, in the order received, with what `answer` returns or
 * the error it throws. `transfer` names buffers to move to the asking thread instead of copying.
 */
export function answerRequests<Request, Result>(answer: (request: Request) => Result, transfer: (result: Result) => ArrayBuffer[] = () => []): void {
  parentPort!.on('message', ({ id, request }: { id: number; request: Request }) => {
    let reply: Reply<Result>;
    let buffers: ArrayBuffer[] = [];
    try {
      const result = answer(request);
      reply = { id, result };
      buffers = transfer(result);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      reply = { id, error: { name: failure.constructor.name, message: failure.message, stack: failure.stack, fields: cloneableFields(failure) } };
    }
    parentPort!.postMessage(reply, buffers);
  });
}

/** The error's own properties that can cross to another thread (functions and the like stay behind). */
function cloneableFields(error: Error): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(error).filter(([, value]) => {
      try {
        structuredClone(value);
        return true;
      } catch {
        return false;
      }
    }),
  );
}
