// Finding likely versions of one work (a renamed or rewritten paper) among thousands of
// abstracts without comparing every pair: each abstract keeps a bottom-k sketch of its word
// pairs, papers that share sketch values become candidates, and candidates are confirmed on
// the full text. Hand-written because no npm package offers a persistable bottom-k index
// small enough to load per command; the whole technique is these few functions.

const SKETCH_SIZE = 24;
/** Candidates must share this many sketch values: one shared common phrase is not enough. */
const MIN_SHARED = 2;
/** A sketch value found in more papers than this is a stock phrase, useless as evidence. */
const MAX_POSTING = 400;
/** Share of the shorter abstract's word pairs found in the other one. */
export const VERSION_THRESHOLD = 0.25;
const MIN_PAIRS = 12;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can do for from has have in into is it its may more most ' +
    'not of on or our over such than that the their them these they this those to under via was ' +
    'we were what when where which while with without also both each how only other so then there')
    .split(' '),
);

function wordPairs(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word));
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

/** 32-bit FNV-1a, enough to spread word pairs over the sketch space. */
function hashPair(pair: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < pair.length; i++) {
    hash ^= pair.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The smallest SKETCH_SIZE hashes of an abstract's word pairs, or null when it is too short to judge. */
export function sketchAbstract(abstract: string | undefined | null): Uint32Array | null {
  if (!abstract) return null;
  const pairs = wordPairs(abstract);
  if (pairs.size < MIN_PAIRS) return null;
  const hashes = new Uint32Array(pairs.size);
  let i = 0;
  for (const pair of pairs) hashes[i++] = hashPair(pair);
  hashes.sort();
  return hashes.slice(0, SKETCH_SIZE);
}

/** Share of the shorter text's word pairs that the other text also has. */
export function textOverlap(a: string, b: string): number {
  const pairsA = wordPairs(a);
  const pairsB = wordPairs(b);
  const [small, large] = pairsA.size <= pairsB.size ? [pairsA, pairsB] : [pairsB, pairsA];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const pair of small) if (large.has(pair)) shared++;
  return shared / small.size;
}

/** An in-memory index of sketches, loaded once per command that adds papers. */
export class SketchIndex {
  private readonly postings = new Map<number, number[]>();

  add(paperId: number, sketch: Uint32Array): void {
    for (const value of sketch) {
      const list = this.postings.get(value);
      if (list) list.push(paperId);
      else this.postings.set(value, [paperId]);
    }
  }

  /** Papers sharing at least MIN_SHARED sketch values with `sketch`, most shared first. */
  candidates(sketch: Uint32Array): number[] {
    const shared = new Map<number, number>();
    for (const value of sketch) {
      const list = this.postings.get(value);
      if (!list || list.length > MAX_POSTING) continue;
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    return [...shared]
      .filter(([, count]) => count >= MIN_SHARED)
      .sort((a, b) => b[1] - a[1])
      .map(([id]) => id);
  }
}

export function sketchToBlob(sketch: Uint32Array): Buffer {
  return Buffer.from(sketch.buffer, sketch.byteOffset, sketch.byteLength);
}

export function blobToSketch(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
