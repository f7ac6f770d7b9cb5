// The background model: what engine v2 knows about scientific text before it sees a library.
// Term counts of a large corpus (for p_background in the profile language model and for SIF
// weights), PPMI-SVD term vectors (for the dense component) and a fixed sample of the corpus's
// papers (what a profile's scores are z-scored against). Built from the paperlists corpus by
// `npm run build:background` and shipped as models/background.bin; the same corpus gives the
// same bytes on every run, so the file's checksum can be tested.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PaperText } from '../types.ts';
import { BackgroundMissingError } from './errors.ts';
import { docFields, termCounts } from './text.ts';
import { buildRelevanceModel, type DenseSpace, type ModelOptions } from './model.ts';
import { quantizeInt8, seededRandom } from './linalg.ts';
import { lines, SectionReader, SectionWriter } from './sections.ts';

export interface BackgroundModel {
  /** Papers the counts were taken from. */
  docCount: number;
  /** All stem occurrences of those papers, the pruned terms' included: counts / tokenCount is p(t). */
  tokenCount: number;
  /** Stem -> occurrences; terms seen fewer than `minCount` times are left out. */
  termCounts: Map<string, number>;
  dense?: DenseSpace;
  /** SIF's a, with which the term weights of `dense` follow from the counts. */
  sifWeight: number;
  /** Random papers of the corpus (fixed by the seed): a profile's scores are z-scored against them. */
  referenceDocs: PaperText[];
}

export interface BackgroundOptions {
  /** Stems seen fewer times than this are left out of the counts (they weigh as unseen). */
  minCount: number;
  /** Term vectors are kept for at most this many stems, the most frequent. */
  maxVectors: number;
  /** How many random corpus papers are kept as the reference sample. */
  referenceDocs: number;
  seed: number;
}

export const DEFAULT_BACKGROUND: BackgroundOptions = { minCount: 3, maxVectors: 24000, referenceDocs: 300, seed: 1 };

/** What p_background learns from some text: a stem's occurrences, and all stems'. */
export interface TermEvidence {
  countOf(stem: string): number;
  readonly tokenCount: number;
}

export class TermCounts implements TermEvidence {
  constructor(
    readonly counts: Map<string, number>,
    readonly tokenCount: number,
  ) {}

  countOf(stem: string): number {
    return this.counts.get(stem) ?? 0;
  }
}

/** Stem -> occurrences in some papers (title, abstract and keywords alike, as the LM reads them). */
export function stemCounts(docs: Iterable<PaperText>): TermCounts {
  const counts = new Map<string, number>();
  let tokenCount = 0;
  for (const doc of docs) {
    for (const [stem, n] of termCounts(docFields(doc), false)) {
      counts.set(stem, (counts.get(stem) ?? 0) + n);
      tokenCount += n;
    }
  }
  return new TermCounts(counts, tokenCount);
}

/** `count` distinct indices below `n`, in increasing order, chosen by a seeded shuffle. */
export function seededSample(n: number, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(n, count)) picked.add(Math.floor(random() * n));
  return [...picked].sort((a, b) => a - b);
}

/** Learns the background from a corpus: term counts, term vectors (as the v1 engine learns them), a reference sample. */
export function buildBackground(
  corpus: readonly PaperText[],
  options: BackgroundOptions = DEFAULT_BACKGROUND,
  modelOptions: Partial<ModelOptions> = {},
): BackgroundModel {
  const { counts, tokenCount } = stemCounts(corpus);
  const termCountsKept = new Map([...counts].filter(([, n]) => n >= options.minCount));
  // Phrases are for v1's tf-idf only; the term vectors are learned from stems either way.
  const model = buildRelevanceModel(corpus, { ...modelOptions, phrases: false });
  const dense = model.dense;
  const referenceDocs = seededSample(corpus.length, options.referenceDocs, options.seed).map((i) => {
    const { title, abstract, keywords } = corpus[i];
    return { id: `reference:${i}`, title, abstract, keywords };
  });
  return {
    docCount: corpus.length,
    tokenCount,
    termCounts: termCountsKept,
    dense: dense && pruneVectors(dense, options.maxVectors),
    sifWeight: model.options.sifWeight,
    referenceDocs,
  };
}

/** Keeps the term vectors of the `max` most frequent stems (rows are in order of frequency). */
function pruneVectors(space: DenseSpace, max: number): DenseSpace {
  const kept = [...space.termIndex].filter(([, row]) => row < max);
  return {
    dimensions: space.dimensions,
    termIndex: new Map(kept),
    vectors: space.vectors.slice(0, kept.length * space.dimensions),
    termWeights: space.termWeights.slice(0, kept.length),
  };
}

/**
 * The statistics p_background is drawn from: the shipped background as a Dirichlet prior of
 * `priorStrength` pseudo-tokens, with the library's counts (and the documents being scored) as
 * evidence on top:
 *
 *   p(t) = (c_evidence(t) + β · c_background(t) / N_background) / (N_evidence + β)
 *
 * so a library of a few hundred papers (N_evidence ≪ β) leaves the shipped model in charge, and
 * one of many times β tokens outweighs it. With no background, p(t) is the evidence's own rate.
 * β = N_background takes the shipped counts as the evidence they are (pooled counts), which
 * sets no knob; on the reviewer-expertise benchmark β = 10^6 did alike (combined 0.221 against
 * 0.220 without a library). The documents being scored belong to the evidence, so every
 * profile term has p(t) > 0 however the background was pruned.
 */
export class BackgroundStatistics {
  private readonly evidenceTokens: number;

  constructor(
    private readonly background: Pick<BackgroundModel, 'termCounts' | 'tokenCount'> | undefined,
    private readonly evidence: readonly TermEvidence[],
    private readonly priorStrength: number,
  ) {
    this.evidenceTokens = evidence.reduce((sum, part) => sum + part.tokenCount, 0);
  }

  probability(term: string): number {
    let evidence = 0;
    for (const part of this.evidence) evidence += part.countOf(term);
    if (!this.background) return evidence / this.evidenceTokens;
    const prior = (this.background.termCounts.get(term) ?? 0) / this.background.tokenCount;
    return (evidence + this.priorStrength * prior) / (this.evidenceTokens + this.priorStrength);
  }
}

/**
 * The shipped background as the prior of its own token count (β = N_background, see above), with
 * some evidence on top: how every ranking and affinity run draws p_background.
 */
export function backgroundWithEvidence(background: BackgroundModel, evidence: readonly TermEvidence[]): BackgroundStatistics {
  return new BackgroundStatistics(background, evidence, background.tokenCount);
}

// ---- the file format ----
//
// "PSBG", then sections (sections.ts): a JSON header; the stems in order
// of decreasing count (ties by stem), newline-joined; their counts as unsigned LEB128 varints;
// per vector a float32 scale; the vectors as int8 (x ≈ scale · q, q in -127..127); the
// reference papers as JSON. Rows of the vectors are the first stems of the list, since both
// are ordered by frequency the same way.

const MAGIC = 'PSBG';
export const BACKGROUND_FORMAT_VERSION = 1;

interface Header {
  version: number;
  docCount: number;
  tokenCount: number;
  dimensions: number;
  vectorCount: number;
  sifWeight: number;
}

// Varints are a dozen lines: no package on npm does just this without a protobuf runtime.
function writeVarints(values: readonly number[]): Buffer {
  const bytes: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  }
  return Buffer.from(bytes);
}

function readVarints(bytes: Uint8Array, count: number): number[] {
  const values: number[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    let shift = 1;
    for (;;) {
      if (p >= bytes.length) throw new Error('background model: counts are cut short');
      const b = bytes[p++];
      value += (b & 0x7f) * shift;
      if (b < 0x80) break;
      shift *= 128;
    }
    values.push(value);
  }
  return values;
}

/** Stems by decreasing count, ties by stem (code-unit order), so the file does not depend on Map order. */
function byFrequency(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function encodeBackground(model: BackgroundModel): Buffer {
  const terms = byFrequency(model.termCounts);
  const dense = model.dense;
  const vectorCount = dense?.termIndex.size ?? 0;
  const d = dense?.dimensions ?? 0;
  terms.slice(0, vectorCount).forEach(([term], row) => {
    if (dense?.termIndex.get(term) !== row) throw new Error(`background model: term vector rows are not in order of frequency at row ${row}`);
  });
  const scales = new Float32Array(vectorCount);
  const quantized = new Int8Array(vectorCount * d);
  for (let row = 0; row < vectorCount; row++) scales[row] = quantizeInt8(dense!.vectors.subarray(row * d, (row + 1) * d), quantized, row * d);
  const header: Header = {
    version: BACKGROUND_FORMAT_VERSION,
    docCount: model.docCount,
    tokenCount: model.tokenCount,
    dimensions: d,
    vectorCount,
    sifWeight: model.sifWeight,
  };
  const references = model.referenceDocs.map(({ title, abstract, keywords }) => ({ title, abstract, keywords }));
  const writer = new SectionWriter(MAGIC);
  writer.text(JSON.stringify(header));
  writer.text(terms.map(([term]) => term).join('\n'));
  writer.bytes(writeVarints(terms.map(([, n]) => n)));
  writer.bytes(scales);
  writer.bytes(quantized);
  writer.text(JSON.stringify(references));
  return writer.toBuffer();
}

export function decodeBackground(buffer: Buffer, source = 'background model'): BackgroundModel {
  const reader = new SectionReader(buffer, MAGIC, source);
  const header = reader.json<Header>();
  if (header.version !== BACKGROUND_FORMAT_VERSION) throw new Error(`${source}: format ${header.version} is not ${BACKGROUND_FORMAT_VERSION}`);
  const terms = lines(reader.text());
  const counts = readVarints(new Uint8Array(reader.bytes()), terms.length);
  const scales = new Float32Array(reader.bytes());
  const quantized = new Int8Array(reader.bytes());
  const references = reader.json<PaperText[]>();
  const { dimensions: d, vectorCount } = header;
  const vectors = new Float32Array(vectorCount * d);
  for (let row = 0; row < vectorCount; row++) {
    // Rounding moves a vector off unit length by a little; restoring it keeps every term's pull on a document as learned.
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (quantized[row * d + k] * scales[row]) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < d; k++) vectors[row * d + k] = quantized[row * d + k] * scales[row] * inv;
  }
  const a = header.sifWeight;
  return {
    docCount: header.docCount,
    tokenCount: header.tokenCount,
    termCounts: new Map(terms.map((term, i) => [term, counts[i]])),
    dense: vectorCount
      ? {
          dimensions: d,
          termIndex: new Map(terms.slice(0, vectorCount).map((term, row) => [term, row])),
          vectors,
          termWeights: Float32Array.from(counts.slice(0, vectorCount), (n) => a / (a + n / header.tokenCount)),
        }
      : undefined,
    sifWeight: a,
    referenceDocs: references,
  };
}

/** models/background.bin of this package: src/engine/ and the built dist/engine/ both sit two levels below the root. */
export const SHIPPED_BACKGROUND = fileURLToPath(new URL('../../models/background.bin', import.meta.url));

/** Reads a background model file, by default the one shipped in the package. */
export function loadBackground(file = SHIPPED_BACKGROUND): BackgroundModel {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new BackgroundMissingError(`no background model at ${file}: the package is incomplete (in a checkout, run npm run build:background)`);
  }
  return decodeBackground(bytes, file);
}
