// Full-text search over title, authors, abstract and keywords, ranked by BM25.
import type { Paper, Segment } from '../types.ts';
import { changeStamp, prepared, type Db } from './database.ts';
import { filterClause, getPapers, type PageOptions, type PaperFilter } from './papers.ts';
import { parseQuery, toFtsMatch } from './fts-query.ts';
import { markText, queryPhrases, snippetOf } from './highlight.ts';

export interface SearchHit {
  paper: Paper;
  /** BM25 relevance, higher is better. */
  score: number;
  /** The title in runs, the query's matches marked. */
  title: Segment[];
  /** A short excerpt of the abstract around the matches, marked the same way; none without abstract. */
  snippet: Segment[];
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/**
 * A remembered ranking is this deep: the first ten pages of twenty. Ranking is most of a
 * search's cost (BM25 over every match: a third of the library for a common word), while
 * ranking 200 instead of 20 costs next to nothing more.
 */
export const RANKING_DEPTH = 200;

const SNIPPET_WORDS = 24;

interface RankedRow {
  id: number;
  rank: number;
}

export interface Ranking {
  rows: RankedRow[];
  total: number;
}

/** Where a Searcher keeps rankings: any map-like store, best one bounded in size (an LRU cache). */
export interface RankingStore {
  get(key: string): Ranking | undefined;
  set(key: string, ranking: Ranking): unknown;
  clear(): void;
}

interface Restriction {
  sql: string;
  params: unknown[];
}

/**
 * Searches one library connection. Given a store, rankings are kept in it for as long as the
 * library is unchanged, so paging through results, or a query many people send, ranks once; a
 * command that searches once has no use for one.
 */
export class Searcher {
  /** What the remembered rankings were computed from (see `libraryState`). */
  private rankingsState = '';

  constructor(
    private readonly db: Db,
    private readonly rankings?: RankingStore,
  ) {}

  search(query: string, filter: PaperFilter = {}, page: PageOptions = {}): SearchResult {
    const match = toFtsMatch(query);
    if (!match) return { total: 0, hits: [] };
    // One read transaction: ranking, count, marks and papers all see the same snapshot.
    return this.db.transaction(() => this.searchSnapshot(query, match, filter, page))();
  }

  /** Only the ranking of a search: the ids of one page of matching papers, best first. */
  rankedIds(query: string, filter: PaperFilter = {}, page: PageOptions = {}): number[] {
    const match = toFtsMatch(query);
    if (!match) return [];
    return this.db.transaction(() => this.rankedPage(match, restriction(filter), page.limit ?? 20, page.offset ?? 0).rows.map((row) => row.id))();
  }

  private searchSnapshot(query: string, match: string, filter: PaperFilter, page: PageOptions): SearchResult {
    const { rows, total } = this.rankedPage(match, restriction(filter), page.limit ?? 20, page.offset ?? 0);
    const papers = new Map(getPapers(this.db, rows.map((row) => row.id)).map((paper) => [paper.id, paper]));
    const phrases = queryPhrases(parseQuery(query));
    return {
      total,
      hits: rows.map((row) => {
        const paper = papers.get(row.id)!;
        return {
          paper,
          score: Math.round(-row.rank * 1000) / 1000,
          title: markText(paper.title, phrases),
          snippet: paper.abstract ? snippetOf(paper.abstract, phrases, SNIPPET_WORDS, '…') : [],
        };
      }),
    };
  }

  private rankedPage(match: string, restrict: Restriction, limit: number, offset: number): Ranking {
    if (offset + limit > RANKING_DEPTH) return this.rank(match, restrict, limit, offset);
    const ranking = this.ranking(match, restrict);
    return { rows: ranking.rows.slice(offset, offset + limit), total: ranking.total };
  }

  /** The best RANKING_DEPTH matches and how many there are in all, remembered when asked to be. */
  private ranking(match: string, restrict: Restriction): Ranking {
    const key = this.rankings && JSON.stringify([match, restrict.sql, restrict.params]);
    if (this.rankings) {
      const state = this.libraryState();
      if (state !== this.rankingsState) {
        this.rankings.clear();
        this.rankingsState = state;
      }
      const remembered = this.rankings.get(key!);
      if (remembered) return remembered;
    }
    const ranking = this.rank(match, restrict, RANKING_DEPTH, 0);
    this.rankings?.set(key!, ranking);
    return ranking;
  }

  private libraryState(): string {
    return changeStamp(this.db);
  }

  /**
   * One page of the ranking and the number of matches, from one pass over the index: the matches
   * are kept with their BM25 rank and counted, where counting them in a second statement would
   * evaluate the query (and any filter's set of papers) all over again.
   */
  private rank(match: string, restrict: Restriction, limit: number, offset: number): Ranking {
    const rows = prepared<unknown[], RankedRow & { total: number }>(
      this.db,
      `WITH matches AS MATERIALIZED (SELECT papers_fts.rowid AS id, rank FROM papers_fts WHERE papers_fts MATCH ? ${restrict.sql})
       SELECT id, rank, (SELECT count(*) FROM matches) AS total FROM matches ORDER BY rank, id LIMIT ? OFFSET ?`,
    ).all(match, ...restrict.params, limit, offset);
    // A page past the end has no row to carry the total.
    if (rows.length === 0 && offset > 0) return { rows: [], total: this.rank(match, restrict, 1, 0).total };
    return { rows: rows.map(({ id, rank }) => ({ id, rank })), total: rows[0]?.total ?? 0 };
  }
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
