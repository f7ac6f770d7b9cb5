// A local HTTP server on 127.0.0.1 that replays recorded answers of the APIs paperscout fetches
// from (bodies in test/fixtures/http/, written from each API's documentation), so no test needs
// the network. It answers as a proxy too: a CONNECT tunnel (how undici sends requests through a
// proxy) is answered by this same server, and the request in it matched by its path.
import { after } from 'node:test';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures');

export interface Recorded {
  /** The path, with the query parameters a request must have (others may be there too): `/api/query?start=2`. */
  path: string;
  status?: number;
  /** The reason phrase after the status, instead of the standard one. */
  reason?: string;
  headers?: Record<string, string>;
  /** A file under test/fixtures/ to answer with. */
  file?: string;
  body?: string | Buffer;
  /** Answer only this many times, then leave the request to the next recorded answer that matches. */
  times?: number;
  /** Declare the whole body's length, send this many bytes of it, then cut the connection. */
  cutAfter?: number;
  /** Send the body in chunks, without saying its length up front. */
  chunked?: boolean;
}

export interface SeenRequest {
  /** The Host header; for a CONNECT, the host and port of the tunnel asked for. */
  host: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface ReplayServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function matches(recorded: Recorded, url: URL): boolean {
  const wanted = new URL(recorded.path, 'http://replay');
  if (wanted.pathname !== url.pathname) return false;
  return [...wanted.searchParams].every(([key, value]) => url.searchParams.get(key) === value);
}

export async function replay(recorded: readonly Recorded[]): Promise<ReplayServer> {
  const answers = recorded.map((answer) => ({ ...answer, left: answer.times ?? Infinity }));
  const requests: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'replay'}`);
    requests.push({ host: url.host, path: `${url.pathname}${url.search}`, headers: request.headers });
    const answer = answers.find((candidate) => candidate.left > 0 && matches(candidate, url));
    if (!answer) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`nothing recorded for ${url.pathname}${url.search}`);
      return;
    }
    answer.left--;
    const headers = answer.headers ?? {};
    const unchanged =
      (headers.etag !== undefined && request.headers['if-none-match'] === headers.etag) ||
      (headers['last-modified'] !== undefined && request.headers['if-modified-since'] === headers['last-modified']);
    if (unchanged) {
      response.writeHead(304, headers).end();
      return;
    }
    const body = answer.file ? fs.readFileSync(path.join(FIXTURES, answer.file)) : Buffer.from(answer.body ?? '');
    response.writeHead(answer.status ?? 200, answer.reason ?? http.STATUS_CODES[answer.status ?? 200] ?? '', { ...(!answer.chunked && { 'content-length': String(body.length) }), ...headers });
    if (answer.cutAfter === undefined) {
      response.end(body);
    } else {
      response.write(body.subarray(0, answer.cutAfter), () => response.destroy());
    }
  });
  server.on('connect', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    requests.push({ host: request.url ?? '', path: 'CONNECT', headers: request.headers });
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    socket.unshift(head);
    server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address where nothing listens: a server's port, closed again. */
export async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const serving: ReplayServer[] = [];
after(() => Promise.all(serving.map((server) => server.close())));

/** `replay`, closed when the test file's tests are done. */
export async function serve(...recorded: Recorded[]): Promise<ReplayServer> {
  const server = await replay(recorded);
  serving.push(server);
  return server;
}
