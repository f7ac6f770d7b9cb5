// OpenReview API responses (api2.openreview.net/notes?invitation=…, or the v1 API):
// `{notes: [...], count}`, or the notes as a list, each `{id, forum, content, pdate, …}`.
// API v2 wraps each content field as `{value}`; v1 does not. A forum's replies (reviews,
// comments, decisions) come in the same list and are left out: they are not papers.
import type { ImportedPaper } from '../types.ts';
import { EmptyListingError, ImportError, type Importer } from './importer.ts';
import { isObject, textField, webUrl, type Fields } from './json-fields.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { describeValue } from './untrusted.ts';
import { unwrap } from './openreview.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

const SITE = 'https://openreview.net';

/** A content field's text, from API v2's `{value}` or v1's bare value. */
const text = (value: unknown) => textField(unwrap(value));

function strings(value: unknown): string[] {
  const list = unwrap(value);
  return Array.isArray(list) ? list.map(text).filter((item): item is string => item !== undefined && !isPlaceholder(item)) : [];
}

const YEAR = /\b(?:19|20)\d\d\b/;

/** The year the venue names (`ICLR 2024 poster`), else the one the note was published in (`pdate`, milliseconds). */
function yearOf(content: Fields, venue: string | undefined, note: Fields): number | undefined {
  const stated = Number(unwrap(content.year));
  if (Number.isInteger(stated) && stated > 0) return stated;
  const named = YEAR.exec(venue ?? '');
  if (named) return Number(named[0]);
  return typeof note.pdate === 'number' && Number.isFinite(note.pdate) ? new Date(note.pdate).getUTCFullYear() : undefined;
}

/** A pdf field is a path on the site (`/pdf/1a2b….pdf`) or a full URL. */
function pdfUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\/pdf\//.test(value)) return SITE + value;
  return webUrl(value);
}

function noteToPaper(note: unknown): ImportedPaper {
  if (!isObject(note)) throw new ImportError(`expected a note (an object), found ${describeValue(note)}`);
  const content = isObject(note.content) ? note.content : undefined;
  if (!content) throw new ImportError('note has no "content"');
  const abstract = text(content.abstract);
  const paper: ImportedPaper = { ...titleFields(text(content.title), abstract, 'note has no title'), authors: strings(content.authors) };
  if (abstract) paper.abstract = abstract;
  const keywords = strings(content.keywords);
  if (keywords.length) paper.keywords = keywords;
  const venue = text(content.venue);
  if (venue) paper.venue = venue;
  const year = yearOf(content, venue, note);
  if (year) paper.year = year;
  const id = typeof note.id === 'string' && note.id ? note.id : undefined;
  const forum = typeof note.forum === 'string' && note.forum ? note.forum : id;
  const pdf = pdfUrl(text(content.pdf));
  if (forum || pdf) paper.urls = { ...(forum && { site: `${SITE}/forum?id=${encodeURIComponent(forum)}` }), ...(pdf && { pdf }) };
  if (forum) paper.ids = { openreview: forum };
  if (id) paper.sourceId = id;
  return paper;
}

/** A reply in a forum (a review, a comment, a decision): a note whose forum is another note. */
const isReply = (note: unknown) => isObject(note) && typeof note.forum === 'string' && typeof note.id === 'string' && note.forum !== note.id;

export const openreviewNotesImporter: Importer = {
  format: 'openreview-notes',
  detect(text) {
    const head = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
    const notes = /^\{\s*"notes"\s*:\s*\[/.test(head) || (/^\[\s*\{/.test(head) && /"forum"\s*:/.test(head));
    return notes && /"content"\s*:\s*\{/.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const data = parseJson(text.replace(/^\uFEFF/, ''));
    const notes = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.notes) ? data.notes : undefined;
    if (!notes) throw new ImportError('expected {"notes": [...]} or a list of notes', 'line 1');
    const lineOf = Array.isArray(data) ? topLevelValueLines(text) : undefined;
    const sources = notes.flatMap((note, index): SourceRecord<unknown>[] =>
      isReply(note) ? [] : [{ ...place(index + 1, isObject(note) && typeof note.id === 'string' ? note.id : undefined), record: note }],
    );
    const replies = notes.length - sources.length;
    if (notes.length === 0) throw new EmptyListingError('the response lists no notes');
    if (sources.length === 0) throw new ImportError(`the ${notes.length} notes are all replies (reviews, comments), none a paper`);
    const { papers, skipped } = collectPapers(sources, noteToPaper, { lineOf });
    const listing = { format: 'openreview-notes' as const, meta: {}, papers, ...skippedField(skipped) };
    return replies ? { ...listing, warnings: [`left out ${replies} repl${replies === 1 ? 'y' : 'ies'} (reviews, comments, decisions): not papers`] } : listing;
  },
};
