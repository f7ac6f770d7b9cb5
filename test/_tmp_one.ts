import { readFileSync } from 'node:fs';
import { sessionPageImporter } from '../src/importers/session-page.ts';
const [f, t] = process.argv.slice(2);
const exp = (JSON.parse(readFileSync(`/tmp/synth/${f}.json`, 'utf8')) as [string, string[], string | null][]).find(x => x[0].startsWith(t))!;
const got = sessionPageImporter.parse(readFileSync(`/tmp/synth/${f}.txt`, 'utf8'), f).papers.find(p => p.title.startsWith(t))!;
const a = exp[2] ?? '', b = got.abstract ?? '';
let i = 0; while (i < a.length && a[i] === b[i]) i++;
console.log(JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))); console.log(JSON.stringify(b.slice(Math.max(0, i - 80), i + 80)));
