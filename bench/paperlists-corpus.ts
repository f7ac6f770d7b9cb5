// The paperlists corpus (../shared/corpora/paperlists) as engine documents, read straight from its
// JSON files: the background corpus for the quality benchmark when no library is given.
import fs from 'node:fs';
import path from 'node:path';
import type { PaperText } from '../src/types.ts';

interface PaperlistsEntry {
  title?: string;
  abstract?: string;
  keywords?: string;
}

export function readPaperlistsCorpus(root: string): PaperText[] {
  const docs: PaperText[] = [];
  for (const venue of fs.readdirSync(root).sort()) {
    const dir = path.join(root, venue);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const entries = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as PaperlistsEntry[];
      for (const entry of entries) {
        if (!entry.title) continue;
        docs.push({
          title: entry.title,
          abstract: entry.abstract,
          keywords: entry.keywords?.split(';').map((k) => k.trim()).filter(Boolean),
        });
      }
    }
  }
  return docs;
}
