// Reading listing files from disk: the only place the library touches paths.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeListing } from './text-encoding.ts';

/** Larger files are refused: no real listing comes close, and reading them would stall the batch. */
export const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export class FileError extends Error {}

/** Something about one path, for the person: why it failed, or why it was skipped. */
export interface PathMessage {
  file: string;
  message: string;
}

/**
 * The files named, with folders replaced by the files below them (hidden ones skipped), in a
 * stable order. Each real folder is walked once: a symlink back to a folder being walked (a
 * loop) or to one walked already is skipped with a warning, as following them made the walk
 * grow exponentially with the loops in a tree.
 */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: PathMessage[]; warnings: PathMessage[] } {
  const files: string[] = [];
  const errors: PathMessage[] = [];
  const warnings: PathMessage[] = [];
  /** Real paths of folders walked, each to the path it was first reached by. */
  const walked = new Map<string, string>();
  /** Real paths of the folders being walked now: the current one and those above it. */
  const open = new Set<string>();
  const walk = (folder: string) => {
    let real: string;
    let children: string[];
    try {
      real = fs.realpathSync(folder);
      children = fs.readdirSync(folder).sort();
    } catch (error) {
      errors.push({ file: folder, message: describeFsError(error) });
      return;
    }
    const first = walked.get(real);
    if (open.has(real)) {
      warnings.push({ file: folder, message: `symlink loop: leads back to ${first}, not followed` });
    } else if (first !== undefined) {
      warnings.push({ file: folder, message: `the same folder as ${first}, already read` });
    } else {
      walked.set(real, folder);
      open.add(real);
      for (const child of children) if (!child.startsWith('.')) visit(path.join(folder, child), false);
      open.delete(real);
    }
  };
  const visit = (entry: string, named: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      // A symlink to itself (or a ring of them) inside a folder is a loop like any other.
      if ((error as NodeJS.ErrnoException).code === 'ELOOP' && !named) warnings.push({ file: entry, message: 'symlink loop, not followed' });
      else errors.push({ file: entry, message: describeFsError(error) });
      return;
    }
    if (stat.isDirectory()) walk(entry);
    else if (stat.isFile()) files.push(entry);
    else if (named) errors.push({ file: entry, message: 'not a regular file' });
  };
  for (const entry of paths) visit(entry, true);
  return { files, errors, warnings };
}

export interface ListingFile {
  text: string;
  /**
   * SHA-256 of the text as decoded (byte-order mark and encoding aside), as an upload's text is
   * hashed: the same listing is recognised whether it comes from a file or through the web app.
   */
  hash: string;
}

export function hashText(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * A listing file's text, decoded as `encoding` when given (see text-encoding.ts). Throws FileError
 * when it cannot be read, and ImportError, with the place, when its bytes are not text.
 */
export function readListingFile(file: string, encoding?: string): ListingFile {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_LISTING_BYTES) {
      throw new FileError(`file is ${(size / 1048576).toFixed(1)} MiB, over the ${MAX_LISTING_BYTES / 1048576} MiB limit for one listing`);
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof FileError) throw error;
    throw new FileError(describeFsError(error));
  }
  const text = decodeListing(bytes, encoding);
  return { text, hash: hashText(text) };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ELOOP') return 'symlink loop (too many levels of symbolic links)';
  return (error as Error).message;
}
