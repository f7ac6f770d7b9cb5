// What a page on another site can make a browser send here: requests under its own name (DNS
// rebinding) are refused with 421, changes sent from it with 403, on every route there is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { startFixtureServer, rawRequest, type FixtureServer, type RawResponse } from './fixture-server.ts';
import { Addressing, canonicalHostName } from '../../src/server/hosts.ts';

let server: FixtureServer;
let port: number;
let webRoot: string;

before(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>paperscout</title>');
  fs.writeFileSync(path.join(webRoot, 'app.js'), 'export {};');
  server = await startFixtureServer({ webRoot, hostNames: ['paperscout.lan'] });
  port = Number(new URL(server.url).port);
});
after(async () => {
  await server.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

const ours = () => `127.0.0.1:${port}`;
const send = (method: string, url: string, headers: Record<string, string>) => rawRequest(`${server.url}${url}`, { method, headers });

function assertRefused(response: RawResponse, status: 421 | 403, what: string): void {
  assert.equal(response.status, status, `${what}: ${response.text.slice(0, 200)}`);
  assert.match(response.headers['content-type']!, /^application\/problem\+json/, what);
  assert.match(String(response.headers['content-security-policy']), /default-src 'none'/, what);
  // A HEAD answer has no body.
  if (response.text) assert.equal(JSON.parse(response.text).status, status, what);
}

function assertAnswered(response: RawResponse, what: string): void {
  assert.ok(response.status !== 421 && response.status !== 403, `${what}: ${response.status} ${response.text.slice(0, 200)}`);
}

/** Every operation of the OpenAPI document, its path parameters filled in with a value of their type. */
async function operations(): Promise<{ method: string; url: string }[]> {
  interface Operation {
    parameters?: { name: string; in: string; schema: { type?: string } }[];
  }
  const document = JSON.parse((await send('GET', '/api/openapi.json', { host: ours() })).text) as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      url: template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
        return parameter?.schema.type === 'integer' ? '1' : 'Mara';
      }),
    })),
  );
}

test('every API operation refuses a foreign Host, and a change from a foreign origin', async () => {
  const all = await operations();
  // Not vacuous: reads and every kind of change are there.
  assert.deepEqual([...new Set(all.map((operation) => operation.method))].sort(), ['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
  for (const { method, url } of all) {
    const what = `${method} ${url}`;
    assertRefused(await send(method, url, { host: `evil.example:${port}` }), 421, what);
    assertAnswered(await send(method, url, { host: ours() }), what);
    if (method === 'GET') {
      assertRefused(await send('HEAD', url, { host: `evil.example:${port}` }), 421, `HEAD ${url}`);
      // A read is answered whatever its Origin: the browser keeps the answer from a foreign page.
      assertAnswered(await send(method, url, { host: ours(), origin: 'http://evil.example' }), `${what} from elsewhere`);
      continue;
    }
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port === 1 ? 2 : 1}`, `https://${ours()}`, 'null']) {
      assertRefused(await send(method, url, { host: ours(), origin }), 403, `${what} from ${origin}`);
    }
    for (const site of ['cross-site', 'same-site']) {
      assertRefused(await send(method, url, { host: ours(), origin: `http://${ours()}`, 'sec-fetch-site': site }), 403, `${what} ${site}`);
    }
    assertAnswered(await send(method, url, { host: ours(), origin: `http://${ours()}`, 'sec-fetch-site': 'same-origin' }), `${what} from our page`);
    assertAnswered(await send(method, url, { host: `paperscout.lan:${port}`, origin: `http://paperscout.lan:${port}` }), `${what} from an allowed name`);
  }
});

test('the web app, the OpenAPI document, unknown routes and unroutable URLs refuse a foreign Host too', async () => {
  for (const [url, status] of [
    ['/', 200],
    ['/app.js', 200],
    ['/api/openapi.json', 200],
    ['/api/nothing-here', 404],
    ['/api/papers/%zz', 400],
  ] as const) {
    assertRefused(await send('GET', url, { host: `evil.example:${port}` }), 421, url);
    assert.equal((await send('GET', url, { host: ours() })).status, status, url);
  }
});

test('Host must be a served name with the port listened on, exactly', async () => {
  for (const host of [ours(), `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`, `paperscout.lan:${port}`]) {
    assert.equal((await send('GET', '/api/stats', { host })).status, 200, host);
  }
  const refused = ['127.0.0.1', `127.0.0.1:${port}0`, `evil.example:${port}`, `paperscout.lan.evil.example:${port}`, `${ours()}.evil.example`, `me@${ours()}`, `localhost.:${port}`];
  for (const host of refused) {
    const response = await send('GET', '/api/stats', { host });
    assertRefused(response, 421, JSON.stringify(host));
    assert.equal(
      JSON.parse(response.text).detail,
      `Host must name this server: 127.0.0.1:${port}, localhost:${port}, [::1]:${port}, paperscout.lan:${port} (serve --allow-host NAME adds a name)`,
    );
  }
});

test('a server listening on no port (app.inject) is addressed as http://localhost/ is', () => {
  const addressing = new Addressing(['::1']);
  const refusal = (method: string, headers: Record<string, string>) => addressing.refusal({ method, headers } as unknown as FastifyRequest)?.status;
  assert.equal(refusal('GET', { host: 'localhost:80' }), undefined);
  assert.equal(refusal('GET', { host: 'localhost' }), undefined);
  assert.equal(refusal('DELETE', { host: '[::1]', origin: 'http://[::1]' }), undefined);
  assert.equal(refusal('GET', { host: 'localhost:8080' }), 421);
  assert.equal(refusal('GET', {}), 421);
  assert.equal(refusal('PATCH', { host: 'localhost', origin: 'http://localhost:8080' }), 403);
  addressing.listeningOn(8080);
  assert.equal(refusal('GET', { host: 'localhost' }), 421);
  assert.equal(refusal('PATCH', { host: 'localhost:8080', origin: 'http://localhost:8080' }), undefined);
});

test('host names are taken as browsers write them in Host; anything more is refused', () => {
  assert.deepEqual(
    ['LocalHost', '::1', '[::1]', '0:0::1', '127.1', 'Bücher.example', '192.168.1.20', 'my-laptop.local'].map(canonicalHostName),
    ['localhost', '[::1]', '[::1]', '[::1]', '127.0.0.1', 'xn--bcher-kva.example', '192.168.1.20', 'my-laptop.local'],
  );
  for (const name of ['', 'laptop:80', '[::1]:80', 'http://laptop', 'laptop/', 'me@laptop', 'lap top', 'a\\b', '[laptop]']) {
    assert.equal(canonicalHostName(name), undefined, JSON.stringify(name));
  }
  assert.throws(() => new Addressing(['laptop:80']), { name: 'TypeError', message: 'not a host name or address (9 characters)' });
});
