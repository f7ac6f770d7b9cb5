// Reading CSV files with csv-parse, for the importers of paperscout's own CSV and MiniConf's
// papers.csv: rows with their lines, errors located, and the cues detection uses.
import { parse, CsvError } from 'csv-parse/sync';
import { ImportError } from './importer.ts';
import { boundedMessage } from './untrusted.ts';

export interface CsvRow {
  record: string[];
  info: { lines: number };
}

/** The first line's cells, lower-cased, for detection (no parsing: the file may be anything). */
export function headerCells(text: string): string[] {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const firstLine = head.slice(0, head.search(/\r?\n|$/));
  return firstLine.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
}

/** Every row with the line it ends on; a ragged row is kept for the importer to skip. */
export function readRows(text: string): CsvRow[] {
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
 * `; ` as paperscout's own CSV does: read as ours, each author list would be one author.
 */
export function listsWithBars(text: string): boolean {
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
