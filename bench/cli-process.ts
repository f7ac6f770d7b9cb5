// The real paperscout CLI in a child process, for bench:faults: run from the TypeScript sources
// (as the tests run it), so what is measured is always the checkout's code, never a stale dist/.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliProcess {
  kill(): void;
  done: Promise<CliRun>;
}

/** Starts `paperscout --db LIBRARY ARGS…`. */
export function startCli(library: string, args: readonly string[]): CliProcess {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), '--db', library, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - started }));
  });
  return { kill: () => child.kill('SIGKILL'), done };
}

export const runCli = (library: string, args: readonly string[]) => startCli(library, args).done;

/** Lines of a stack trace, or SQLite's busy errors, in what a run printed: what nobody should ever be shown. */
export function crashLines(run: CliRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /SQLITE_BUSY|database is locked|^\s+at .+(:\d+:\d+\)?|\(native\))$/.test(line));
}
