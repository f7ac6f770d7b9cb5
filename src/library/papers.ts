// Reading papers back out of the store in the shape every front end shows.
import type { Paper, Provenance, TextDoc } from '../types.ts';
import { prepared, type Db } from './database.ts';
import { authorKey } from './identity.ts';
import { ftsPhrase } from './fts-query.ts';

export interface PaperRow {
  id: number;
  title: string;
  title_derived: number;
  authors: string;
  abstract: string | null;
  keywords: string;
  venue: string | null;
  year: number | null;
  session: string | null;
  track: string | null;
  status: string | null;
  urls: string;
  arxiv: string | null;
  doi: string | null;
  openreview: string | null;
}

export const PAPER_COLUMNS =
  'p.id, p.title, p.title_derived, p.authors, p.abstract, p.keywords, p.venue, p.year, p.session, p.track, p.status, p.urls, p.arxiv, p.doi, p.openreview';

/** Narrowing papers by what a researcher knows of them; every field is optional. */
export interface PaperFilter {
  listing?: string;
  venue?: string;
  year?: number;
  session?: string;
  /** Any part of a name: every word must appear among one paper's author names. */
  author?: string;
  /** Only these papers (e.g. a digest's new ones). */
  paperIds?: readonly number[];
}

/** SQL conditions on `papers p` for a filter, with their parameters. */
export function filterClause(filter: PaperFilter): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.venue) {
    conditions.push('p.venue = ? COLLATE NOCASE');
    params.push(filter.venue);
  }
  if (filter.year !== undefined) {
    conditions.push('p.year = ?');
    params.push(filter.year);
  }
  if (filter.session) {
    conditions.push('p.session = ? COLLATE NOCASE');
    params.push(filter.session);
  }
  if (filter.listing) {
    conditions.push('p.id IN (SELECT a.paper_id FROM appearances a JOIN listings l ON l.id = a.listing_id WHERE l.name = ?)');
    params.push(filter.listing);
  }
  if (filter.author) {
    const words = authorKey(filter.author).split(' ').filter(Boolean);
    // Unusable names (no letters) match nothing rather than everything.
    const match = words.length > 0 ? words.map((word) => `authors : ${ftsPhrase(word)}`).join(' AND ') : 'authors : "\u0001"';
    conditions.push('p.id IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)');
    params.push(match);
  }
  if (filter.paperIds) {
    conditions.push('p.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.paperIds));
  }
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

function provenanceOf(db: Db, ids: readonly number[]): Map<number, Provenance[]> {
  const byPaper = new Map<number, Provenance[]>();
  if (ids.length === 0) return byPaper;
  const rows = prepared<[string], { paper_id: number; listing_id: number; name: string; position: number }>(
    db,
    `SELECT a.paper_id, a.listing_id, l.name, a.position FROM appearances a JOIN listings l ON l.id = a.listing_id
     WHERE a.paper_id IN (SELECT value FROM json_each(?)) ORDER BY a.listing_id, a.position`,
  ).all(JSON.stringify(ids));
  for (const row of rows) {
    const list = byPaper.get(row.paper_id) ?? [];
    list.push({ listing: row.name, listingId: row.listing_id, position: row.position });
    byPaper.set(row.paper_id, list);
  }
  return byPaper;
}

/** Turns stored rows into Papers, fetching all their provenance in one query. */
export function toPapers(db: Db, rows: readonly PaperRow[]): Paper[] {
  const provenance = provenanceOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    titleDerived: row.title_derived === 1,
    authors: JSON.parse(row.authors),
    abstract: row.abstract,
    venue: row.venue,
    year: row.year,
    session: row.session,
    track: row.track,
    status: row.status,
    keywords: JSON.parse(row.keywords),
    urls: JSON.parse(row.urls),
    ids: {
      ...(row.arxiv ? { arxiv: row.arxiv } : {}),
      ...(row.doi ? { doi: row.doi } : {}),
      ...(row.openreview ? { openreview: row.openreview } : {}),
    },
    listings: provenance.get(row.id) ?? [],
  }));
}

/** Papers by id, in the order asked; unknown ids are left out. */
export function getPapers(db: Db, ids: readonly number[]): Paper[] {
  if (ids.length === 0) return [];
  const rows = prepared<[string], PaperRow>(db, `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids));
  const byId = new Map(toPapers(db, rows).map((paper) => [paper.id, paper]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function getPaper(db: Db, id: number): Paper | undefined {
  return getPapers(db, [id])[0];
}

export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** Papers matching a filter, in listing order when one listing is named, otherwise oldest first. */
export function listPapers(db: Db, filter: PaperFilter, page: PageOptions = {}): { total: number; papers: Paper[] } {
  const where = filterClause(filter);
  const total = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM papers p WHERE ${where.sql}`).get(...where.params)!.n;
  const order = filter.listing
    ? `(SELECT min(a.position) FROM appearances a JOIN listings l ON l.id = a.listing_id WHERE a.paper_id = p.id AND l.name = ?), p.id`
    : 'p.id';
  const params = filter.listing ? [...where.params, filter.listing] : where.params;
  const rows = db
    .prepare<unknown[], PaperRow>(`SELECT ${PAPER_COLUMNS} FROM papers p WHERE ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, page.limit ?? -1, page.offset ?? 0);
  return { total, papers: toPapers(db, rows) };
}

export function matchingPaperIds(db: Db, filter: PaperFilter): number[] {
  const where = filterClause(filter);
  return db
    .prepare<unknown[], { id: number }>(`SELECT p.id FROM papers p WHERE ${where.sql} ORDER BY p.id`)
    .all(...where.params)
    .map((row) => row.id);
}

export interface PossibleDuplicate {
  paper: Paper;
  similarity: number;
}

/** Papers linked to this one as likely versions of the same work, most similar first. */
export function possibleDuplicates(db: Db, id: number): PossibleDuplicate[] {
  const links = db
    .prepare<[number, number], { other: number; similarity: number }>(
      `SELECT paper_b AS other, similarity FROM possible_duplicates WHERE paper_a = ?
       UNION ALL SELECT paper_a AS other, similarity FROM possible_duplicates WHERE paper_b = ?
       ORDER BY similarity DESC`,
    )
    .all(id, id);
  const papers = new Map(getPapers(db, links.map((link) => link.other)).map((paper) => [paper.id, paper]));
  return links.map((link) => ({ paper: papers.get(link.other)!, similarity: link.similarity }));
}

/** Every paper's text, for the relevance engine's corpus statistics and models. */
/** Up to `limit` of the papers inserted or reworded after a revision, by revision: what an engine's stored features lack. */
export function textDocsChangedSince(db: Db, revision: number, limit: number): (TextDoc & { revision: number })[] {
  return db
    .prepare<[number, number], TextRow & { revision: number }>('SELECT id, title, abstract, keywords, revision FROM papers WHERE revision > ? ORDER BY revision LIMIT ?')
    .all(revision, limit)
    .map((row) => ({ ...textDocOf(row), revision: row.revision }));
}

/** The last revision of any paper, how many papers there are, and how many changed after `since`. */
export function revisionState(db: Db, since: number): { revision: number; papers: number; changed: number } {
  const row = db
    .prepare<[number], { revision: number | null; papers: number; changed: number }>(
      'SELECT max(revision) AS revision, count(*) AS papers, (SELECT count(*) FROM papers WHERE revision > ?) AS changed FROM papers',
    )
    .get(since)!;
  return { revision: row.revision ?? 0, papers: row.papers, changed: row.changed };
}

/** Every paper's id, in order. */
export function allPaperIds(db: Db): number[] {
  return db.prepare<[], number>('SELECT id FROM papers ORDER BY id').pluck().all();
}

interface TextRow {
  id: number;
  title: string;
  abstract: string | null;
  keywords: string;
}

function textDocOf(row: TextRow): TextDoc {
  return {
    id: row.id,
    title: row.title,
    ...(row.abstract ? { abstract: row.abstract } : {}),
    ...(row.keywords !== '[]' ? { keywords: JSON.parse(row.keywords) } : {}),
  };
}

export function allTextDocs(db: Db): TextDoc[] {
  return db
    .prepare<[], TextRow>('SELECT id, title, abstract, keywords FROM papers ORDER BY id')
    .all()
    .map(textDocOf);
}

/**
 * Deletes papers, with what hangs on them (authors, appearances, version links, places in
 * profiles, ratings: ON DELETE CASCADE). Their words leave the full-text index by the trigger
 * that migration 1 made for deletes (see fulltext.ts). Their largest id and revision are kept
 * in papers_given, so that neither is given again. The caller holds the write lock.
 */
export function deletePapers(db: Db, ids: readonly number[]): void {
  if (ids.length === 0) return;
  const json = JSON.stringify(ids);
  db.prepare<[string]>(
    `INSERT INTO papers_given (one, last_id, last_revision)
       SELECT 1, max(id), max(revision) FROM papers WHERE id IN (SELECT value FROM json_each(?))
     ON CONFLICT (one) DO UPDATE SET last_id = max(last_id, excluded.last_id), last_revision = max(last_revision, excluded.last_revision)`,
  ).run(json);
  db.prepare<[string]>('DELETE FROM papers WHERE id IN (SELECT value FROM json_each(?))').run(json);
}
