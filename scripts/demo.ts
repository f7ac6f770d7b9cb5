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
paperscout('profile', 'create', 'mara', '--from', 'demo/my-papers.bib');
paperscout('recommend', '--profile', 'mara', '--listing', 'poster-session.txt', '--limit', '5');
paperscout('similar', '--text', 'Retrieval-augmented language models that learn when to trust a retrieved passage.', '--limit', '3');
// Last, the web app over the same library; it runs until Ctrl+C.
paperscout('serve', '--port', process.env.PORT ?? '8080');
