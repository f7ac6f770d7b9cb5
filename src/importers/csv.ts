// CSV in paperscout's own schema (own-schema.ts, docs/schema.md): a header row naming the
// columns, lists joined with `; `, urls and ids as one column each.
import { parse, CsvError } from 'csv-parse/sync';
import { ImportError, type Importer } from './importer.ts';
import { boundedMessage, describeValue, shortLabel } from './untrusted.ts';
import { collectPapers, place, skippedField, type SourceRecord } from './records.ts';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, csvRowToJson, readRecord, type CsvColumn } from './own-schema.ts';

interface CsvRow {
  record: string[];
  info: { lines: number };
}

const HEADER_CELLS_SHOWN = 12;

const KNOWN_COLUMNS: ReadonlyMap<string, CsvColumn> = new Map(CSV_COLUMNS.map((column) => [column.toLowerCase(), column]));

function headerCells(text: string): string[] {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const firstLine = head.slice(0, head.search(/\r?\n|$/));
  return firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
}

function readRows(text: string): CsvRow[] {
  try {
    // A row with too few or too many cells is skipped on its own (collectPapers), not the file.
    return parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as CsvRow[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { lines } = error as CsvError & { lines?: number };
    const reason = `invalid CSV: ${boundedMessage(error.message.replace(/ (?:on|at) line \d+$/, ''))}`;
    throw new ImportError(reason, lines ? `line ${lines}` : undefined);
  }
}

/** Rows the detector reads to see how the author lists are written. */
const DETECT_ROWS = 200;

/**
 * Whether the sampled rows join their authors with `|` (MiniConf's `papers.csv`), not with
 * `; ` as this schema does: read as ours, each author list would be one author.
 */
function listsWithBars(text: string): boolean {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, to_line: DETECT_ROWS + 1 }) as string[][];
  } catch {
    return false;
  }
  const column = rows[0]?.findIndex((cell) => cell.trim().toLowerCase() === 'authors') ?? -1;
  const cells = rows.slice(1).map((row) => row[column] ?? '');
  const bars = cells.filter((cell) => cell.includes('|') && !cell.includes(';')).length;
  return bars > 0 && bars >= cells.filter((cell) => cell.includes(';')).length;
}

/** The header's cells for a message: each short one as written, at most a dozen. */
function headerList(cells: readonly string[]): string {
  const shown = cells.slice(0, HEADER_CELLS_SHOWN).map((cell) => shortLabel(cell) ?? describeValue(cell));
  return cells.length > HEADER_CELLS_SHOWN ? `${shown.join(', ')} and ${cells.length - HEADER_CELLS_SHOWN} more` : shown.join(', ');
}

export const csvImporter: Importer = {
  format: 'csv',
  detect(text, fileName) {
    const header = headerCells(text);
    if (!header.includes('title') || !header.includes('authors')) return 0;
    if (listsWithBars(text)) return 0;
    const known = header.filter((cell) => KNOWN_COLUMNS.has(cell)).length;
    return (known >= 4 ? 0.85 : 0.6) + (/\.csv$/i.test(fileName) ? 0.1 : 0);
  },
  parse(text) {
    const [header, ...rows] = readRows(text);
    if (!header) throw new ImportError('file has no header row');
    // Column names match case-insensitively; unknown columns are ignored.
    const columns = header.record.map((name) => KNOWN_COLUMNS.get(name.trim().toLowerCase()));
    const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length) {
      throw new ImportError(`missing required column(s): ${missing.join(', ')} (header has: ${headerList(header.record)})`, 'line 1');
    }
    if (rows.length === 0) throw new ImportError('no paper rows below the header', 'line 2');
    const sources = rows.map((row, index): SourceRecord<CsvRow> => ({ ...place(index + 1, undefined, row.info.lines), record: row }));
    const { papers, skipped } = collectPapers(sources, ({ record, info }) => {
      if (record.length !== header.record.length) throw new ImportError(`row has ${record.length} cells where the header has ${header.record.length}`);
      const row: Partial<Record<CsvColumn, string>> = {};
      columns.forEach((column, index) => {
        if (column) row[column] = record[index];
      });
      return readRecord(csvRowToJson(row), `line ${info.lines}`);
    });
    return { format: 'csv', meta: {}, papers, ...skippedField(skipped) };
  },
};
