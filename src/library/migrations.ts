// Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
// Never edit a released migration: add a new one.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE listings (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    format TEXT NOT NULL,
    from_html INTEGER NOT NULL DEFAULT 0,
    imported_at TEXT NOT NULL,
    venue TEXT,
    year INTEGER,
    session TEXT,
    room TEXT,
    starts_at TEXT,
    ends_at TEXT,
    paper_count INTEGER NOT NULL
  );

  CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL,
    title_derived INTEGER NOT NULL DEFAULT 0,
    authors TEXT NOT NULL,
    abstract TEXT,
    keywords TEXT NOT NULL,
    venue TEXT,
    year INTEGER,
    session TEXT,
    track TEXT,
    status TEXT,
    urls TEXT NOT NULL,
    arxiv TEXT,
    doi TEXT,
    openreview TEXT,
    minhash BLOB
  );
  CREATE INDEX papers_title_key ON papers(title_key);
  CREATE INDEX papers_arxiv ON papers(arxiv) WHERE arxiv IS NOT NULL;
  CREATE INDEX papers_doi ON papers(doi) WHERE doi IS NOT NULL;
  CREATE INDEX papers_openreview ON papers(openreview) WHERE openreview IS NOT NULL;
  CREATE INDEX papers_venue_year ON papers(venue COLLATE NOCASE, year);

  CREATE TABLE paper_authors (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    PRIMARY KEY (paper_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX paper_authors_key ON paper_authors(name_key);

  CREATE TABLE appearances (
    listing_id INTEGER NOT NULL REFERENCES listings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    source_id TEXT,
    PRIMARY KEY (listing_id, position)
  ) WITHOUT ROWID;
  CREATE INDEX appearances_paper ON appearances(paper_id);

  CREATE TABLE possible_duplicates (
    paper_a INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    paper_b INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (paper_a, paper_b),
    CHECK (paper_a < paper_b)
  ) WITHOUT ROWID;
  CREATE INDEX possible_duplicates_b ON possible_duplicates(paper_b);

  CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, authors, abstract, keywords,
    content = 'papers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
  );
  -- Title matches count most, then authors and keywords, then the abstract.
  INSERT INTO papers_fts(papers_fts, rank) VALUES ('rank', 'bm25(8.0, 4.0, 1.0, 2.0)');
  CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, authors, abstract, keywords)
    VALUES (new.id, new.title, new.authors, new.abstract, new.keywords);
  END;
  CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, keywords)
    VALUES ('delete', old.id, old.title, old.authors, old.abstract, old.keywords);
  END;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, authors, abstract, keywords ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, authors, abstract, keywords)
    VALUES ('delete', old.id, old.title, old.authors, old.abstract, old.keywords);
    INSERT INTO papers_fts(rowid, title, authors, abstract, keywords)
    VALUES (new.id, new.title, new.authors, new.abstract, new.keywords);
  END;

  CREATE TABLE models (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    built_at TEXT NOT NULL,
    data BLOB NOT NULL
  );
  `,
  `
  CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );

  -- The researcher's own papers: from files they gave, or found by their name.
  CREATE TABLE profile_papers (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (profile_id, paper_id)
  ) WITHOUT ROWID;

  CREATE TABLE ratings (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    rated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, paper_id)
  ) WITHOUT ROWID;
  `,
  `
  -- The ingester now indexes each listing's new papers with one INSERT ... SELECT: a trigger
  -- per row cost three times as much FTS5 work (13 s against 4 s over the paperlists corpus).
  DROP TRIGGER papers_fts_insert;
  DROP TRIGGER papers_fts_update;

  -- Authors are looked up by name key only: one B-tree ordered by it costs half the writes of a
  -- table by paper plus an index by name (3 s of an 95,000-paper ingest).
  CREATE TABLE paper_authors_by_key (
    name_key TEXT NOT NULL,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (name_key, paper_id)
  ) WITHOUT ROWID;
  INSERT OR IGNORE INTO paper_authors_by_key (name_key, paper_id, name)
    SELECT name_key, paper_id, name FROM paper_authors ORDER BY paper_id, position;
  DROP TABLE paper_authors;
  ALTER TABLE paper_authors_by_key RENAME TO paper_authors;
  `,
  `
  -- Which papers the engine must index again: every insert, and every change of a paper's
  -- words (title, abstract, keywords), takes the next revision, so "changed since revision R"
  -- is one range of this index, as an engine's stored features are kept up to date by it.
  ALTER TABLE papers ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  UPDATE papers SET revision = id;
  CREATE INDEX papers_revision ON papers(revision);
  `,
  `
  -- A profile's topics, once the researcher has named, merged, split or moved them (until then
  -- they are found anew each time); a paper with no topic joins one as the engine finds it.
  CREATE TABLE profile_topics (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    -- NULL: named by its key words.
    name TEXT
  );
  ALTER TABLE profile_papers ADD COLUMN topic_id INTEGER REFERENCES profile_topics(id) ON DELETE SET NULL;
  -- The researcher's own name for a paper of theirs (e.g. a clean title for a derived one).
  ALTER TABLE profile_papers ADD COLUMN title TEXT;
  `,
  `
  -- Removing a listing deletes the papers no other listing holds. The largest paper id and
  -- revision ever given are kept here, so that neither is given again: a deleted paper's number
  -- must not come back as another paper (a link to paper 42, an engine's features kept by id and
  -- revision), and SQLite alone would give the largest id again once its row is gone.
  CREATE TABLE papers_given (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    last_id INTEGER NOT NULL,
    last_revision INTEGER NOT NULL
  );
  `,
  `
  -- Where \`paperscout fetch\` gets papers: a kind (arxiv-query, arxiv-feed, openreview, feed,
  -- hf-daily, page) and its settings (JSON). \`validators\` holds the ETag and Last-Modified each
  -- URL last answered with ({url: {etag, lastModified}}), sent back so an unchanged answer is a 304.
  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    validators TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    fetched_at TEXT,
    -- added, unchanged, empty or failed; with what the fetch said.
    status TEXT,
    message TEXT,
    listing_id INTEGER REFERENCES listings(id) ON DELETE SET NULL
  );
  `,
  `
  -- Reading lists a researcher keeps by name ("to read after the conference"), each paper once,
  -- in the order added unless moved.
  CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    note TEXT
  );
  CREATE TABLE collection_papers (
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (collection_id, paper_id)
  ) WITHOUT ROWID;
  CREATE INDEX collection_papers_paper ON collection_papers(paper_id);

  -- A profile's digests: the papers new to the library since the last one, each shown once.
  -- A digest considers the papers whose ids are above the previous digest's last_paper_id and
  -- at most its own (ids are given in arrival order and never again: see papers_given);
  -- since_date is set instead when the person asked for the papers listed since a date.
  CREATE TABLE digests (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    after_paper_id INTEGER,
    since_date TEXT,
    last_paper_id INTEGER NOT NULL,
    -- What it was made for: md, html, atom (the CLI) or json (the API).
    format TEXT NOT NULL,
    -- The papers new in its span, and how many of them an earlier digest had shown (or a version of them).
    candidates INTEGER NOT NULL,
    already_shown INTEGER NOT NULL
  );
  CREATE INDEX digests_profile ON digests(profile_id, id);
  -- What a digest showed, in its order, with the score and reasons it was shown with; a paper
  -- folded into another version of it (folded_into) was not shown but counts as seen.
  CREATE TABLE digest_papers (
    digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    rank INTEGER,
    folded_into INTEGER REFERENCES papers(id) ON DELETE SET NULL,
    entry TEXT,
    PRIMARY KEY (digest_id, paper_id)
  ) WITHOUT ROWID;
  CREATE INDEX digest_papers_paper ON digest_papers(paper_id);
  `,
  `
  -- The library map (actions/library-map.ts): each paper's point in 2-D, the region it falls in,
  -- and the regions' centres and key words. A paper added after the map was laid out is placed
  -- by its neighbours (placed = 1) until the map is laid out again.
  CREATE TABLE map_layout (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    built_at TEXT NOT NULL,
    seed INTEGER NOT NULL,
    papers INTEGER NOT NULL
  );
  CREATE TABLE map_regions (
    id INTEGER PRIMARY KEY,
    x REAL NOT NULL,
    y REAL NOT NULL,
    keywords TEXT NOT NULL
  );
  CREATE TABLE map_points (
    paper_id INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    x REAL NOT NULL,
    y REAL NOT NULL,
    region INTEGER NOT NULL REFERENCES map_regions(id),
    placed INTEGER NOT NULL DEFAULT 0
  );
  `,
  `
  -- A stored model larger than one part (library/models.ts MODEL_PART_BYTES) keeps its first
  -- part in models.data and the rest here, in order: SQLite's largest value is 1 GB, and the
  -- feature index of a million papers is nearly that.
  CREATE TABLE model_parts (
    name TEXT NOT NULL REFERENCES models(name) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (name, part)
  );
  `,
  `
  -- The library map as its readers draw it (actions/map-reading.ts), kept so that a server's
  -- first map request reads one row instead of every paper's (a second at 95,000 papers).
  -- map_version counts every change to what the map shows, by any connection: a reading is
  -- current while its version is map_version's. Papers' venues and years and the papers'
  -- listings change only with a listing (added, relabelled, removed), whose row the same
  -- transaction writes: the listings' triggers count them, where triggers on papers and
  -- appearances would cost every paper of an ingest a write of its own.
  CREATE TABLE map_version (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n INTEGER NOT NULL
  );
  INSERT INTO map_version (one, n) VALUES (1, 0);
  CREATE TABLE map_reading (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    version INTEGER NOT NULL,
    info TEXT NOT NULL,
    points BLOB NOT NULL
  );
  CREATE TRIGGER map_version_map_layout_insert AFTER INSERT ON map_layout BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_layout_update AFTER UPDATE ON map_layout BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_layout_delete AFTER DELETE ON map_layout BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_regions_insert AFTER INSERT ON map_regions BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_regions_update AFTER UPDATE ON map_regions BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_regions_delete AFTER DELETE ON map_regions BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_points_insert AFTER INSERT ON map_points BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_points_update AFTER UPDATE ON map_points BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_map_points_delete AFTER DELETE ON map_points BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_listings_insert AFTER INSERT ON listings BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_listings_update AFTER UPDATE OF name, venue, year ON listings BEGIN UPDATE map_version SET n = n + 1; END;
  CREATE TRIGGER map_version_listings_delete AFTER DELETE ON listings BEGIN UPDATE map_version SET n = n + 1; END;
  `,
  `
  -- The papers' venues and years by id, for reading the map afresh (library/map.ts
  -- labelledMapPoints): the papers' own rows hold their abstracts before these columns, and
  -- reading past them took most of that read's time.
  CREATE INDEX papers_map_labels ON papers(id, venue, year);
  `,
];
