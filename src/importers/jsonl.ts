// JSON Lines in paperscout's own schema (own-schema.ts, docs/schema.md): one paper record per line.
import { ImportError, type Importer } from './importer.ts';
import { parseJson } from './json-text.ts';
import { readRecord } from './own-schema.ts';
import { collectPapers, place, skippedField, type SourceRecord } from './records.ts';

/** The non-blank lines of a JSON Lines text, each a record numbered in order with its line. */
export function jsonLines(text: string): SourceRecord<string>[] {
  const records: SourceRecord<string>[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, index) => {
    if (line.trim()) records.push({ ...place(records.length + 1, undefined, index + 1), record: line });
  });
  return records;
}

export const jsonlImporter: Importer = {
  format: 'jsonl',
  detect(text, fileName) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
    const firstLine = head.split('\n', 1)[0];
    // OpenReview archives are JSON Lines too, but their notes nest the paper under "content";
    // Semantic Scholar's responses, one paper or a page of them on one line, carry "paperId".
    if (!firstLine.startsWith('{') || firstLine.includes('"content"') || firstLine.includes('"paperId"') || !firstLine.includes('"title"')) return 0;
    const named = /\.(?:jsonl|ndjson)$/i.test(fileName) ? 0.1 : 0;
    return (firstLine.includes('"authors"') ? 0.8 : 0.5) + named;
  },
  parse(text) {
    const records = jsonLines(text);
    if (records.length === 0) throw new ImportError('no paper records in file');
    const { papers, skipped } = collectPapers(records, (line, where) => readRecord(parseJson(line, where.line), `line ${where.line}`));
    return { format: 'jsonl', meta: {}, papers, ...skippedField(skipped) };
  },
};
