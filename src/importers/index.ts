// The importer registry: picks the format of a text (or takes the one given) and parses it.
import type { FormatName, ParsedListing } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { looksLikeHtml, htmlToText } from './html.ts';
import { sessionPageImporter } from './session-page.ts';
import { trendingFeedImporter } from './trending-feed.ts';
import { abstractListImporter } from './abstract-list.ts';
import { paperlistsJsonImporter } from './paperlists-json.ts';
import { openreviewSubmissionsImporter, openreviewArchiveImporter } from './openreview.ts';
import { bibtexImporter } from './bibtex.ts';
import { risImporter } from './ris.ts';
import { arxivAtomImporter } from './arxiv-atom.ts';
import { rssFeedImporter } from './rss-feed.ts';
import { jsonlImporter } from './jsonl.ts';
import { csvImporter } from './csv.ts';
import { cslJsonImporter, cslYamlImporter } from './csl.ts';
import { endnoteXmlImporter } from './endnote-xml.ts';
import { webOfScienceImporter } from './web-of-science.ts';
import { medlineImporter } from './medline.ts';
import { semanticScholarImporter } from './semantic-scholar.ts';
import { openreviewNotesImporter } from './openreview-notes.ts';
import { hfDailyPapersImporter } from './hf-daily-papers.ts';
import { miniconfCsvImporter } from './miniconf-csv.ts';
import { markdownPageImporter } from './markdown-page.ts';
import { withoutControls } from './clean-text.ts';
import { lineAndColumn } from './text-location.ts';
import { strictly } from './records.ts';

export { EmptyListingError, ImportError } from './importer.ts';
export { describeSkip, listingWarnings, skipLocation } from './records.ts';

const IMPORTERS: readonly Importer[] = [
  paperlistsJsonImporter,
  openreviewSubmissionsImporter,
  openreviewArchiveImporter,
  jsonlImporter,
  csvImporter,
  bibtexImporter,
  risImporter,
  arxivAtomImporter,
  rssFeedImporter,
  cslJsonImporter,
  cslYamlImporter,
  endnoteXmlImporter,
  webOfScienceImporter,
  medlineImporter,
  semanticScholarImporter,
  openreviewNotesImporter,
  hfDailyPapersImporter,
  miniconfCsvImporter,
  markdownPageImporter,
  sessionPageImporter,
  trendingFeedImporter,
  abstractListImporter,
];

/** Formats whose text may also arrive as a saved HTML page. */
const PAGE_FORMATS: ReadonlySet<FormatName> = new Set(['session-page', 'trending-feed', 'abstract-list']);

function importerFor(format: FormatName): Importer {
  const importer = IMPORTERS.find((candidate) => candidate.format === format);
  if (!importer) throw new ImportError(`unknown format "${format}"`);
  return importer;
}

/**
 * A structured format's detector only scores this high on its own syntax (a JSON array of
 * paperlists records, a `TY  -` or `@entry{` first line, an Atom feed), which no page text
 * starts with; the page detectors are then skipped, as they sample up to 200 KB of lines each
 * (1.5 s over the 246 paperlists files).
 */
const CERTAIN = 0.9;
/**
 * Detection refuses rather than guesses: the best format must score this much, and lead the
 * next by MARGIN, or the file fails asking for --format. A wrong guess stores junk silently,
 * where a refusal costs one option. (Every fixture and seed scores 0.6 or more for its format
 * and leads by 0.4 or more.)
 */
const CLEAR = 0.5;
const MARGIN = 0.2;

interface Scored {
  importer: Importer;
  score: number;
}

function mostLikely(text: string, fileName: string, candidates: readonly Importer[]): Importer | undefined {
  const scored: Scored[] = [];
  for (const importer of candidates) {
    const best = scored[0];
    if (best && best.score >= CERTAIN && PAGE_FORMATS.has(importer.format) && !PAGE_FORMATS.has(best.importer.format)) continue;
    const score = importer.detect(text, fileName);
    if (score > 0) scored.push({ importer, score });
    scored.sort((a, b) => b.score - a.score);
  }
  const [best, next] = scored;
  if (!best) return undefined;
  if (best.score < CLEAR) {
    throw new ImportError(`not clearly a listing: it looks a little like ${best.importer.format}${next ? ` or ${next.importer.format}` : ''}, too little to read it as one; use --format if it is`);
  }
  if (next && best.score - next.score < MARGIN) {
    throw new ImportError(`looks like ${best.importer.format} or ${next.importer.format}; use --format to say which`);
  }
  return best.importer;
}

/** Rejects text that cannot be a listing of any format, before any importer sees it. */
function assertPlainText(text: string): void {
  if (!text.trim()) throw new ImportError('file is empty');
  const sample = text.slice(0, 65536);
  if (sample.includes('\u0000')) throw new ImportError('file is binary (contains NUL bytes), not a listing');
  const replaced = sample.match(/\uFFFD/g)?.length ?? 0;
  if (replaced > 16 && replaced > sample.length / 100) {
    throw new ImportError('file is not UTF-8 text (binary or another encoding)');
  }
}

/**
 * Removes control characters from every string in `data`, in place: the importers' output is
 * cleaned rather than their input, because JSON escapes and HTML and XML character references
 * turn into control characters only when parsed. (In place, as the listing was just made and
 * copying 100k papers would cost more than the cleaning.)
 */
function removeControls(data: Record<string, unknown>): void {
  for (const key in data) {
    const value = data[key];
    if (typeof value === 'string') data[key] = withoutControls(value);
    else if (value && typeof value === 'object') removeControls(value as Record<string, unknown>);
  }
}

/** U+FFFD is what a decoder leaves for bytes it could not read: the text lost characters before it came here. */
function replacementWarning(text: string): string | undefined {
  const first = text.indexOf('\uFFFD');
  if (first < 0) return undefined;
  const count = text.match(/\uFFFD/g)!.length;
  return `the text holds ${count} U+FFFD replacement character(s), the first at ${lineAndColumn(text, first)}: characters lost when it was decoded with the wrong encoding`;
}

export interface ParseOptions {
  /** Fail the file when any of its records would be skipped (`ingest --strict`). */
  strict?: boolean;
}

/**
 * Parses one file's text. With `format`, only that importer is tried; otherwise the format
 * is detected, and a saved HTML page is reduced to its text and detected again. Every string
 * of the result is free of control characters. Records that cannot become papers are left out
 * and listed in `skipped` (records.ts), or fail the file with `strict`.
 */
export function parseListing(text: string, fileName: string, format?: FormatName, { strict = false }: ParseOptions = {}): ParsedListing {
  assertPlainText(text);
  const parsed = parseText(text, fileName, format);
  const listing = strict ? strictly(parsed) : parsed;
  removeControls(listing as unknown as Record<string, unknown>);
  const warning = replacementWarning(text);
  return warning ? { ...listing, warnings: [...(listing.warnings ?? []), warning] } : listing;
}

function parseText(text: string, fileName: string, format: FormatName | undefined): ParsedListing {
  const html = looksLikeHtml(text);
  const pageText = html ? htmlToText(text) : text;
  if (format) {
    if (html && PAGE_FORMATS.has(format)) return { ...importerFor(format).parse(pageText, fileName), fromHtml: true };
    return importerFor(format).parse(text, fileName);
  }
  if (html) {
    const importer = mostLikely(pageText, fileName, IMPORTERS.filter((i) => PAGE_FORMATS.has(i.format)));
    if (!importer) throw new ImportError('HTML page holds no recognisable listing (not a session page, feed or abstract list)');
    return { ...importer.parse(pageText, fileName), fromHtml: true };
  }
  const importer = mostLikely(text, fileName, IMPORTERS);
  if (!importer) throw new ImportError('unknown format: not a listing paperscout can read (use --format to name one)');
  return importer.parse(text, fileName);
}
