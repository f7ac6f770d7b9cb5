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

/** A posting of several papers is MANY + its list's index; one of a single paper is its id + 1. */
const MANY = 0x80000000;

/**
 * An in-memory index of sketches, loaded once per command that adds papers, and kept in the
 * library between commands (encode, decode): reading every paper's sketch from its row reads the
 * whole papers table, 20 seconds for 300,000 papers, before a listing of ten is ingested.
 */
export class SketchIndex {
  /**
   * Sketch value -> its posting (see MANY). Not a Map, which boxes the values above V8's small
   * integers (2^30; an eighth of them on the paperlists library): looking candidates up in one
   * was three times slower. Most values are in one sketch only, so a list is made for a value
   * only when a second paper has it: a list for each of 24 million values took 1.2 GB.
   */
  private readonly postingOf = new Uint32HashTable((size) => new Uint32Array(size), 1 << 20);
  /** The papers of each value that several sketches hold. */
  private readonly postings: number[][] = [];
  /** Every sketch added, one after another: paper ids, lengths, and their values. */
  private ids = new Uint32Array(1024);
  private lengths = new Uint8Array(1024);
  private values = new Uint32Array(1024 * SKETCH_SIZE);
  private count = 0;
  private valueCount = 0;
  /** Where each paper id's sketch starts in `values`, plus one (0: none), and its length. */
  private startOf = new Uint32Array(1024);
  private lengthOf = new Uint8Array(1024);
  /** Shared sketch values per paper id while `candidates` runs: a typed array is 5x faster than a Map here. */
  private shared = new Uint8Array(1024);

  /** How many sketches were added, and the last paper id among them (ids only grow). */
  get size(): number {
    return this.count;
  }

  get lastId(): number {
    return this.count === 0 ? 0 : this.ids[this.count - 1];
  }

  add(paperId: number, sketch: Uint32Array): void {
    if (this.count === this.ids.length) {
      this.ids = grown(this.ids, this.count * 2);
      this.lengths = grown(this.lengths, this.count * 2);
    }
    if (this.valueCount + sketch.length > this.values.length) this.values = grown(this.values, 2 * (this.valueCount + sketch.length));
    this.ids[this.count] = paperId;
    this.lengths[this.count++] = sketch.length;
    if (paperId >= this.shared.length) {
      this.shared = grown(this.shared, Math.max(paperId + 1, this.shared.length * 2));
      this.startOf = grown(this.startOf, this.shared.length);
      this.lengthOf = grown(this.lengthOf, this.shared.length);
    }
    this.startOf[paperId] = this.valueCount + 1;
    this.lengthOf[paperId] = sketch.length;
    this.values.set(sketch, this.valueCount);
    this.valueCount += sketch.length;
    for (const value of sketch) {
      const posting = this.postingOf.get(value);
      if (posting === 0) this.postingOf.set(value, paperId + 1);
      else if (posting < MANY) this.postingOf.set(value, MANY + this.postings.push([posting - 1, paperId]) - 1);
      else this.postings[posting - MANY].push(paperId);
    }
  }

  private sketchOf(id: number): Uint32Array {
    const start = this.startOf[id] - 1;
    return this.values.subarray(start, start + this.lengthOf[id]);
  }

  /** Papers whose sketches suggest a version of `sketch`'s abstract, most similar first. */
  candidates(sketch: Uint32Array): number[] {
    const seen: number[] = [];
    const visit = (id: number) => {
      if (this.shared[id]++ === 0) seen.push(id);
    };
    for (const value of sketch) {
      const posting = this.postingOf.get(value);
      if (posting === 0) continue;
      if (posting < MANY) {
        visit(posting - 1);
        continue;
      }
      const list = this.postings[posting - MANY];
      if (list.length > MAX_POSTING) continue;
      for (const id of list) visit(id);
    }
    const likely: [number, number][] = [];
    for (const id of seen) {
      if (this.shared[id] >= MIN_SHARED) {
        const similarity = estimateJaccard(sketch, this.sketchOf(id));
        if (similarity >= MIN_ESTIMATED_JACCARD) likely.push([id, similarity]);
      }
      this.shared[id] = 0;
    }
    return likely.sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }

  /** The sketches added, in the order added: a count, the ids, their lengths, their values. */
  encode(): Buffer {
    const header = Uint32Array.of(this.count, this.valueCount);
    const lengths = new Uint8Array(Math.ceil(this.count / 4) * 4);
    lengths.set(this.lengths.subarray(0, this.count));
    return Buffer.concat([header, this.ids.subarray(0, this.count), lengths, this.values.subarray(0, this.valueCount)].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  }

  /** An index of the sketches `encode` wrote. */
  static decode(data: Buffer): SketchIndex {
    const copy = new Uint8Array(data);
    const [count, valueCount] = new Uint32Array(copy.buffer, 0, 2);
    const ids = new Uint32Array(copy.buffer, 8, count);
    const lengths = new Uint8Array(copy.buffer, 8 + 4 * count, count);
    const values = new Uint32Array(copy.buffer, 8 + 4 * count + Math.ceil(count / 4) * 4, valueCount);
    const index = new SketchIndex();
    for (let i = 0, at = 0; i < count; at += lengths[i++]) index.add(ids[i], values.subarray(at, at + lengths[i]));
    return index;
  }
}

function grown<T extends Uint32Array | Uint8Array>(array: T, needed: number): T {
  if (array.length >= needed) return array;
  const next = new (array.constructor as new (n: number) => T)(needed);
  next.set(array);
  return next;
}

export function sketchToBlob(sketch: Uint32Array): Buffer {
  return Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
}

export function blobToSketch(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
