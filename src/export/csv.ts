// Papers as CSV in paperscout's own schema (docs/schema.md): a header row, then one row per paper.
import { stringify } from 'csv-stringify/sync';
import type { Paper } from '../types.ts';
import { CSV_COLUMNS, paperToRecord, recordToCsvRow } from '../importers/own-schema.ts';

export function exportCsv(papers: readonly Paper[]): string {
  return stringify(papers.map((paper) => recordToCsvRow(paperToRecord(paper))), { header: true, columns: [...CSV_COLUMNS] });
}
