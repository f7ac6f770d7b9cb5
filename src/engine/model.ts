// The relevance model: what the engine learns from a corpus (term document frequencies for
// tf-idf, and term vectors for dense similarity), built once, cached as a Buffer, and used
// to index any set of documents for scoring.
import type { PaperText } from '../types.ts';
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
   * document vector, so frequent terms count less, much as idf does for tf-idf. 1e-4 is within
   * the paper's recommended range; on the reviewer-expertise benchmark it beat 1e-3 (dense
   * alone, loss 0.255 against 0.288), which let generic words dominate the average.
   */
  sifWeight: number;
  cooccurrence: CooccurrenceOptions;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  phrases: true,
  minDenseDocs: 2000,
  minTermCount: 5,
  maxDenseTerms: 40000,
  sifWeight: 1e-4,
  cooccurrence: DEFAULT_COOCCURRENCE,
};

/** Document frequencies in the corpus, for idf. */
export interface Lexicon {
  docCount: number;
  /** Terms (stems and phrases) found in at least two corpus documents, and in how many. */
  docFrequency: Map<string, number>;
}

/** Term vectors and their SIF weights, which turn a document's words into one vector. */
export interface DenseSpace {
  dimensions: number;
  /** Stem -> row of `vectors`. */
  termIndex: Map<string, number>;
  /** Unit term vectors, row by row. */
  vectors: Float32Array;
  termWeights: Float32Array;
}

export interface RelevanceModel {
  options: ModelOptions;
  lexicon: Lexicon;
  /** Absent when the corpus was too small to learn term vectors from. */
  dense?: DenseSpace;
}

/**
 * Writes a document's dense vector, the SIF-weighted sum of its words' term vectors at unit
 * length (all zeros when none of its words has a term vector), into `out` at `offset`.
 * SIF's second step, removing the corpus's first principal component, is left out: it made
 * rankings worse on the reviewer-expertise benchmark (loss 0.299 -> 0.334), as that direction
 * separates broad fields (robotics from language), which is exactly what expertise needs.
 */
export function denseVector(space: DenseSpace, fields: readonly Field[], out: Float32Array, offset: number): void {
  const d = space.dimensions;
  for (const { weight, segments } of fields) {
    for (const segment of segments) {
      for (const token of segment) {
        const row = space.termIndex.get(token.stem);
        if (row === undefined) continue;
        const scale = weight * space.termWeights[row];
        for (let k = 0; k < d; k++) out[offset + k] += scale * space.vectors[row * d + k];
      }
    }
  }
  let norm = 0;
  for (let k = 0; k < d; k++) norm += out[offset + k] * out[offset + k];
  if (norm === 0) return;
  const inv = 1 / Math.sqrt(norm);
  for (let k = 0; k < d; k++) out[offset + k] *= inv;
}

/** Every stem occurrence of a corpus as ids, one stream per field of each document. */
class StemStreams {
  readonly ids = new Map<string, number>();
  readonly counts: number[] = [];
  readonly streams: Int32Array[] = [];
  tokenCount = 0;

  add(fields: readonly Field[]): void {
    for (const { segments } of fields) {
      const stream: number[] = [];
      for (const segment of segments) {
        for (const { stem } of segment) {
          let id = this.ids.get(stem);
          if (id === undefined) {
            id = this.counts.length;
            this.ids.set(stem, id);
            this.counts.push(0);
          }
          this.counts[id]++;
          stream.push(id);
        }
      }
      this.tokenCount += stream.length;
      if (stream.length > 1) this.streams.push(Int32Array.from(stream));
    }
  }
}

function learnDenseSpace(stems: StemStreams, options: ModelOptions): DenseSpace | undefined {
  const vocabulary = [...stems.ids]
    .filter(([, id]) => stems.counts[id] >= options.minTermCount)
    .sort((a, b) => stems.counts[b[1]] - stems.counts[a[1]] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxDenseTerms);
  if (vocabulary.length < 2) return undefined;
  const row = new Int32Array(stems.counts.length).fill(-1);
  vocabulary.forEach(([, id], i) => (row[id] = i));
  function* streams(): Generator<Int32Array> {
    for (const stream of stems.streams) {
      const kept = stream.map((id) => row[id]).filter((id) => id >= 0);
      if (kept.length > 1) yield kept;
    }
  }
  const { vectors, dimensions } = learnTermVectors(streams(), vocabulary.length, options.cooccurrence);
  const a = options.sifWeight;
  return {
    dimensions,
    termIndex: new Map(vocabulary.map(([stem], i) => [stem, i])),
    vectors,
    termWeights: Float32Array.from(vocabulary, ([, id]) => a / (a + stems.counts[id] / stems.tokenCount)),
  };
}

/** Learns a relevance model from a corpus (the library's papers, or just the documents at hand). */
export function buildRelevanceModel(corpus: readonly PaperText[], overrides: Partial<ModelOptions> = {}): RelevanceModel {
  const options = { ...DEFAULT_MODEL_OPTIONS, ...overrides };
  const learnDense = corpus.length >= options.minDenseDocs;
  const counted = new Map<string, number>();
  const stems = new StemStreams();
  for (const doc of corpus) {
    const fields = docFields(doc);
    for (const term of termCounts(fields, options.phrases).keys()) counted.set(term, (counted.get(term) ?? 0) + 1);
    if (learnDense) stems.add(fields);
  }
  // A term in one corpus document links no two of them; leaving it out halves the lexicon.
  const docFrequency = new Map([...counted].filter(([, df]) => df >= 2));
  const dense = learnDense ? learnDenseSpace(stems, options) : undefined;
  return { options, lexicon: { docCount: corpus.length, docFrequency }, dense };
}
