// The real server in a process of its own for the benchmarks (see server-process.ts), so the load
// generator never runs on the server's event loop. Started with an IPC channel: it reports its
// URL, answers `cpu` with its CPU time so far and `lag` with how late its event loop ran timers
// since the last `lag`, and closes when the parent disconnects.
//
// With PAPERSCOUT_BENCH_BUILT=1 it runs the compiled server in dist/ (what `paperscout serve`
// runs), whose worker threads start from JavaScript instead of compiling TypeScript each.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Start from '../src/server/start.ts';

const { startServer } = (await import(process.env.PAPERSCOUT_BENCH_BUILT === '1' ? '../dist/server/start.js' : '../src/server/start.ts')) as typeof Start;

export type ServerRequest = 'cpu' | 'lag';

/** Milliseconds. */
export interface LoopLag {
  p50: number;
  p99: number;
  max: number;
}

export interface ServerMessage {
  url?: string;
  /** Microseconds of user and system CPU time since the process started. */
  cpu?: NodeJS.CpuUsage;
  lag?: LoopLag;
}

const dbFile = process.argv[2];
if (!dbFile || !process.send) throw new Error('usage: started by bench/server-process.ts with an IPC channel and a library file');
const send = process.send.bind(process);

/** Fine enough for a 50 ms target; a finer timer would itself take a share of the event loop. */
const LAG_RESOLUTION_MS = 5;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();

const server = await startServer({ dbFile, host: '127.0.0.1', port: 0 });
process.on('message', (message: ServerRequest) => {
  if (message === 'cpu') send({ cpu: process.cpuUsage() } satisfies ServerMessage);
  if (message === 'lag') {
    const ms = (ns: number) => ns / 1e6;
    send({ lag: { p50: ms(lag.percentile(50)), p99: ms(lag.percentile(99)), max: ms(lag.max) } } satisfies ServerMessage);
    lag.reset();
  }
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
lag.reset();
send({ url: server.url } satisfies ServerMessage);
