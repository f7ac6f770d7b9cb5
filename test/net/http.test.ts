// The HTTP client against a local replaying server: what each failure says, how often it
// retries and how long it waits (waits are recorded, not slept), conditional requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, httpGet, type HttpOptions } from '../../src/net/http.ts';
import { closedPort, serve, type Recorded } from './replay-server.ts';


/** Options whose waits are recorded and return at once. */
function options(extra: Partial<HttpOptions> = {}): HttpOptions & { waits: number[] } {
  const waits: number[] = [];
  return { userAgent: 'paperscout/test', sleep: async (ms) => void waits.push(ms), waits, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => assert.fail('expected the request to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof HttpError, String(error));
  return error.message;
}

test('a GET sends the User-Agent and returns the body with its validators; the same validators again get a 304', async () => {
  const server = await serve({ path: '/feed', file: 'http/feed/lab-blog.atom', headers: { 'content-type': 'application/atom+xml', etag: '"v1"', 'last-modified': 'Mon, 13 Jan 2025 09:00:00 GMT' } });
  const first = await httpGet(`${server.url}/feed`, options());
  assert.equal(first.notModified, false);
  if (first.notModified) return;
  assert.equal(first.status, 200);
  assert.equal(first.contentType, 'application/atom+xml');
  assert.match(Buffer.from(first.body).toString('utf8'), /^<\?xml[\s\S]*Reward Models That Know When They Are Wrong[\s\S]*<\/feed>\n$/);
  assert.deepEqual(first.validators, { etag: '"v1"', lastModified: 'Mon, 13 Jan 2025 09:00:00 GMT' });
  const again = await httpGet(`${server.url}/feed`, options(), first.validators);
  assert.deepEqual(again, { notModified: true, url: `${server.url}/feed` });
  assert.deepEqual(
    server.requests.map((request) => [request.headers['user-agent'], request.headers['if-none-match'], request.headers['if-modified-since']]),
    [
      ['paperscout/test', undefined, undefined],
      ['paperscout/test', '"v1"', 'Mon, 13 Jan 2025 09:00:00 GMT'],
    ],
  );
});

test('429 with Retry-After waits as long as asked, then succeeds', async () => {
  const server = await serve({ path: '/daily', status: 429, headers: { 'retry-after': '7' }, times: 1 }, { path: '/daily', body: '[]' });
  const settings = options();
  const result = await httpGet(`${server.url}/daily`, settings);
  assert.equal(result.notModified, false);
  assert.deepEqual(settings.waits, [7000]);
  assert.equal(server.requests.length, 2);
});

test('a Retry-After longer than the limit fails at once, saying how long it asked', async () => {
  const server = await serve({ path: '/daily', status: 503, headers: { 'retry-after': '3600' } });
  const settings = options();
  const message = await failure(httpGet(`${server.url}/daily`, settings));
  assert.equal(message, `${server.url.slice(7)} answered 503 Service Unavailable and asks to wait 3,600 s (Retry-After), longer than the 120 s paperscout waits; try again later`);
  assert.deepEqual(settings.waits, []);
  assert.equal(server.requests.length, 1);
});

test('503 then success: one retry after the first backoff', async () => {
  const server = await serve({ path: '/notes', status: 503, times: 1 }, { path: '/notes', body: '{"notes": []}' });
  const settings = options({ backoffMs: 250 });
  const result = await httpGet(`${server.url}/notes`, settings);
  assert.equal(result.notModified, false);
  assert.deepEqual(settings.waits, [250]);
});

test('5xx every time: retries with doubling waits, then says how often it tried', async () => {
  const server = await serve({ path: '/notes', status: 502 });
  const settings = options({ backoffMs: 100, retries: 3 });
  assert.equal(await failure(httpGet(`${server.url}/notes`, settings)), `${server.url.slice(7)} answered 502 Bad Gateway (tried 4 times)`);
  assert.deepEqual(settings.waits, [100, 200, 400]);
  assert.equal(server.requests.length, 4);
});

test('a 4xx other than 429 fails at once, naming the address', async () => {
  const server = await serve();
  const settings = options();
  assert.equal(await failure(httpGet(`${server.url}/missing?q=1`, settings)), `${server.url.slice(7)} answered 404 Not Found for ${server.url.slice(7)}/missing`);
  assert.deepEqual(settings.waits, []);
});

test("a server's own reason phrase is cut short", async () => {
  const server = await serve({ path: '/x', status: 410, reason: `Gone ${'because '.repeat(20)}` });
  const host = server.url.slice(7);
  assert.equal(await failure(httpGet(`${server.url}/x`, options())), `${host} answered 410 Gone because because because because be… for ${host}/x`);
});

test('redirects are followed; a loop is named address by address', async () => {
  const server = await serve(
    { path: '/old', status: 301, headers: { location: '/new' } },
    { path: '/new', body: 'moved here' },
    { path: '/a', status: 302, headers: { location: '/b' } },
    { path: '/b', status: 307, headers: { location: `/a` } },
  );
  const moved = await httpGet(`${server.url}/old`, options());
  assert.equal(!moved.notModified && Buffer.from(moved.body).toString(), 'moved here');
  assert.equal(moved.url, `${server.url}/new`);
  const host = server.url.slice(7);
  assert.equal(await failure(httpGet(`${server.url}/a`, options())), `redirect loop: ${host}/a → ${host}/b → ${host}/a`);
});

test('more redirects than the limit fail', async () => {
  const chain = Array.from({ length: 4 }, (_, n): Recorded => ({ path: `/r${n}`, status: 302, headers: { location: `/r${n + 1}` } }));
  const server = await serve(...chain);
  const host = server.url.slice(7);
  assert.equal(await failure(httpGet(`${server.url}/r0`, options({ maxRedirects: 2 }))), `more than 2 redirects, from ${host}/r0 to ${host}/r3`);
});

test('a body over the limit is refused by its Content-Length, or while it streams in', async () => {
  const big = Buffer.alloc(5000, 'x');
  const server = await serve({ path: '/declared', body: big }, { path: '/streamed', body: big, chunked: true });
  const host = server.url.slice(7);
  assert.equal(await failure(httpGet(`${server.url}/declared`, options({ maxBytes: 4096 }))), `${host} sends 5,000 bytes, over the limit of 4,096 bytes`);
  assert.equal(await failure(httpGet(`${server.url}/streamed`, options({ maxBytes: 4096 }))), `${host} sent over the limit of 4,096 bytes; stopped reading`);
  const fits = await httpGet(`${server.url}/streamed`, options({ maxBytes: 5000 }));
  assert.equal(!fits.notModified && fits.body.byteLength, 5000);
});

test('a truncated body is retried, then reported with how much came', async () => {
  const server = await serve({ path: '/cut', file: 'http/feed/lab-blog.atom', cutAfter: 300 });
  const settings = options({ retries: 1 });
  const message = await failure(httpGet(`${server.url}/cut`, settings));
  assert.match(message, new RegExp(`^the response from ${server.url.slice(7)} broke off after 300 of 768 bytes \\(a truncated body\\) \\(tried 2 times\\)$`));
  assert.equal(server.requests.length, 2);
});

test('connection refused says the host and that the machine seems offline', async () => {
  const address = await closedPort();
  const settings = options({ retries: 1 });
  assert.equal(await failure(httpGet(`${address}/api/query`, settings)), `cannot reach ${address.slice(7)}: connection refused; you seem to be offline, or the server is down (tried 2 times)`);
  assert.deepEqual(settings.waits, [1000]);
});

test('a name that does not resolve fails at once as offline', async () => {
  const settings = options();
  assert.equal(await failure(httpGet('http://paperscout-test.invalid/feed', settings)), 'cannot reach paperscout-test.invalid: its name does not resolve; you seem to be offline (or the address is wrong)');
  assert.deepEqual(settings.waits, []);
});

test('a server that does not answer in time is given up on', async () => {
  const silent = http.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    assert.equal(await failure(httpGet(`http://127.0.0.1:${port}/slow`, options({ timeoutMs: 50, retries: 0 }))), `127.0.0.1:${port} did not answer within 50 ms`);
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});
