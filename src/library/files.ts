// Reading listing files from disk: the only place the library touches paths.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Larger files are refused: no real listing comes close, and reading them would stall the batch. */
export const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export class FileError extends Error {}

/** The files named, with folders replaced by the files below them (hidden ones skipped), in a stable order. */
export function expandPaths(paths: readonly string[]): { files: string[]; errors: { file: string; message: string }[] } {
  const files: string[] = [];
  const errors: { file: string; message: string }[] = [];
  const visit = (entry: string, named: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch (error) {
      errors.push({ file: entry, message: describeFsError(error) });
      return;
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort()) {
        if (!child.startsWith('.')) visit(path.join(entry, child), false);
      }
    } else if (stat.isFile()) {
      files.push(entry);
    } else if (named) {
      errors.push({ file: entry, message: 'not a regular file' });
    }
  };
  for (const entry of paths) visit(entry, true);
  return { files, errors };
}

export interface ListingFile {
  text: string;
  /** SHA-256 of the bytes: the same file ingested twice is recognised by it. */
  hash: string;
}

export function hashText(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function readListingFile(file: string): ListingFile {
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
  return { text: new TextDecoder('utf-8').decode(bytes), hash: hashText(bytes) };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error).message;
}
