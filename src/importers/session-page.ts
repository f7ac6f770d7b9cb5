// Conference session pages (the ICLR/NeurIPS/ICML virtual sites), as text copied or saved from
// a browser: header lines (session, room…), then for each poster a title line, an author line
// and abstract lines, with or without blank lines between them.
import type { ImportedPaper, ListingMeta } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { ABSTRACT_LABEL, isNavigation, joinBrokenLines, joinPieces, pageLines, sampleLines, type PageLine } from './page-text.ts';
import { authorListNames, looksLikeAbstract, looksLikeMononym, looksLikeName, looksStructured, sentenceStops } from './line-shapes.ts';

const SESSION_LINE = /^(?:\p{L}+ ){0,2}session(?: [\p{L}\d][\p{L}\d.]*)?(?:\s*[:–—-]\s+.{1,60})?$/iu;
const ROOM_LINE = /^(?:location:\s*)?(?:[\p{L}\d]+ ){0,3}(?:hall|halle|room|salle|saal|auditorium|ballroom|theat(?:er|re)|pavilion|stadium)(?: [\p{L}\d#-]{1,8}){0,3}$/iu;
const VENUE_YEAR =
  /\b(ICLR|NeurIPS|NIPS|ICML|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|EACL|COLING|AAAI|IJCAI|KDD|WWW|SIGIR|COLT|AISTATS|UAI|CoRL|WACV|BMVC|MLSys|ICRA|IROS|RSS|MICCAI|ICASSP|INTERSPEECH|TMLR)\s*'?((?:19|20)\d\d)\b/i;

/** Header lines say which session the page lists; they are never titles or names. */
function isHeaderLine(text: string): boolean {
  return SESSION_LINE.test(text) || ROOM_LINE.test(text) || (text.length <= 40 && VENUE_YEAR.test(text));
}

export function listingMeta(header: readonly PageLine[]): ListingMeta {
  const meta: ListingMeta = {};
  for (const { text } of header) {
    const venue = VENUE_YEAR.exec(text);
    if (venue && !meta.venue) {
      meta.venue = venue[1];
      meta.year = Number(venue[2]);
    }
    if (SESSION_LINE.test(text) && !meta.session) meta.session = text;
    else if (ROOM_LINE.test(text) && !meta.room) meta.room = text.replace(/^location:\s*/i, '');
  }
  return meta;
}

/** Text that could be a title sitting right above an author list: not several sentences long. */
function couldBeTitle(text: string): boolean {
  return text.length < 300 && sentenceStops(text) < 2;
}

/** Whether line `index` is one author's name: name-shaped, or a lone word (a mononym) above abstract text. */
function isSingleAuthor(lines: readonly PageLine[], index: number): boolean {
  const text = lines[index]?.text;
  if (text === undefined || isHeaderLine(text)) return false;
  const after = lines[index + 1]?.text;
  return looksLikeName(text) || (looksLikeMononym(text) && after !== undefined && looksLikeAbstract(after));
}

/**
 * Whether line `index` is the title of a new poster: an author list follows it, or a single
 * name does (and not as the second line of a wrapped title, which an author list would follow).
 * For the first poster the name must also be followed by abstract text, so a header line is
 * not taken for a title.
 */
function opensPaper(lines: readonly PageLine[], index: number, first = false): boolean {
  const text = lines[index].text;
  const next = lines[index + 1]?.text;
  if (next === undefined || (first && isHeaderLine(text))) return false;
  if (authorListNames(next)) return couldBeTitle(text);
  if (looksLikeAbstract(text) || !isSingleAuthor(lines, index + 1)) return false;
  const afterName = lines[index + 2]?.text;
  if (first) return afterName !== undefined && looksLikeAbstract(afterName);
  return afterName === undefined || !authorListNames(afterName);
}

interface PosterDraft {
  title: string;
  authors: string[];
  abstract: string[];
}

function draftAt(line: PageLine): PosterDraft {
  return { title: line.text, authors: [], abstract: [] };
}

/** Why no poster could be found, pointing at the line that shows it. */
function noPosterError(lines: readonly PageLine[]): ImportError {
  const authorLine = lines.find((line) => authorListNames(line.text));
  if (authorLine) return new ImportError('author line has no title line above it', `line ${authorLine.line}`);
  const content = lines.find((line) => !isHeaderLine(line.text));
  return new ImportError(
    'no author line under any title (a session page lists "Name · Name" or one name below each title)',
    `line ${(content ?? lines[0]).line}`,
  );
}

/** Reads posters as a small state machine: title → authors → abstract pieces → next title. */
function readPosters(lines: readonly PageLine[], start: number): PosterDraft[] {
  let current = draftAt(lines[start]);
  const drafts = [current];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    const names = authorListNames(line.text);
    const hasOnlyTitle = current.authors.length === 0 && current.abstract.length === 0;
    if (names) {
      // Under abstract text an author list has lost its title; under a title or another
      // author line (a list the page wrapped) it belongs to the current poster.
      if (current.abstract.length > 0) throw new ImportError('author line has no title line above it', `line ${line.line}`);
      current.authors.push(...names);
    } else if (hasOnlyTitle && isSingleAuthor(lines, index) && !authorListNames(lines[index + 1]?.text ?? '')) {
      current.authors.push(line.text);
    } else if (hasOnlyTitle && !looksLikeAbstract(line.text)) {
      current.title = `${current.title} ${line.text}`;
    } else if (!hasOnlyTitle && opensPaper(lines, index)) {
      current = draftAt(line);
      drafts.push(current);
    } else {
      current.abstract.push(line.text);
    }
  }
  return drafts;
}

function parseSessionPage(text: string): { meta: ListingMeta; papers: ImportedPaper[] } {
  const lines = joinBrokenLines(
    pageLines(text)
      .filter((line) => line.text && !isNavigation(line.text))
      // Some sites glue an "Abstract:" label to the abstract text.
      .map((line) => ({ ...line, text: line.text.replace(ABSTRACT_LABEL, '') })),
  );
  if (lines.length === 0) throw new ImportError('page has no text besides navigation', 'line 1');
  const start = lines.findIndex((_, index) => opensPaper(lines, index, true));
  if (start < 0) throw noPosterError(lines);
  const meta = listingMeta(lines.slice(0, start));
  const papers = readPosters(lines, start).map(
    (draft): ImportedPaper => ({
      title: draft.title,
      authors: draft.authors,
      abstract: draft.abstract.length > 0 ? joinPieces(draft.abstract) : undefined,
      venue: meta.venue,
      year: meta.year,
      session: meta.session,
    }),
  );
  return { meta, papers };
}

const PAGE_MARKERS = /skip to yearly menu bar|chat is not available|^(?:poster |oral )?session(?: \S+)?$/im;

export const sessionPageImporter: Importer = {
  format: 'session-page',
  detect(text) {
    const lines = sampleLines(text);
    if (lines.length === 0 || lines.filter(looksStructured).length > lines.length / 5) return 0;
    const authorLists = lines.filter((line) => (authorListNames(line)?.length ?? 0) >= 2).length;
    const marked = PAGE_MARKERS.test(text.slice(0, 5000));
    if (authorLists === 0) return marked ? 0.3 : 0;
    const share = authorLists / lines.length;
    const score = share >= 0.15 ? 0.9 : share >= 0.05 ? 0.6 : 0.3;
    return Math.min(1, score + (marked ? 0.1 : 0));
  },
  parse(text) {
    return { format: 'session-page', ...parseSessionPage(text) };
  },
};
