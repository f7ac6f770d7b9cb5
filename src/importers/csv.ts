// CSV in paperscout's own schema (own-schema.ts, docs/schema.md): a header row naming the
// columns, lists joined with `; `, urls and ids as one column each.
import { ImportError, type Importer } from './importer.ts';
import { describeValue, shortLabel } from './untrusted.ts';
import { headerCells, listsWithBars, readRows, type CsvRow } from './csv-text.ts';
import { collectPapers, place, skippedField, type SourceRecord } from './records.ts';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, csvRowToJson, readRecord, type CsvColumn } from './own-schema.ts';

const HEADER_CELLS_SHOWN = 12;

const KNOWN_COLUMNS: ReadonlyMap<string, CsvColumn> = new Map(CSV_COLUMNS.map((column) => [column.toLowerCase(), column]));

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
