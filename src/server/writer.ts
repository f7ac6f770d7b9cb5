// The server's writes, done by one thread over its own connection to the library: while it
// parses an upload or waits for another process's writes to end, the event loop goes on
// serving searches and pages.
import { WorkerClient } from '../threads.ts';
import { LibraryBusyError } from '../library/write-lock.ts';
import { HttpProblem } from './problems.ts';
import type { WriteRequest, WriteResult } from './writes.ts';

export class Writer {
  private readonly thread: WorkerClient<WriteRequest, WriteResult>;

  constructor(dbFile: string) {
    this.thread = new WorkerClient(import.meta.url, 'writer-worker', { dbFile }, { HttpProblem, LibraryBusyError });
  }

  write<Result extends WriteResult>(request: WriteRequest): Promise<Result> {
    return this.thread.ask(request) as Promise<Result>;
  }

  start(): void {
    this.thread.start();
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
