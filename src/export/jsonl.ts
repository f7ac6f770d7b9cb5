// Papers as JSON Lines in paperscout's own schema (docs/schema.md): one record per line.
import type { Paper } from '../types.ts';
import { paperToRecord } from '../importers/own-schema.ts';

export function exportJsonl(papers: readonly Paper[]): string {
  return papers.map((paper) => `${JSON.stringify(paperToRecord(paper))}\n`).join('');
}
