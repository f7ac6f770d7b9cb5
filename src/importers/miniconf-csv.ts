// MiniConf's `papers.csv` (the virtual-conference site ICLR, ICML, ACL and others ran from
// github.com/Mini-Conf): one row per paper under a header such as
// `UID,title,authors,abstract,keywords,session…`, with lists (authors, keywords, sessions)
// separated by `|`.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { splitList, squeeze } from './clean-text.ts';
import { arxivIdFrom } from './identifiers.ts';
import { headerCells, listsWithBars, readRows, type CsvRow } from './csv-text.ts';
import { webUrl } from './json-fields.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

/** The fields read, and the column names the sites' papers.csv files use for each (lower-case). */
const COLUMNS = {
  id: ['uid', 'id', 'paper_id'],
  title: ['title'],
  authors: ['authors', 'author'],
  abstract: ['abstract'],
  keywords: ['keywords'],
  session: ['session', 'sessions'],
  pdf: ['pdf_url', 'pdf'],
  site: ['url', 'paper_url', 'forum'],
  github: ['code', 'github'],
} as const;
type Field = keyof typeof COLUMNS;

/** Which cell holds each field, from the header row. */
function columnsOf(header: readonly string[]): Partial<Record<Field, number>> {
  const names = header.map((cell) => cell.trim().toLowerCase());
  const columns: Partial<Record<Field, number>> = {};
  for (const [field, aliases] of Object.entries(COLUMNS) as [Field, readonly string[]][]) {
    const index = names.findIndex((name) => aliases.includes(name));
    if (index >= 0) columns[field] = index;
  }
  return columns;
}

const list = (cell: string | undefined) => splitList(cell ?? '', '|');

function rowToPaper(row: CsvRow, columns: Partial<Record<Field, number>>, width: number): ImportedPaper {
  const { record } = row;
  if (record.length !== width) throw new ImportError(`row has ${record.length} cells where the header has ${width}`);
  const cell = (field: Field) => {
    const index = columns[field];
    return index === undefined ? undefined : squeeze(record[index] ?? '') || undefined;
  };
  const abstract = cell('abstract');
  const paper: ImportedPaper = {
    ...titleFields(cell('title'), abstract, 'row has no title'),
    authors: list(record[columns.authors!]).filter((name) => !isPlaceholder(name)),
  };
  if (abstract) paper.abstract = abstract;
  const keywords = list(cell('keywords'));
  if (keywords.length) paper.keywords = keywords;
  // A paper presented twice (two time zones) lists both sessions.
  const sessions = list(cell('session'));
  if (sessions.length) paper.session = sessions.join(', ');
  const site = webUrl(cell('site'));
  const pdf = webUrl(cell('pdf'));
  const github = webUrl(cell('github'));
  if (site || pdf || github) paper.urls = { ...(site && { site }), ...(pdf && { pdf }), ...(github && { github }) };
  const arxiv = [site, pdf].find((url) => url?.includes('arxiv.org/'));
  if (arxiv && arxivIdFrom(arxiv)) paper.ids = { arxiv: arxivIdFrom(arxiv)! };
  const id = cell('id');
  if (id) paper.sourceId = id;
  return paper;
}

export const miniconfCsvImporter: Importer = {
  format: 'miniconf-csv',
  detect(text) {
    const header = headerCells(text);
    if (!header.includes('title') || !header.some((cell) => cell === 'authors' || cell === 'author')) return 0;
    // MiniConf names its id column `UID`, and joins its author lists with `|`.
    if (header[0] === 'uid') return 1;
    return listsWithBars(text) ? 0.9 : 0;
  },
  parse(text) {
    const [header, ...rows] = readRows(text);
    if (!header) throw new ImportError('file has no header row');
    const columns = columnsOf(header.record);
    if (columns.title === undefined || columns.authors === undefined) {
      throw new ImportError('the header names no "title" and "authors" columns', 'line 1');
    }
    if (rows.length === 0) throw new ImportError('no paper rows below the header', 'line 2');
    const sources = rows.map((row, index): SourceRecord<CsvRow> => ({ ...place(index + 1, undefined, row.info.lines), record: row }));
    const { papers, skipped } = collectPapers(sources, (row) => rowToPaper(row, columns, header.record.length));
    return { format: 'miniconf-csv', meta: {}, papers, ...skippedField(skipped) };
  },
};
