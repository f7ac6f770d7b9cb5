// A library's papers as engine v2 reads them, row by row: each paper's stem counts (for the
// profile language model) and its SIF vector in the shipped background's term space (for the
// dense component). Nothing here is learned from the library, so a new paper is indexed the
// moment it arrives (a fraction of a millisecond), and the index never needs rebuilding while
// the background stays the same. Kept in the library as one stored model and brought up to
// date by the papers' revisions (see library/papers.ts).
import type { TextDoc } from '../types.ts';
import type { DocFeatures } from './language-model.ts';
import { denseVector, type DenseSpace } from './model.ts';
import { docFields, termCounts } from './text.ts';
import { lines, SectionReader, SectionWriter } from './sections.ts';
import { quantizeInt8 } from './linalg.ts';

const MAGIC = 'PSFI';
/** Raised whenever the layout or the meaning of the stored index changes. */
export const FEATURE_INDEX_VERSION = 1;

/** Room for at least `needed` elements, doubling so that appending row by row stays linear. */
function grown<T extends Float32Array | Float64Array | Uint32Array | Int8Array | Uint8Array>(array: T, needed: number): T {
  if (array.length >= needed) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2, 64));
  next.set(array);
  return next;
}

/**
 * Term t's rows are rows[start[t]] .. rows[start[t + 1] - 1], in row order, with their counts:
 * every live row that has the term, or for a term of more than POSTING_HEAD rows its head, the
 * rows where it weighs most (see postings).
 */
export interface Postings {
  start: Uint32Array;
  rows: Uint32Array;
  counts: Float32Array;
  /** How many live rows have each term, head or not. */
  documents: Uint32Array;
}

/**
 * The most rows a term's postings keep (give or take one impact bucket), so that reading a
 * term costs the same in a library of a million papers as in one of a hundred thousand. Below
 * 100,000 candidates a term this common is in more than 5% of them and never read (see
 * shortlist.ts COMMON_SHARE), so smaller libraries rank exactly as with whole lists.
 */
export const POSTING_HEAD = 5000;
/** A row's impact for a term is count / length (its language-model share); heads are cut on buckets of 2^(1/8) (9%) of it. */
const IMPACT_STEPS_PER_HALVING = 8;
const IMPACT_BUCKETS = 128;

function impactBucket(count: number, length: number): number {
  const bucket = Math.floor(-Math.log2(count / length) * IMPACT_STEPS_PER_HALVING);
  return bucket < 0 ? 0 : bucket >= IMPACT_BUCKETS ? IMPACT_BUCKETS - 1 : bucket;
}

interface Header {
  version: number;
  dimensions: number;
  rows: number;
  entries: number;
  revision: number;
}

export class FeatureIndex {
  /** The last paper revision the index has seen (library/papers.ts revisionState). */
  revision = 0;
  readonly dimensions: number;
  /** Stems by id, in the order they were first seen. */
  readonly terms: string[] = [];
  private readonly termIdOf = new Map<string, number>();
  /** Occurrences of each stem over the live rows, and of all stems: the library's evidence for p(t). */
  private termTotals = new Float64Array(0);
  tokenCount = 0;

  /** Rows in the order added; a paper indexed again gets a new row and its old one is dead. */
  rowCount = 0;
  private entryCount = 0;
  ids = new Uint32Array(0);
  live = new Uint8Array(0);
  /** Each row's token count (the language model's |c|). */
  lengths = new Float32Array(0);
  /** Row r's stems and counts are entries entryStart[r] .. entryStart[r + 1] - 1. */
  entryStart = new Uint32Array(1);
  entryTerms = new Uint32Array(0);
  entryCounts = new Float32Array(0);
  /**
   * Unit SIF vectors as int8, x ≈ scale · q: a quarter of float32's memory, and rounding moves
   * a cosine by a few thousandths at most, far below what separates papers.
   */
  dense = new Int8Array(0);
  scales = new Float32Array(0);
  private readonly rowOfId = new Map<number, number>();
  /** Built on first use and dropped when rows change (see postings). */
  private postingLists?: Postings;
  private postingHead = POSTING_HEAD;

  constructor(private readonly space: DenseSpace | undefined) {
    this.dimensions = space?.dimensions ?? 0;
  }

  get liveCount(): number {
    return this.rowOfId.size;
  }

  /** The live row of a paper, if indexed. */
  rowOf(id: number): number | undefined {
    return this.rowOfId.get(id);
  }

  termId(stem: string): number | undefined {
    return this.termIdOf.get(stem);
  }

  /** The library's occurrences of a stem (its evidence for p_background). */
  countOf(stem: string): number {
    const id = this.termIdOf.get(stem);
    return id === undefined ? 0 : this.termTotals[id];
  }

  /** Indexes papers (again, for papers already indexed: their text changed), calling `progress` now and then. */
  add(docs: readonly TextDoc[], progress?: (done: number) => void): void {
    if (docs.length > 0) this.postingLists = undefined;
    const d = this.dimensions;
    const vector = new Float32Array(d);
    docs.forEach((doc, i) => {
      this.remove(doc.id);
      const fields = docFields(doc);
      const counts = termCounts(fields, false);
      const row = this.rowCount++;
      this.ids = grown(this.ids, row + 1);
      this.live = grown(this.live, row + 1);
      this.lengths = grown(this.lengths, row + 1);
      this.entryStart = grown(this.entryStart, row + 2);
      this.entryTerms = grown(this.entryTerms, this.entryCount + counts.size);
      this.entryCounts = grown(this.entryCounts, this.entryCount + counts.size);
      this.ids[row] = doc.id;
      this.live[row] = 1;
      let length = 0;
      for (const [stem, n] of counts) {
        const term = this.internTerm(stem);
        this.entryTerms[this.entryCount] = term;
        this.entryCounts[this.entryCount++] = n;
        this.termTotals[term] += n;
        length += n;
      }
      this.lengths[row] = length;
      this.tokenCount += length;
      this.entryStart[row + 1] = this.entryCount;
      if (this.space) {
        vector.fill(0);
        denseVector(this.space, fields, vector, 0);
        this.storeDense(row, vector);
      }
      this.rowOfId.set(doc.id, row);
      if (progress && (i + 1) % 500 === 0) progress(i + 1);
    });
    progress?.(docs.length);
  }

  /** Forgets a paper (deleted from the library, or about to be indexed again). */
  remove(id: number): void {
    const row = this.rowOfId.get(id);
    if (row === undefined) return;
    this.postingLists = undefined;
    this.rowOfId.delete(id);
    this.live[row] = 0;
    for (let p = this.entryStart[row]; p < this.entryStart[row + 1]; p++) this.termTotals[this.entryTerms[p]] -= this.entryCounts[p];
    this.tokenCount -= this.lengths[row];
  }

  /** A row as the scorer reads a paper: stem counts, length, and its dense vector. */
  features(row: number): DocFeatures {
    const counts = new Map<string, number>();
    for (let p = this.entryStart[row]; p < this.entryStart[row + 1]; p++) counts.set(this.terms[this.entryTerms[p]], this.entryCounts[p]);
    const d = this.dimensions;
    let dense: Float32Array | undefined;
    if (d > 0) dense = this.denseOf(row, new Float32Array(d));
    return { counts, length: this.lengths[row], dense };
  }

  /** A row's dense vector as float, written into `out` (of the index's dimensions). */
  denseOf(row: number, out: Float32Array): Float32Array {
    const d = this.dimensions;
    const scale = this.scales[row];
    for (let k = 0; k < d; k++) out[k] = this.dense[row * d + k] * scale;
    return out;
  }

  /** Stem weights as an array by this index's term ids (0 for stems it has never seen). */
  weightsByTerm(weights: ReadonlyMap<string, number>): Float64Array {
    const out = new Float64Array(this.terms.length);
    for (const [stem, w] of weights) {
      const id = this.termIdOf.get(stem);
      if (id !== undefined) out[id] = w;
    }
    return out;
  }

  /** For each row of `rows`: Σ_t count(t) · weight(t) / length, the language model's score (see language-model.ts). */
  weightedMeans(weights: Float64Array, rows: Uint32Array, out: Float64Array): void {
    const { entryStart, entryTerms, entryCounts, lengths } = this;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let sum = 0;
      for (let p = entryStart[row], end = entryStart[row + 1]; p < end; p++) sum += entryCounts[p] * weights[entryTerms[p]];
      out[i] = lengths[row] > 0 ? sum / lengths[row] : 0;
    }
  }

  /**
   * For each row of `rows`: its dense vector's dot product with `vector`. Four running sums
   * instead of one let the additions overlap: 29 ms instead of 46 ms for 95,000 rows of 256.
   */
  dots(vector: Float32Array, rows: Uint32Array, out: Float64Array): void {
    const { dense, scales } = this;
    const d = this.dimensions;
    const whole = d - (d % 4);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const offset = row * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k < whole; k += 4) {
        s0 += vector[k] * dense[offset + k];
        s1 += vector[k + 1] * dense[offset + k + 1];
        s2 += vector[k + 2] * dense[offset + k + 2];
        s3 += vector[k + 3] * dense[offset + k + 3];
      }
      for (; k < d; k++) s0 += vector[k] * dense[offset + k];
      out[i] = (s0 + s1 + s2 + s3) * scales[row];
    }
  }

  /**
   * For each term, the live rows that have it and their counts: the transpose of the rows'
   * entries, for reading only the papers that share a profile's rarer words. A term of more than
   * `head` rows keeps the rows of its highest impact buckets only, found by a histogram rather
   * than a sort, so the whole transpose is never held: at a million papers it would be 800 MB.
   * Built in a few passes over the entries (a tenth of a second per 100,000 papers) the first
   * time it is asked for after a change.
   */
  postings(): Postings {
    if (this.postingLists) return this.postingLists;
    const head = this.postingHead;
    const termCount = this.terms.length;
    const documents = new Uint32Array(termCount);
    this.forEachLiveEntry((term) => documents[term]++);
    // Long terms: their impact histogram, and the last bucket their head takes whole.
    const longOf = new Int32Array(termCount).fill(-1);
    let longCount = 0;
    for (let t = 0; t < termCount; t++) if (documents[t] > head) longOf[t] = longCount++;
    const cut = new Uint8Array(longCount);
    const kept = documents.slice();
    if (longCount > 0) {
      const histogram = new Uint32Array(longCount * IMPACT_BUCKETS);
      this.forEachLiveEntry((term, count, row) => {
        const long = longOf[term];
        if (long >= 0) histogram[long * IMPACT_BUCKETS + impactBucket(count, this.lengths[row])]++;
      });
      for (let t = 0; t < termCount; t++) {
        const long = longOf[t];
        if (long < 0) continue;
        let sum = 0;
        let bucket = 0;
        for (; bucket < IMPACT_BUCKETS - 1 && sum + histogram[long * IMPACT_BUCKETS + bucket] < head; bucket++) sum += histogram[long * IMPACT_BUCKETS + bucket];
        cut[long] = bucket;
        kept[t] = sum + histogram[long * IMPACT_BUCKETS + bucket];
      }
    }
    const start = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) start[t + 1] = start[t] + kept[t];
    const fill = start.slice(0, termCount);
    const rows = new Uint32Array(start[termCount]);
    const counts = new Float32Array(start[termCount]);
    this.forEachLiveEntry((term, count, row) => {
      const long = longOf[term];
      if (long >= 0 && impactBucket(count, this.lengths[row]) > cut[long]) return;
      const slot = fill[term]++;
      rows[slot] = row;
      counts[slot] = count;
    });
    this.postingLists = { start, rows, counts, documents };
    return this.postingLists;
  }

  /** Postings with heads of another length from now on (Infinity: whole lists), for tests and benchmarks. */
  setPostingHead(head: number): void {
    this.postingHead = head;
    this.postingLists = undefined;
  }

  private forEachLiveEntry(visit: (term: number, count: number, row: number) => void): void {
    for (let row = 0; row < this.rowCount; row++) {
      if (!this.live[row]) continue;
      for (let p = this.entryStart[row]; p < this.entryStart[row + 1]; p++) visit(this.entryTerms[p], this.entryCounts[p], row);
    }
  }

  /** The rows of every live paper, in the order they were added. */
  liveRows(): Uint32Array {
    const rows = new Uint32Array(this.liveCount);
    let n = 0;
    for (let row = 0; row < this.rowCount; row++) if (this.live[row]) rows[n++] = row;
    return rows;
  }

  /** The live rows only, compacted: what is stored. */
  encode(): Buffer {
    const rows = this.liveRows();
    const d = this.dimensions;
    const entries = rows.reduce((sum, row) => sum + this.entryStart[row + 1] - this.entryStart[row], 0);
    const ids = new Uint32Array(rows.length);
    const lengths = new Float32Array(rows.length);
    const entryStart = new Uint32Array(rows.length + 1);
    const entryTerms = new Uint32Array(entries);
    const entryCounts = new Float32Array(entries);
    const dense = new Int8Array(rows.length * d);
    const scales = new Float32Array(rows.length);
    rows.forEach((row, i) => {
      ids[i] = this.ids[row];
      lengths[i] = this.lengths[row];
      const from = this.entryStart[row];
      const to = this.entryStart[row + 1];
      entryTerms.set(this.entryTerms.subarray(from, to), entryStart[i]);
      entryCounts.set(this.entryCounts.subarray(from, to), entryStart[i]);
      entryStart[i + 1] = entryStart[i] + (to - from);
      dense.set(this.dense.subarray(row * d, (row + 1) * d), i * d);
      scales[i] = this.scales[row];
    });
    const header: Header = { version: FEATURE_INDEX_VERSION, dimensions: d, rows: rows.length, entries, revision: this.revision };
    const writer = new SectionWriter(MAGIC);
    writer.text(JSON.stringify(header));
    writer.text(this.terms.join('\n'));
    for (const array of [ids, lengths, entryStart, entryTerms, entryCounts, dense, scales]) writer.bytes(array);
    return writer.toBuffer();
  }

  /** An index stored by `encode`, for the same background space (undefined when it is of another layout or space). */
  static decode(buffer: Buffer, space: DenseSpace | undefined): FeatureIndex | undefined {
    const reader = new SectionReader(buffer, MAGIC, 'stored feature index');
    const header = reader.json<Header>();
    if (header.version !== FEATURE_INDEX_VERSION || header.dimensions !== (space?.dimensions ?? 0)) return undefined;
    const index = new FeatureIndex(space);
    for (const stem of lines(reader.text())) index.internTerm(stem);
    index.ids = new Uint32Array(reader.bytes());
    index.lengths = new Float32Array(reader.bytes());
    index.entryStart = new Uint32Array(reader.bytes());
    index.entryTerms = new Uint32Array(reader.bytes());
    index.entryCounts = new Float32Array(reader.bytes());
    index.dense = new Int8Array(reader.bytes());
    index.scales = new Float32Array(reader.bytes());
    index.rowCount = header.rows;
    index.entryCount = header.entries;
    index.live = new Uint8Array(header.rows).fill(1);
    index.revision = header.revision;
    for (let row = 0; row < header.rows; row++) index.rowOfId.set(index.ids[row], row);
    for (let p = 0; p < header.entries; p++) index.termTotals[index.entryTerms[p]] += index.entryCounts[p];
    for (let row = 0; row < header.rows; row++) index.tokenCount += index.lengths[row];
    return index;
  }

  private internTerm(stem: string): number {
    let id = this.termIdOf.get(stem);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(stem);
      this.termIdOf.set(stem, id);
      this.termTotals = grown(this.termTotals, id + 1);
    }
    return id;
  }

  private storeDense(row: number, vector: Float32Array): void {
    const d = this.dimensions;
    this.dense = grown(this.dense, (row + 1) * d);
    this.scales = grown(this.scales, row + 1);
    this.scales[row] = quantizeInt8(vector, this.dense, row * d);
  }
}
