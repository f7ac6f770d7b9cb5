// Exporting papers: the whole library or one listing, in its order, in one of the export formats.
import type { PaperStore } from '../library/store.ts';
import type { ExportFormat } from '../export/formats.ts';
import { EXPORTERS } from '../export/index.ts';
import { resolveListing } from './listings.ts';

/** `listing` names the listing as a person may (see resolveListing). */
export function exportPapers(library: PaperStore, format: ExportFormat, listing?: string): string {
  return EXPORTERS[format](library.papers({ listing: listing && resolveListing(library, listing).name }).papers);
}
