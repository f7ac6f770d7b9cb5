import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { startFixtureServer, fixture, callApi, type FixtureServer } from './fixture-server.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
  const mine = await ingestPaths(server.library, [fixture('test/fixtures/digest/mine.jsonl')]);
  server.library.createProfile('mara');
  server.library.addListingsToProfile(server.library.profile('mara')!, mine.outcomes.map((o) => o.listing.id));
});
after(() => server.close());

const call = (method: string, route: string, body?: unknown) => callApi(server, method, route, body);

async function feed(name: string) {
  const response = await fetch(`${server.url}/feeds/${name}.atom`);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text };
}

const entryTitles = (xml: string): string[] => {
  const parsed = new XMLParser({ isArray: (name) => name === 'entry' }).parse(xml).feed;
  return (parsed.entry ?? []).map((entry: { title: string }) => entry.title);
};

test('the digest loop over the API: previews record nothing, the feed shows the latest digests and never makes one', async () => {
  const empty = await feed('mara');
  assert.equal(empty.status, 200);
  assert.equal(empty.type, 'application/atom+xml; charset=utf-8');
  assert.equal(XMLValidator.validate(empty.text), true);
  assert.deepEqual(entryTitles(empty.text), []);
  assert.match(empty.text, /<link rel="self" type="application\/atom\+xml" href="http:\/\/127\.0\.0\.1:\d+\/feeds\/mara\.atom"\/>/);

  const preview = await call('POST', '/api/profiles/mara/digests', { limit: 5, dryRun: true });
  assert.equal(preview.status, 200);
  assert.equal(preview.json.id, undefined);
  assert.equal(preview.json.entries.length, 5);
  assert.deepEqual((await call('GET', '/api/profiles/mara/digests')).json, []);

  const made = await call('POST', '/api/profiles/mara/digests', { limit: 5 });
  assert.equal(made.status, 201);
  assert.equal(made.json.id, 1);
  assert.deepEqual(made.json.entries.map((e: { paper: { id: number } }) => e.paper.id), preview.json.entries.map((e: { paper: { id: number } }) => e.paper.id));
  const shown = made.json.entries.map((e: { paper: { title: string } }) => e.paper.title);
  // A feed reader polling twice sees the same entries, and no digest is made by it.
  assert.deepEqual(entryTitles((await feed('mara')).text), shown);
  assert.deepEqual(entryTitles((await feed('mara')).text), shown);
  const latest = await call('GET', '/api/profiles/mara/digests?limit=5');
  assert.deepEqual(latest.json.map((d: { id: number }) => d.id), [1]);
  assert.deepEqual(latest.json[0].entries, made.json.entries);

  // New papers arrive: the next digest has only them; the feed has both digests, newest first.
  await ingestPaths(server.library, [fixture('test/fixtures/digest/fetch-a.jsonl')]);
  const next = await call('POST', '/api/profiles/mara/digests', {});
  assert.equal(next.status, 201);
  assert.deepEqual([next.json.candidates, next.json.entries.length, next.json.alreadyShown], [5, 5, 0]);
  const arrived = next.json.entries.map((e: { paper: { title: string } }) => e.paper.title);
  assert.deepEqual(new Set(arrived), new Set(server.library.papers({ listing: 'fetch-a.jsonl' }).papers.map((p) => p.title)));
  assert.deepEqual(entryTitles((await feed('mara')).text), [...arrived, ...shown]);
});

test('digest errors: unknown profile, a since that is no date, a limit out of range', async () => {
  assert.equal((await call('POST', '/api/profiles/nobody/digests', {})).status, 404);
  assert.equal((await call('GET', '/api/profiles/nobody/digests')).status, 404);
  assert.equal((await feed('nobody')).status, 404);
  const bad = await call('POST', '/api/profiles/mara/digests', { since: 'yesterday' });
  assert.deepEqual([bad.status, bad.json.field], [422, 'body.since']);
  const limit = await call('POST', '/api/profiles/mara/digests', { limit: 0 });
  assert.deepEqual([limit.status, limit.json.field], [400, 'body.limit']);
});

test('collections over the API: add, list, show, export, remove, delete; a planner short-list saved', async () => {
  const session = server.library.paperIds({ listing: 'poster-session.txt' });
  const added = await call('POST', '/api/collections/to%20read/papers', { paperIds: [session[2], session[0], session[2]], note: 'after ICLR' });
  assert.equal(added.status, 200);
  assert.deepEqual([added.json.collection.name, added.json.collection.papers, added.json.collection.note, added.json.changed], ['to read', 2, 'after ICLR', 2]);
  const shown = await call('GET', '/api/collections/to%20read');
  assert.deepEqual(shown.json.papers.map((p: { id: number }) => p.id), [session[2], session[0]]);
  const bib = await fetch(`${server.url}/api/collections/to%20read/export?format=bibtex`);
  assert.equal(bib.headers.get('content-type'), 'application/x-bibtex; charset=utf-8');
  assert.equal(bib.headers.get('content-disposition'), 'attachment; filename="to-read.bib"');
  assert.equal(((await bib.text()).match(/^@/gm) ?? []).length, 2);
  const removed = await call('DELETE', `/api/collections/to%20read/papers/${session[2]}`);
  assert.deepEqual([removed.status, removed.json.changed, removed.json.collection.papers], [200, 1, 1]);

  const shortlist = await call('POST', '/api/collections/poster%20picks/shortlist', { listing: 'poster-session.txt', paperIds: [session[5], session[1]] });
  assert.deepEqual([shortlist.status, shortlist.json.changed], [200, 2]);
  assert.deepEqual((await call('GET', '/api/collections/poster%20picks')).json.papers.map((p: { id: number }) => p.id), [session[5], session[1]]);
  const outside = server.library.paperIds({ listing: 'hostile.jsonl' })[0];
  const refused = await call('POST', '/api/collections/poster%20picks/shortlist', { listing: 'poster-session.txt', paperIds: [outside] });
  assert.deepEqual([refused.status, refused.json.field], [422, 'body.paperIds']);
  const noProfile = await call('POST', '/api/collections/poster%20picks/shortlist', { listing: 'poster-session.txt' });
  assert.deepEqual([noProfile.status, noProfile.json.field], [422, 'body.profile']);

  assert.deepEqual((await call('GET', '/api/collections')).json.map((c: { name: string; papers: number }) => [c.name, c.papers]), [['poster picks', 2], ['to read', 1]]);
  assert.equal((await call('DELETE', '/api/collections/to%20read')).status, 204);
  assert.deepEqual((await call('GET', '/api/collections')).json.map((c: { name: string }) => c.name), ['poster picks']);
});

test('collection errors: unknown collection or paper, a bad format', async () => {
  for (const [method, route] of [['GET', '/api/collections/none'], ['DELETE', '/api/collections/none'], ['DELETE', '/api/collections/none/papers/1'], ['GET', '/api/collections/none/export?format=ris']]) {
    const response = await call(method, route);
    assert.deepEqual([response.status, response.json.detail], [404, 'no collection named "none"'], route);
  }
  const unknown = await call('POST', '/api/collections/x/papers', { paperIds: [999999] });
  assert.deepEqual([unknown.status, unknown.json.detail], [404, 'no paper with id 999999']);
  assert.equal((await call('GET', '/api/collections')).json.some((c: { name: string }) => c.name === 'x'), false);
  assert.equal((await call('GET', '/api/collections/poster%20picks/export?format=docx')).status, 400);
});
