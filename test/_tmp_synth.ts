import { readFileSync, readdirSync } from 'node:fs';
import { sessionPageImporter } from '../src/importers/session-page.ts';
let total = 0, bad = 0;
for (const f of readdirSync('/tmp/synth').filter(f => f.endsWith('.txt'))) {
  const exp = JSON.parse(readFileSync('/tmp/synth/' + f.replace('.txt', '.json'), 'utf8')) as [string, string[], string | null][];
  let got;
  try { got = sessionPageImporter.parse(readFileSync('/tmp/synth/' + f, 'utf8'), f).papers; } catch (e) { console.log(f, 'ERROR', (e as Error).message, (e as any).location); continue; }
  const norm = (s?: string | null) => s ? s.replace(/\s+/g, ' ') : null;
  let fileBad = 0;
  const n = Math.max(exp.length, got.length);
  // align by title
  const gotByTitle = new Map(got.map(p => [p.title, p]));
  for (const [t, a, ab] of exp) {
    total++;
    const p = gotByTitle.get(t);
    if (!p || JSON.stringify(p.authors) !== JSON.stringify(a) || norm(p.abstract) !== norm(ab)) {
      bad++; fileBad++;
      if (fileBad <= 4) console.log(f, '|', t.slice(0, 80), '|', a.join(' · ').slice(0, 60), '|', p ? `got authors=${p.authors.join(' · ').slice(0,60)} abs=${(p.abstract ?? 'NONE').slice(0, 40)}` : 'MISSING', ab ? '' : '(no abstract)');
    }
  }
  console.log(f, 'expected', exp.length, 'got', got.length, 'bad', fileBad);
}
console.log('total', total, 'bad', bad);
