// Documents turned into vectors for scoring: a sparse tf-idf vector and a dense vector each,
// all unit length, so a dot product is a cosine.
import type { TextDoc } from '../types.ts';
import { docFields, termCounts } from './text.ts';
import { denseVector, type RelevanceModel } from './model.ts';
import { seededRandom } from './linalg.ts';

export interface DocIndex {
  model: RelevanceModel;
  /** Document ids by row. */
  ids: number[];
  /** Document id -> row. */
  rowOf: Map<number, number>;
  /** The terms of these documents; `termIds` point into it. */
  terms: string[];
  termId: Map<string, number>;
  idf: Float32Array;
  /** Row i's tf-idf entries are at docStart[i] .. docStart[i + 1] - 1, in increasing term id. */
  docStart: Uint32Array;
  termIds: Uint32Array;
  weights: Float32Array;
  /** 0 when the model has no dense space. */
  dimensions: number;
  /** Dense vectors, row by row. */
  dense: Float32Array;
  /**
   * The spread (standard deviation) of each similarity between random pairs of these
   * documents. Dense cosines vary about ten times more than tf-idf cosines; dividing by the
   * spread lets the two be mixed in stated proportions.
   */
  spread: { lexical: number; dense: number };
}

/** One document's vectors: its tf-idf entries by increasing term id, and its dense vector. */
export interface DocVector {
  termIds: Uint32Array;
  weights: Float32Array;
  dense: Float32Array;
}

/**
 * A term's idf from its rate among the documents at hand and in the model's corpus, averaged:
 * the documents being ranked know best which words separate them (on the reviewer-expertise
 * benchmark, idf from the background corpus alone was worse: 0.285 against 0.270), and the
 * corpus steadies the rates of a small set. Without a corpus, the documents at hand decide alone.
 */
function inverseDocumentFrequency(model: RelevanceModel, term: string, localDf: number, localCount: number): number {
  const { docCount, docFrequency } = model.lexicon;
  const local = localDf / localCount;
  return -Math.log(docCount > 0 ? (local + (docFrequency.get(term) ?? 0) / docCount) / 2 : local);
}

/**
 * A document's tf-idf entries by increasing term id, unit length over all its terms; terms
 * with ids from `keepBelow` up count in the length but are left out. Sublinear tf: the tenth
 * "graph" in an abstract says less than the second.
 */
function weigh(termIds: readonly number[], tfs: readonly number[], idf: (id: number) => number, keepBelow: number): { termIds: Uint32Array; weights: Float32Array } {
  const order = termIds.map((_, i) => i).sort((a, b) => termIds[a] - termIds[b]);
  const raw = order.map((i) => (1 + Math.log(tfs[i])) * idf(termIds[i]));
  const norm = Math.sqrt(raw.reduce((sum, w) => sum + w * w, 0));
  const kept = order.map((i, k) => [termIds[i], raw[k] / (norm || 1)] as const).filter(([id]) => id < keepBelow);
  return { termIds: Uint32Array.from(kept, (e) => e[0]), weights: Float32Array.from(kept, (e) => e[1]) };
}

/** Term ids for the terms of documents, assigned as they are first met, with their document frequencies. */
class TermTable {
  readonly termId = new Map<string, number>();
  readonly terms: string[] = [];
  readonly docFrequency: number[] = [];

  idOf(term: string): number {
    let id = this.termId.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termId.set(term, id);
      this.terms.push(term);
      this.docFrequency.push(0);
    }
    return id;
  }
}

/**
 * Vectorizes documents with a model (see inverseDocumentFrequency for the idf). Each document
 * is read once and only its term counts are kept, so a whole library fits in memory.
 */
export function indexDocuments(model: RelevanceModel, docs: readonly TextDoc[]): DocIndex {
  const table = new TermTable();
  const countStart = new Uint32Array(docs.length + 1);
  const countIds: number[] = [];
  const counts: number[] = [];
  const dimensions = model.dense?.dimensions ?? 0;
  const dense = new Float32Array(docs.length * dimensions);
  docs.forEach((doc, i) => {
    const fields = docFields(doc);
    for (const [term, tf] of termCounts(fields, model.options.phrases)) {
      const id = table.idOf(term);
      table.docFrequency[id]++;
      countIds.push(id);
      counts.push(tf);
    }
    countStart[i + 1] = countIds.length;
    if (model.dense) denseVector(model.dense, fields, dense, i * dimensions);
  });
  const { terms, termId } = table;
  const idf = Float32Array.from(terms, (term, id) => inverseDocumentFrequency(model, term, table.docFrequency[id], docs.length));
  const termIds = new Uint32Array(countIds.length);
  const weights = new Float32Array(countIds.length);
  for (let i = 0; i < docs.length; i++) {
    const [from, to] = [countStart[i], countStart[i + 1]];
    const entries = weigh(countIds.slice(from, to), counts.slice(from, to), (id) => idf[id], terms.length);
    termIds.set(entries.termIds, from);
    weights.set(entries.weights, from);
  }
  const ids = docs.map((doc) => doc.id);
  const index = { model, ids, rowOf: new Map(ids.map((id, row) => [id, row])), terms, termId, idf, docStart: countStart, termIds, weights, dimensions, dense };
  return { ...index, spread: similaritySpread(index) };
}

/** The vectors of an indexed document (views, not copies). */
export function docVector(index: Omit<DocIndex, 'spread'>, row: number): DocVector {
  const { docStart, dimensions } = index;
  return {
    termIds: index.termIds.subarray(docStart[row], docStart[row + 1]),
    weights: index.weights.subarray(docStart[row], docStart[row + 1]),
    dense: index.dense.subarray(row * dimensions, (row + 1) * dimensions),
  };
}

// Tf-idf cosines of random pairs are mostly near 0 with a long tail, so their spread needs many
// pairs to settle: with 5,000 sampled pairs it moved the benchmark's loss by 0.01 from sample to
// sample. Sets of up to ~700 documents use every pair; larger ones a fixed sample this big.
const SPREAD_PAIRS = 250_000;

/** Every pair of n documents, or a fixed pseudo-random sample of SPREAD_PAIRS pairs. */
function* spreadPairs(n: number): Generator<[number, number]> {
  if ((n * (n - 1)) / 2 <= SPREAD_PAIRS) {
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) yield [a, b];
    return;
  }
  const random = seededRandom(n);
  for (let i = 0; i < SPREAD_PAIRS; i++) {
    const a = Math.floor(random() * n);
    yield [a, (a + 1 + Math.floor(random() * (n - 1))) % n];
  }
}

/** The standard deviation of both similarities over pairs of the documents (see SPREAD_PAIRS). */
function similaritySpread(index: Omit<DocIndex, 'spread'>): DocIndex['spread'] {
  const n = index.ids.length;
  const sums = { count: 0, lexical: 0, lexicalSquares: 0, dense: 0, denseSquares: 0 };
  for (const [a, b] of spreadPairs(n)) {
    const [u, v] = [docVector(index, a), docVector(index, b)];
    const lexical = lexicalSimilarity(u, v);
    const dense = denseSimilarity(u, v);
    sums.count++;
    sums.lexical += lexical;
    sums.lexicalSquares += lexical * lexical;
    sums.dense += dense;
    sums.denseSquares += dense * dense;
  }
  const deviation = (sum: number, squares: number) => (sums.count ? Math.sqrt(Math.max(0, squares / sums.count - (sum / sums.count) ** 2)) : 0);
  return { lexical: deviation(sums.lexical, sums.lexicalSquares) || 1, dense: deviation(sums.dense, sums.denseSquares) || 1 };
}

/** Cosine of two documents' tf-idf vectors (a merge of the sorted term lists: the hot loop of scoring). */
export function lexicalSimilarity(a: DocVector, b: DocVector): number {
  const { termIds: ta, weights: wa } = a;
  const { termIds: tb, weights: wb } = b;
  let p = 0;
  let q = 0;
  let sum = 0;
  while (p < ta.length && q < tb.length) {
    const x = ta[p];
    const y = tb[q];
    if (x === y) sum += wa[p++] * wb[q++];
    else if (x < y) p++;
    else q++;
  }
  return sum;
}

/** Cosine of two documents' dense vectors (0 without a dense space). */
export function denseSimilarity(a: DocVector, b: DocVector): number {
  let sum = 0;
  for (let k = 0; k < a.dense.length; k++) sum += a.dense[k] * b.dense[k];
  return sum;
}
