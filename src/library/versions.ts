// Finding likely versions of one work (a renamed or rewritten paper) among thousands of
// abstracts without comparing every pair: each abstract keeps a bottom-k sketch of its word
// pairs, papers that share sketch values become candidates, and candidates are confirmed on
// the full text. Hand-written because no npm package offers a persistable bottom-k index
// small enough to load per command; the whole technique is these few functions.

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

/** 32-bit FNV-1a of a word. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * An abstract's adjacent content-word pairs as sorted, distinct 32-bit hashes: hashing words
 * once and mixing neighbours is much cheaper than building pair strings, and collisions among
 * a few hundred pairs are too rare to move an overlap. Sorted arrays give the sketch for free
 * and let two abstracts be compared by one merge.
 */
export function wordPairs(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes = new Uint32Array(words.length);
  let count = 0;
  let previous = -1;
  for (const word of words) {
    if (STOP_WORDS.has(word)) continue;
    const current = hashWord(word);
    if (previous !== -1) hashes[count++] = (Math.imul(previous, 0x9e3779b1) ^ current) >>> 0;
    previous = current;
  }
  const sorted = hashes.subarray(0, count).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  return sorted.slice(0, distinct);
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
  private readonly postings = new Map<number, number[]>();
  private readonly sketches = new Map<number, Uint32Array>();

  add(paperId: number, sketch: Uint32Array): void {
    this.sketches.set(paperId, sketch);
    for (const value of sketch) {
      const list = this.postings.get(value);
      if (list) list.push(paperId);
      else this.postings.set(value, [paperId]);
    }
  }

  /** Papers whose sketches suggest a version of `sketch`'s abstract, most similar first. */
  candidates(sketch: Uint32Array): number[] {
    const shared = new Map<number, number>();
    for (const value of sketch) {
      const list = this.postings.get(value);
      if (!list || list.length > MAX_POSTING) continue;
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const likely: [number, number][] = [];
    for (const [id, count] of shared) {
      if (count < MIN_SHARED) continue;
      const similarity = estimateJaccard(sketch, this.sketches.get(id)!);
      if (similarity >= MIN_ESTIMATED_JACCARD) likely.push([id, similarity]);
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
