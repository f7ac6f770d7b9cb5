// Finding likely versions of one work (a renamed or rewritten paper) among thousands of
// abstracts without comparing every pair: each abstract keeps a bottom-k sketch of its word
// pairs, papers that share sketch values become candidates, and candidates are confirmed on
// the full text. Hand-written because no npm package offers a persistable bottom-k index
// small enough to load per command; the whole technique is these few functions.

import { FNV_OFFSET, FNV_PRIME, fnv1a } from '../hash.ts';
import { Uint32HashTable } from '../hash-table.ts';

const SKETCH_SIZE = 24;
/** Candidates must share this many sketch values: one shared common phrase is not enough. */
const MIN_SHARED = 2;
/** A sketch value found in more papers than this is a stock phrase, useless as evidence. */
const MAX_POSTING = 64;
/** Share of the shorter abstract's word pairs found in the other one. */
export const VERSION_THRESHOLD = 0.25;
/**
 * Sketches estimate the Jaccard similarity of two abstracts' word pairs; candidates below
 * this are not worth reading from disk. Versions found in practice are at 0.15 to 1.
 */
const MIN_ESTIMATED_JACCARD = 0.08;
const MIN_PAIRS = 12;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can do for from has have in into is it its may more most ' +
    'not of on or our over such than that the their them these they this those to under via was ' +
    'we were what when where which while with without also both each how only other so then there')
    .split(' '),
);

const STOP_WORD_BY_HASH = new Map([...STOP_WORDS].map((word) => [fnv1a(word), word]));
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * The hashes of a text's words, lower-cased, stop words left out, in order. One of three
 * tokenizers, each cutting words for its own use. This one looks for the same wording in two
 * versions of a paper, which repeat their sentences as written, so words are neither stemmed nor
 * folded; and it runs on every abstract ingested, so it hashes words as it scans them, without
 * building strings. engine/text.ts stems words and joins hyphenated prefixes, so that spellings
 * of one idea meet, for relevance; library/highlight.ts cuts words exactly as the full-text index
 * does (diacritics folded), so that what a search matched is what is marked.
 */
function contentWordHashes(text: string): Uint32Array {
  if (!ASCII_ONLY.test(text)) {
    const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
    return Uint32Array.from(words, fnv1a);
  }
  // Nearly every abstract is ASCII: hashing as we scan, without building word strings, is four
  // times faster than the general path above, and gives the same hashes.
  const hashes = new Uint32Array((text.length >> 1) + 1);
  let count = 0;
  let start = -1;
  let hash = FNV_OFFSET;
  for (let i = 0; i <= text.length; i++) {
    let code = i < text.length ? text.charCodeAt(i) : 32;
    if (code >= 65 && code <= 90) code += 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ code, FNV_PRIME);
    } else if (start >= 0) {
      if (!isStopWord(hash >>> 0, text, start, i)) hashes[count++] = hash >>> 0;
      start = -1;
    }
  }
  return hashes.subarray(0, count);
}

function isStopWord(hash: number, text: string, start: number, end: number): boolean {
  const word = STOP_WORD_BY_HASH.get(hash);
  if (word === undefined || word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) {
    if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * An abstract's adjacent content-word pairs as sorted, distinct 32-bit hashes: hashing words
 * once and mixing neighbours is much cheaper than building pair strings, and collisions among
 * a few hundred pairs are too rare to move an overlap. Sorted arrays give the sketch for free
 * and let two abstracts be compared by one merge.
 */
export function wordPairs(text: string): Uint32Array {
  const words = contentWordHashes(text);
  const pairs = new Uint32Array(Math.max(words.length - 1, 0));
  for (let i = 1; i < words.length; i++) pairs[i - 1] = (Math.imul(words[i - 1], 0x9e3779b1) ^ words[i]) >>> 0;
  pairs.sort();
  let distinct = 0;
  for (let i = 0; i < pairs.length; i++) if (i === 0 || pairs[i] !== pairs[i - 1]) pairs[distinct++] = pairs[i];
  return pairs.slice(0, distinct);
}

/** The smallest SKETCH_SIZE hashes of an abstract's word pairs, or null when there are too few to judge. */
export function sketchPairs(pairs: Uint32Array): Uint32Array | null {
  return pairs.length < MIN_PAIRS ? null : pairs.slice(0, SKETCH_SIZE);
}

/** Share of the shorter text's word pairs that the other text also has. */
export function textOverlap(a: string | Uint32Array, b: string | Uint32Array): number {
  const pairsA = typeof a === 'string' ? wordPairs(a) : a;
  const pairsB = typeof b === 'string' ? wordPairs(b) : b;
  const smaller = Math.min(pairsA.length, pairsB.length);
  if (smaller === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < pairsA.length && j < pairsB.length; ) {
    if (pairsA[i] === pairsB[j]) {
      shared++;
      i++;
      j++;
    } else if (pairsA[i] < pairsB[j]) i++;
    else j++;
  }
  return shared / smaller;
}

/** Estimated Jaccard similarity of two sets from their bottom-k sketches (both sorted ascending). */
function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  // Walk the union's smallest SKETCH_SIZE values; those in both sets estimate the Jaccard.
  for (let taken = 0; taken < SKETCH_SIZE && (i < a.length || j < b.length); taken++) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) i++;
    else if (i >= a.length || b[j] < a[i]) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return shared / SKETCH_SIZE;
}

/** An in-memory index of sketches, loaded once per command that adds papers. */
export class SketchIndex {
  /**
   * Sketch value -> its list's index in `postings`, plus one. Not a Map, which boxes the values
   * above V8's small integers (2^30; an eighth of them on the paperlists library): looking
   * candidates up in one was three times slower.
   */
  private readonly postingOf = new Uint32HashTable((size) => new Uint32Array(size));
  /** The papers whose sketches hold a value. */
  private readonly postings: number[][] = [];
  private readonly sketches = new Map<number, Uint32Array>();
  /** Shared sketch values per paper id while `candidates` runs: a typed array is 5x faster than a Map here. */
  private shared = new Uint8Array(1024);

  add(paperId: number, sketch: Uint32Array): void {
    this.sketches.set(paperId, sketch);
    for (const value of sketch) {
      const posting = this.postingOf.get(value);
      if (posting !== 0) this.postings[posting - 1].push(paperId);
      else this.postingOf.add(value, this.postings.push([paperId]));
    }
    if (paperId >= this.shared.length) {
      const grown = new Uint8Array(Math.max(paperId + 1, this.shared.length * 2));
      grown.set(this.shared);
      this.shared = grown;
    }
  }

  /** Papers whose sketches suggest a version of `sketch`'s abstract, most similar first. */
  candidates(sketch: Uint32Array): number[] {
    const seen: number[] = [];
    for (const value of sketch) {
      const posting = this.postingOf.get(value);
      const list = posting === 0 ? undefined : this.postings[posting - 1];
      if (!list || list.length > MAX_POSTING) continue;
      for (const id of list) if (this.shared[id]++ === 0) seen.push(id);
    }
    const likely: [number, number][] = [];
    for (const id of seen) {
      if (this.shared[id] >= MIN_SHARED) {
        const similarity = estimateJaccard(sketch, this.sketches.get(id)!);
        if (similarity >= MIN_ESTIMATED_JACCARD) likely.push([id, similarity]);
      }
      this.shared[id] = 0;
    }
    return likely.sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }
}

export function sketchToBlob(sketch: Uint32Array): Buffer {
  return Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
}

export function blobToSketch(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
