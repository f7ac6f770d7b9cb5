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
import { boundedMessage, shortLabel } from './untrusted.ts';
import { LineIndex } from './text-location.ts';
import { collectPapers, place, skipLocation, skippedField, titleFields, type RecordPlace, type SourceRecord } from './records.ts';

/**
 * A command the parser cannot render as Unicode is marked with its name between these
 * private-use characters, then dropped with its argument kept (`\mathcal{O}(n)` → `O(n)`:
 * readable, where keeping the bare command gives `\mathcalO(n)`); a title that is nothing but
 * one such command (`{\TUG}`, a macro a style file defines) is resolved by name instead.
 */
const MACRO_OPEN = '\uE000';
const MACRO_CLOSE = '\uE001';
const MACRO_MARK = /\uE000[^\uE001]*\uE001/g;
const BARE_MACRO = /^\uE000([^\uE001]+)\uE001$/;

const PARSER_OPTIONS = {
  // Keep titles as written: no sentence-casing (which also drops case-protection markup).
  english: false,
  applyCrossRef: true,
  unsupported: (node: { type: string; content?: unknown }) => (node.type === 'macro' && typeof node.content === 'string' ? `${MACRO_OPEN}${node.content}${MACRO_CLOSE}` : ''),
};

/**
 * `\^{}` and `\~{}` (DBLP's literal caret and tilde) render as the accent over a space (or
 * over nothing, at the start of a field, which the parser trims); these are the characters
 * TeX prints for such accents.
 */
const SPACING_ACCENTS: Readonly<Record<string, string>> = {
  '\u0300': '`', '\u0301': '\u00b4', '\u0302': '^', '\u0303': '~', '\u0304': '\u00af', '\u0308': '\u00a8', '\u0327': '\u00b8',
};
const ACCENT_ON_SPACE = /(?:^| )([\u0300-\u0304\u0308\u0327])/g;

/** Characters the parser refuses in a key (DBLP and biblatex test files have keys like `k??`). */
const REFUSED_KEY_CHARACTER = /[?!#%~=<>|^`$@]/;
const REFUSED_KEY_CHARACTERS = new RegExp(REFUSED_KEY_CHARACTER.source, 'g');
/** An entry's head, up to its key. */
const ENTRY_HEAD = /^(@\s*[a-z]+\s*[{(]\s*)([^,\s{}()]*)/i;
const UNCLOSED_MATH = /^Unclosed math section at line (\d+), column (\d+)/;
/** Each round of repairs may uncover the next problem of an entry; real files need one or two. */
const REPAIR_ROUNDS = 3;

/** The markup the parser renders for \emph, \textbf, \textsc, paragraphs and the like. */
const RENDERED_MARKUP = /<\/?(?:i|b|code|p|li|ul|ol|br|sup|sub|blockquote|span)(?:\s[^>]*)?\/?>/g;

/** Entries (not @string, @comment or @preamble) as they start in the source text. */
const ENTRY_START = /@\s*(?!(?:string|comment|preamble)\b)[a-z]+\s*[{(]/gi;

/** An entry with its key at the start of a line, as every writer puts it. */
const ENTRY_WITH_KEY = /^[ \t]*@\s*(?!(?:string|comment|preamble)\b)[a-z]+\s*[{(]\s*[^\s,{}()]+\s*,/im;
/** How much of a file detection reads: prologues of comments and @preamble run to several kB. */
const DETECT_SAMPLE = 256 * 1024;

/** `{\'\i}` renders as dotless ı plus a combining accent, which NFC cannot compose into í. */
const ACCENTED_DOTLESS = /([\u0131\u0237])([\u0300-\u036f])/g;

function plain(value: string): string {
  const unmarked = (value.includes(MACRO_OPEN) ? value.replace(MACRO_MARK, '') : value).replace(ACCENT_ON_SPACE, (_match, accent: string) => SPACING_ACCENTS[accent]);
  const text = squeeze(unmarked.includes('<') ? unmarked.replace(RENDERED_MARKUP, '') : unmarked);
  return text
    .replace(ACCENTED_DOTLESS, (_match, letter: string, accent: string) => (letter === '\u0131' ? 'i' : 'j') + accent)
    .normalize('NFC');
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

function entryToPaper(entry: Entry, title: string | undefined, key: string): ImportedPaper {
  const abstract = fieldText(entry, 'abstract');
  const paper: ImportedPaper = {
    ...titleFields(title ?? fieldText(entry, 'title'), abstract, `@${entry.type} entry has no title`),
    authors: (entry.fields.author ?? []).map(nameOf).filter(Boolean),
    sourceId: key,
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

interface Repaired {
  library: Library;
  /** The text the library was parsed from: the file's, with the repairs (same lines). */
  source: string;
  /** Keys as the file wrote them, by the key they were parsed under. */
  keys: Map<string, string>;
}

/**
 * Parses the text, mending what biber and bibtexparser read but the parser refuses in an
 * otherwise sound entry: a key with `?` or `!` in it, and a lone `$` in an abstract ("costs
 * $5"), which the parser takes for unclosed math. The mended entries are parsed again with
 * the rest of the file, so they resolve @string macros and crossrefs like any other.
 */
function parseRepaired(text: string): Repaired {
  let source = text;
  const keys = new Map<string, string>();
  let library = parseLibrary(source);
  for (let round = 0; round < REPAIR_ROUNDS; round++) {
    const mended = repairEntries(source, library.errors, keys);
    if (mended === source) break;
    source = mended;
    library = parseLibrary(source);
  }
  return { library, source, keys };
}

/** The text with the entries of fatal errors mended where a repair is known; the same text if none is. */
function repairEntries(text: string, errors: readonly ParseError[], keys: Map<string, string>): string {
  const lines = new LineIndex(text);
  /** [offset, characters replaced, replacement], applied from the end so offsets hold. */
  const edits: [number, number, string][] = [];
  for (const error of errors) {
    if (!isFatal(error)) continue;
    const input = error.input!.trimStart();
    const start = text.indexOf(input);
    if (start < 0) continue;
    const head = ENTRY_HEAD.exec(input);
    if (head && REFUSED_KEY_CHARACTER.test(head[2])) {
      const key = head[2].replace(REFUSED_KEY_CHARACTERS, '_');
      keys.set(key, head[2]);
      edits.push([start + head[1].length, head[2].length, key]);
      continue;
    }
    const math = UNCLOSED_MATH.exec(error.error);
    if (math) {
      const at = lines.offsetOf(Number(math[1]), Number(math[2]));
      const dollar = lastUnescaped(text, '$', start, at);
      if (dollar >= 0) edits.push([dollar, 0, '\\']);
    }
  }
  let mended = text;
  for (const [offset, length, replacement] of edits.sort((a, b) => b[0] - a[0])) {
    mended = mended.slice(0, offset) + replacement + mended.slice(offset + length);
  }
  return mended;
}

/** The offset of the last `char` in text[from, to) without a backslash before it, or -1. */
function lastUnescaped(text: string, char: string, from: number, to: number): number {
  for (let at = text.lastIndexOf(char, to - 1); at >= from; at = text.lastIndexOf(char, at - 1)) {
    if (text[at - 1] !== '\\') return at;
  }
  return -1;
}

/**
 * The title of an entry whose title is one TeX macro (`{\TUG}`): the @string of that name
 * when the file defines one, else the macro's name, with a warning.
 */
function macroTitle(entry: Entry, library: Library, where: RecordPlace, warnings: string[]): string | undefined {
  const name = BARE_MACRO.exec(entry.fields.title?.trim() ?? '')?.[1];
  if (!name) return undefined;
  const defined = Object.entries(library.strings).find(([string]) => string.toLowerCase() === name.toLowerCase())?.[1];
  if (defined && plain(defined)) return plain(defined);
  warnings.push(`${skipLocation(where)}: the title is the TeX macro \\${shortLabel(name) ?? '…'}, which the file does not define; kept as its name`);
  return name;
}

export const bibtexImporter: Importer = {
  format: 'bibtex',
  detect(text, fileName) {
    const sample = text.slice(0, DETECT_SAMPLE);
    const bibName = /\.(?:bib|bibtex)$/i.test(fileName);
    // Exports start with an entry, an @preamble, @string or @comment, perhaps after `%` comment
    // lines (JabRef, Mendeley; a hand-kept bibliography's licence runs to pages).
    const firstLine = /^(?:\uFEFF)?(?:[ \t]*(?:%[^\n]*)?\r?\n)*\s*(\S[^\n]*)/.exec(sample)?.[1] ?? '';
    if (/^@\s*[a-z]+\s*[{(]/i.test(firstLine)) return bibName ? 0.95 : 0.9;
    // Text before the first entry (BibTeX ignores it): a bibliography with a prose header.
    return ENTRY_WITH_KEY.test(sample) ? (bibName ? 0.8 : 0.6) : 0;
  },
  parse(text) {
    const { library, source, keys } = parseRepaired(text);
    const places = new EntryPlaces(source);
    // An entry the parser could not read whole comes back with an error carrying its source.
    const broken = new Map<string, string>();
    for (const error of library.errors) if (isFatal(error)) broken.set(error.input!, boundedMessage(error.error));
    const read = new Set(library.entries.map((entry) => entry.input));
    const failed = [...broken].filter(([input]) => !read.has(input)).map(([input, reason]) => ({ ...places.of(input), reason: `broken BibTeX entry: ${reason}` }));
    const sources: SourceRecord<Entry>[] = [];
    for (const entry of library.entries) {
      // DBLP-style @proceedings that other entries crossref are venues, not papers; an entry
      // without source is the shell the parser keeps of one it could not read (an error names it).
      if (entry.crossref?.donated.length || !entry.input.trim()) continue;
      sources.push({ ...places.of(entry.input, keys.get(entry.key) ?? entry.key), record: entry });
    }
    if (sources.length === 0 && failed.length === 0) throw new ImportError('no BibTeX entries in file (only @string, @comment or @preamble, or nothing)');
    const warnings = library.errors.filter((error) => !isFatal(error)).map((error) => boundedMessage(error.error));
    const { papers, skipped } = collectPapers(
      sources,
      (entry, where) => {
        const reason = broken.get(entry.input);
        if (reason) throw new ImportError(`broken BibTeX entry: ${reason}`);
        return entryToPaper(entry, macroTitle(entry, library, where, warnings), keys.get(entry.key) ?? entry.key);
      },
      { failed },
    );
    return { format: 'bibtex', meta: {}, papers, ...(warnings.length ? { warnings } : {}), ...skippedField(skipped) };
  },
};
