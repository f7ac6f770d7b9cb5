import type { FormatName, ParsedListing } from '../types.ts';

/**
 * A parse failure that names where in the file it happened, so the CLI can print
 * `FILE:LOCATION: message` (location is e.g. `line 12` or `entry 3 (smith2020)`).
 */
export class ImportError extends Error {
  readonly location: string | undefined;
  constructor(message: string, location?: string) {
    super(message);
    this.name = 'ImportError';
    this.location = location;
  }
}

/** One listing format: a pure function from text to papers, plus a guess whether text is of it. */
export interface Importer {
  format: FormatName;
  /**
   * How confident this importer is that `text` is its format, from 0 (not at all) to 1
   * (certain, e.g. a required header is present). Must be cheap: it runs for every importer.
   */
  detect(text: string, fileName: string): number;
  /** Parses the whole text or throws ImportError. Never returns an empty listing. */
  parse(text: string, fileName: string): ParsedListing;
}

/**
 * A well-formed text that holds no papers (an Atom feed without entries, an API page of no
 * notes): no listing to store, which a fetch reports as "nothing new" rather than a failure.
 */
export class EmptyListingError extends ImportError {}
