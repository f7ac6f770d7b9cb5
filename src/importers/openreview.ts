// OpenReview's expertise format: `submissions.json` ({noteId: {id, content}}) and one
// `archives/~Reviewer.jsonl` per reviewer (one {id, content} note per line).
import type { ImportedPaper, NoteText, ParsedListing, Reviewer } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom } from './identifiers.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { jsonLines } from './jsonl.ts';
import { collectPapers, place, skipLocation, skippedField, titleFields, type SourceRecord } from './records.ts';

interface NoteContent {
  title?: unknown;
  abstract?: unknown;
  authors?: unknown;
  year?: unknown;
  arXivId?: unknown;
  link?: unknown;
  keywords?: unknown;
}

/** OpenReview API v2 wraps each field as {value}; v1 and the expertise exports do not. */
export function unwrap(field: unknown): unknown {
  if (field && typeof field === 'object' && !Array.isArray(field) && 'value' in field) {
    return (field as { value: unknown }).value;
  }
  return field;
}

const trimmedText = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function noteToPaper(note: unknown): ImportedPaper {
  if (!note || typeof note !== 'object') throw new ImportError('expected a note object');
  const { id, content } = note as { id?: unknown; content?: NoteContent };
  if (typeof id !== 'string' || !id) throw new ImportError('note has no "id"');
  if (!content || typeof content !== 'object') throw new ImportError('note has no "content"');
  const abstract = trimmedText(unwrap(content.abstract));
  // A reviewer's archive may hold a publication known only by its abstract.
  const title = titleFields(trimmedText(unwrap(content.title)), abstract, 'note has no title');
  const authors = unwrap(content.authors);
  const keywords = unwrap(content.keywords);
  const year = Number(unwrap(content.year));
  const link = unwrap(content.link);
  const arxiv = arxivIdFrom(String(unwrap(content.arXivId) ?? '')) ?? (typeof link === 'string' ? arxivIdFrom(link) : undefined);
  return {
    ...title,
    authors: Array.isArray(authors) ? authors.filter((a): a is string => typeof a === 'string') : [],
    abstract,
    keywords: Array.isArray(keywords) ? keywords.filter((k): k is string => typeof k === 'string') : undefined,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    urls: typeof link === 'string' && /^https?:\/\//.test(link) ? { pdf: link } : undefined,
    ids: arxiv ? { arxiv } : undefined,
    sourceId: id,
  };
}

export const openreviewSubmissionsImporter: Importer = {
  format: 'openreview-submissions',
  detect(text) {
    const head = text.trimStart().slice(0, 2000);
    return head.startsWith('{') && /^\{\s*"[^"]+"\s*:\s*\{\s*"id"\s*:/.test(head) && head.includes('"content"') ? 0.9 : 0;
  },
  parse(text) {
    const data = parseJson(text);
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw new ImportError('expected an object of notes keyed by id', 'line 1');
    }
    const notes = Object.entries(data);
    if (notes.length === 0) throw new ImportError('no submissions in file');
    const sources = notes.map(([key, note], index): SourceRecord<unknown> => ({ ...place(index + 1, key), record: note }));
    const { papers, skipped } = collectPapers(sources, noteToPaper, { lineOf: topLevelValueLines(text) });
    return { format: 'openreview-submissions', meta: {}, papers, ...skippedField(skipped) };
  },
};

export const openreviewArchiveImporter: Importer = {
  format: 'openreview-archive',
  detect(text, fileName) {
    const lines = text.slice(0, 65536).split('\n').filter((line) => line.trim()).slice(0, 20);
    // The sample's last line may be cut short; every other line must be a note.
    const notes = lines.filter((line) => /^\{\s*"id"\s*:/.test(line) && line.includes('"content"')).length;
    if (notes === 0 || !/^\{\s*"id"\s*:/.test(lines[0]) || notes < lines.length - 1) return 0;
    return fileName.endsWith('.jsonl') || notes >= 3 ? 0.9 : 0.7;
  },
  parse(text) {
    const records = jsonLines(text);
    if (records.length === 0) throw new ImportError('no notes in file');
    const { papers, skipped } = collectPapers(records, (line, where) => noteToPaper(parseJson(line, where.line)));
    return { format: 'openreview-archive', meta: {}, papers, ...skippedField(skipped) };
  },
};

/**
 * The notes of an expertise file. Its notes are scored, not stored, and a note left out would
 * go unnoticed, so one that cannot be read fails the file, as before skipping existed.
 */
function noteTextsOf(listing: ParsedListing): NoteText[] {
  const first = listing.skipped?.[0];
  if (first) throw new ImportError(first.reason, skipLocation(first));
  // noteToPaper always sets sourceId, the note id.
  return listing.papers.map((paper) => ({ id: paper.sourceId!, title: paper.title, abstract: paper.abstract, keywords: paper.keywords }));
}

/** The submissions of a `submissions.json`, identified by their note ids. */
export function parseExpertiseSubmissions(text: string, fileName: string): NoteText[] {
  return noteTextsOf(openreviewSubmissionsImporter.parse(text, fileName));
}

/**
 * The reviewer of one archive: their id is the file name without `.jsonl` (keeping the leading
 * `~`); a blank archive is a reviewer without publications.
 */
export function parseReviewerArchive(text: string, fileName: string): Reviewer {
  const id = fileName.replace(/\.jsonl$/, '');
  return { id, publications: text.trim() ? noteTextsOf(openreviewArchiveImporter.parse(text, fileName)) : [] };
}
