// BibTeX / BibLaTeX as Zotero, Mendeley, JabRef, Google Scholar and DBLP export it, parsed by
// @retorquere/bibtex-parser (the parser behind Better BibTeX), which resolves @string macros and
// crossrefs, turns LaTeX into Unicode and splits names.
//
// An entry that cannot become a paper (broken braces, no title) is skipped and named with its
// number, key and line (records.ts), as biber and Zotero do; the parser resumes at the next
// entry. Problems the parser recovers from (an undefined @string, a name with too many commas)
// only change a field; they come back as warnings.
import { parse, type Creator, type Entry, type Library, type ParseError } from '@retorquere/bibtex-parser';
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { boundedMessage } from './untrusted.ts';
import { LineIndex } from './text-location.ts';
import { collectPapers, place, skippedField, titleFields, type RecordPlace, type SourceRecord } from './records.ts';

const PARSER_OPTIONS = {
  // Keep titles as written: no sentence-casing (which also drops case-protection markup).
  english: false,
  applyCrossRef: true,
  // A command the parser cannot render as Unicode is dropped and its argument kept
  // (`\mathcal{O}(n)` → `O(n)`): readable, where keeping the bare command gives `\mathcalO(n)`.
  unsupported: 'ignore',
} as const;

/** The markup the parser renders for \emph, \textbf, \textsc, paragraphs and the like. */
const RENDERED_MARKUP = /<\/?(?:i|b|code|p|li|ul|ol|br|sup|sub|blockquote|span)(?:\s[^>]*)?\/?>/g;

/** Entries (not @string, @comment or @preamble) as they start in the source text. */
const ENTRY_START = /@\s*(?!(?:string|comment|preamble)\b)[a-z]+\s*[{(]/gi;

/** `{\'\i}` renders as dotless ı plus a combining accent, which NFC cannot compose into í. */
const ACCENTED_DOTLESS = /([\u0131\u0237])([\u0300-\u036f])/g;

function plain(value: string): string {
  const text = squeeze(value.includes('<') ? value.replace(RENDERED_MARKUP, '') : value);
  return text.replace(ACCENTED_DOTLESS, (_match, letter: string, accent: string) => (letter === '\u0131' ? 'i' : 'j') + accent).normalize('NFC');
}

/** Where entries begin in a text: their offsets, for numbering them, and the line index. */
class EntryPlaces {
  private readonly starts: number[];
  private readonly lines: LineIndex;
  private cursor = 0;

  constructor(private readonly text: string) {
    this.starts = [...text.matchAll(ENTRY_START)].map((match) => match.index);
    this.lines = new LineIndex(text);
  }

  /**
   * The place of the entry whose source text is `input`. Entries come in file order, so each
   * is looked for after the one before (a search from the start for each would read a large
   * file once per entry), and from the start when not found there.
   */
  of(input: string, key?: string): RecordPlace {
    const source = input.trim();
    let offset = this.text.indexOf(source, this.cursor);
    if (offset < 0) offset = Math.max(0, this.text.indexOf(source));
    else this.cursor = offset + source.length;
    let [low, high] = [0, this.starts.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < offset) low = middle + 1;
      else high = middle;
    }
    const found = key ?? /^@\s*[a-z]+\s*[{(]\s*([^,\s{}()]+)/i.exec(source)?.[1];
    return place(low + 1, found, this.lines.lineAt(offset));
  }
}

/**
 * Errors that lost an entry carry that entry's source text (starting with `@`); the others
 * (unknown @string, odd names) were recovered from and only change a field.
 */
function isFatal(error: ParseError): boolean {
  return error.input?.trimStart().startsWith('@') ?? false;
}

function nameOf(creator: Creator): string {
  if (creator.name) return plain(creator.name);
  return plain([creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(' '));
}

function fieldText(entry: Entry, name: string): string | undefined {
  const value = entry.fields[name];
  return typeof value === 'string' && value.trim() ? plain(value) : undefined;
}

function yearOf(entry: Entry): number | undefined {
  const year = /\d{4}/.exec(fieldText(entry, 'year') ?? fieldText(entry, 'date') ?? '');
  return year ? Number(year[0]) : undefined;
}

/** Google Scholar writes arXiv preprints as `journal = {arXiv preprint arXiv:2105.00001}`. */
function venueOf(entry: Entry): string | undefined {
  const venue = fieldText(entry, 'booktitle') ?? fieldText(entry, 'journal') ?? fieldText(entry, 'journaltitle');
  return venue && /^arxiv preprint\b/i.test(venue) ? 'arXiv' : venue;
}

function arxivOf(entry: Entry): string | undefined {
  const eprint = fieldText(entry, 'eprint');
  const archive = fieldText(entry, 'archiveprefix') ?? fieldText(entry, 'eprinttype');
  if (eprint && (!archive || /^arxiv$/i.test(archive))) {
    const id = arxivIdFrom(eprint);
    if (id) return id;
  }
  for (const name of ['journal', 'url', 'doi', 'note', 'howpublished']) {
    const value = fieldText(entry, name);
    const id = value && /arxiv/i.test(value) ? arxivIdFrom(value) : undefined;
    if (id) return id;
  }
  return undefined;
}

function entryToPaper(entry: Entry): ImportedPaper {
  const abstract = fieldText(entry, 'abstract');
  const paper: ImportedPaper = {
    ...titleFields(fieldText(entry, 'title'), abstract, `@${entry.type} entry has no title`),
    authors: (entry.fields.author ?? []).map(nameOf).filter(Boolean),
    sourceId: entry.key,
  };
  if (abstract) paper.abstract = abstract;
  const keywords = entry.fields.keywords?.map(plain).filter(Boolean);
  if (keywords?.length) paper.keywords = keywords;
  const venue = venueOf(entry);
  if (venue) paper.venue = venue;
  const year = yearOf(entry);
  if (year) paper.year = year;
  const url = fieldText(entry, 'url');
  if (url) paper.urls = (/\.pdf(?:$|[?#])/i.test(url) ? { pdf: url } : { site: url }) satisfies PaperUrls;
  const ids: PaperIds = {};
  const doi = doiFrom(fieldText(entry, 'doi') ?? '');
  if (doi) ids.doi = doi;
  const arxiv = arxivOf(entry);
  if (arxiv) ids.arxiv = arxiv;
  if (doi || arxiv) paper.ids = ids;
  return paper;
}

function parseLibrary(text: string): Library {
  try {
    return parse(text, PARSER_OPTIONS);
  } catch (error) {
    throw new ImportError(`cannot parse BibTeX: ${boundedMessage(error)}`);
  }
}

export const bibtexImporter: Importer = {
  format: 'bibtex',
  detect(text, fileName) {
    const head = text.slice(0, 4096);
    // Exports start with an entry, perhaps after `%` comment lines (JabRef, Mendeley).
    const firstLine = /^(?:\uFEFF)?(?:\s*%[^\n]*\n)*\s*(\S[^\n]*)/.exec(head)?.[1] ?? '';
    const bibName = /\.(?:bib|bibtex)$/i.test(fileName);
    if (/^@\s*[a-z]+\s*[{(]/i.test(firstLine)) return bibName ? 0.95 : 0.9;
    return /(?:^|\n)\s*@\s*[a-z]+\s*[{(]\s*[^\s,{}()]+\s*,/i.test(head) ? (bibName ? 0.8 : 0.6) : 0;
  },
  parse(text) {
    const library = parseLibrary(text);
    const places = new EntryPlaces(text);
    // An entry the parser could not read whole comes back with an error carrying its source.
    const broken = new Map<string, string>();
    for (const error of library.errors) if (isFatal(error)) broken.set(error.input!, boundedMessage(error.error));
    const read = new Set(library.entries.map((entry) => entry.input));
    const failed = [...broken].filter(([input]) => !read.has(input)).map(([input, reason]) => ({ ...places.of(input), reason }));
    const sources: SourceRecord<Entry>[] = [];
    for (const entry of library.entries) {
      // DBLP-style @proceedings that other entries crossref are venues, not papers; an entry
      // without source is the shell the parser keeps of one it could not read (an error names it).
      if (entry.crossref?.donated.length || !entry.input.trim()) continue;
      sources.push({ ...places.of(entry.input, entry.key), record: entry });
    }
    if (sources.length === 0 && failed.length === 0) throw new ImportError('no BibTeX entries in file (only @string, @comment or @preamble, or nothing)');
    const { papers, skipped } = collectPapers(
      sources,
      (entry) => {
        const reason = broken.get(entry.input);
        if (reason) throw new ImportError(`broken BibTeX entry: ${reason}`);
        return entryToPaper(entry);
      },
      { failed: failed.map((skip) => ({ ...skip, reason: `broken BibTeX entry: ${skip.reason}` })) },
    );
    const warnings = library.errors.filter((error) => !isFatal(error)).map((error) => boundedMessage(error.error));
    return { format: 'bibtex', meta: {}, papers, ...(warnings.length ? { warnings } : {}), ...skippedField(skipped) };
  },
};
