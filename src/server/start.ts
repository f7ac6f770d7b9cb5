// Starting and stopping the server over one library file, open for the server's whole life.
import type { FastifyInstance } from 'fastify';
import { Library } from '../library/library.ts';
import { buildServer } from './app.ts';
import { locateWebApp } from './web-assets.ts';

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** False when no built web app was found: only the API is served. */
  webApp: boolean;
  close(): Promise<void>;
}

export interface StartOptions {
  dbFile: string;
  /** The address to bind; requests may name it in Host, as well as the loopback names. */
  host: string;
  port: number;
  /** More names requests may carry in Host (see ServerOptions.hostNames). */
  allowHosts?: readonly string[];
  webRoot?: string;
  logger?: boolean;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const library = Library.open(options.dbFile);
  let app: FastifyInstance | undefined;
  try {
    const webRoot = locateWebApp(options.webRoot);
    app = await buildServer({ library, webRoot, logger: options.logger, hostNames: [options.host, ...(options.allowHosts ?? [])] });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const running = app;
    return {
      url: `http://${host}:${port}/`,
      app,
      webApp: webRoot !== undefined,
      close: async () => {
        await running.close();
        library.close();
      },
    };
  } catch (error) {
    // Closing the server ends its worker threads, which would keep the process alive.
    await app?.close();
    library.close();
    throw error;
  }
}
