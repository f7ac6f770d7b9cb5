// What every command needs from the global options, and how failures reach the user.
import type { Command } from 'commander';
import { Library } from '../library/library.ts';
import { defaultLibraryPath } from '../library/database.ts';

/** A failure the user can fix (unknown id, bad argument): printed as one line, exit code 1. */
export class UserError extends Error {}

export function libraryPath(command: Command): string {
  const opts = command.optsWithGlobals<{ db?: string }>();
  return opts.db ?? defaultLibraryPath();
}

/** Opens the library named by --db / PAPERSCOUT_DB for the duration of `action` (which may be async). */
export function withLibrary<T>(command: Command, action: (library: Library) => T): T {
  const file = libraryPath(command);
  // A command waits for another paperscout's writes to end, as long as they take, and says so
  // once: a long ingest may wait a moment at many of its commits.
  let told = false;
  const onWait = () => {
    if (!told) console.error(`waiting for another paperscout writing to ${file}…`);
    told = true;
  };
  const writeWait = { patienceMs: Infinity, onWait };
  const library = Library.open(file, { writeWait });
  let result: T;
  try {
    result = action(library);
  } catch (error) {
    library.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => library.close()) as T;
  library.close();
  return result;
}

export function parsePositiveInt(value: string, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UserError(`${name} must be a whole number of at least 1, not "${value}"`);
  return number;
}

export function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new UserError(`--year must be a four-digit year, not "${value}"`);
  return year;
}
