// The library map as the server last read it, read again in a thread of its own
// (map-worker.ts) when the map has changed since; a read asked for while one is on its way
// waits for that one.
import type { Library } from '../library/library.ts';
import type { EncodedLibraryMap } from '../actions/map-reading.ts';
import { WorkerClient } from '../threads.ts';

export class MapReader {
  /** Started by the first read. */
  private thread: WorkerClient<null, EncodedLibraryMap> | undefined;
  private kept: { version: number; read: Promise<EncodedLibraryMap> } | undefined;

  constructor(private readonly library: Library) {}

  /**
   * The map as of its version now, or later: read on one snapshot of the thread's own
   * connection, taken after the version was. Its `version` is the one it shows, which clients
   * send back.
   */
  current(): Promise<EncodedLibraryMap> {
    const version = this.library.mapVersion();
    if (this.kept?.version !== version) {
      const thread = (this.thread ??= new WorkerClient(import.meta.url, 'map-worker', { dbFile: this.library.file }));
      const read = thread.ask(null);
      const kept = { version, read };
      this.kept = kept;
      // A read that failed is tried again by the next request, not remembered, in a new thread
      // if this one has stopped (a thread that stopped answers nothing more).
      read.catch(() => {
        if (this.kept === kept) this.kept = undefined;
        if (this.thread === thread && thread.stopped) {
          this.thread = undefined;
          void thread.close();
        }
      });
    }
    return this.kept.read;
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }
}
