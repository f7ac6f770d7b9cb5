// paperscout's own exchange schema, which `export` writes and the jsonl and csv importers read
// back (documented in docs/schema.md). A record is a library Paper (its `--json` shape) without
// the fields only a library has: `id` and `listings`.
import type { ImportedPaper, Paper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError } from './importer.ts';
import { describeValue } from './untrusted.ts';
import { titleFields } from './records.ts';

export type PaperRecord = Omit<Paper, 'id' | 'listings'>;

export const URL_KEYS = ['site', 'pdf', 'github', 'project'] as const satisfies readonly (keyof PaperUrls)[];
export const ID_KEYS = ['arxiv', 'doi', 'openreview'] as const satisfies readonly (keyof PaperIds)[];

/** CSV columns, in order: the record's fields with `urls` and `ids` spread into columns. */
export const CSV_COLUMNS = [
  'title', 'titleDerived', 'authors', 'abstract', 'venue', 'year', 'session', 'track', 'status', 'keywords',
  ...URL_KEYS, ...ID_KEYS,
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['title', 'authors'];

/** How `authors` and `keywords` are joined in one CSV cell. */
export const CSV_LIST_SEPARATOR = '; ';

function pick<K extends string>(source: Partial<Record<K, string>>, keys: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) if (source[key]) picked[key] = source[key];
  return picked;
}

/** A library paper as a record, with keys in schema order (so exports diff cleanly). */
export function paperToRecord(paper: Paper): PaperRecord {
  return {
    title: paper.title,
    titleDerived: paper.titleDerived,
    authors: paper.authors,
    abstract: paper.abstract,
    venue: paper.venue,
    year: paper.year,
    session: paper.session,
    track: paper.track,
    status: paper.status,
    keywords: paper.keywords,
    urls: pick(paper.urls, URL_KEYS),
    ids: pick(paper.ids, ID_KEYS),
  };
}

export function recordToCsvRow(record: PaperRecord): Record<CsvColumn, string> {
  return {
    title: record.title,
    titleDerived: String(record.titleDerived),
    authors: record.authors.join(CSV_LIST_SEPARATOR),
    abstract: record.abstract ?? '',
    venue: record.venue ?? '',
    year: record.year === null ? '' : String(record.year),
    session: record.session ?? '',
    track: record.track ?? '',
    status: record.status ?? '',
    keywords: record.keywords.join(CSV_LIST_SEPARATOR),
    ...Object.fromEntries(URL_KEYS.map((key) => [key, record.urls[key] ?? ''])),
    ...Object.fromEntries(ID_KEYS.map((key) => [key, record.ids[key] ?? ''])),
  } as Record<CsvColumn, string>;
}

function cellList(cell: string | undefined): string[] {
  return (cell ?? '').split(';').map((item) => item.trim()).filter(Boolean);
}

function cellFlag(cell: string | undefined): unknown {
  const value = (cell ?? '').trim().toLowerCase();
  return value === 'true' ? true : value === 'false' || value === '' ? false : cell;
}

function cellYear(cell: string | undefined): unknown {
  const value = (cell ?? '').trim();
  return value === '' ? null : /^\d+$/.test(value) ? Number(value) : value;
}

/** A CSV row (cells by column name) in the JSON record shape, for the same validation as JSONL. */
export function csvRowToJson(row: Partial<Record<CsvColumn, string>>): Record<string, unknown> {
  return {
    title: row.title,
    titleDerived: cellFlag(row.titleDerived),
    authors: cellList(row.authors),
    abstract: row.abstract,
    venue: row.venue,
    year: cellYear(row.year),
    session: row.session,
    track: row.track,
    status: row.status,
    keywords: cellList(row.keywords),
    urls: pick(row, URL_KEYS),
    ids: pick(row, ID_KEYS),
  };
}

type Fields = Record<string, unknown>;

function wrongType(field: string, expected: string, value: unknown, location: string): ImportError {
  return new ImportError(`field "${field}" must be ${expected}, found ${describeValue(value)}`, location);
}

function optionalString(record: Fields, field: string, location: string): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(field, 'a string or null', value, location);
  return value.trim() || undefined;
}

function stringList(record: Fields, field: string, location: string): string[] | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw wrongType(field, 'an array of strings', value, location);
  }
  return value.map((item) => item.trim()).filter(Boolean);
}

function stringMap<K extends string>(record: Fields, field: string, keys: readonly K[], location: string): Partial<Record<K, string>> | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(field, 'an object', value, location);
  const map: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const item = optionalString(value as Fields, key, location);
    if (item) map[key] = item;
  }
  return Object.keys(map).length ? map : undefined;
}

/** Reads one record (parsed JSON or a converted CSV row), checking its shape; `location` names it in errors. */
export function readRecord(value: unknown, location: string): ImportedPaper {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportError(`expected a paper record (a JSON object), found ${describeValue(value)}`, location);
  }
  const record = value as Fields;
  const title = optionalString(record, 'title', location);
  const abstract = optionalString(record, 'abstract', location);
  const authors = stringList(record, 'authors', location);
  if (!authors) throw new ImportError('record has no "authors" (use [] for none)', location);
  const paper: ImportedPaper = { ...titleFields(title, abstract, 'record has no "title"'), authors };
  if (record.titleDerived !== undefined && typeof record.titleDerived !== 'boolean') {
    throw wrongType('titleDerived', 'true or false', record.titleDerived, location);
  }
  if (record.titleDerived) paper.titleDerived = true;
  const year = record.year;
  if (year !== undefined && year !== null && !(Number.isInteger(year) && (year as number) > 0)) {
    throw wrongType('year', 'a whole number or null', year, location);
  }
  if (year) paper.year = year as number;
  for (const field of ['abstract', 'venue', 'session', 'track', 'status'] as const) {
    const text = optionalString(record, field, location);
    if (text) paper[field] = text;
  }
  const keywords = stringList(record, 'keywords', location);
  if (keywords?.length) paper.keywords = keywords;
  const urls = stringMap(record, 'urls', URL_KEYS, location);
  if (urls) paper.urls = urls;
  const ids = stringMap(record, 'ids', ID_KEYS, location);
  if (ids) paper.ids = ids;
  return paper;
}
