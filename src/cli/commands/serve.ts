// `paperscout serve`: the web app and the JSON API over the library, until interrupted.
import type { Command } from 'commander';
import { libraryPath, UserError } from '../context.ts';
import { canonicalHostName } from '../../server/hosts.ts';

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
    .action(async function (this: Command) {
      const opts = this.opts<{ port: number; host: string; allowHost: string[] }>();
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
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
