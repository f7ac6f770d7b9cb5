// Fetching sources against a local server replaying each API's recorded answers: paging, what
// lands in the library (exact counts and fields), conditional requests, and every kind of bad
// answer, each stored as nothing and reported with the source and what happened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Library } from '../../src/library/library.ts';
import { addSource, listSources, removeSource } from '../../src/actions/sources.ts';
import { fetchSources, type FetchOptions } from '../../src/actions/fetch.ts';
import { InputError, NotFoundError } from '../../src/actions/errors.ts';
import type { SourceKind, SourceParams } from '../../src/types.ts';
import { closedPort, serve } from '../net/replay-server.ts';


const NOW = new Date('2025-01-15T06:00:00Z');

/** Fetch options for tests: waits recorded, not slept; the clock fixed. */
function options(extra: FetchOptions = {}): FetchOptions & { waits: number[] } {
  const waits: number[] = [];
  return { now: () => NOW, ...extra, http: { sleep: async (ms) => void waits.push(ms), ...extra.http }, waits };
}

function libraryWith(sources: [string, SourceKind, SourceParams][]): Library {
  const library = Library.open(':memory:');
  for (const [name, kind, params] of sources) addSource(library, name, kind, params, NOW);
  return library;
}


const ARXIV_QUERY = { search_query: 'cat:cs.LG', sortBy: 'submittedDate', sortOrder: 'descending' };
const query = (path: string, params: Record<string, string | number>) => `${path}?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]))}`;

test('an arXiv query is paged with start and max_results, 3 s apart, into one listing', async () => {
  const server = await serve(
    { path: query('/api/query', { ...ARXIV_QUERY, start: 0, max_results: 2 }), file: 'http/arxiv-api/cs.LG-start-0.atom', headers: { 'content-type': 'application/atom+xml; charset=utf-8' } },
    { path: query('/api/query', { ...ARXIV_QUERY, start: 2, max_results: 2 }), file: 'http/arxiv-api/cs.LG-start-2.atom' },
  );
  const library = libraryWith([['lg', 'arxiv-query', { categories: ['cs.LG'], url: `${server.url}/api/query` }]]);
  const settings = options({ pageSize: 2, contact: 'me@example.org' });
  const [report] = await fetchSources(library, [], settings);
  assert.equal(report.status, 'added');
  assert.equal(report.message, '3 papers: 3 new, 0 already in the library');
  assert.equal(report.requests, 2);
  assert.deepEqual(
    server.requests.map((request) => request.path),
    [
      '/api/query?search_query=cat%3Acs.LG&start=0&max_results=2&sortBy=submittedDate&sortOrder=descending',
      '/api/query?search_query=cat%3Acs.LG&start=2&max_results=2&sortBy=submittedDate&sortOrder=descending',
    ],
  );
  assert.deepEqual(server.requests.map((request) => request.headers['user-agent']), ['paperscout/0.1.0 (mailto:me@example.org)', 'paperscout/0.1.0 (mailto:me@example.org)']);
  // One wait of arXiv's 3 s (less the moment the first request took) between the two requests.
  assert.equal(settings.waits.length, 1);
  assert.ok(settings.waits[0] > 2000 && settings.waits[0] <= 3000, String(settings.waits[0]));
  const listing = library.listing('lg 2025-01-15 06:00');
  assert.deepEqual([listing?.format, listing?.paperCount], ['arxiv-atom', 3]);
  const first = library.papers({}, { limit: 1 }).papers[0];
  assert.deepEqual(
    { title: first.title, authors: first.authors, ids: first.ids, venue: first.venue, year: first.year, urls: first.urls, keywords: first.keywords },
    {
      title: 'Sparse Attention Routing for Long-Context Transformers',
      authors: ['Ana Ortiz', 'Bo Chen'],
      ids: { arxiv: '2501.00001' },
      venue: 'arXiv',
      year: 2025,
      urls: { site: 'http://arxiv.org/abs/2501.00001v1', pdf: 'http://arxiv.org/pdf/2501.00001v1' },
      keywords: ['cs.LG'],
    },
  );
  const [source] = listSources(library);
  assert.deepEqual(
    [source.lastFetchedAt, source.lastStatus, source.lastMessage, source.lastListingId],
    ['2025-01-15T06:00:00.000Z', 'added', '3 papers: 3 new, 0 already in the library', listing!.id],
  );
});

test('arXiv query terms and a rolling date range make the search_query; max caps the pages', async () => {
  const wanted = 'cat:cs.LG AND all:"graph neural" AND all:pruning AND submittedDate:[202501080000 TO 202501152359]';
  const server = await serve({ path: query('/api/query', { search_query: wanted, start: 0, max_results: 2 }), file: 'http/arxiv-api/cs.LG-start-0.atom' });
  const library = libraryWith([['week', 'arxiv-query', { categories: ['cs.LG'], terms: ['graph  "neural"', 'pruning'], days: 7, max: 2, url: `${server.url}/api/query` }]]);
  const [report] = await fetchSources(library, ['week'], options({ pageSize: 50 }));
  assert.equal(report.message, '2 papers: 2 new, 0 already in the library');
  assert.equal(server.requests.length, 1);
  assert.equal(listSources(library)[0].description, `arXiv API: cs.LG; "graph neural" and "pruning"; last 7 day(s), up to 2 papers at ${server.url}/api/query`);
});

test('sources of every kind: one listing each, papers from several sources stored once', async () => {
  const server = await serve(
    { path: query('/api/query', { start: 0 }), file: 'http/arxiv-api/cs.LG-start-0.atom' },
    { path: query('/api/query', { start: 2 }), file: 'http/arxiv-api/cs.LG-start-2.atom' },
    { path: '/rss/cs.LG', file: 'http/arxiv-rss/cs.LG.rss', headers: { 'content-type': 'application/rss+xml' } },
    { path: query('/notes', { invitation: 'ICLR.cc/2025/Conference/-/Submission', offset: 0, limit: 2 }), file: 'http/openreview/submissions-offset-0.json' },
    { path: query('/notes', { invitation: 'ICLR.cc/2025/Conference/-/Submission', offset: 2, limit: 2 }), file: 'http/openreview/submissions-offset-2.json' },
    { path: query('/notes', { 'content.venueid': 'ICLR.cc/2025/Conference', offset: 0, limit: 2 }), file: 'http/openreview/accepted-offset-0.json' },
    { path: '/api/daily_papers', file: 'http/hf/daily_papers.json', headers: { 'content-type': 'application/json; charset=utf-8' } },
    { path: '/toc.rdf', file: 'http/feed/journal-toc.rdf' },
    { path: '/blog.atom', file: 'http/feed/lab-blog.atom' },
    { path: '/session.html', file: 'pages/session-compact.html', headers: { 'content-type': 'text/html' } },
  );
  const library = libraryWith([
    ['a-lg', 'arxiv-query', { categories: ['cs.LG'], url: `${server.url}/api/query` }],
    ['b-daily', 'arxiv-feed', { category: 'cs.LG', url: `${server.url}/rss/cs.LG` }],
    ['c-iclr', 'openreview', { venue: 'ICLR.cc/2025/Conference', url: `${server.url}/notes` }],
    ['d-iclr-accepted', 'openreview', { venue: 'ICLR.cc/2025/Conference', accepted: true, url: `${server.url}/notes` }],
    ['e-hf', 'hf-daily', { url: `${server.url}/api/daily_papers` }],
    ['f-journal', 'feed', { url: `${server.url}/toc.rdf` }],
    ['g-blog', 'feed', { url: `${server.url}/blog.atom` }],
    ['h-session', 'page', { url: `${server.url}/session.html` }],
  ]);
  const reports = await fetchSources(library, [], options({ pageSize: 2, arxivIntervalMs: 0 }));
  assert.deepEqual(
    reports.map((report) => [report.source, report.status, report.message, report.requests]),
    [
      ['a-lg', 'added', '3 papers: 3 new, 0 already in the library', 2],
      // A3 again, announced as replaced.
      ['b-daily', 'added', '3 papers: 2 new, 1 already in the library', 1],
      // O1 is A1: the same title and authors.
      ['c-iclr', 'added', '3 papers: 2 new, 1 already in the library', 2],
      ['d-iclr-accepted', 'added', '2 papers: 0 new, 2 already in the library', 1],
      // The first is A2, by its arXiv id.
      ['e-hf', 'added', '2 papers: 1 new, 1 already in the library', 1],
      ['f-journal', 'added', '2 papers: 2 new, 0 already in the library', 1],
      ['g-blog', 'added', '1 paper: 1 new, 0 already in the library', 1],
      ['h-session', 'added', '7 papers: 7 new, 0 already in the library', 1],
    ],
  );
  assert.deepEqual(
    library.listings().map((listing) => [listing.name, listing.format, listing.paperCount]),
    [
      ['a-lg 2025-01-15 06:00', 'arxiv-atom', 3],
      ['b-daily 2025-01-15 06:00', 'rss-feed', 3],
      ['c-iclr 2025-01-15 06:00', 'openreview-notes', 3],
      ['d-iclr-accepted 2025-01-15 06:00', 'openreview-notes', 2],
      ['e-hf 2025-01-15 06:00', 'hf-daily-papers', 2],
      ['f-journal 2025-01-15 06:00', 'rss-feed', 2],
      ['g-blog 2025-01-15 06:00', 'arxiv-atom', 1],
      ['h-session 2025-01-15 06:00', 'session-page', 7],
    ],
  );
  assert.equal(library.stats().papers, 3 + 2 + 2 + 1 + 2 + 1 + 7);
  const sparse = library.search('"Sparse Attention Routing"').hits[0];
  assert.deepEqual(
    [sparse.paper.ids, sparse.paper.venue, sparse.paper.listings.map((place) => place.listing)],
    [{ arxiv: '2501.00001', openreview: 'Or1SpArSe0' }, 'arXiv', ['a-lg 2025-01-15 06:00', 'c-iclr 2025-01-15 06:00', 'd-iclr-accepted 2025-01-15 06:00']],
  );
  const journal = library.search('"Kernel Methods for Streaming"').hits[0].paper;
  assert.deepEqual(
    [journal.authors, journal.ids, journal.venue, journal.abstract],
    [['Quinn Harper', 'Rosa Ibarra'], { doi: '10.5555/jel.2025.001' }, 'Journal of Example Learning', 'We give an online kernel regression whose memory stays constant on unbounded streams, with regret bounds matching the batch setting.'],
  );
  const pruning = library.search('"Token Pruning"').hits[0].paper;
  assert.deepEqual([pruning.authors, pruning.abstract?.slice(0, 30)], [['Jia Li', 'Karim Haddad'], 'Visual tokens that the languag']);
});

test('a feed that answers 304 to its ETag adds nothing; the same papers again add nothing either', async () => {
  const server = await serve(
    { path: '/blog.atom', file: 'http/feed/lab-blog.atom', headers: { etag: '"blog-1"' } },
    { path: '/daily', file: 'http/hf/daily_papers.json' },
  );
  const library = libraryWith([
    ['blog', 'feed', { url: `${server.url}/blog.atom` }],
    ['hf', 'hf-daily', { url: `${server.url}/daily` }],
  ]);
  const first = await fetchSources(library, [], options());
  assert.deepEqual(first.map((report) => report.status), ['added', 'added']);
  const later = new Date('2025-01-16T06:00:00Z');
  const second = await fetchSources(library, [], options({ now: () => later }));
  assert.deepEqual(
    second.map((report) => [report.source, report.status, report.message]),
    [
      ['blog', 'unchanged', 'not changed since the last fetch'],
      ['hf', 'unchanged', 'the same papers as listing "hf 2025-01-15 06:00"'],
    ],
  );
  assert.equal(server.requests[2].headers['if-none-match'], '"blog-1"');
  assert.equal(server.requests[3].headers['if-none-match'], undefined);
  assert.equal(library.listings().length, 2);
  assert.deepEqual(
    listSources(library).map((source) => [source.name, source.lastFetchedAt, source.lastStatus]),
    [
      ['blog', '2025-01-16T06:00:00.000Z', 'unchanged'],
      ['hf', '2025-01-16T06:00:00.000Z', 'unchanged'],
    ],
  );
});

test('an answer with no papers (a weekend listing, a query matching nothing) stores nothing and is no failure', async () => {
  const server = await serve({ path: '/rss/cs.LG', file: 'http/arxiv-rss/cs.LG-weekend.rss' }, { path: '/api/query', file: 'http/arxiv-api/no-results.atom' });
  const library = libraryWith([
    ['daily', 'arxiv-feed', { category: 'cs.LG', url: `${server.url}/rss/cs.LG` }],
    ['query', 'arxiv-query', { terms: ['nothing'], url: `${server.url}/api/query` }],
  ]);
  const reports = await fetchSources(library, [], options());
  assert.deepEqual(reports.map((report) => [report.status, report.message]), [
    ['empty', 'the answer lists no papers'],
    ['empty', 'the answer lists no papers'],
  ]);
  assert.equal(library.listings().length, 0);
});

test('bad answers: each source says what happened, stores nothing, and the others are still fetched', async () => {
  const offline = await closedPort();
  const server = await serve(
    { path: '/good.atom', file: 'http/feed/lab-blog.atom' },
    { path: '/maintenance', file: 'http/errors/maintenance.html', headers: { 'content-type': 'text/html' } },
    { path: '/broken.rss', file: 'http/errors/broken.rss' },
    { path: '/notes', file: 'http/errors/broken-notes.json' },
    { path: '/busy', status: 429, headers: { 'retry-after': '86400' } },
    { path: '/loop-a', status: 302, headers: { location: '/loop-b' } },
    { path: '/loop-b', status: 302, headers: { location: '/loop-a' } },
    { path: '/huge', body: Buffer.alloc(70_000, 'x') },
    { path: '/cut', file: 'http/feed/journal-toc.rdf', cutAfter: 1000 },
    // OpenReview's second page never comes: the first page's papers must not be stored alone.
    { path: query('/paged', { offset: 0 }), file: 'http/openreview/submissions-offset-0.json' },
    { path: query('/paged', { offset: 2 }), status: 503 },
  );
  const library = libraryWith([
    ['a-good', 'feed', { url: `${server.url}/good.atom` }],
    ['b-html', 'feed', { url: `${server.url}/maintenance` }],
    ['c-malformed', 'arxiv-feed', { category: 'cs.LG', url: `${server.url}/broken.rss` }],
    ['d-json', 'openreview', { venue: 'ICLR.cc/2025/Conference', url: `${server.url}/notes` }],
    ['e-busy', 'hf-daily', { url: `${server.url}/busy` }],
    ['f-loop', 'page', { url: `${server.url}/loop-a` }],
    ['g-huge', 'feed', { url: `${server.url}/huge` }],
    ['h-cut', 'feed', { url: `${server.url}/cut` }],
    ['i-offline', 'hf-daily', { url: `${offline}/api/daily_papers` }],
    ['j-paged', 'openreview', { venue: 'ICLR.cc/2025/Conference', url: `${server.url}/paged` }],
  ]);
  const host = server.url.slice(7);
  const reports = await fetchSources(library, [], options({ pageSize: 2, http: { maxBytes: 65_536, retries: 1 } }));
  assert.deepEqual(
    reports.map((report) => [report.source, report.status, report.message]),
    [
      ['a-good', 'added', '1 paper: 1 new, 0 already in the library'],
      ['b-html', 'failed', `${host}/maintenance: the server answered 200 with an HTML page (201 bytes), not an RSS or Atom feed`],
      ['c-malformed', 'failed', `${host}/broken.rss: line 3, column 22: invalid XML: char '&' is not expected.`],
      ['d-json', 'failed', `page 1 (${host}/notes): line 3, column 1: truncated JSON (input ends inside a value)`],
      ['e-busy', 'failed', `${host}/busy: ${host} answered 429 Too Many Requests and asks to wait 86,400 s (Retry-After), longer than the 120 s paperscout waits; try again later`],
      ['f-loop', 'failed', `${host}/loop-a: redirect loop: ${host}/loop-a → ${host}/loop-b → ${host}/loop-a`],
      ['g-huge', 'failed', `${host}/huge: ${host} sends 70,000 bytes, over the limit of 65,536 bytes`],
      ['h-cut', 'failed', `${host}/cut: the response from ${host} broke off after 1,000 of 2,063 bytes (a truncated body) (tried 2 times)`],
      ['i-offline', 'failed', `${offline.slice(7)}/api/daily_papers: cannot reach ${offline.slice(7)}: connection refused; you seem to be offline, or the server is down (tried 2 times)`],
      ['j-paged', 'failed', `page 2 (${host}/paged): ${host} answered 503 Service Unavailable (tried 2 times)`],
    ],
  );
  assert.deepEqual(library.listings().map((listing) => listing.name), ['a-good 2025-01-15 06:00']);
  assert.equal(library.stats().papers, 1);
  const failed = listSources(library).filter((source) => source.lastStatus === 'failed');
  assert.equal(failed.length, 9);
  assert.ok(failed.every((source) => source.lastListingId === null && source.lastFetchedAt === '2025-01-15T06:00:00.000Z'));
});

test('a failed fetch keeps the validators and listing of the last good one', async () => {
  const server = await serve({ path: '/blog.atom', file: 'http/feed/lab-blog.atom', headers: { etag: '"e1"' }, times: 1 }, { path: '/blog.atom', status: 500 });
  const library = libraryWith([['blog', 'feed', { url: `${server.url}/blog.atom` }]]);
  await fetchSources(library, [], options());
  const [failed] = await fetchSources(library, [], options({ http: { retries: 0 } }));
  assert.equal(failed.status, 'failed');
  assert.deepEqual(library.sourceValidators('blog'), { [`${server.url}/blog.atom`]: { etag: '"e1"' } });
  assert.equal(library.source('blog')?.lastListingId, library.listings()[0].id);
});

test('only the named sources are fetched; an unknown name fetches nothing', async () => {
  const server = await serve({ path: '/blog.atom', file: 'http/feed/lab-blog.atom' }, { path: '/toc.rdf', file: 'http/feed/journal-toc.rdf' });
  const library = libraryWith([
    ['blog', 'feed', { url: `${server.url}/blog.atom` }],
    ['toc', 'feed', { url: `${server.url}/toc.rdf` }],
  ]);
  await assert.rejects(fetchSources(library, ['toc', 'nope', 'gone'], options()), (error: unknown) => error instanceof NotFoundError && error.message === 'no source named "nope", "gone" (see `paperscout source list`)');
  assert.equal(server.requests.length, 0);
  const reports = await fetchSources(library, ['toc'], options());
  assert.deepEqual(reports.map((report) => report.source), ['toc']);
  assert.deepEqual(server.requests.map((request) => request.path), ['/toc.rdf']);
});

test('progress: started with the number of sources, each page announced, updated after each source', async () => {
  const server = await serve({ path: '/blog.atom', file: 'http/feed/lab-blog.atom' }, { path: '/toc.rdf', file: 'http/feed/journal-toc.rdf' });
  const library = libraryWith([
    ['blog', 'feed', { url: `${server.url}/blog.atom` }],
    ['toc', 'feed', { url: `${server.url}/toc.rdf` }],
  ]);
  const events: string[] = [];
  const progress = { start: (total: number) => events.push(`start ${total}`), update: (done: number) => events.push(`done ${done}`), stop: () => events.push('stop'), page: (source: string, page: number) => events.push(`${source} page ${page}`) };
  await fetchSources(library, [], options({ progress }));
  assert.deepEqual(events, ['start 2', 'blog page 1', 'done 1', 'toc page 1', 'done 2', 'stop']);
});

test('adding a source checks its settings; names are unique; removing keeps its listings', async () => {
  const library = libraryWith([]);
  const refused = (kind: SourceKind, params: SourceParams, name = 'x') => {
    try {
      addSource(library, name, kind, params, NOW);
    } catch (error) {
      assert.ok(error instanceof InputError);
      return error.message;
    }
    assert.fail('expected the source to be refused');
  };
  assert.equal(refused('arxiv-query', {}), 'an arXiv query needs categories (cs.LG) or search terms, or both');
  assert.equal(refused('arxiv-query', { categories: ['cs LG'] }), 'not an arXiv category: "cs LG" (e.g. cs.LG, stat.ML, hep-th)');
  assert.equal(refused('arxiv-query', { categories: ['cs.LG'], from: '2025-02-30' }), 'from must be a date as YYYY-MM-DD');
  assert.equal(refused('arxiv-query', { categories: ['cs.LG'], from: '2025-02-01', to: '2025-01-01' }), 'the date range ends (2025-01-01) before it starts (2025-02-01)');
  assert.equal(refused('arxiv-query', { categories: ['cs.LG'], from: '2025-02-01', days: 3 }), 'give either a rolling number of days or a from/to date range, not both');
  assert.equal(refused('arxiv-query', { categories: ['cs.LG'], max: 40_000 }), 'max must be a whole number from 1 to 30,000');
  assert.equal(refused('arxiv-feed', { category: 'cs.LG; rm' }), 'an arXiv listing needs a category such as cs.LG (or several: cs.LG+stat.ML)');
  assert.equal(refused('openreview', { venue: 'ICLR.cc/2025/Conference/-/Submission' }), 'an OpenReview source needs a venue id such as ICLR.cc/2025/Conference');
  assert.equal(refused('feed', {}), 'a feed source needs its address (http:// or https://)');
  assert.equal(refused('page', { url: 'file:///etc/passwd' }), 'the page address must be an http:// or https:// address, not file:');
  assert.equal(refused('hf-daily', {}, 'a b'), 'a source name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  const added = addSource(library, 'lg', 'arxiv-feed', { category: 'cs.LG+stat.ML', max: 5 }, NOW);
  assert.deepEqual([added.params, added.description, added.createdAt], [{ category: 'cs.LG+stat.ML' }, 'arXiv daily listing of cs.LG+stat.ML', '2025-01-15T06:00:00.000Z']);
  assert.throws(() => addSource(library, 'lg', 'hf-daily', {}, NOW), { message: 'a source named "lg" exists already' });
  removeSource(library, 'lg');
  assert.deepEqual(listSources(library), []);
  assert.throws(() => removeSource(library, 'lg'), { message: 'no source named "lg" (see `paperscout source list`)' });
});
