// Full-text search over title, authors, abstract and keywords, ranked by BM25.
import type { Paper } from '../types.ts';
import type { Db } from './database.ts';
import { filterClause, getPapers, type PageOptions, type PaperFilter } from './papers.ts';
import { parseQuery, toFtsMatch } from './fts-query.ts';

/** Marks around matched words in titles and snippets; front ends turn them into their own emphasis. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

export interface SearchHit {
  paper: Paper;
  /** BM25 relevance, higher is better. */
  score: number;
  /** The title with matches between MARK_OPEN and MARK_CLOSE. */
  markedTitle: string;
  /** A short excerpt of the abstract around the matches, marked the same way; empty without abstract. */
  snippet: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** Splits marked text into plain and matched runs, for rendering without ever parsing markup. */
export function splitMarks(text: string): { text: string; match: boolean }[] {
  const runs: { text: string; match: boolean }[] = [];
  for (const [index, part] of text.split(MARK_OPEN).entries()) {
    const [matched, rest] = index === 0 ? [undefined, part] : part.split(MARK_CLOSE, 2) as [string, string | undefined];
    if (matched) runs.push({ text: matched, match: true });
    if (rest) runs.push({ text: rest, match: false });
  }
  return runs;
}

export function searchPapers(db: Db, query: string, filter: PaperFilter = {}, page: PageOptions = {}): SearchResult {
  const match = toFtsMatch(query);
  if (!match) return { total: 0, hits: [] };
  // One read transaction: ranking, count, marks and papers all see the same snapshot.
  return db.transaction(() => searchSnapshot(db, query, match, filter, page))();
}

function searchSnapshot(db: Db, query: string, match: string, filter: PaperFilter, page: PageOptions): SearchResult {
  const limit = page.limit ?? 20;
  const offset = page.offset ?? 0;
  const restrict = restriction(filter);
  const ranked = rankPage(db, match, restrict, limit, offset);
  // A page that is not full tells the total; only a full (or overshot) page needs counting.
  const total =
    ranked.length < limit && (ranked.length > 0 || offset === 0)
      ? offset + ranked.length
      : db
          .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ? ${restrict.sql}`)
          .get(match, ...restrict.params)!.n;
  const ids = ranked.map((row) => row.id);
  const marks = markedText(db, match, ids, parseQuery(query).some((term) => term.prefix));
  const papers = new Map(getPapers(db, ids).map((paper) => [paper.id, paper]));
  return {
    total,
    hits: ranked.map((row) => ({
      paper: papers.get(row.id)!,
      score: Math.round(-row.rank * 1000) / 1000,
      markedTitle: marks.get(row.id)!.title,
      snippet: marks.get(row.id)!.snippet,
    })),
  };
}

/** Only the ranking of a search: the ids of one page of matching papers, best first. */
export function searchPaperIds(db: Db, query: string, filter: PaperFilter = {}, page: PageOptions = {}): number[] {
  const match = toFtsMatch(query);
  if (!match) return [];
  return rankPage(db, match, restriction(filter), page.limit ?? 20, page.offset ?? 0).map((row) => row.id);
}

interface Restriction {
  sql: string;
  params: unknown[];
}

/** The filter as a condition on FTS matches. */
function restriction(filter: PaperFilter): Restriction {
  const where = filterClause(filter);
  if (where.sql === '1') return { sql: '', params: [] };
  // The unary + keeps SQLite from handing the filtered ids to FTS5 as rowid constraints: FTS5
  // would then re-run the whole MATCH once per id (seconds for a venue). Filtering the matches
  // as they stream past costs about as much as counting them.
  return { sql: `AND +papers_fts.rowid IN (SELECT p.id FROM papers p WHERE ${where.sql})`, params: where.params };
}

function rankPage(db: Db, match: string, restrict: Restriction, limit: number, offset: number): { id: number; rank: number }[] {
  // Ranking alone, without highlight or snippet: ordering by `+rank` lets SQLite keep only the
  // best rows while scanning, where plain `ORDER BY rank` has FTS5 sort every match and then
  // revisit each one. Common words match a third of the library, so this is most of the cost.
  return db
    .prepare<unknown[], { id: number; rank: number }>(
      `SELECT papers_fts.rowid AS id, rank FROM papers_fts WHERE papers_fts MATCH ? ${restrict.sql} ORDER BY +rank, papers_fts.rowid LIMIT ? OFFSET ?`,
    )
    .all(match, ...restrict.params, limit, offset);
}

/** Highlighted titles and abstract snippets for the papers of one result page. */
function markedText(db: Db, match: string, ids: readonly number[], hasPrefix: boolean): Map<number, { title: string; snippet: string }> {
  if (ids.length === 0) return new Map();
  // FTS5 evaluates the MATCH afresh for each listed rowid. For plain terms that is a quick
  // seek; a prefix term is expanded to all its words every time, so then one pass over the
  // page's rowid range is cheaper.
  const rowids = hasPrefix
    ? 'papers_fts.rowid BETWEEN ? AND ? AND +papers_fts.rowid IN (SELECT value FROM json_each(?))'
    : 'papers_fts.rowid IN (SELECT value FROM json_each(?))';
  const params = hasPrefix ? [Math.min(...ids), Math.max(...ids), JSON.stringify(ids)] : [JSON.stringify(ids)];
  const rows = db
    .prepare<unknown[], { id: number; title: string; snippet: string | null }>(
      `SELECT papers_fts.rowid AS id,
              highlight(papers_fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title,
              snippet(papers_fts, 2, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 24) AS snippet
       FROM papers_fts WHERE papers_fts MATCH ? AND ${rowids}`,
    )
    .all(match, ...params);
  return new Map(rows.map((row) => [row.id, { title: row.title, snippet: row.snippet ?? '' }]));
}
