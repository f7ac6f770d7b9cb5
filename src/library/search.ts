// Full-text search over title, authors, abstract and keywords, ranked by BM25.
import type { Paper } from '../types.ts';
import type { Db } from './database.ts';
import { filterClause, getPapers, type PageOptions, type PaperFilter } from './papers.ts';
import { toFtsMatch } from './fts-query.ts';

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
  const where = filterClause(filter);
  const restrict = where.sql === '1' ? '' : `AND papers_fts.rowid IN (SELECT p.id FROM papers p WHERE ${where.sql})`;
  const total = db
    .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ? ${restrict}`)
    .get(match, ...where.params)!.n;
  const rows = db
    .prepare<unknown[], { id: number; rank: number; title: string; snippet: string }>(
      `SELECT papers_fts.rowid AS id, rank,
              highlight(papers_fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title,
              snippet(papers_fts, 2, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 24) AS snippet
       FROM papers_fts WHERE papers_fts MATCH ? ${restrict}
       ORDER BY rank LIMIT ? OFFSET ?`,
    )
    .all(match, ...where.params, page.limit ?? 20, page.offset ?? 0);
  const papers = new Map(getPapers(db, rows.map((row) => row.id)).map((paper) => [paper.id, paper]));
  return {
    total,
    hits: rows.map((row) => ({
      paper: papers.get(row.id)!,
      score: Math.round(-row.rank * 1000) / 1000,
      markedTitle: row.title,
      snippet: row.snippet ?? '',
    })),
  };
}
