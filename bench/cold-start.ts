// Wall time of a fresh process: until its first byte on stdout and until it exits.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { repoRoot } from './paths.ts';

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

/** Cold start is measured on the compiled CLI, as installed users run it: compiles it when any source is newer. */
export function ensureCliBuild(): void {
  const built = path.join(repoRoot, 'dist', 'cli', 'main.js');
  const newestSource = Math.max(
    ...fs
      .readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith(`web${path.sep}`))
      .map((file) => fs.statSync(path.join(repoRoot, 'src', file)).mtimeMs),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource) return;
  console.log('compiling the CLI first (npm run build)…');
  // tsc still emits when files elsewhere in the tree have type errors; the cold start only needs the output.
  const { status } = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (status !== 0) console.warn(`npm run build exited with ${status}`);
  if (!fs.existsSync(built)) throw new Error('npm run build produced no dist/cli/main.js');
}
