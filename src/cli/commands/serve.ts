// `paperscout serve`: the web app and the JSON API over the library, until interrupted.
import type { Command } from 'commander';
import { libraryPath, UserError } from '../context.ts';
import { canonicalHostName } from '../../server/hosts.ts';
import { Library } from '../../library/library.ts';
import { clean } from '../format.ts';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
// setTimeout holds at most 2^31 - 1 ms (24.8 days).
const LONGEST_MS = 2 ** 31 - 1;

/** `30m`, `6h`, `1d`: an interval of whole minutes, hours or days. */
function parseInterval(value: string): number {
  const match = /^(\d+)([mhd])$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]] : 0;
  if (ms < UNITS.m || ms > LONGEST_MS) throw new UserError(`--fetch-every takes minutes, hours or days, as 30m, 6h or 1d (at most 24d), not "${value}"`);
  return ms;
}

/**
 * Fetches every source and makes every profile's digest now and then every `everyMs`, each
 * round on a connection of its own (the server's threads write through theirs; the library's
 * write lock keeps them apart). Returns a function that stops the rounds.
 */
function scheduleRounds(file: string, everyMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const round = async () => {
    const { fetchAndDigest } = await import('../../actions/daily.ts');
    const library = Library.open(file, { writeWait: { patienceMs: Infinity } });
    try {
      const { fetched, digests } = await fetchAndDigest(library, { contact: process.env.PAPERSCOUT_CONTACT || undefined });
      const added = fetched.filter((report) => report.status === 'added').length;
      for (const report of fetched) if (report.status === 'failed') console.error(`error: source ${clean(report.source)}: ${clean(report.message)}`);
      const made = digests.map((item) => ('digest' in item ? `${clean(item.profile)} ${item.digest.entries.length}` : `${clean(item.profile)} not made (${clean(item.error)})`));
      console.log(`${new Date().toISOString()}: fetched ${fetched.length} source(s), ${added} with new papers; digests: ${made.join(', ') || 'no profiles'}`);
    } catch (error) {
      console.error(`error: the scheduled fetch failed: ${clean((error as Error).message)}`);
    } finally {
      library.close();
    }
    if (!stopped) timer = setTimeout(() => void round(), everyMs);
  };
  timer = setTimeout(() => void round(), 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port must be a port number (0 to 65535), not "${value}"`);
  return port;
}

function checkHostName(value: string, option: string): string {
  if (canonicalHostName(value) === undefined) throw new UserError(`${option} takes a host name or address without a port, not "${value}"`);
  return value;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the JSON API (under /api/) over the library')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--host <host>', 'address to bind; other machines can reach the library only if you bind a public one', (value) => checkHostName(value, '--host'), '127.0.0.1')
    .option(
      '--allow-host <name>',
      'a name this server may be reached by besides the loopback ones and --host, e.g. a LAN name (repeatable)',
      (value, names: string[]) => [...names, checkHostName(value, '--allow-host')],
      [],
    )
    .option('--fetch-every <interval>', 'fetch every source and make every profile\'s digest now and then every interval (30m, 6h, 1d)', parseInterval)
    .action(async function (this: Command) {
      const opts = this.opts<{ port: number; host: string; allowHost: string[]; fetchEvery?: number }>();
      // Loaded here: fastify and its plugins are needed by this command only.
      const { startServer } = await import('../../server/start.ts');
      let server;
      try {
        server = await startServer({ dbFile: libraryPath(this), host: opts.host, port: opts.port, allowHosts: opts.allowHost });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is in use: choose another with --port`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot bind to "${opts.host}"`);
        throw error;
      }
      console.log(`paperscout is serving ${libraryPath(this)} at ${server.url}`);
      if (!server.webApp) console.error('warning: the web app is not built (npm run build:web); serving the API only');
      console.log(`API: ${server.url}api/ (OpenAPI: ${server.url}api/openapi.json). Stop with Ctrl+C.`);
      const stopRounds = opts.fetchEvery === undefined ? undefined : scheduleRounds(libraryPath(this), opts.fetchEvery);
      await new Promise<void>((resolve) => {
        const stop = () => {
          stopRounds?.();
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
