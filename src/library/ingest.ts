// Adding one parsed listing to the library: all of it or nothing, once per distinct file,
// merging papers the library already has and linking likely versions.
import type { ImportedPaper, Listing, ListingMeta, PaperIds, ParsedListing, SkippedRecord } from '../types.ts';
import type { Db } from './database.ts';
import { authorKey, authorsCompatible, idsDiffer, titleKey } from './identity.ts';
import { blobToSketch, sketchPairs, sketchToBlob, SketchIndex, textOverlap, VERSION_THRESHOLD, wordPairs } from './versions.ts';
import { getListing, nameFromPage } from './listings.ts';
import { FullTextWrites } from './fulltext.ts';
import { getModel, putModel } from './models.ts';

/** The version sketches as SketchIndex.encode writes them, kept in the models table. */
const SKETCHES_MODEL = 'version-sketches-v1';
/**
 * New sketches before the stored copy is written again: at least this many, and a quarter of
 * those stored, so an ingest of a million papers writes it a dozen times, not once per listing,
 * and the next command reads at most a fifth of the sketches from the papers' rows.
 */
const SAVE_SKETCHES_AFTER = 20_000;

/** What the person who ran `ingest` said about the file; wins over what the file says. */
export interface ListingLabels {
  venue?: string;
  year?: number;
  session?: string;
}

export interface IngestOutcome {
  /** False when the same content was ingested before: nothing was written. */
  added: boolean;
  listing: Listing;
  newPapers: number;
  mergedPapers: number;
  versionLinks: number;
  /** What the importer passed over without failing the file (e.g. an undefined @string). */
  warnings: string[];
  /** The file's records that could not become papers and were left out. */
  skipped: SkippedRecord[];
}

interface ExistingPaper {
  id: number;
  title: string;
  title_key: string;
  title_derived: number;
  authors: string;
  abstract: string | null;
  keywords: string;
  urls: string;
  venue: string | null;
  year: number | null;
  session: string | null;
  track: string | null;
  status: string | null;
  arxiv: string | null;
  doi: string | null;
  openreview: string | null;
  revision: number;
}

export class Ingester {
  private sketches: SketchIndex | undefined;
  /** The id of the last paper whose sketch is in `sketches`. */
  private sketchedThrough = 0;
  /** How many of them the stored copy holds. */
  private savedSketches = 0;
  /**
   * The last revision and id given to a paper (see the migrations that add papers.revision and
   * papers_given), read at the start of each listing under the write lock.
   */
  private revision = 0;
  private lastId = 0;
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      listingByHash: db.prepare<[string], { id: number }>('SELECT id FROM listings WHERE content_hash = ?'),
      nameTaken: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM listings WHERE name = ?'),
      insertListing: db.prepare(
        `INSERT INTO listings (name, content_hash, format, from_html, imported_at, venue, year, session, room, starts_at, ends_at, paper_count)
         VALUES (@name, @hash, @format, @fromHtml, @importedAt, @venue, @year, @session, @room, @startsAt, @endsAt, @paperCount)`,
      ),
      byArxiv: db.prepare<[string], ExistingPaper>('SELECT * FROM papers WHERE arxiv = ? ORDER BY id'),
      byDoi: db.prepare<[string], ExistingPaper>('SELECT * FROM papers WHERE doi = ? ORDER BY id'),
      byOpenreview: db.prepare<[string], ExistingPaper>('SELECT * FROM papers WHERE openreview = ? ORDER BY id'),
      byTitle: db.prepare<[string], ExistingPaper>('SELECT * FROM papers WHERE title_key = ? AND title_derived = 0'),
      insertPaper: db.prepare(
        `INSERT INTO papers (id, title, title_key, title_derived, authors, abstract, keywords, venue, year, session, track, status, urls, arxiv, doi, openreview, minhash, revision)
         VALUES (@id, @title, @titleKey, @titleDerived, @authors, @abstract, @keywords, @venue, @year, @session, @track, @status, @urls, @arxiv, @doi, @openreview, @minhash, @revision)`,
      ),
      updatePaper: db.prepare(
        `UPDATE papers SET title = @title, title_key = @titleKey, title_derived = @titleDerived, authors = @authors,
           abstract = @abstract, keywords = @keywords, venue = @venue, year = @year, session = @session, track = @track,
           status = @status, urls = @urls, arxiv = @arxiv, doi = @doi, openreview = @openreview, revision = @revision
         WHERE id = @id`,
      ),
      // A name twice on one paper (a listing's typo) is one authorship.
      insertAuthor: db.prepare('INSERT OR IGNORE INTO paper_authors (name_key, paper_id, name) VALUES (?, ?, ?)'),
      insertAppearance: db.prepare('INSERT INTO appearances (listing_id, position, paper_id, source_id) VALUES (?, ?, ?, ?)'),
      abstractOf: db.prepare<[number], { abstract: string | null }>('SELECT abstract FROM papers WHERE id = ?'),
      linkVersions: db.prepare('INSERT OR IGNORE INTO possible_duplicates (paper_a, paper_b, similarity) VALUES (?, ?, ?)'),
      lastGiven: db.prepare<[], { id: number; revision: number }>(
        `SELECT max(coalesce((SELECT max(id) FROM papers), 0), coalesce((SELECT last_id FROM papers_given), 0)) AS id,
                max(coalesce((SELECT max(revision) FROM papers), 0), coalesce((SELECT last_revision FROM papers_given), 0)) AS revision`,
      ),
      sketchesAfter: db.prepare<[number], { id: number; minhash: Buffer }>('SELECT id, minhash FROM papers WHERE id > ? AND minhash IS NOT NULL ORDER BY id'),
    };
  }

  /**
   * Adds a listing and its papers; the caller holds the write lock (Library.addListing), so
   * nothing changes between the lookups here and the writes. `hash` identifies the file's
   * content, so ingesting the same file again finds the earlier listing and writes nothing.
   * `abstractPairs` are the papers' `wordPairs`, when already computed elsewhere. A listing
   * without a file name (pasted text) is named by what it says of itself (see nameFromPage).
   */
  ingest(parsed: ParsedListing, fileName: string | undefined, hash: string, labels: ListingLabels = {}, abstractPairs?: readonly (Uint32Array | undefined)[]): IngestOutcome {
    const earlier = this.statements.listingByHash.get(hash);
    if (earlier) {
      return { added: false, listing: getListing(this.db, earlier.id)!, newPapers: 0, mergedPapers: 0, versionLinks: 0, warnings: [], skipped: [] };
    }
    const sketches = this.sketchIndex();
    ({ id: this.lastId, revision: this.revision } = this.statements.lastGiven.get()!);
    try {
      const outcome = this.addListing(parsed, fileName, hash, labels, sketches, abstractPairs);
      // In the listing's transaction: a listing rolled back takes the copy it wrote with it.
      if (sketches.size - this.savedSketches >= Math.max(SAVE_SKETCHES_AFTER, this.savedSketches / 4)) {
        putModel(this.db, SKETCHES_MODEL, `${sketches.size} sketches through paper ${sketches.lastId}`, sketches.encode());
        this.savedSketches = sketches.size;
      }
      return outcome;
    } catch (error) {
      // The index may hold papers of the rolled-back transaction: rebuild it on next use.
      this.sketches = undefined;
      throw error;
    }
  }

  private addListing(
    parsed: ParsedListing,
    fileName: string | undefined,
    hash: string,
    labels: ListingLabels,
    sketches: SketchIndex,
    abstractPairs: readonly (Uint32Array | undefined)[] = [],
  ): IngestOutcome {
    const meta: ListingMeta = { ...parsed.meta, ...definedOnly(labels) };
    const listingId = Number(
      this.statements.insertListing.run({
        name: this.uniqueName(fileName ?? nameFromPage(meta)),
        hash,
        format: parsed.format,
        fromHtml: parsed.fromHtml ? 1 : 0,
        importedAt: new Date().toISOString(),
        venue: meta.venue ?? null,
        year: meta.year ?? null,
        session: meta.session ?? null,
        room: meta.room ?? null,
        startsAt: meta.startsAt ?? null,
        endsAt: meta.endsAt ?? null,
        paperCount: parsed.papers.length,
      }).lastInsertRowid,
    );
    let newPapers = 0;
    let mergedPapers = 0;
    let versionLinks = 0;
    const fullText = new FullTextWrites(this.db);
    /** Papers this listing has placed already: another of its entries is never merged into one. */
    const placed = new Set<number>();
    parsed.papers.forEach((imported, index) => {
      const paper: ImportedPaper = {
        ...imported,
        venue: labels.venue ?? imported.venue ?? meta.venue,
        year: labels.year ?? imported.year ?? meta.year,
        session: labels.session ?? imported.session ?? meta.session,
      };
      const { byId, byTitle } = this.candidates(paper);
      const ids = paper.ids ?? {};
      // The same identifier twice in a listing is one paper listed twice; the same title is not.
      const existing = [...byId, ...byTitle.filter((match) => !placed.has(match.id))].find((match) => !idsDiffer(idsOf(match), ids));
      const matches = [...byId, ...byTitle];
      let paperId: number;
      if (existing) {
        fullText.changing(existing);
        this.mergeInto(existing, paper);
        paperId = existing.id;
        mergedPapers++;
      } else {
        const pairs = abstractPairs[index] ?? (paper.abstract ? wordPairs(paper.abstract) : undefined);
        const sketch = pairs ? sketchPairs(pairs) : null;
        paperId = this.insertPaper(paper, sketch);
        fullText.inserted(paperId);
        newPapers++;
        // A paper with another DOI (or arXiv or OpenReview id) is another work, and a title the
        // listing has placed already is another of its entries (a publication list giving the
        // journal, conference and arXiv versions): the entry stays a paper of its own, linked.
        if (matches.length) versionLinks += this.link(paperId, matches[0].id, 1);
        if (pairs && sketch) {
          versionLinks += this.linkVersionsOf(paperId, pairs, sketch, sketches);
          sketches.add(paperId, sketch);
          this.sketchedThrough = paperId;
        }
      }
      placed.add(paperId);
      this.statements.insertAppearance.run(listingId, index + 1, paperId, paper.sourceId ?? null);
    });
    fullText.finish();
    return { added: true, listing: getListing(this.db, listingId)!, newPapers, mergedPapers, versionLinks, warnings: parsed.warnings ?? [], skipped: parsed.skipped ?? [] };
  }

  private uniqueName(fileName: string): string {
    let name = fileName;
    for (let n = 2; this.statements.nameTaken.get(name)!.n > 0; n++) name = `${fileName} (${n})`;
    return name;
  }

  /**
   * The library's papers that may be `paper`, best first: those sharing an identifier, and
   * those with its title and a compatible author list.
   */
  private candidates(paper: ImportedPaper): { byId: ExistingPaper[]; byTitle: ExistingPaper[] } {
    const ids = paper.ids ?? {};
    const byId = [
      ...(ids.arxiv ? this.statements.byArxiv.all(ids.arxiv) : []),
      ...(ids.doi ? this.statements.byDoi.all(ids.doi) : []),
      ...(ids.openreview ? this.statements.byOpenreview.all(ids.openreview) : []),
    ];
    const byTitle = paper.titleDerived
      ? []
      : this.statements.byTitle.all(titleKey(paper.title)).filter((candidate) => authorsCompatible(JSON.parse(candidate.authors), paper.authors));
    return { byId, byTitle };
  }

  private insertPaper(paper: ImportedPaper, sketch: Uint32Array | null): number {
    const id = ++this.lastId;
    this.statements.insertPaper.run({ id, ...paperColumns(paper), minhash: sketch ? sketchToBlob(sketch) : null, revision: ++this.revision });
    this.insertAuthors(id, paper.authors);
    return id;
  }

  private insertAuthors(paperId: number, authors: readonly string[]): void {
    for (const name of authors) this.statements.insertAuthor.run(authorKey(name), paperId, name);
  }

  /** The library's record keeps what it has and gains what only the new source knows. */
  private mergeInto(existing: ExistingPaper, paper: ImportedPaper): void {
    const existingAuthors: string[] = JSON.parse(existing.authors);
    const keywords = new Set<string>([...JSON.parse(existing.keywords), ...(paper.keywords ?? [])]);
    const realTitleArrives = existing.title_derived === 1 && !paper.titleDerived;
    const merged = {
      ...paperColumns(paper),
      id: existing.id,
      authors: JSON.stringify(existingAuthors.length > 0 ? existingAuthors : paper.authors),
      abstract: existing.abstract ?? paper.abstract ?? null,
      keywords: JSON.stringify([...keywords]),
      urls: JSON.stringify({ ...paper.urls, ...JSON.parse(existing.urls) }),
      venue: existing.venue ?? paper.venue ?? null,
      year: existing.year ?? paper.year ?? null,
      session: existing.session ?? paper.session ?? null,
      track: existing.track ?? paper.track ?? null,
      status: existing.status ?? paper.status ?? null,
      arxiv: existing.arxiv ?? paper.ids?.arxiv ?? null,
      doi: existing.doi ?? paper.ids?.doi ?? null,
      openreview: existing.openreview ?? paper.ids?.openreview ?? null,
    };
    if (!realTitleArrives) {
      Object.assign(merged, { title: existing.title, titleKey: existing.title_key, titleDerived: existing.title_derived });
    }
    const wordsChanged = merged.title !== existing.title || merged.abstract !== existing.abstract || merged.keywords !== existing.keywords;
    this.statements.updatePaper.run({ ...merged, revision: wordsChanged ? ++this.revision : existing.revision });
    if (existingAuthors.length === 0) this.insertAuthors(existing.id, paper.authors);
  }

  private linkVersionsOf(paperId: number, pairs: Uint32Array, sketch: Uint32Array, sketches: SketchIndex): number {
    let links = 0;
    for (const candidate of sketches.candidates(sketch)) {
      const other = this.statements.abstractOf.get(candidate)?.abstract;
      if (!other) continue;
      const overlap = textOverlap(pairs, other);
      if (overlap >= VERSION_THRESHOLD) links += this.link(paperId, candidate, overlap);
    }
    return links;
  }

  /** Links two papers as possible versions of one work; 1 when the link is new. */
  private link(paperId: number, otherId: number, similarity: number): number {
    const [a, b] = otherId < paperId ? [otherId, paperId] : [paperId, otherId];
    return this.statements.linkVersions.run(a, b, Math.round(similarity * 1000) / 1000).changes;
  }

  /**
   * The sketches of every paper in the library, kept between listings and, in the library,
   * between commands: the stored copy, then the sketches of papers added since. Other processes add
   * papers too (the CLI while the server runs): ids only grow, never given twice, so reading the
   * sketches past the last one seen brings the index up to date. A paper deleted since (its
   * listing removed) may stay in the index; its candidacy ends where its abstract is read.
   */
  private sketchIndex(): SketchIndex {
    if (!this.sketches) {
      const stored = getModel(this.db, SKETCHES_MODEL);
      this.sketches = stored ? SketchIndex.decode(stored.data) : new SketchIndex();
      this.sketchedThrough = this.sketches.lastId;
      this.savedSketches = this.sketches.size;
    }
    for (const row of this.statements.sketchesAfter.iterate(this.sketchedThrough)) {
      this.sketches.add(row.id, blobToSketch(row.minhash));
      this.sketchedThrough = row.id;
    }
    return this.sketches;
  }
}

function idsOf(paper: ExistingPaper): PaperIds {
  return {
    ...(paper.arxiv ? { arxiv: paper.arxiv } : {}),
    ...(paper.doi ? { doi: paper.doi } : {}),
    ...(paper.openreview ? { openreview: paper.openreview } : {}),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

function paperColumns(paper: ImportedPaper) {
  return {
    title: paper.title,
    titleKey: titleKey(paper.title),
    titleDerived: paper.titleDerived ? 1 : 0,
    authors: JSON.stringify(paper.authors),
    abstract: paper.abstract ?? null,
    keywords: JSON.stringify(paper.keywords ?? []),
    venue: paper.venue ?? null,
    year: paper.year ?? null,
    session: paper.session ?? null,
    track: paper.track ?? null,
    status: paper.status ?? null,
    urls: JSON.stringify(paper.urls ?? {}),
    arxiv: paper.ids?.arxiv ?? null,
    doi: paper.ids?.doi ?? null,
    openreview: paper.ids?.openreview ?? null,
  };
}
