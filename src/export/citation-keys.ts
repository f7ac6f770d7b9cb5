// Citation keys for exported papers (`vaswani2017attention`), for the formats that name their
// entries: BibTeX keys, CSL item ids, RIS ids.
import type { Paper } from '../types.ts';
import { NAME_SUFFIX } from '../importers/person-names.ts';

/** Lower-case ASCII letters and digits of a word (`Müller` → `muller`). */
function keyPart(word: string): string {
  return word.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'for', 'to', 'and', 'with', 'from', 'by', 'at', 'is', 'are', 'do', 'does']);

/** `lastname2024firstword`, from the first author's last name and the first significant title word. */
function baseKey(paper: Paper): string {
  const nameWords = (paper.authors[0] ?? '').split(/\s+/).filter((word) => word && !NAME_SUFFIX.test(word));
  const lastName = keyPart(nameWords[nameWords.length - 1] ?? '') || 'anon';
  const titleWords = paper.title.split(/[\s\-–—:/]+/).map(keyPart).filter(Boolean);
  const firstWord = titleWords.find((word) => !STOP_WORDS.has(word)) ?? titleWords[0] ?? 'untitled';
  return `${lastName}${paper.year ?? ''}${firstWord}`;
}

/** Keys that collide get `a`, `b`, … `z`, `aa`, … in input order, so the same papers get the same keys. */
function uniqueKey(base: string, used: Set<string>): string {
  let key = base;
  for (let n = 0; used.has(key); n++) {
    let suffix = '';
    for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) suffix = String.fromCharCode(97 + (i % 26)) + suffix;
    key = base + suffix;
  }
  used.add(key);
  return key;
}

/** One key per paper, in order, unique within the list. */
export function citationKeys(papers: readonly Paper[]): string[] {
  const used = new Set<string>();
  return papers.map((paper) => uniqueKey(baseKey(paper), used));
}
