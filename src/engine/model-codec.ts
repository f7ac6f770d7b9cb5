// Engine v1's relevance model (affinity --engine v1) as one Buffer for the library to cache: a
// JSON header, then the term lists as newline-joined UTF-8 and the numbers as raw little-endian
// typed arrays, so that loading a model of 300,000 terms and 20,000 term vectors takes a
// fraction of a second.
import { createHash } from 'node:crypto';
import type { TextDoc } from '../types.ts';
import { buildRelevanceModel, DEFAULT_MODEL_OPTIONS, type DenseSpace, type ModelOptions, type RelevanceModel } from './model.ts';
import { lines, SectionReader, SectionWriter } from './sections.ts';

const MODEL_MAGIC = 'PSRM';
/** Raised whenever the layout or the meaning of a stored model changes. */
export const MODEL_FORMAT_VERSION = 1;

interface Header {
  version: number;
  options: ModelOptions;
  docCount: number;
  dense: { dimensions: number } | null;
}


export function serializeModel(model: RelevanceModel): Buffer {
  const { dense } = model;
  const header: Header = {
    version: MODEL_FORMAT_VERSION,
    options: model.options,
    docCount: model.lexicon.docCount,
    dense: dense ? { dimensions: dense.dimensions } : null,
  };
  const writer = new SectionWriter(MODEL_MAGIC);
  writer.text(JSON.stringify(header));
  writer.text([...model.lexicon.docFrequency.keys()].join('\n'));
  writer.bytes(Uint32Array.from(model.lexicon.docFrequency.values()));
  if (dense) {
    writer.text([...dense.termIndex.keys()].join('\n'));
    writer.bytes(dense.vectors);
    writer.bytes(dense.termWeights);
  }
  return writer.toBuffer();
}

export function deserializeModel(buffer: Buffer): RelevanceModel {
  const reader = new SectionReader(buffer, MODEL_MAGIC, 'stored relevance model');
  const header = JSON.parse(reader.text()) as Header;
  if (header.version !== MODEL_FORMAT_VERSION) throw new Error(`relevance model format ${header.version} is not ${MODEL_FORMAT_VERSION}`);
  const terms = lines(reader.text());
  const frequencies = new Uint32Array(reader.bytes());
  const docFrequency = new Map(terms.map((term, i) => [term, frequencies[i]]));
  let dense: DenseSpace | undefined;
  if (header.dense) {
    dense = {
      dimensions: header.dense.dimensions,
      termIndex: new Map(lines(reader.text()).map((term, i) => [term, i])),
      vectors: new Float32Array(reader.bytes()),
      termWeights: new Float32Array(reader.bytes()),
    };
  }
  return { options: header.options, lexicon: { docCount: header.docCount, docFrequency }, dense };
}

/** The name a default model is kept under: it changes with the format and the default options. */
export const RELEVANCE_MODEL_NAME = `relevance-v${MODEL_FORMAT_VERSION}-${createHash('sha256').update(JSON.stringify(DEFAULT_MODEL_OPTIONS)).digest('hex').slice(0, 12)}`;

/** Where built models are kept, keyed by name, for as long as the documents stay the same (the library). */
export interface ModelStore {
  model(name: string, build: (docs: TextDoc[]) => Buffer, tolerance?: number): Buffer;
}

/**
 * Term statistics and term vectors learned from N papers hardly move when a profile or a poster
 * session adds a few more, and relearning takes minutes on a large library: a model stays in use
 * until the library has grown by more than this share.
 */
export const MODEL_GROWTH_TOLERANCE = 0.1;

/**
 * The relevance model of a store's documents: loaded when one was built with the same format and
 * options from nearly the same documents, otherwise learned now (minutes for a large library) and stored.
 */
export function cachedRelevanceModel(store: ModelStore, log: (message: string) => void = () => {}): RelevanceModel {
  return deserializeModel(
    store.model(RELEVANCE_MODEL_NAME, (docs) => {
      log(`learning the relevance model from ${docs.length} papers (once; it is kept in the library)…`);
      return serializeModel(buildRelevanceModel(docs));
    }, MODEL_GROWTH_TOLERANCE),
  );
}
