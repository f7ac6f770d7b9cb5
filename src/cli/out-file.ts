// Writing a command's output file whole or not at all.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from './context.ts';

/**
 * Writes `data` to a temporary file beside `file` and renames it into place, so a reader (a mail
 * job, a feed reader, a web server) never sees half a file, and a failure leaves the old one.
 * Hand-written: rename within one folder is the whole technique.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new UserError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
