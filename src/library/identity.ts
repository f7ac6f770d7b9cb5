// Keys that decide when two records are the same paper or the same author.
import type { PaperIds } from '../types.ts';

const ID_KINDS = ['arxiv', 'doi', 'openreview'] as const satisfies readonly (keyof PaperIds)[];

/**
 * Whether two records name different works by an identifier of the same kind (two DOIs, two
 * arXiv ids): then they are never the same paper, whatever their titles say.
 */
export function idsDiffer(a: PaperIds, b: PaperIds): boolean {
  return ID_KINDS.some((kind) => a[kind] !== undefined && b[kind] !== undefined && a[kind] !== b[kind]);
}

function foldToAscii(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * A title reduced to what survives every source's formatting: case, accents, LaTeX
 * commands and braces, punctuation and spacing are all dropped.
 */
export function titleKey(title: string): string {
  return foldToAscii(title)
    .toLowerCase()
    .replace(/\\[a-z]+\s*/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function nameTokens(name: string): string[] {
  return foldToAscii(name)
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((token) => token.length > 1);
}

/**
 * One key for the spellings of a name that sources mix: word order (`LIU YONG` and
 * `Yong Liu`), case, accents and middle initials do not matter.
 */
export function authorKey(name: string): string {
  return nameTokens(name).sort().join(' ');
}

/**
 * Two author lists can belong to the same paper when either is unknown or they share a
 * name word; an equal title plus that is strong evidence, while equal titles with
 * disjoint author lists are usually different works (e.g. two papers called "Hyperbolic
 * Graph Neural Networks").
 */
export function authorsCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const words = new Set(a.flatMap(nameTokens));
  return b.some((name) => nameTokens(name).some((token) => words.has(token)));
}
