// Which requests are this server's to answer. A web page elsewhere can reach a server on the
// researcher's own machine in two ways. DNS rebinding: the page's own name, made to resolve to
// 127.0.0.1, sends the browser here with that name in Host, and the browser then lets the page read
// the answers as its own. Cross-site requests: a form or a fetch from the page that changes the
// library. So a request must name this server in Host, and one that changes something must not
// come from another origin.
import net from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The names every server answers to, as browsers write them in Host. */
export const LOOPBACK_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * `name` as browsers write it in Host (lower case, IDN in punycode, IPv4 in full, IPv6 in
 * brackets), or undefined when it is not a host name or address alone.
 */
export function canonicalHostName(name: string): string | undefined {
  const unbracketed = name.replace(/^\[(.*)\]$/, '$1');
  if (net.isIPv6(unbracketed)) return new URL(`http://[${unbracketed}]/`).hostname;
  // A port, a path or credentials would have URL find a host other than the whole of `name`.
  if (!/^[^\s:/?#@[\]\\]+$/.test(name) || !URL.canParse(`http://${name}/`)) return undefined;
  return new URL(`http://${name}/`).hostname;
}

/** Why a request is not answered: its Host names another server (421), or a foreign page sent it (403). */
export interface Refusal {
  status: 421 | 403;
  detail: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Sec-Fetch-Site of a request from another origin. `same-site` too: on one machine that is
 * another server's page (localhost on another port), which has no business changing the library.
 */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site']);

/** The Host values and origins of one server: its names with the port it listens on. */
export class Addressing {
  private readonly names: string[];
  private hosts = new Set<string>();
  private origins = new Set<string>();
  private served = '';

  /** Names as `canonicalHostName` accepts them; the loopback ones are always served. */
  constructor(names: readonly string[]) {
    this.names = [
      ...new Set(
        [...LOOPBACK_NAMES, ...names].map((name) => {
          const canonical = canonicalHostName(name);
          if (canonical === undefined) throw new TypeError(`not a host name or address (${name.length} characters)`);
          return canonical;
        }),
      ),
    ];
    // A server that listens on no port (app.inject) is addressed as http://localhost/ is: port 80.
    this.listeningOn(80);
  }

  /** The port requests must name: the one listened on, known only once listening (port 0 picks one). */
  listeningOn(port: number): void {
    // Browsers leave out the default port; light-my-request writes it.
    const authorities = this.names.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
    this.hosts = new Set(authorities);
    this.origins = new Set(authorities.map((authority) => `http://${authority}`));
    this.served = this.names.map((name) => `${name}:${port}`).join(', ');
  }

  /** Why this server must not answer `request`, when it must not. */
  refusal(request: FastifyRequest): Refusal | undefined {
    const host = request.headers.host?.toLowerCase();
    if (host === undefined || !this.hosts.has(host)) {
      return { status: 421, detail: `Host must name this server: ${this.served} (serve --allow-host NAME adds a name)` };
    }
    if (!STATE_CHANGING.has(request.method)) return undefined;
    const origin = request.headers.origin?.toLowerCase();
    const site = request.headers['sec-fetch-site'];
    if ((origin !== undefined && !this.origins.has(origin)) || (typeof site === 'string' && FOREIGN_FETCH_SITES.has(site))) {
      return { status: 403, detail: "a request that changes the library must come from this server's own pages; this one comes from another site" };
    }
    return undefined;
  }
}
