// Exporting papers: the whole library or one listing, in its order, in one of the export formats.
import type { Library } from '../library/library.ts';
import type { ExportFormat } from '../export/formats.ts';
import { EXPORTERS } from '../export/index.ts';
import { NotFoundError } from './errors.ts';

export function exportPapers(library: Library, format: ExportFormat, listing?: string): string {
  if (listing && !library.listing(listing)) throw new NotFoundError(`no listing named "${listing}"`, 'listing');
  return EXPORTERS[format](library.papers({ listing }).papers);
}
