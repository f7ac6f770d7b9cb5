// A relevance model, or an index of documents, as one Buffer for the library to cache: a JSON
// header, then the term lists as newline-joined UTF-8 and the numbers as raw little-endian typed
// arrays, so that loading a model of 300,000 terms and 20,000 term vectors takes a fraction of a
// second, and an index of a whole library a few seconds instead of a minute of tokenizing.
import { createHash } from 'node:crypto';
import type { TextDoc } from '../types.ts';
import { buildRelevanceModel, DEFAULT_MODEL_OPTIONS, type DenseSpace, type ModelOptions, type RelevanceModel } from './model.ts';
import type { DocIndex } from './doc-index.ts';

const MODEL_MAGIC = 'PSRM';
const INDEX_MAGIC = 'PSRI';
/** Raised whenever the layout or the meaning of a stored model changes. */
export const MODEL_FORMAT_VERSION = 1;

interface Header {
  version: number;
  options: ModelOptions;
  docCount: number;
  dense: { dimensions: number } | null;
}

class Writer {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly magic: string) {}

  bytes(data: ArrayBufferView): void {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.byteLength);
    this.chunks.push(length, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  toBuffer(): Buffer {
    return Buffer.concat([Buffer.from(this.magic, 'latin1'), ...this.chunks]);
  }
}

class Reader {
  private offset: number;

  constructor(
    private readonly buffer: Buffer,
    magic: string,
    what: string,
  ) {
    if (buffer.subarray(0, magic.length).toString('latin1') !== magic) throw new Error(`not a paperscout ${what}`);
    this.offset = magic.length;
  }

  /** A copy, so typed arrays over it are aligned whatever the Buffer's offset in its pool. */
  bytes(): ArrayBuffer {
    const length = this.buffer.readUInt32LE(this.offset);
    const start = this.buffer.byteOffset + this.offset + 4;
    this.offset += 4 + length;
    return this.buffer.buffer.slice(start, start + length) as ArrayBuffer;
  }

  text(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }
}

const lines = (text: string) => (text ? text.split('\n') : []);

export function serializeModel(model: RelevanceModel): Buffer {
  const { dense } = model;
  const header: Header = {
    version: MODEL_FORMAT_VERSION,
    options: model.options,
    docCount: model.lexicon.docCount,
    dense: dense ? { dimensions: dense.dimensions } : null,
  };
  const writer = new Writer(MODEL_MAGIC);
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
  const reader = new Reader(buffer, MODEL_MAGIC, 'relevance model');
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

interface IndexHeader {
  version: number;
  dimensions: number;
  spread: DocIndex['spread'];
}

/** An index without its model, which is stored (and fingerprinted) on its own. */
export function serializeIndex(index: DocIndex): Buffer {
  const header: IndexHeader = { version: MODEL_FORMAT_VERSION, dimensions: index.dimensions, spread: index.spread };
  const writer = new Writer(INDEX_MAGIC);
  writer.text(JSON.stringify(header));
  // Ids as decimal text, a line each: the layout the index had when its ids were strings.
  writer.text(index.ids.join('\n'));
  writer.text(index.terms.join('\n'));
  for (const array of [index.idf, index.docStart, index.termIds, index.weights, index.dense]) writer.bytes(array);
  return writer.toBuffer();
}

/** An index saved by serializeIndex, with the model it was made with. */
export function deserializeIndex(buffer: Buffer, model: RelevanceModel): DocIndex {
  const reader = new Reader(buffer, INDEX_MAGIC, 'document index');
  const header = JSON.parse(reader.text()) as IndexHeader;
  if (header.version !== MODEL_FORMAT_VERSION) throw new Error(`document index format ${header.version} is not ${MODEL_FORMAT_VERSION}`);
  if (header.dimensions !== (model.dense?.dimensions ?? 0)) throw new Error('document index was made with another model');
  const ids = lines(reader.text()).map(Number);
  const terms = lines(reader.text());
  return {
    model,
    ids,
    rowOf: new Map(ids.map((id, row) => [id, row])),
    terms,
    termId: new Map(terms.map((term, id) => [term, id])),
    idf: new Float32Array(reader.bytes()),
    docStart: new Uint32Array(reader.bytes()),
    termIds: new Uint32Array(reader.bytes()),
    weights: new Float32Array(reader.bytes()),
    dimensions: header.dimensions,
    dense: new Float32Array(reader.bytes()),
    spread: header.spread,
  };
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
