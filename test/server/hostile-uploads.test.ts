// Uploads the importers' parsers used to choke on (a plain Error from the XML parser, a stack
// overflow describing a deep value) are the file's failure: 422 naming the place, not a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';

let server: FixtureServer;
before(async () => {
  server = await startFixtureServer();
});
after(() => server.close());

async function preview(fileName: string, text: string) {
  const response = await fetch(`${server.url}/api/listings/preview`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fileName, text }),
  });
  return { status: response.status, json: await response.json() };
}

test('an Atom feed with a DOCTYPE external entity is a 422 at the DOCTYPE', async () => {
  const feed = '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>arXiv</title>\n<entry><title>&xxe;</title></entry></feed>\n';
  const { status, json } = await preview('entity.atom', feed);
  assert.equal(status, 422);
  assert.equal(json.detail, 'entity.atom:line 2, column 1: invalid XML: External entities are not supported');
  assert.equal(json.location, 'line 2, column 1');
});

test('a JSON Lines record holding a value 100,000 deep is a 422 at its line, the value described', async () => {
  const text = `{"title": "Deep", "authors": [], "year": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`;
  const { status, json } = await preview('deep.jsonl', text);
  assert.equal(status, 422);
  assert.equal(json.detail, 'deep.jsonl:line 1: field "year" must be a whole number or null, found an array nested over 1,000 deep');
});
