// The library map as the server last read it, read again in a thread of its own
// (map-worker.ts) when the library has changed since; a read asked for while one is on its way
// waits for that one.
import type { Library } from '../library/library.ts';
import type { LibraryMap } from '../actions/map-reading.ts';
import { WorkerClient } from '../threads.ts';

export interface MapRead {
  map: LibraryMap;
  /** Its points as GET /api/map/points sends them. */
  body: ArrayBuffer;
}

export class MapReader {
  /** Started by the first read: a server whose map nobody opens never starts it. */
  private thread: WorkerClient<null, MapRead> | undefined;
  private kept: { stamp: string; read: Promise<MapRead> } | undefined;

  constructor(private readonly library: Library) {}

  /**
   * The map as of the library's change stamp (`stamp`, which clients send back as its version):
   * read in one snapshot of the thread's own connection, taken after the stamp was, so never
   * older than it.
   */
  current(): Promise<MapRead & { stamp: string }> {
    const stamp = this.library.changeStamp();
    if (this.kept?.stamp !== stamp) {
      const thread = (this.thread ??= new WorkerClient(import.meta.url, 'map-worker', { dbFile: this.library.file }));
      const read = thread.ask(null);
      const kept = { stamp, read };
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
    return this.kept.read.then((read) => ({ ...read, stamp }));
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }
}
