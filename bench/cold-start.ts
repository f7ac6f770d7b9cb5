// Wall time of a fresh process: until its first byte on stdout and until it exits.
import { spawn } from 'node:child_process';

export interface ProcessTiming {
  firstByteMs: number;
  totalMs: number;
}

export function timeProcess(command: string, args: readonly string[], cwd: string): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstByteMs: number | undefined;
    let stderr = '';
    child.stdout.on('data', () => (firstByteMs ??= elapsed()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const totalMs = elapsed();
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`));
      // A process that prints nothing (node -e 0) has its first result when it is done.
      else resolve({ firstByteMs: firstByteMs ?? totalMs, totalMs });
    });
  });
}

/** Runs the commands one after another, never two at once, so they do not compete for the cores. */
export async function timeProcesses(runs: readonly { command: string; args: readonly string[] }[], cwd: string): Promise<ProcessTiming[]> {
  const timings: ProcessTiming[] = [];
  for (const run of runs) timings.push(await timeProcess(run.command, run.args, cwd));
  return timings;
}
