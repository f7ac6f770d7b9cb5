// One writer at a time. The CLI, the server and its threads each hold their own connection to
// the one library file; SQLite lets them read together but write one after another. Every
// write here takes the lock up front (BEGIN IMMEDIATE): a transaction that first read and
// then tried to write could find that another connection had committed meanwhile, and fail
// with SQLITE_BUSY_SNAPSHOT however long it waited.
import type { Db } from './database.ts';

/** Another writer held the library longer than this connection was willing to wait. */
export class LibraryBusyError extends Error {
  constructor(file: string, waitedMs: number) {
    super(`another paperscout is writing to ${file}; gave up after ${(waitedMs / 1000).toFixed(1)} s`);
  }
}

/** How a connection waits for the write lock. */
export interface WriteWait {
  /** How long to wait before giving up with LibraryBusyError; Infinity waits as long as it takes. */
  patienceMs: number;
  /** Called once per write that has to wait, e.g. to tell the person why nothing happens. */
  onWait?: () => void;
}

/**
 * Between two tries for the lock. SQLite's own busy handler sleeps up to 100 ms between its
 * tries, and so would miss the short pause a long ingest leaves between its commits
 * (`WRITER_PAUSE_MS`); trying this often costs one system call per try.
 */
const POLL_MS = 2;

/** How long a long run of writes (an ingest of many files) pauses between commits, so waiting writers get in. */
export const WRITER_PAUSE_MS = 15;

const pause = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');
}

/** Opens a write transaction on `db`, waiting for other writers as `wait` says. */
export function beginWrite(db: Db, file: string, wait: WriteWait): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  // Waiting is done here, in small steps, rather than inside SQLite (see POLL_MS).
  db.pragma('busy_timeout = 0');
  const started = Date.now();
  try {
    for (let told = false; ; ) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      const waited = Date.now() - started;
      if (waited >= wait.patienceMs) throw new LibraryBusyError(file, waited);
      if (!told) {
        told = true;
        wait.onWait?.();
      }
      Atomics.wait(pause, 0, 0, POLL_MS);
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

/**
 * Runs `write` in one write transaction: committed when it returns, rolled back when it throws.
 * Inside a transaction already open (a batch of ingests), it becomes a savepoint of it.
 */
export function writeTransaction<T>(db: Db, file: string, wait: WriteWait, write: () => T): T {
  if (db.inTransaction) return db.transaction(write)();
  beginWrite(db, file, wait);
  try {
    const result = write();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
