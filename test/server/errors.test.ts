// However a request goes wrong, the answer is a problem with the server's headers, and a
// client's bytes never make a 500.
import { test, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startFixtureServer, rawRequest, type FixtureServer, type RawResponse } from './fixture-server.ts';
import { Library } from '../../src/library/library.ts';
import { buildServer } from '../../src/server/app.ts';

let server: FixtureServer;
let host: string;
before(async () => {
  server = await startFixtureServer();
  host = new URL(server.url).host;
});
after(() => server.close());

/** Bytes sent as they are, for requests no HTTP client would write; the answer's status line, headers and body. */
function sendBytes(request: Buffer): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, body] = [text.slice(0, text.indexOf('\r\n\r\n')), text.slice(text.indexOf('\r\n\r\n') + 4)];
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]), head, body });
    });
    // Not ended from this side: Node drops the answers still being worked on when a client half-closes.
    socket.write(request);
  });
}

const requestLine = (target: Buffer, headers = `Host: ${host}\r\n`) =>
  Buffer.concat([Buffer.from('GET '), target, Buffer.from(` HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`)]);

/** A problem with the status, the server's security headers and the detail it says. */
function assertProblem(response: { status: number; head: string; body: string }, status: number, detail?: string): void {
  assert.equal(response.status, status, response.head + response.body);
  assert.match(response.head, /^content-type: application\/problem\+json/im);
  assert.match(response.head, /^content-security-policy: default-src 'none'/im);
  assert.match(response.head, /^x-content-type-options: nosniff/im);
  const problem = JSON.parse(response.body);
  assert.equal(problem.status, status);
  if (detail !== undefined) assert.equal(problem.detail, detail);
}

const asRaw = (response: RawResponse) => ({
  status: response.status,
  head: Object.entries(response.headers)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\r\n'),
  body: response.text,
});

test('any byte in a search query is a 200, or a 400 problem where Node cannot parse the request', async () => {
  const encoded = (code: number) => `%${code.toString(16).padStart(2, '0').toUpperCase()}`;
  for (let code = 0; code < 256; code++) {
    for (const q of [encoded(code), `graph${encoded(code)}s`, `%22${encoded(code)}`]) {
      const response = await rawRequest(`${server.url}/api/search?q=${q}`);
      assert.equal(response.status, 200, `q=${q}: ${response.text}`);
      assert.equal(typeof JSON.parse(response.text).total, 'number');
    }
    // The byte itself in the URL: Node's parser refuses controls, space and non-ASCII in a request line.
    const raw = await sendBytes(requestLine(Buffer.from([...Buffer.from('/api/search?q=graph'), code, ...Buffer.from('s')])));
    if (code <= 0x20 || code >= 0x7f) assertProblem(raw, 400, 'the request is not well-formed HTTP');
    else assert.equal(raw.status, 200, `byte ${code}: ${raw.body}`);
  }
  // Characters of 2, 3 and 4 bytes; a lone surrogate and an overlong NUL, which are not UTF-8.
  for (const q of ['%C3%A9', '%E2%80%A8', '%EF%BF%BF', '%F0%9F%98%80', '%ED%A0%80', '%C0%80', '%', 'a%zzb']) {
    assert.equal((await rawRequest(`${server.url}/api/search?q=${q}`)).status, 200, q);
  }
  // The NUL that was a 500: a word separator, as in the index.
  const nul = JSON.parse((await rawRequest(`${server.url}/api/search?q=token%00merging`)).text);
  const space = JSON.parse((await rawRequest(`${server.url}/api/search?q=%22token%20merging%22`)).text);
  assert.equal(nul.total, 1);
  assert.deepEqual(nul, space);
});

test("fastify's own errors are problems with the security headers, and never quote the URL", async () => {
  assertProblem(asRaw(await rawRequest(`${server.url}/api/papers/%zz`)), 400, 'the URL path is not validly percent-encoded');
  assertProblem(asRaw(await rawRequest(`${server.url}/api/papers/${'1'.repeat(200)}`)), 414, 'a part of the URL path is too long');
  const json = await rawRequest(`${server.url}/api/profiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
  assertProblem(asRaw(json), 400, "Body is not valid JSON but content-type is set to 'application/json'");
  const tooLarge = "the request's URL and headers are larger than 16 KiB";
  assertProblem(await sendBytes(requestLine(Buffer.from(`/api/papers/${'a'.repeat(20_000)}`))), 431, tooLarge);
  assertProblem(await sendBytes(requestLine(Buffer.from('/api/stats'), `Host: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n`)), 431, tooLarge);
  assertProblem(await sendBytes(Buffer.from('GARBAGE\r\n\r\n')), 400, 'the request is not well-formed HTTP');
});

test('a failure inside the server is a 500 naming its request id, logged with that id even without a logger', async () => {
  const broken = Library.open(':memory:');
  const app = await buildServer({ library: broken });
  broken.close();
  const logged = mock.method(console, 'error', () => {});
  try {
    const ids = [];
    for (const url of ['/api/papers', '/api/stats']) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 500);
      assert.match(response.headers['content-security-policy'] as string, /default-src 'none'/);
      const { detail } = response.json();
      const id = /^internal error (req-\w+): see the server log$/.exec(detail)?.[1];
      assert.ok(id, detail);
      assert.deepEqual(response.json(), { type: 'about:blank', title: 'Internal Server Error', status: 500, detail });
      ids.push(id);
    }
    assert.notEqual(ids[0], ids[1]);
    assert.deepEqual(
      logged.mock.calls.map((call) => [call.arguments[0], (call.arguments[1] as Error).message]),
      [
        [`paperscout: internal error ${ids[0]} in GET /api/papers:`, 'The database connection is not open'],
        [`paperscout: internal error ${ids[1]} in GET /api/stats:`, 'The database connection is not open'],
      ],
    );
  } finally {
    logged.mock.restore();
    await app.close();
  }
});
