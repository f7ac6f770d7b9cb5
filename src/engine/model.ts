// The relevance model: what the engine learns from a corpus (term document frequencies for
// tf-idf, and term vectors for dense similarity), built once, cached as a Buffer, and used
// to index any set of documents for scoring.
import type { TextDoc } from '../types.ts';
import { docFields, termCounts, type Field } from './text.ts';
import { learnTermVectors, DEFAULT_COOCCURRENCE, type CooccurrenceOptions } from './cooccurrence.ts';

export interface ModelOptions {
  /** Adjacent-word bigrams as tf-idf terms besides single stems. */
  phrases: boolean;
  /**
   * The fewest corpus documents worth learning term vectors from. Below it the vectors would
   * mostly encode the accidents of a few abstracts, and the model is lexical only.
   */
  minDenseDocs: number;
  /** Stems seen fewer times than this get no term vector. */
  minTermCount: number;
  /** At most this many stems (the most frequent) get term vectors. */
  maxDenseTerms: number;
  /**
   * SIF's a (Arora, Liang & Ma 2017): a term of corpus probability p weighs a / (a + p) in a
   * document vector, so frequent terms count less, much as idf does for tf-idf.
   */
  sifWeight: number;
  cooccurrence: CooccurrenceOptions;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  phrases: true,
  minDenseDocs: 2000,
  minTermCount: 5,
  maxDenseTerms: 40000,
  sifWeight: 1e-3,
  cooccurrence: DEFAULT_COOCCURRENCE,
};

/** Document frequencies in the corpus, for idf. */
export interface Lexicon {
  docCount: number;
  /** Terms (stems and phrases) found in at least two corpus documents, and in how many. */
  docFrequency: Map<string, number>;
}

/** Term vectors and what turns them into document vectors. */
export interface DenseSpace {
  dimensions: number;
  /** Stem -> row of `vectors`. */
  termIndex: Map<string, number>;
  /** Unit term vectors, row by row. */
  vectors: Float32Array;
  /** SIF weight of each term. */
  termWeights: Float32Array;
  /**
   * The direction all document vectors share (their first principal component), which says
   * "this is an abstract" rather than what it is about; it is removed from every document vector.
   */
  commonDirection: Float32Array;
}

export interface RelevanceModel {
  options: ModelOptions;
  lexicon: Lexicon;
  /** Absent when the corpus was too small to learn term vectors from. */
  dense?: DenseSpace;
}

function addInto(target: Float32Array, offset: number, source: Float32Array, from: number, length: number, scale: number): void {
  for (let k = 0; k < length; k++) target[offset + k] += scale * source[from + k];
}

function normalize(v: Float32Array, offset: number, length: number): void {
  let norm = 0;
  for (let k = 0; k < length; k++) norm += v[offset + k] * v[offset + k];
  if (norm === 0) return;
  const inv = 1 / Math.sqrt(norm);
  for (let k = 0; k < length; k++) v[offset + k] *= inv;
}

/** The SIF-weighted sum of a document's term vectors, unit length, before removing the common direction. */
function rawDocVector(space: DenseSpace, fields: readonly Field[], out: Float32Array, offset: number): void {
  const d = space.dimensions;
  for (const { weight, segments } of fields) {
    for (const segment of segments) {
      for (const token of segment) {
        const row = space.termIndex.get(token.stem);
        if (row !== undefined) addInto(out, offset, space.vectors, row * d, d, weight * space.termWeights[row]);
      }
    }
  }
  normalize(out, offset, d);
}

/**
 * Writes a document's dense vector (unit length, or all zeros when none of its words has a
 * term vector) into `out` at `offset`.
 */
export function denseVector(space: DenseSpace, fields: readonly Field[], out: Float32Array, offset: number): void {
  const d = space.dimensions;
  rawDocVector(space, fields, out, offset);
  let projection = 0;
  for (let k = 0; k < d; k++) projection += out[offset + k] * space.commonDirection[k];
  addInto(out, offset, space.commonDirection, 0, d, -projection);
  normalize(out, offset, d);
}

/** The first principal component (uncentered, as SIF does) of unit document vectors, by power iteration. */
function firstPrincipalComponent(docVectors: Float32Array, count: number, d: number): Float32Array {
  const direction = new Float32Array(d).fill(1 / Math.sqrt(d));
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = new Float32Array(d);
    for (let i = 0; i < count; i++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += docVectors[i * d + k] * direction[k];
      addInto(next, 0, docVectors, i * d, d, dot);
    }
    normalize(next, 0, d);
    let change = 0;
    for (let k = 0; k < d; k++) change += Math.abs(next[k] - direction[k]);
    direction.set(next);
    if (change < 1e-6) break;
  }
  return direction;
}

function learnDenseSpace(fieldsByDoc: readonly Field[][], options: ModelOptions): DenseSpace | undefined {
  const stemCounts = new Map<string, number>();
  let tokenCount = 0;
  for (const fields of fieldsByDoc) {
    for (const { segments } of fields) {
      for (const segment of segments) {
        for (const { stem } of segment) stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + 1);
        tokenCount += segment.length;
      }
    }
  }
  const vocabulary = [...stemCounts]
    .filter(([, count]) => count >= options.minTermCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxDenseTerms);
  if (vocabulary.length < 2) return undefined;
  const termIndex = new Map(vocabulary.map(([stem], i) => [stem, i]));
  function* streams(): Generator<Int32Array> {
    for (const fields of fieldsByDoc) {
      for (const { segments } of fields) {
        const ids = segments.flat().map((t) => termIndex.get(t.stem) ?? -1).filter((id) => id >= 0);
        if (ids.length > 1) yield Int32Array.from(ids);
      }
    }
  }
  const { vectors, dimensions } = learnTermVectors(streams(), vocabulary.length, options.cooccurrence);
  const a = options.sifWeight;
  const termWeights = Float32Array.from(vocabulary, ([, count]) => a / (a + count / tokenCount));
  const space: DenseSpace = { dimensions, termIndex, vectors, termWeights, commonDirection: new Float32Array(dimensions) };
  // Up to 20,000 documents, spread over the corpus, pin down the common direction well.
  const step = Math.max(1, Math.floor(fieldsByDoc.length / 20000));
  const sample = fieldsByDoc.filter((_, i) => i % step === 0);
  const docVectors = new Float32Array(sample.length * dimensions);
  sample.forEach((fields, i) => rawDocVector(space, fields, docVectors, i * dimensions));
  space.commonDirection = firstPrincipalComponent(docVectors, sample.length, dimensions);
  return space;
}

/** Learns a relevance model from a corpus (the library's papers, or just the documents at hand). */
export function buildRelevanceModel(corpus: readonly TextDoc[], overrides: Partial<ModelOptions> = {}): RelevanceModel {
  const options = { ...DEFAULT_MODEL_OPTIONS, ...overrides };
  console.time('fields'); const fieldsByDoc = corpus.map(docFields); console.timeEnd('fields'); console.time('df');
  const counted = new Map<string, number>();
  for (const fields of fieldsByDoc) {
    for (const term of termCounts(fields, options.phrases).keys()) counted.set(term, (counted.get(term) ?? 0) + 1);
  }
  // A term in one corpus document links no two of them; leaving it out halves the lexicon.
  const docFrequency = new Map([...counted].filter(([, df]) => df >= 2));
  console.timeEnd('df'); console.time('dense'); const dense = corpus.length >= options.minDenseDocs ? learnDenseSpace(fieldsByDoc, options) : undefined;
  console.timeEnd('dense'); return { options, lexicon: { docCount: corpus.length, docFrequency }, dense };
}
