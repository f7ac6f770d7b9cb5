// The benchmarks' handle on the real server running in a child process (serve-library.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import type { LoopLag, ServerMessage, ServerRequest } from './serve-library.ts';

export interface ServerProcess {
  url: string;
  cpuMicros(): Promise<number>;
  /** Nanoseconds the server's threads have run, and waited to run (ready, but every core was busy); undefined where Linux's /proc is not. */
  schedStat(): { runNs: number; waitNs: number } | undefined;
  /** How late the server's event loop ran since the last call (or since it started listening). */
  loopLag(): Promise<LoopLag>;
  /** The server's resident memory now and at its peak, in MiB (Linux's /proc), undefined elsewhere. */
  memory(): { rssMiB: number; peakMiB: number } | undefined;
  stop(): Promise<void>;
}

/** `built`: the compiled server of dist/ (see serve-library.ts), which the caller has made sure is current. */
export async function startServerProcess(libraryFile: string, options: { built?: boolean } = {}): Promise<ServerProcess> {
  const env = options.built ? { ...process.env, PAPERSCOUT_BENCH_BUILT: '1' } : process.env;
  const child = fork(path.join(import.meta.dirname, 'serve-library.ts'), [libraryFile], { execArgv: ['--import', 'tsx'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ask = async <Field extends keyof ServerMessage>(request: ServerRequest, field: Field) => {
    const reply = nextMessage(child, field);
    child.send(request);
    return (await reply)[field]!;
  };
  const url = (await nextMessage(child, 'url')).url!;
  return {
    url,
    cpuMicros: async () => {
      const { user, system } = await ask('cpu', 'cpu');
      return user + system;
    },
    loopLag: () => ask('lag', 'lag'),
    schedStat: () => schedStat(child.pid!),
    memory: () => memory(child.pid!),
    stop: async () => {
      child.disconnect();
      await exited;
    },
  };
}

function memory(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

function schedStat(pid: number): { runNs: number; waitNs: number } | undefined {
  const tasks = `/proc/${pid}/task`;
  if (!fs.existsSync(tasks)) return undefined;
  let runNs = 0;
  let waitNs = 0;
  for (const tid of fs.readdirSync(tasks)) {
    try {
      // "time on a CPU, time waiting on a run queue, time slices", in nanoseconds (Documentation/scheduler/sched-stats.rst).
      const [run, wait] = fs.readFileSync(`${tasks}/${tid}/schedstat`, 'utf8').split(' ').map(Number);
      runNs += run;
      waitNs += wait;
    } catch {
      // The thread ended since the folder was read.
    }
  }
  return { runNs, waitNs };
}

function nextMessage(child: ChildProcess, field: keyof ServerMessage): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited (code ${code}) before sending its ${field}`));
    const onMessage = (message: ServerMessage) => {
      if (message[field] === undefined) return;
      child.off('message', onMessage).off('exit', onExit);
      resolve(message);
    };
    child.on('message', onMessage).once('exit', onExit);
  });
}

/** The server counts as idle once it uses less than this share of a core. */
const IDLE_CPU = 0.1;

/** Waits until the server has finished what it was doing; false if it was still busy after `timeoutMs`. */
export async function untilIdle(server: ServerProcess, timeoutMs: number): Promise<boolean> {
  const interval = 250;
  const deadline = performance.now() + timeoutMs;
  let before = await server.cpuMicros();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const now = await server.cpuMicros();
    if (now - before < IDLE_CPU * interval * 1000) return true;
    before = now;
  }
  return false;
}

export interface CpuUse {
  serverMs: number;
  /** Share of one core the server process used (all its threads: it can pass 100%). */
  serverCpu: number;
  /** Share of the whole machine used by processes other than the server and this one. */
  othersCpu: number;
  /** Of the time the server's threads were ready to run, the share they waited for a core; undefined where unknown. */
  waitedForCpu?: number;
}

/** Starts measuring the CPU time the server, this process and the rest of the machine use until `end`. */
export async function measureCpu(server: ServerProcess): Promise<{ end(): Promise<CpuUse> }> {
  const serverBefore = await server.cpuMicros();
  const ownBefore = process.cpuUsage();
  const machineBefore = machineCpuMs();
  const schedBefore = server.schedStat();
  const started = performance.now();
  return {
    end: async () => {
      const wallMs = performance.now() - started;
      const serverMs = ((await server.cpuMicros()) - serverBefore) / 1000;
      const own = process.cpuUsage(ownBefore);
      const machine = machineCpuMs();
      const othersMs = machine.busy - machineBefore.busy - serverMs - (own.user + own.system) / 1000;
      const sched = server.schedStat();
      const ran = sched && schedBefore && sched.runNs - schedBefore.runNs;
      const waited = sched && schedBefore && sched.waitNs - schedBefore.waitNs;
      return {
        serverMs,
        serverCpu: serverMs / wallMs,
        othersCpu: Math.max(0, othersMs) / (machine.total - machineBefore.total),
        waitedForCpu: ran === undefined || waited === undefined ? undefined : waited / Math.max(1, ran + waited),
      };
    },
  };
}

/** Busy and total CPU milliseconds of the whole machine so far. */
function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}
