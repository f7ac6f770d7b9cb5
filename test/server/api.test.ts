import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Value } from 'typebox/value';
import { startFixtureServer, fixture, type FixtureServer } from './fixture-server.ts';
import { Paper, SearchResult } from '../../src/server/schemas.ts';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, text, json: type.includes('json') && text ? JSON.parse(text) : undefined };
}

const get = (path: string) => call('GET', path);
const text = (file: string) => fs.readFileSync(fixture(file), 'utf8');

/** A problem body names the status, the field and says why, and never carries a stack trace. */
function assertProblem(response: Awaited<ReturnType<typeof call>>, status: number, field?: string): string {
  assert.equal(response.status, status, response.text);
  assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
  assert.equal(response.json.status, status);
  assert.equal(response.json.type, 'about:blank');
  assert.equal(response.json.field, field);
  assert.doesNotMatch(response.text, /\bat .+:\d+:\d+|node_modules|\.ts\b/);
  return response.json.detail;
}

test('listings: the fixture files, oldest first, with their metadata', async () => {
  const { status, json } = await get('/api/listings');
  assert.equal(status, 200);
  assert.deepEqual(
    json.map((l: { name: string; format: string; paperCount: number; session: string | null; room: string | null }) => [l.name, l.format, l.paperCount, l.session, l.room]),
    [
      ['poster-session.txt', 'session-page', 24, 'Poster Session 3', 'Hall C'],
      ['trending.html', 'trending-feed', 8, null, null],
      ['preprint.jsonl', 'jsonl', 1, null, null],
      ['hostile.jsonl', 'jsonl', 2, null, null],
    ],
  );
});

test('papers: one listing in its order, paged, with the total', async () => {
  const { json } = await get('/api/papers?listing=poster-session.txt&limit=3&offset=1');
  assert.equal(json.total, 24);
  assert.deepEqual(
    json.papers.map((p: { title: string }) => p.title),
    [
      'Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval',
      'Language-Conditioned Diffusion Policies for Long-Horizon Kitchen Manipulation',
      'Token Merging with Learned Saliency for Faster Vision Transformers',
    ],
  );
  assert.deepEqual(json.papers[2].listings, [
    { listing: 'poster-session.txt', listingId: 1, position: 4 },
    { listing: 'trending.html', listingId: 2, position: 6 },
  ]);
  const byAuthor = await get(`/api/papers?author=${encodeURIComponent('lindqvist mara')}`);
  assert.deepEqual(
    byAuthor.json.papers.map((p: { id: number }) => p.id),
    [2, 30],
  );
  const filtered = await get('/api/papers?venue=xssconf&year=2024');
  assert.equal(filtered.json.total, 2);
});

test('papers: bad filters and paging get a 400 naming the field', async () => {
  assert.match(assertProblem(await get('/api/papers?limit=0'), 400, 'query.limit'), /query\.limit must be >= 1/);
  assert.match(assertProblem(await get('/api/papers?limit=5000'), 400, 'query.limit'), /<= 1000/);
  assertProblem(await get('/api/papers?year=soon'), 400, 'query.year');
  assertProblem(await get('/api/papers/abc'), 400, 'params.id');
  assertProblem(await get('/api/papers/0'), 400, 'params.id');
});

test('one paper: its listings and its possible other version', async () => {
  const { status, json } = await get('/api/papers/2');
  assert.equal(status, 200);
  assert.equal(json.paper.title, 'Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval');
  assert.deepEqual(json.paper.authors, ['Mara Lindqvist', 'Chidi Okafor', 'Hanna Sørensen', 'Jonas Brandt']);
  assert.equal(json.possibleDuplicates.length, 1);
  assert.equal(json.possibleDuplicates[0].paper.id, 30);
  assert.equal(json.possibleDuplicates[0].paper.title, 'Gated Low-Rank Adapters for Retrieval-Augmented Generation with Distracting Passages');
  assert.ok(json.possibleDuplicates[0].similarity >= 0.25 && json.possibleDuplicates[0].similarity <= 1);
  const other = await get('/api/papers/30');
  assert.deepEqual(other.json.possibleDuplicates.map((d: { paper: { id: number } }) => d.paper.id), [2]);
  assert.match(assertProblem(await get('/api/papers/999'), 404), /no paper with id 999/);
});

test('search: matches come as segments, never markup; filters and paging apply', async () => {
  const { json, headers } = await get('/api/search?q=graph&limit=2');
  // The body is written by the search thread, not by fastify from the schema: it must still be
  // exactly the documented shape, with no field more.
  assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
  assert.ok(Value.Check(SearchResult, json), JSON.stringify([...Value.Errors(SearchResult, json)].slice(0, 3)));
  assert.deepEqual(Object.keys(json.hits[0]).sort(), ['paper', 'score', 'snippet', 'title']);
  assert.deepEqual(Object.keys(json.hits[0].paper).sort(), Object.keys(Paper.properties).sort());
  assert.equal(json.total, 4);
  assert.equal(json.hits.length, 2);
  for (const hit of json.hits) {
    assert.equal(hit.title.map((s: { text: string }) => s.text).join(''), hit.paper.title);
    assert.ok(hit.title.some((s: { text: string; match: boolean }) => s.match && /^graph$/i.test(s.text)), JSON.stringify(hit.title));
    assert.doesNotMatch(JSON.stringify(hit), /\\u000[23]|<mark>/);
  }
  const second = await get('/api/search?q=graph&limit=2&offset=2');
  assert.equal(second.json.hits.length, 2);
  assert.notDeepEqual(second.json.hits.map((h: { paper: { id: number } }) => h.paper.id), json.hits.map((h: { paper: { id: number } }) => h.paper.id));
  const filtered = await get('/api/search?q=retrieval&venue=XSSConf');
  assert.deepEqual(filtered.json.hits.map((h: { paper: { id: number } }) => h.paper.id).sort(), [31, 32]);
  const hostile = filtered.json.hits.find((h: { paper: { id: number } }) => h.paper.id === 31);
  assert.equal(hostile.title.map((s: { text: string }) => s.text).join(''), `<img src=x onerror="window.__xss='title'"> Robust <b>Bold</b> Claims about Retrieval`);
  const phrase = await get(`/api/search?q=${encodeURIComponent('"graph neural" NOT (')}`);
  assert.equal(phrase.status, 200);
  assertProblem(await get('/api/search'), 400, 'query.q');
  assertProblem(await get('/api/search?q='), 400, 'query.q');
});

test('listing preview reports what saving would do and stores nothing; save stores it once', async () => {
  const page = text('test/fixtures/pages/session-compact.txt');
  const upload = { fileName: 'icml-spotlight.txt', text: page, venue: 'ICML', year: 2025 };
  const preview = await call('POST', '/api/listings/preview', upload);
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.json.saved, false);
  assert.equal(preview.json.alreadyInLibrary, false);
  assert.equal(preview.json.format, 'session-page');
  assert.equal(preview.json.listing, undefined);
  const { count, withoutAbstract, newPapers, mergedPapers } = preview.json;
  assert.ok(count > 0);
  assert.equal(newPapers + mergedPapers, count);
  assert.equal(preview.json.papers.length, count);
  assert.equal(preview.json.papers.filter((p: { hasAbstract: boolean }) => !p.hasAbstract).length, withoutAbstract);
  assert.equal((await get('/api/listings')).json.length, 4, 'preview stored nothing');
  assert.equal((await get('/api/papers?venue=ICML')).json.total, 0);

  const saved = await call('POST', '/api/listings', upload);
  assert.equal(saved.status, 201);
  assert.equal(saved.json.saved, true);
  assert.equal(saved.json.listing.name, 'icml-spotlight.txt');
  assert.equal(saved.json.listing.venue, 'ICML');
  assert.equal(saved.json.listing.paperCount, count);
  assert.deepEqual([saved.json.newPapers, saved.json.mergedPapers, saved.json.withoutAbstract], [newPapers, mergedPapers, withoutAbstract]);
  assert.equal((await get('/api/papers?listing=icml-spotlight.txt')).json.total, count);

  const again = await call('POST', '/api/listings', { ...upload, fileName: 'renamed.txt' });
  assert.equal(again.status, 200);
  assert.equal(again.json.saved, false);
  assert.equal(again.json.alreadyInLibrary, true);
  assert.equal(again.json.listing.name, 'icml-spotlight.txt');
  assert.equal((await get('/api/listings')).json.length, 5);
});

test('a preview counts papers the library already has and their possible versions', async () => {
  const edited = `${text('demo/poster-session.txt')}\n`;
  const { json } = await call('POST', '/api/listings/preview', { fileName: 'poster-session copy.txt', text: edited });
  assert.deepEqual([json.count, json.withoutAbstract, json.newPapers, json.mergedPapers, json.alreadyInLibrary], [24, 1, 0, 24, false]);
});

test('unreadable uploads: 422 naming the file and the place in it; nothing stored', async () => {
  const brokenEntry = text('test/fixtures/formats/broken-entry.bib');
  const broken = await call('POST', '/api/listings', { fileName: 'broken.bib', text: brokenEntry, strict: true });
  const detail = assertProblem(broken, 422, 'body.text');
  assert.match(detail, /^broken\.bib:entry 2 \(second_broken_2021\), line 7: broken BibTeX entry: .* \(--strict: 1 entry would be skipped, so the file is refused\)$/);
  assert.equal(broken.json.location, 'entry 2 (second_broken_2021), line 7');
  // Without strict, the entry is skipped and named among the warnings.
  const skipped = await call('POST', '/api/listings/preview', { fileName: 'broken.bib', text: brokenEntry });
  assert.equal(skipped.status, 200, skipped.text);
  assert.equal(skipped.json.count, 2);
  assert.match(skipped.json.warnings.join('\n'), /^entry 2 \(second_broken_2021\), line 7: skipped: broken BibTeX entry: Unterminated brace-value/);
  assert.match(assertProblem(await call('POST', '/api/listings/preview', { fileName: 'notes.txt', text: 'just a note' }), 422, 'body.text'), /^notes\.txt: unknown format/);
  assert.match(assertProblem(await call('POST', '/api/listings/preview', { fileName: 'bin.dat', text: 'a\u0000b' }), 422, 'body.text'), /binary/);
  assertProblem(await call('POST', '/api/listings/preview', { fileName: 'x.txt', text: 'x', format: 'pdf' }), 400, 'body.format');
  assertProblem(await call('POST', '/api/listings/preview', { fileName: '../etc/passwd', text: 'x' }), 400, 'body.fileName');
  assertProblem(await call('POST', '/api/listings/preview', { fileName: 'x.txt' }), 400, 'body.text');
  assert.match(assertProblem(await call('POST', '/api/listings/preview', '{"fileName": '), 400), /JSON/);
  assert.equal((await get('/api/listings')).json.length, 5);
});

test('request bodies have size limits: uploads 16 MiB, everything else 256 KiB', async () => {
  assertProblem(await call('POST', '/api/similar', { text: 'x'.repeat(300 * 1024) }), 413);
  assertProblem(await call('POST', '/api/listings/preview', { fileName: 'huge.txt', text: 'x'.repeat(17 * 1024 * 1024) }), 413);
  assertProblem(await call('POST', '/api/similar', { text: 'x'.repeat(60_000) }), 400, 'body.text');
});

test('profiles: create from an uploaded BibTeX, pick a name, rate, delete', async () => {
  const bib = { fileName: 'my-papers.bib', text: text('demo/my-papers.bib') };
  const created = await call('POST', '/api/profiles', { name: 'Mara', files: [bib] });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.json, { profile: { ...created.json.profile, name: 'Mara', papers: 5, ratings: 0 }, added: 5, listed: 5 });
  assertProblem(await call('POST', '/api/profiles', { name: 'Mara', author: 'Mara Lindqvist' }), 409, 'body.name');

  const names = await get('/api/authors?prefix=lindq');
  assert.deepEqual(names.json[0], { name: 'Mara Lindqvist', papers: 7 });
  const added = await call('POST', '/api/profiles/Mara/papers', { author: 'LINDQVIST MARA' });
  assert.equal(added.status, 200);
  assert.equal(added.json.listed, 7);
  assert.equal(added.json.added, 2);
  assert.equal(added.json.profile.papers, 7);

  const unknown = await call('POST', '/api/profiles', { name: 'Nobody', author: 'Mara Lind' });
  assert.match(assertProblem(unknown, 422, 'body.author'), /^no papers by "Mara Lind" in the library; similar names: Mara Lindqvist \(7\)$/);
  assert.equal((await get('/api/profiles/Nobody')).status, 404, 'a failed create leaves no profile');
  assertProblem(await call('POST', '/api/profiles', { name: 'Empty' }), 400, 'body');
  assertProblem(await call('POST', '/api/profiles', { name: 'Bad', files: [{ fileName: 'broken.bib', text: '@article{bad, title = {Broken, author = {C, D}\n' }] }), 422, 'body.files.0');
  assert.equal((await get('/api/profiles/Bad')).status, 404);

  const rated = await call('PUT', '/api/profiles/Mara/ratings/11', { rating: 'down' });
  assert.equal(rated.json.ratings, 1);
  await call('PUT', '/api/profiles/Mara/ratings/6', { rating: 'up' });
  const detail = await get('/api/profiles/Mara');
  assert.equal(detail.json.papers.length, 7);
  assert.deepEqual(
    detail.json.ratings.map((r: { paper: { id: number }; rating: number }) => [r.paper.id, r.rating]),
    [
      [6, 1],
      [11, -1],
    ],
  );
  assert.equal((await call('PUT', '/api/profiles/Mara/ratings/11', { rating: 'clear' })).json.ratings, 1);
  assertProblem(await call('PUT', '/api/profiles/Mara/ratings/999', { rating: 'up' }), 404);
  assertProblem(await call('PUT', '/api/profiles/Mara/ratings/6', { rating: 'meh' }), 400, 'body.rating');

  const pasted = await call('POST', '/api/profiles', {
    name: 'Pasted',
    abstracts: 'We study graph neural networks\nand their oversquashing with curvature-based rewiring of edges in long-range tasks.\n\nA second abstract about transformers for molecules and their positional encodings in graphs.',
  });
  assert.equal(pasted.status, 201, pasted.text);
  assert.equal(pasted.json.listed, 2);
  // A publication list pasted whole, `Abstract:` lines with no blank line between them, is one paper a line.
  const list = await call('POST', '/api/profiles', {
    name: 'Listed',
    abstracts:
      'Abstract:We study graph neural networks and their oversquashing with curvature-based rewiring of edges in long-range tasks.\n' +
      'Abstract:A second abstract about transformers for molecules and their positional encodings in graphs.\n' +
      'Abstract: A third one, on retrieval-augmented generation and when a language model should trust what it retrieves.\n',
  });
  assert.equal(list.status, 201, list.text);
  assert.equal(list.json.listed, 3);
  assert.equal((await call('DELETE', '/api/profiles/Listed')).status, 204);
  assert.equal((await get('/api/profiles')).json.map((p: { name: string }) => p.name).join(','), 'Mara,Pasted');
  assert.equal((await call('DELETE', '/api/profiles/Pasted')).status, 204);
  assertProblem(await call('DELETE', '/api/profiles/Pasted'), 404);
});

test('plan export: a Markdown checklist and an iCalendar event for a short-list', async () => {
  const md = await get('/api/plan?listing=poster-session.txt&ids=14&ids=2&format=md');
  assert.equal(md.status, 200);
  assert.match(md.headers.get('content-type')!, /^text\/markdown/);
  assert.equal(md.headers.get('content-disposition'), 'attachment; filename="poster-session-plan.md"');
  // Papers of a session page have no links: title searches are the way to them.
  const searches = (title: string) => {
    const q = new URLSearchParams({ q: title }).toString().slice(2);
    return `  find it on [arXiv](<https://arxiv.org/search/?query=${q}&searchtype=title>), [OpenReview](<https://openreview.net/search?term=${q}>), [Semantic Scholar](<https://www.semanticscholar.org/search?q=${q}>), [Google Scholar](<https://scholar.google.com/scholar?q=${q}>)`;
  };
  assert.equal(
    md.text,
    [
      '# Poster Session 3: my short-list',
      '',
      'poster-session.txt · Hall C',
      '',
      '- [ ] **#14 Retrieved Pages Can Lie: \\<script\\>alert(1)\\</script\\> and Other Injections Against Retrieval-Augmented Agents**',
      '  Priya Raghunathan, Felix Oduya, Sun-Hee Park',
      searches('Retrieved Pages Can Lie: <script>alert(1)</script> and Other Injections Against Retrieval-Augmented Agents'),
      '- [ ] **#2 Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval**',
      '  Mara Lindqvist, Chidi Okafor, Hanna Sørensen, Jonas Brandt',
      searches('Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval'),
      '',
    ].join('\n'),
  );
  assert.ok(md.text.includes('query=Retrieved+Pages+Can+Lie%3A+%3Cscript%3Ealert%281%29%3C%2Fscript%3E+and'), 'markup in a title is encoded in its search');
  const ics = await get('/api/plan?listing=poster-session.txt&ids=2&format=ics&start=2025-07-15T11:00&end=2025-07-15T13:30');
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type')!, /^text\/calendar/);
  const lines = ics.text.split('\r\n');
  assert.ok(lines.includes('DTSTART:20250715T110000') && lines.includes('DTEND:20250715T133000'), ics.text);
  assert.ok(lines.includes('LOCATION:Hall C'));
  assert.ok(lines.includes('SUMMARY:Poster Session 3 (1 on my list)'));
  assertProblem(await get('/api/plan?listing=poster-session.txt&ids=2&format=ics'), 422, 'query.start');
  assertProblem(await get('/api/plan?listing=poster-session.txt&ids=2&format=ics&start=2025-02-30T10:00'), 400, 'query.start');
  assertProblem(await get('/api/plan?listing=nope.txt&ids=2&format=md'), 404);
  assertProblem(await get('/api/plan?listing=poster-session.txt&format=md'), 400, 'query.ids');
});

test('the OpenAPI document describes every API route with its schemas', async () => {
  const { status, json } = await get('/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(json.openapi, '3.1.0');
  assert.deepEqual(Object.keys(json.paths).sort(), [
    '/api/authors',
    '/api/authors/identities',
    '/api/collections',
    '/api/collections/{name}',
    '/api/collections/{name}/export',
    '/api/collections/{name}/papers',
    '/api/collections/{name}/papers/{paperId}',
    '/api/collections/{name}/shortlist',
    '/api/listings',
    '/api/listings/preview',
    '/api/listings/{id}',
    '/api/listings/{id}/removal',
    '/api/map',
    '/api/map/highlights',
    '/api/map/papers',
    '/api/map/points',
    '/api/map/profile',
    '/api/papers',
    '/api/papers/{id}',
    '/api/papers/{id}/similar',
    '/api/plan',
    '/api/profiles',
    '/api/profiles/{name}',
    '/api/profiles/{name}/digests',
    '/api/profiles/{name}/papers',
    '/api/profiles/{name}/papers/{paperId}/title',
    '/api/profiles/{name}/papers/{paperId}/topic',
    '/api/profiles/{name}/ratings/{paperId}',
    '/api/profiles/{name}/recommendations',
    '/api/profiles/{name}/topics',
    '/api/profiles/{name}/topics/{key}',
    '/api/profiles/{name}/topics/{key}/merge',
    '/api/profiles/{name}/topics/{key}/split',
    '/api/search',
    '/api/session-plan',
    '/api/similar',
    '/api/stats',
    '/api/venues',
    '/feeds/{name}.atom',
  ]);
  const search = json.paths['/api/search'].get;
  assert.deepEqual(search.parameters.find((p: { name: string }) => p.name === 'q').required, true);
  assert.ok(search.responses['200'].content['application/json'].schema.properties.hits);
});

test('every response carries a content security policy; unknown routes are JSON problems', async () => {
  const response = await get('/api/venues');
  assert.match(response.headers.get('content-security-policy')!, /script-src 'self'/);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(
    response.json.find((v: { venue: string }) => v.venue === 'XSSConf'),
    { venue: 'XSSConf', papers: 2 },
  );
  assert.match(assertProblem(await get('/api/nothing-here'), 404), /no route GET \/api\/nothing-here/);
});

test('recommendations for a profile within one listing: own work apart, reasons from the profile, ratings obeyed', async () => {
  const own = (await get('/api/profiles/Mara')).json.papers.map((p: { id: number }) => p.id);
  const liked = [6];
  const { status, json } = await get('/api/profiles/Mara/recommendations?listing=poster-session.txt&limit=50');
  assert.equal(status, 200);
  assert.deepEqual(json.yours.map((y: { paper: { id: number }; ownPaperId: number }) => [y.paper.id, y.ownPaperId]), [[2, 2]]);
  const ids = json.recommendations.map((r: { paper: { id: number } }) => r.paper.id);
  // The listing's 24 papers less Mara's own (2) and the one she liked (6), which joins her profile.
  assert.equal(ids.length, 22);
  assert.ok(!ids.includes(2) && !ids.includes(6));
  assert.ok(ids.every((id: number) => id >= 1 && id <= 24), 'only the listing\'s papers');
  const scores = json.recommendations.map((r: { score: number }) => r.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  for (const rec of json.recommendations) {
    assert.ok(rec.reasons.length >= 1);
    for (const reason of rec.reasons) assert.ok([...own, ...liked].includes(reason.paperId), `reason names ${reason.paperId}`);
  }

  const top = ids[0];
  await call('PUT', `/api/profiles/Mara/ratings/${top}`, { rating: 'down' });
  const after = await get('/api/profiles/Mara/recommendations?listing=poster-session.txt&limit=50');
  assert.ok(!after.json.recommendations.some((r: { paper: { id: number } }) => r.paper.id === top), 'a paper rated down is not recommended');
  await call('PUT', `/api/profiles/Mara/ratings/${top}`, { rating: 'clear' });

  assertProblem(await get('/api/profiles/Mara/recommendations?listing=nope.txt'), 404);
  assertProblem(await get('/api/profiles/Nobody/recommendations'), 404);
  assertProblem(await get('/api/profiles/Mara/recommendations?limit=0'), 400, 'query.limit');
  server.library.createProfile('Empty');
  assert.match(assertProblem(await get('/api/profiles/Empty/recommendations'), 422), /profile "Empty" has no papers yet/);
});

test('search with a profile: the matches ordered by the profile, scored by it; an unknown profile is a 404', async () => {
  const plain = await get('/api/search?q=retrieval&limit=50');
  const mine = await get('/api/search?q=retrieval&limit=50&profile=Mara');
  assert.equal(mine.status, 200);
  assert.equal(mine.json.total, plain.json.total);
  assert.deepEqual(new Set(mine.json.hits.map((hit: { paper: { id: number } }) => hit.paper.id)), new Set(plain.json.hits.map((hit: { paper: { id: number } }) => hit.paper.id)));
  const scores = mine.json.hits.map((hit: { score: number }) => hit.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assertProblem(await get('/api/search?q=retrieval&profile=Nobody'), 404);
});

test('similar papers to a library paper (its versions aside) and to a posted text', async () => {
  const { status, json } = await get('/api/papers/2/similar?limit=5');
  assert.equal(status, 200);
  const ids = json.results.map((r: { paper: { id: number } }) => r.paper.id);
  assert.equal(ids.length, 5);
  assert.ok(!ids.includes(2) && !ids.includes(30), `${ids} holds the paper or its version`);
  assert.ok(json.results.every((r: { reasons: { paperId: number }[] }) => r.reasons[0].paperId === 2));
  assertProblem(await get('/api/papers/999/similar'), 404);

  const abstract = (await get('/api/papers/16')).json.paper.abstract;
  const byText = await call('POST', '/api/similar', { text: abstract, limit: 3 });
  assert.equal(byText.status, 200);
  assert.equal(byText.json.results[0].paper.id, 16);
  assert.equal(byText.json.results.length, 3);
  // A posted text is no paper of the library: its reasons name none.
  for (const { reasons } of byText.json.results) {
    assert.deepEqual(reasons.map((reason: object) => Object.keys(reason)), [['kind', 'similarity', 'sharedTerms']]);
    assert.equal(reasons[0].kind, 'text');
  }
  assertProblem(await call('POST', '/api/similar', { text: '' }), 400, 'body.text');
});

test('session plan: one call gives the whole listing marked and ranked; unknown names are 404s', async () => {
  const { status, json } = await get('/api/session-plan?listing=poster-session.txt&profile=Mara');
  assert.equal(status, 200);
  assert.equal(json.ranked, true);
  assert.equal(json.listing.name, 'poster-session.txt');
  assert.equal(json.entries.length, 24);
  assert.deepEqual(json.entries[0], { paper: json.entries[0].paper, mark: 'yours' });
  const ranked = json.entries.filter((entry: { ranked?: { rank: number } }) => entry.ranked);
  assert.deepEqual(ranked.map((entry: { ranked: { rank: number } }) => entry.ranked.rank), Array.from({ length: ranked.length }, (_, index) => index + 1));
  const plain = await get('/api/session-plan?listing=poster-session.txt');
  assert.equal(plain.json.ranked, false);
  assert.match(assertProblem(await get('/api/session-plan?listing=nope'), 404), /no listing named "nope"/);
  assert.match(assertProblem(await get('/api/session-plan?listing=poster-session.txt&profile=Nobody'), 404), /no profile named "Nobody"/);
});
