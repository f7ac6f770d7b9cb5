/** The formats `export` writes; apart from the writers so naming them loads none. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'bibtex', 'csl-json', 'ris'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
