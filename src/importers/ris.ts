// RIS, the reference format Mendeley, Zotero, EndNote and publishers export: one `XX  - value`
// line per field, records from `TY` to `ER`. Hand-written: the format is a line protocol that
// takes less code to read than to adapt a library's output (the RIS packages on npm are thin,
// unmaintained, and would still need the tag-to-field mapping below).
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { squeeze } from './clean-text.ts';
import { invertedName } from './person-names.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

/** `TY  - JOUR`; writers disagree on the spaces, and `ER  -` often has no value or space. */
const TAG_LINE = /^([A-Z][A-Z0-9])\s{1,2}-(?: (.*))?$/;

/** Tags that may repeat and are kept as lists; every other tag keeps its first value. */
const LIST_TAGS = new Set(['AU', 'A1', 'KW', 'UR', 'L1']);

/**
 * Where each field may come from, best source first. Some writers title a record only with
 * its short title (`ST`) or the title of the book it is (`BT`).
 */
const TITLE_TAGS = ['TI', 'T1', 'CT', 'ST', 'BT'];
const ABSTRACT_TAGS = ['AB', 'N2'];
const YEAR_TAGS = ['PY', 'Y1', 'DA'];
const VENUE_TAGS = ['T2', 'JF', 'JO', 'BT', 'JA', 'J2'];

interface RisRecord {
  /** 1-based position of the record and the line of its `TY`. */
  ordinal: number;
  line: number;
  fields: Map<string, string[]>;
  /** The tag of the last field, which an untagged continuation line extends. */
  lastTag: string;
  /** Why the record cannot be read, found while reading the lines. */
  broken?: string;
}

function first(record: RisRecord, tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const value = record.fields.get(tag)?.find((v) => v.trim());
    if (value) return squeeze(value);
  }
  return undefined;
}

function all(record: RisRecord, tags: readonly string[]): string[] {
  return tags.flatMap((tag) => record.fields.get(tag) ?? []).map(squeeze).filter(Boolean);
}


function locationOf(record: RisRecord): string {
  return `record ${record.ordinal}, line ${record.line}`;
}

function recordToPaper(record: RisRecord): ImportedPaper {
  if (record.broken) throw new ImportError(record.broken);
  const abstract = first(record, ABSTRACT_TAGS);
  const authors = all(record, ['AU', 'A1']).filter((name) => !isPlaceholder(name));
  const paper: ImportedPaper = { ...titleFields(first(record, TITLE_TAGS), abstract, 'record has no title (TI, T1 or ST)'), authors: authors.map(invertedName) };
  if (abstract) paper.abstract = abstract;
  const keywords = all(record, ['KW']);
  if (keywords.length) paper.keywords = keywords;
  const venue = first(record, VENUE_TAGS);
  if (venue) paper.venue = venue;
  const year = /\d{4}/.exec(first(record, YEAR_TAGS) ?? '');
  if (year) paper.year = Number(year[0]);
  const links = all(record, ['UR', 'L1']).filter((url) => /^https?:\/\//i.test(url));
  const pdf = links.find((url) => /\.pdf(?:$|[?#])/i.test(url));
  const site = all(record, ['UR']).find((url) => url !== pdf && /^https?:\/\//i.test(url));
  if (site || pdf) paper.urls = { ...(site && { site }), ...(pdf && { pdf }) } satisfies PaperUrls;
  const doi = doiFrom(first(record, ['DO']) ?? '');
  const arxiv = [doi, ...links].map((value) => (value && /arxiv/i.test(value) ? arxivIdFrom(value) : undefined)).find(Boolean);
  if (doi || arxiv) paper.ids = { ...(doi && { doi }), ...(arxiv && { arxiv }) } satisfies PaperIds;
  const id = first(record, ['ID']);
  if (id) paper.sourceId = id;
  return paper;
}

function readRecords(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let open: RisRecord | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const tagged = TAG_LINE.exec(raw.trimEnd());
    if (!tagged) {
      // Some writers wrap long values (abstracts) onto untagged lines.
      if (open && raw.trim()) {
        const values = open.fields.get(open.lastTag);
        if (values?.length) values[values.length - 1] += ` ${raw.trim()}`;
      }
      return;
    }
    const [, tag, value = ''] = tagged;
    if (tag === 'TY') {
      // A record cut short (two exports pasted together) is left out; the next one is read.
      if (open) records.push({ ...open, broken: `record has no ER line before the next TY (line ${lineNumber})` });
      open = { ordinal: records.length + 1, line: lineNumber, fields: new Map(), lastTag: 'TY' };
      return;
    }
    if (!open) {
      if (tag === 'ER') throw new ImportError('ER line without a record (no TY before it)', `line ${lineNumber}`);
      return;
    }
    if (tag === 'ER') {
      records.push(open);
      open = undefined;
      return;
    }
    const values = open.fields.get(tag);
    if (!values) open.fields.set(tag, [value]);
    else if (LIST_TAGS.has(tag)) values.push(value);
    open.lastTag = tag;
  });
  if (open) throw new ImportError(`record ${open.ordinal} has no ER line (file ends inside it; truncated?)`, locationOf(open));
  return records;
}

export const risImporter: Importer = {
  format: 'ris',
  detect(text, fileName) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
    if (/^TY {1,2}- ?\S/.test(head)) return 0.95;
    return /\.ris$/i.test(fileName) && /^TY {1,2}-/m.test(head) ? 0.7 : 0;
  },
  parse(text) {
    const records = readRecords(text);
    if (records.length === 0) throw new ImportError('no RIS records (TY … ER) in file');
    const sources = records.map((record): SourceRecord<RisRecord> => ({ ...place(record.ordinal, first(record, ['ID']), record.line), record }));
    const { papers, skipped } = collectPapers(sources, recordToPaper);
    return { format: 'ris', meta: {}, papers, ...skippedField(skipped) };
  },
};
