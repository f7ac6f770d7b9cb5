// Keeping the full-text index in step with the papers.
//
// The invariant: for every row of `papers`, `papers_fts` holds exactly the words of the row's
// current title, authors, abstract and keywords, under the row's id, and nothing else.
//
// `papers_fts` is an external-content FTS5 table (migration 1): it keeps no copy of the text,
// so it cannot tell what a row held when it was indexed. Removing a row's words needs the text
// they came from, given before the row changes; the words of the new text go in after.
// Triggers did this per row until migration 3 dropped them as three times too slow; deleting a
// paper still has its trigger, which takes the deleted row's words out (papers.ts deletePapers,
// when a listing is removed, is the one delete). Every other writer of papers goes through this
// unit: a paper written without it is searched by words it no longer has, and FTS5's
// integrity-check fails.
import { prepared, type Db } from './database.ts';

/** A paper's indexed columns as they were when the index last saw them. */
export interface IndexedText {
  id: number;
  title: string;
  authors: string;
  abstract: string | null;
  keywords: string;
}

/**
 * The index's changes within one write transaction: papers inserted from some id on are indexed
 * together by one INSERT … SELECT (one FTS5 pass instead of one per row), and changed papers
 * are taken out with their old text and put back with their new one.
 */
export class FullTextWrites {
  private firstNewId: number | undefined;
  private readonly changed = new Set<number>();
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      indexFrom: prepared<[number]>(
        db,
        'INSERT INTO papers_fts (rowid, title, authors, abstract, keywords) SELECT id, title, authors, abstract, keywords FROM papers WHERE id >= ?',
      ),
      index: prepared<[number]>(
        db,
        'INSERT INTO papers_fts (rowid, title, authors, abstract, keywords) SELECT id, title, authors, abstract, keywords FROM papers WHERE id = ?',
      ),
      unindex: prepared<[IndexedText]>(
        db,
        `INSERT INTO papers_fts (papers_fts, rowid, title, authors, abstract, keywords) VALUES ('delete', @id, @title, @authors, @abstract, @keywords)`,
      ),
    };
  }

  /** A paper was inserted; it is indexed by `finish`, as are all inserted after it. */
  inserted(id: number): void {
    this.firstNewId ??= id;
  }

  /** A paper is about to change: `before` is the text it was indexed with. */
  changing(before: IndexedText): void {
    // Papers inserted in this transaction are not in the index yet; once out is enough.
    if (before.id >= (this.firstNewId ?? Infinity) || this.changed.has(before.id)) return;
    const { id, title, authors, abstract, keywords } = before;
    this.statements.unindex.run({ id, title, authors, abstract, keywords });
    this.changed.add(before.id);
  }

  /** Indexes what was inserted and changed; call once, before the transaction commits. */
  finish(): void {
    if (this.firstNewId !== undefined) this.statements.indexFrom.run(this.firstNewId);
    for (const id of this.changed) this.statements.index.run(id);
  }
}
