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

export async function startServer(options: { dbFile: string; host: string; port: number; webRoot?: string; logger?: boolean }): Promise<RunningServer> {
  const library = Library.open(options.dbFile);
  try {
    const webRoot = locateWebApp(options.webRoot);
    const app = await buildServer({ library, webRoot, logger: options.logger });
    await app.listen({ host: options.host, port: options.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
      url: `http://${host}:${port}/`,
      app,
      webApp: webRoot !== undefined,
      close: async () => {
        await app.close();
        library.close();
      },
    };
  } catch (error) {
    library.close();
    throw error;
  }
}
