import type { Paper } from '../types.ts';
import type { ExportFormat } from './formats.ts';
import { exportBibtex } from './bibtex.ts';
import { exportCsv } from './csv.ts';
import { exportJsonl } from './jsonl.ts';
import { exportCslJson } from './csl-json.ts';
import { exportRis } from './ris.ts';

/** Every export format by the name `export --format` takes. */
export const EXPORTERS = {
  jsonl: exportJsonl,
  csv: exportCsv,
  bibtex: exportBibtex,
  'csl-json': exportCslJson,
  ris: exportRis,
} satisfies Record<ExportFormat, (papers: readonly Paper[]) => string>;

