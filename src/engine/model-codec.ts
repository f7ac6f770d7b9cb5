// A relevance model as one Buffer, for the library to cache: a JSON header, then the term
// lists as newline-joined UTF-8 and the numbers as raw little-endian typed arrays, so that
// loading a model of 300,000 terms and 20,000 term vectors takes a fraction of a second.
import { createHash } from 'node:crypto';
import type { TextDoc } from '../types.ts';
import { buildRelevanceModel, DEFAULT_MODEL_OPTIONS, type DenseSpace, type ModelOptions, type RelevanceModel } from './model.ts';

const MAGIC = 'PSRM';
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

  bytes(data: ArrayBufferView): void {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(data.byteLength);
    this.chunks.push(length, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  toBuffer(): Buffer {
    return Buffer.concat([Buffer.from(MAGIC, 'latin1'), ...this.chunks]);
  }
}

class Reader {
  private offset = MAGIC.length;

  constructor(private readonly buffer: Buffer) {
    if (buffer.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('not a paperscout relevance model');
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
  const writer = new Writer();
  writer.text(JSON.stringify(header));
  writer.text([...model.lexicon.docFrequency.keys()].join('\n'));
  writer.bytes(Uint32Array.from(model.lexicon.docFrequency.values()));
  if (dense) {
    writer.text([...dense.termIndex.keys()].join('\n'));
    writer.bytes(dense.vectors);
    writer.bytes(dense.termWeights);
    writer.bytes(dense.commonDirection);
  }
  return writer.toBuffer();
}

export function deserializeModel(buffer: Buffer): RelevanceModel {
  const reader = new Reader(buffer);
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
      commonDirection: new Float32Array(reader.bytes()),
    };
  }
  return { options: header.options, lexicon: { docCount: header.docCount, docFrequency }, dense };
}

/** Where built models are kept, keyed by name, for as long as the documents stay the same (the library). */
export interface ModelStore {
  model(name: string, build: (docs: TextDoc[]) => Buffer): Buffer;
}

/**
 * The relevance model of a store's documents: loaded when one was built from the same documents
 * with the same format and options, otherwise learned now (minutes for a large library) and stored.
 */
export function cachedRelevanceModel(store: ModelStore, log: (message: string) => void = () => {}): RelevanceModel {
  const options = createHash('sha256').update(JSON.stringify(DEFAULT_MODEL_OPTIONS)).digest('hex').slice(0, 12);
  const name = `relevance-v${MODEL_FORMAT_VERSION}-${options}`;
  return deserializeModel(
    store.model(name, (docs) => {
      log(`learning the relevance model from ${docs.length} papers (once; it is kept in the library)…`);
      return serializeModel(buildRelevanceModel(docs));
    }),
  );
}
