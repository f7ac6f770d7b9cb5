// The real server in a process of its own for bench:server, so the load generator never runs on
// the server's event loop. Started with an IPC channel: it reports its URL, answers `cpu` with its
// CPU time so far, and closes when the parent disconnects.
import { startServer } from '../src/server/start.ts';

export interface ServerMessage {
  url?: string;
  /** Microseconds of user and system CPU time since the process started. */
  cpu?: NodeJS.CpuUsage;
}

const dbFile = process.argv[2];
if (!dbFile || !process.send) throw new Error('usage: started by bench/server.ts with an IPC channel and a library file');
const send = process.send.bind(process);

const server = await startServer({ dbFile, host: '127.0.0.1', port: 0 });
process.on('message', (message) => {
  if (message === 'cpu') send({ cpu: process.cpuUsage() } satisfies ServerMessage);
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
send({ url: server.url } satisfies ServerMessage);
