// A library-sized corpus recombined from the paperlists corpus, for bench:scale: N papers with
// the text statistics of real ones (real title halves, real abstract sentences, real author
// lists) and a stated rate of duplicates, the same bytes for the same seed.
//
// The recombination, in full:
// - The source files are read in sorted order (venue folder, then file). Each venue is a pool:
//   its titles, its abstracts' sentences, its author lists. A venue's papers are recombined
//   only with its own, so a robotics paper stays a robotics paper and topics keep their words.
// - The output is rounds over the source files: round r writes one listing per source file,
//   with as many papers as it has, for the same venue and the year r years earlier (round 0 is
//   the real venue-years; later rounds spread over older ones), until N papers are written.
// - A new paper takes its slot's source paper as a template: the first half of its title's words
//   and the second half of another title of the venue; as many sentences as the template's
//   abstract has, each drawn from the venue's sentences (no abstract when the template has none,
//   so the share without abstracts stays the venue's), with WORD_SWAP of its words of four or
//   more letters each swapped for a word of the venue's abstracts drawn by frequency; the author list of another paper of the
//   venue, with one name swapped for a name from a third list half the time (authors recur in
//   new company, as in a field); the template's keywords, track and status. No identifiers
//   (DOI, arXiv), which would merge recombinations of one source paper.
//   The word swaps are what keeps duplicates controlled past one round: a million papers draw
//   each real sentence about ten times, and two abstracts sharing an unchanged sentence share a
//   quarter of their word pairs, which is how the ingest recognises versions of one paper. With
//   a third of the words swapped, a shared sentence keeps under a fifth of its pairs in common.
// - Duplicates, controlled: RELISTED of the slots list a paper written earlier again, unchanged
//   (the same paper in two listings: the ingest merges it), and VERSIONS of them a new version
//   of one (other title, one abstract sentence replaced: the ingest links it as a possible
//   duplicate). Recombination itself makes a duplicate only when two drawn titles coincide and
//   their author lists agree, which the ingest's count of stored papers shows (none in practice).
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../src/engine/linalg.ts';
import { artifactsDir } from './paths.ts';

export const DEFAULT_SEED = 20261202;
/** Where bench:scale-data writes a corpus by default, and bench:scale looks for one. */
export const scaleCorpusDir = (papers: number, seed = DEFAULT_SEED) => path.join(artifactsDir, 'scale', `papers-${papers}-seed-${seed}`);

export const RELISTED = 0.01;
export const VERSIONS = 0.01;
export const WORD_SWAP = 0.35;
/** Earlier papers a duplicate is drawn from: the last ones written, as a feed repeats recent papers. */
const RECENT = 10_000;

/** A paperlists record as this corpus writes it (the fields the importer reads). */
interface Entry {
  id?: string;
  title?: string;
  author?: string;
  abstract?: string;
  keywords?: string;
  track?: string;
  status?: string;
}

interface SourceFile {
  venue: string;
  year: number;
  entries: Entry[];
}

interface Pool {
  titles: string[][];
  sentences: string[];
  /** Every word of four or more letters of the venue's abstracts, as often as it occurs. */
  words: string[];
  authorLists: string[][];
}

const SOURCE_FILE = /^([a-z\d]*?[a-z])(\d{4})\.json$/;

function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const venue of fs.readdirSync(root).sort()) {
    const dir = path.join(root, venue);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      const match = SOURCE_FILE.exec(file);
      if (!match) continue;
      const entries = (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Entry[]).filter((entry) => typeof entry.title === 'string' && entry.title.trim());
      if (entries.length > 0) files.push({ venue: match[1], year: Number(match[2]), entries });
    }
  }
  if (files.length === 0) throw new Error(`${root}: no paperlists files (<venue>/<venue><year>.json) with titled papers`);
  return files;
}

const LONG_WORD = /\b[A-Za-z]{4,}\b/g;

/** Sentence ends: a full stop, question or exclamation mark before a space and a capital. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z])/;

const splitAuthors = (author: string) => author.split(author.includes(';') ? ';' : ',').map((name) => name.trim()).filter(Boolean);

function pools(sources: readonly SourceFile[]): Map<string, Pool> {
  const byVenue = new Map<string, Pool>();
  for (const { venue, entries } of sources) {
    let pool = byVenue.get(venue);
    if (!pool) byVenue.set(venue, (pool = { titles: [], sentences: [], words: [], authorLists: [] }));
    for (const entry of entries) {
      pool.titles.push(entry.title!.trim().split(/\s+/));
      if (entry.abstract) {
        pool.sentences.push(...entry.abstract.trim().split(SENTENCE_END));
        for (const [word] of entry.abstract.matchAll(LONG_WORD)) pool.words.push(word);
      }
      const authors = entry.author ? splitAuthors(entry.author) : [];
      if (authors.length > 0) pool.authorLists.push(authors);
    }
  }
  return byVenue;
}

export interface ScaleCorpusReport {
  papers: number;
  files: number;
  relisted: number;
  versions: number;
}

/**
 * Writes `papers` recombined papers as paperlists JSON files under `outDir` (made afresh):
 * `rNN/<venue><year>.json`, one folder per round.
 */
export function writeScaleCorpus(sourceRoot: string, outDir: string, papers: number, seed: number): ScaleCorpusReport {
  if (!Number.isInteger(papers) || papers < 1) throw new Error(`--papers must be a positive whole number, got ${papers}`);
  const sources = readSources(sourceRoot);
  const byVenue = pools(sources);
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const recent: { entry: Entry; venue: string }[] = [];
  const report: ScaleCorpusReport = { papers: 0, files: 0, relisted: 0, versions: 0 };

  const newPaper = (template: Entry, pool: Pool): Entry => {
    const head = template.title!.trim().split(/\s+/);
    const tail = pick(pool.titles);
    const title = [...head.slice(0, Math.ceil(head.length / 2)), ...tail.slice(Math.ceil(tail.length / 2))].join(' ');
    const entry: Entry = { title };
    const authors = pool.authorLists.length > 0 ? [...pick(pool.authorLists)] : [];
    if (authors.length > 0 && random() < 0.5) authors[Math.floor(random() * authors.length)] = pick(pick(pool.authorLists));
    if (authors.length > 0) entry.author = authors.join('; ');
    if (template.abstract && pool.sentences.length > 0) {
      const count = template.abstract.trim().split(SENTENCE_END).length;
      entry.abstract = Array.from({ length: count }, () => pick(pool.sentences).replace(LONG_WORD, (word) => (random() < WORD_SWAP ? pick(pool.words) : word))).join(' ');
    }
    if (template.keywords) entry.keywords = template.keywords;
    if (template.track) entry.track = template.track;
    if (template.status) entry.status = template.status;
    return entry;
  };

  const version = (earlier: Entry, pool: Pool): Entry => {
    const sentences = earlier.abstract!.split(SENTENCE_END);
    sentences[Math.floor(random() * sentences.length)] = pick(pool.sentences);
    const words = earlier.title!.split(' ');
    const other = pick(pool.titles);
    return { ...earlier, title: [...words.slice(0, Math.ceil(words.length / 2)), ...other.slice(Math.ceil(other.length / 2))].join(' '), abstract: sentences.join(' ') };
  };

  fs.rmSync(outDir, { recursive: true, force: true });
  for (let round = 0; report.papers < papers; round++) {
    const roundDir = path.join(outDir, `r${String(round).padStart(2, '0')}`);
    fs.mkdirSync(roundDir, { recursive: true });
    for (const source of sources) {
      if (report.papers >= papers) break;
      const pool = byVenue.get(source.venue)!;
      const count = Math.min(source.entries.length, papers - report.papers);
      const written: Entry[] = [];
      for (let slot = 0; slot < count; slot++) {
        const draw = random();
        let venue = source.venue;
        let entry: Entry;
        const earlier = recent.length > 0 ? pick(recent) : undefined;
        if (earlier && draw < RELISTED) {
          ({ entry, venue } = earlier);
          report.relisted++;
        } else if (earlier?.entry.abstract && draw < RELISTED + VERSIONS) {
          venue = earlier.venue;
          entry = version(earlier.entry, byVenue.get(venue)!);
          report.versions++;
        } else entry = newPaper(source.entries[slot], pool);
        entry = { ...entry, id: `s${seed}-${report.papers + slot}` };
        written.push(entry);
        if (recent.length < RECENT) recent.push({ entry, venue });
        else recent[Math.floor(random() * RECENT)] = { entry, venue };
      }
      fs.writeFileSync(path.join(roundDir, `${source.venue}${source.year - round}.json`), JSON.stringify(written));
      report.papers += count;
      report.files++;
    }
  }
  return report;
}
