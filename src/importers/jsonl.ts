// JSON Lines in paperscout's own schema (own-schema.ts, docs/schema.md): one paper record per line.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { parseJson } from './json-text.ts';
import { readRecord } from './own-schema.ts';

export const jsonlImporter: Importer = {
  format: 'jsonl',
  detect(text, fileName) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
    const firstLine = head.split('\n', 1)[0];
    // OpenReview archives are JSON Lines too, but their notes nest the paper under "content".
    if (!firstLine.startsWith('{') || firstLine.includes('"content"') || !firstLine.includes('"title"')) return 0;
    const named = /\.(?:jsonl|ndjson)$/i.test(fileName) ? 0.1 : 0;
    return (firstLine.includes('"authors"') ? 0.8 : 0.5) + named;
  },
  parse(text) {
    const papers: ImportedPaper[] = [];
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    for (let index = 0; index < lines.length; index++) {
      if (!lines[index].trim()) continue;
      papers.push(readRecord(parseJson(lines[index], index + 1), `line ${index + 1}`));
    }
    if (papers.length === 0) throw new ImportError('no paper records in file');
    return { format: 'jsonl', meta: {}, papers };
  },
};
