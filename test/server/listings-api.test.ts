// Listings through the API: a pasted page named by what it says, renamed and relabelled, and
// removed after a preview of what goes with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { callApi, startFixtureServer, fixture, type FixtureServer } from './fixture-server.ts';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

const call = (method: string, route: string, body?: unknown) => callApi(server, method, route, body);

const compact = fs.readFileSync(fixture('test/fixtures/pages/session-compact.txt'), 'utf8');

test('a pasted page without a name is named by what it says; the preview says the name', async () => {
  const preview = await call('POST', '/api/listings/preview', { text: compact });
  assert.equal(preview.status, 200);
  assert.equal(preview.json.name, 'ICML 2025 · Spotlight Poster Session 2 · West Exhibition Hall B2-B3');
  assert.equal(preview.json.listing, undefined);
  const saved = await call('POST', '/api/listings', { text: compact });
  assert.equal(saved.status, 201);
  assert.equal(saved.json.listing.name, preview.json.name);
  const named = await call('POST', '/api/listings/preview', { text: `${compact}\n\n`, fileName: 'mine.txt' });
  assert.equal(named.json.name, 'mine.txt');
});

test('PATCH renames and relabels a listing and its papers; a taken name is a conflict; unknown ids are not found', async () => {
  const listings = (await call('GET', '/api/listings')).json;
  const trending = listings.find((listing: { name: string }) => listing.name === 'trending.html');
  const edited = await call('PATCH', `/api/listings/${trending.id}`, { name: 'Trending, May', venue: 'arXiv', year: 2024 });
  assert.equal(edited.status, 200);
  assert.deepEqual([edited.json.listing.name, edited.json.listing.venue, edited.json.listing.year], ['Trending, May', 'arXiv', 2024]);
  assert.deepEqual(edited.json.relabelled, { venue: 8, year: 8 });
  const cleared = await call('PATCH', `/api/listings/${trending.id}`, { venue: '', year: null });
  assert.deepEqual([cleared.json.listing.venue, cleared.json.listing.year, cleared.json.relabelled], [null, null, { venue: 8, year: 8 }]);

  const taken = await call('PATCH', `/api/listings/${trending.id}`, { name: 'poster-session.txt' });
  assert.deepEqual([taken.status, taken.json.field, taken.json.detail], [409, 'body.name', 'a listing named "poster-session.txt" exists already']);
  assert.equal((await call('PATCH', '/api/listings/999', { venue: 'X' })).status, 404);
  const badYear = await call('PATCH', `/api/listings/${trending.id}`, { year: 24 });
  assert.deepEqual([badYear.status, badYear.json.field], [400, 'body.year']);
  const nothing = await call('PATCH', `/api/listings/${trending.id}`, {});
  assert.deepEqual([nothing.status, nothing.json.detail], [422, 'nothing to change: give a new name, venue, year, session or room']);
});

test('removal: a preview changes nothing; DELETE removes the listing and the papers no other listing holds', async () => {
  const listings = (await call('GET', '/api/listings')).json;
  const poster = listings.find((listing: { name: string }) => listing.name === 'poster-session.txt');
  const before = (await call('GET', '/api/stats')).json.papers;
  const preview = await call('GET', `/api/listings/${poster.id}/removal`);
  assert.equal(preview.status, 200);
  // 24 papers: 3 also on the trending page, 1 also in the session pasted above (Chidi Okafor's).
  assert.deepEqual({ ...preview.json, listing: preview.json.listing.name }, { removed: false, listing: 'poster-session.txt', papers: 24, deleted: 21, profiles: [] });
  assert.equal((await call('GET', '/api/stats')).json.papers, before);
  const removed = await call('DELETE', `/api/listings/${poster.id}`);
  assert.equal(removed.status, 200);
  assert.deepEqual({ ...removed.json, listing: removed.json.listing.name }, { ...preview.json, removed: true, listing: 'poster-session.txt' });
  assert.equal((await call('GET', '/api/stats')).json.papers, before - 21);
  assert.ok(!(await call('GET', '/api/listings')).json.some((listing: { id: number }) => listing.id === poster.id));
  assert.equal((await call('DELETE', `/api/listings/${poster.id}`)).status, 404);
  assert.equal((await call('GET', `/api/listings/${poster.id}/removal`)).status, 404);
});
