// Listing files that arrive in requests: parsed by the same importers as `ingest`, with the
// importer's message and location (line, entry) returned to the client as a 422 problem.
import type { FormatName, ParsedListing } from '../types.ts';
import { ImportError, parseListing } from '../importers/index.ts';
import { HttpProblem } from './problems.ts';

export interface UploadedFile {
  fileName: string;
  text: string;
  format?: FormatName;
  /** Refuse the file when any of its entries would be skipped. */
  strict?: boolean;
}

/** `field` names the request field the file came from, e.g. `body.files.1`. */
export function parseUpload(file: UploadedFile, field: string): ParsedListing {
  try {
    return parseListing(file.text, file.fileName, file.format, { strict: file.strict });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    throw new HttpProblem(422, `${file.fileName}${error.location ? `:${error.location}` : ''}: ${error.message}`, {
      field,
      ...(error.location ? { location: error.location } : {}),
    });
  }
}
