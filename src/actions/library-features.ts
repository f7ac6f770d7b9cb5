// The library's papers indexed for engine v2, kept up to date by the papers' revisions: a
// ranking indexes only what changed since the index was last brought up to date (new papers,
// reworded ones), so recommendations never wait for a model to be relearned after an ingest.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { PaperStore } from '../library/store.ts';
import { loadBackground, SHIPPED_BACKGROUND, type BackgroundModel } from '../engine/background.ts';
import { FEATURE_INDEX_VERSION, FeatureIndex } from '../engine/feature-index.ts';
import { docFeatures, type DocFeatures } from '../engine/language-model.ts';

/** How a long indexing run reports: the papers to index once, then how many are done. */
export interface Progress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface Background {
  model: BackgroundModel;
  /** The reference sample as the scorer reads it (see library-ranking.ts). */
  reference: DocFeatures[];
  /** Changes with the background's bytes: an index made with another background is of no use. */
  fingerprint: string;
}

let shipped: Background | undefined;

/** The shipped background, read once per process. */
export function shippedBackground(): Background {
  if (!shipped) {
    const model = loadBackground();
    const fingerprint = createHash('sha256').update(fs.readFileSync(SHIPPED_BACKGROUND)).digest('hex').slice(0, 16);
    shipped = { model, reference: model.referenceDocs.map((doc) => docFeatures(doc, model.dense)), fingerprint };
  }
  return shipped;
}

/**
 * Each open library's index; how many papers it has indexed since its stored copy was saved;
 * the change stamp it was last brought up to date at; and, for a server, how many papers one
 * use may index (the rest is left to updates in the background).
 */
interface KeptIndex {
  index: FeatureIndex;
  unsaved: number;
  stamp?: string;
  perUse: number;
}

const indexes = new WeakMap<PaperStore, KeptIndex>();

const storedName = (background: Background) => `features-v${FEATURE_INDEX_VERSION}-${background.fingerprint}`;

/**
 * Papers indexed since the stored index was saved before it is saved again. Saving writes the
 * whole index (a few hundred milliseconds for 95,000 papers) while indexing 500 papers again at
 * the next start costs about as much, so below this the stored copy is left as it is.
 */
const SAVE_AFTER = 500;

/** Indexing fewer papers than this is quick enough to go without a progress bar. */
const QUIET_BELOW = 2000;

/** Papers read from the library and indexed at a time: about half a second's work. */
const BATCH = 2000;

function keptIndex(library: PaperStore): KeptIndex {
  let kept = indexes.get(library);
  if (!kept) {
    const background = shippedBackground();
    const stored = library.savedModel(storedName(background));
    const index = (stored && FeatureIndex.decode(stored.data, background.model.dense)) || new FeatureIndex(background.model.dense);
    kept = { index, unsaved: 0, perUse: Infinity };
    indexes.set(library, kept);
  }
  return kept;
}

/**
 * Brings the library's feature index up to date, indexing at most `maxPapers` of the changed
 * papers (oldest change first); `pending` says whether changes are left. Saves it when enough
 * changed since the stored copy.
 */
export function updateLibraryFeatures(library: PaperStore, options: { progress?: Progress; maxPapers?: number } = {}): { index: FeatureIndex; pending: boolean } {
  const kept = keptIndex(library);
  const { index } = kept;
  const maxPapers = options.maxPapers ?? Infinity;
  // Counting the papers reads an index of the whole table; most uses find nothing committed since the last.
  const stamp = library.changeStamp();
  if (stamp === kept.stamp) return { index, pending: false };
  const state = library.revisionState(index.revision);
  const report = Math.min(state.changed, maxPapers) >= QUIET_BELOW ? options.progress : undefined;
  report?.start(Math.min(state.changed, maxPapers));
  let done = 0;
  while (done < maxPapers) {
    const batch = library.textsChangedSince(index.revision, Math.min(BATCH, maxPapers - done));
    if (batch.length === 0) break;
    index.add(batch);
    index.revision = batch[batch.length - 1].revision;
    done += batch.length;
    report?.update(done);
  }
  report?.stop();
  kept.unsaved += done;
  const pending = index.revision < state.revision;
  if (!pending && index.liveCount !== state.papers) {
    // Papers were deleted: their rows go.
    const present = new Set(library.allPaperIds());
    for (const row of index.liveRows()) {
      if (present.has(index.ids[row])) continue;
      index.remove(index.ids[row]);
      kept.unsaved++;
    }
  }
  // A small library is saved whole each time: all of it is new.
  if (kept.unsaved >= Math.min(SAVE_AFTER, index.liveCount) && save(library, shippedBackground(), index)) kept.unsaved = 0;
  // The stamp read before looking: anything committed since then is looked at next time.
  if (!pending) kept.stamp = stamp;
  return { index, pending };
}

/** The library's feature index, up to date (in a server, as far as its background updates have come). */
export function libraryFeatures(library: PaperStore, progress?: Progress): FeatureIndex {
  return updateLibraryFeatures(library, { progress, maxPapers: keptIndex(library).perUse }).index;
}

/**
 * For a server: a use indexes one batch at most and the rest is indexed here, a batch at a time
 * between requests, so after a large upload the index serves as it is until it has caught up.
 * Returns a function that stops the updates.
 */
export function updateFeaturesInBackground(library: PaperStore, idleMs = 1000): () => void {
  keptIndex(library).perUse = BATCH;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const { pending } = updateLibraryFeatures(library, { maxPapers: BATCH });
    timer = setTimeout(tick, pending ? 0 : idleMs);
  };
  timer = setTimeout(tick, 0);
  return () => clearTimeout(timer);
}

function save(library: PaperStore, background: Background, index: FeatureIndex): boolean {
  return library.saveModel(storedName(background), `revision ${index.revision}, ${index.liveCount} papers`, index.encode());
}

/** Indexes every paper anew (after a change of the background, or to compact the stored index) and saves it. */
export function rebuildLibraryFeatures(library: PaperStore, progress?: Progress): FeatureIndex {
  const kept = keptIndex(library);
  kept.index = new FeatureIndex(shippedBackground().model.dense);
  kept.unsaved = 0;
  kept.stamp = undefined;
  return updateLibraryFeatures(library, { progress }).index;
}
