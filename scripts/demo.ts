// `npm start`: builds a demo library from the listings in demo/ and shows what paperscout
// does with it, running the real CLI so every step is a command a researcher could type.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const db = path.join(root, 'artifacts', 'demo', 'library.db');

function paperscout(...args: string[]): void {
  console.log(`\n$ paperscout ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), '--db', db, ...args], {
    stdio: 'inherit',
    cwd: root,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

fs.rmSync(path.dirname(db), { recursive: true, force: true });
console.log(`Demo library: ${path.relative(root, db)}`);
paperscout('ingest', 'demo/poster-session.txt', 'demo/trending.html');
paperscout('listings');
paperscout('search', 'graph neural', '--limit', '3');
paperscout('search', '"fine-tuning"', 'retriev*', '--limit', '3');
paperscout('stats');
