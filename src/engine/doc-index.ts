// Documents turned into vectors for scoring: a sparse tf-idf vector and a dense vector each,
// all unit length, so a dot product is a cosine.
import type { TextDoc } from '../types.ts';
import { docFields, termCounts } from './text.ts';
import { denseVector, type RelevanceModel } from './model.ts';

export interface DocIndex {
  model: RelevanceModel;
  docs: readonly TextDoc[];
  /** Document id -> row. */
  rowOf: Map<string, number>;
  /** The terms of these documents; `termIds` point into it. */
  terms: string[];
  idf: Float32Array;
  /** Row i's tf-idf entries are at docStart[i] .. docStart[i + 1] - 1, in increasing term id. */
  docStart: Uint32Array;
  termIds: Uint32Array;
  weights: Float32Array;
  /** 0 when the model has no dense space. */
  dimensions: number;
  /** Dense vectors, row by row. */
  dense: Float32Array;
}

/**
 * Vectorizes documents with a model. Idf counts the model's corpus and these documents
 * together, so words that only the documents at hand use still weigh as the rare words they are.
 */
export function indexDocuments(model: RelevanceModel, docs: readonly TextDoc[]): DocIndex {
  const fieldsByDoc = docs.map(docFields);
  const countsByDoc = fieldsByDoc.map((fields) => termCounts(fields, model.options.phrases));
  const termId = new Map<string, number>();
  const localDf: number[] = [];
  for (const counts of countsByDoc) {
    for (const term of counts.keys()) {
      let id = termId.get(term);
      if (id === undefined) {
        id = termId.size;
        termId.set(term, id);
        localDf.push(0);
      }
      localDf[id]++;
    }
  }
  const terms = [...termId.keys()];
  const docCount = model.lexicon.docCount + docs.length;
  const idf = Float32Array.from(terms, (term, id) => Math.log(docCount / ((model.lexicon.docFrequency.get(term) ?? 0) + localDf[id])) + Number(process.env.IDFADD ?? 0));

  const docStart = new Uint32Array(docs.length + 1);
  countsByDoc.forEach((counts, i) => (docStart[i + 1] = docStart[i] + counts.size));
  const termIds = new Uint32Array(docStart[docs.length]);
  const weights = new Float32Array(docStart[docs.length]);
  countsByDoc.forEach((counts, i) => {
    const entries = [...counts].map(([term, tf]) => [termId.get(term) as number, tf] as const).sort((a, b) => a[0] - b[0]);
    let norm = 0;
    entries.forEach(([id, tf], k) => {
      // Sublinear tf: the tenth "graph" in an abstract says less than the second.
      const w = (process.env.RAWTF ? tf : 1 + Math.log(tf)) * idf[id];
      termIds[docStart[i] + k] = id;
      weights[docStart[i] + k] = w;
      norm += w * w;
    });
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let p = docStart[i]; p < docStart[i + 1]; p++) weights[p] *= inv;
  });

  const dimensions = model.dense?.dimensions ?? 0;
  const dense = new Float32Array(docs.length * dimensions);
  if (model.dense) {
    const space = model.dense;
    fieldsByDoc.forEach((fields, i) => denseVector(space, fields, dense, i * dimensions));
  }
  return {
    model,
    docs,
    rowOf: new Map(docs.map((doc, i) => [doc.id, i])),
    terms,
    idf,
    docStart,
    termIds,
    weights,
    dimensions,
    dense,
  };
}

/** Cosine of two documents' tf-idf vectors (a merge of their sorted term lists). */
export function lexicalSimilarity(index: DocIndex, a: number, b: number): number {
  const { docStart, termIds, weights } = index;
  let p = docStart[a];
  let q = docStart[b];
  let sum = 0;
  while (p < docStart[a + 1] && q < docStart[b + 1]) {
    if (termIds[p] === termIds[q]) sum += weights[p++] * weights[q++];
    else if (termIds[p] < termIds[q]) p++;
    else q++;
  }
  return sum;
}

/** Cosine of two documents' dense vectors (0 without a dense space). */
export function denseSimilarity(index: DocIndex, a: number, b: number): number {
  const d = index.dimensions;
  let sum = 0;
  for (let k = 0; k < d; k++) sum += index.dense[a * d + k] * index.dense[b * d + k];
  return sum;
}

/** The terms two documents share, with each one's part of their tf-idf dot product. */
export function sharedTermContributions(index: DocIndex, a: number, b: number): { term: string; contribution: number }[] {
  const { docStart, termIds, weights } = index;
  const shared: { term: string; contribution: number }[] = [];
  let p = docStart[a];
  let q = docStart[b];
  while (p < docStart[a + 1] && q < docStart[b + 1]) {
    if (termIds[p] === termIds[q]) shared.push({ term: index.terms[termIds[p]], contribution: weights[p++] * weights[q++] });
    else if (termIds[p] < termIds[q]) p++;
    else q++;
  }
  return shared.sort((x, y) => y.contribution - x.contribution);
}
