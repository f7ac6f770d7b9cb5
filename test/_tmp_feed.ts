import { readFileSync } from 'node:fs';
import { trendingFeedImporter } from '../src/importers/trending-feed.ts';
const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim().normalize('NFC');
for (const venue of ['iclr/iclr2018', 'icml/icml2019', 'acl/acl2022', 'ijcai/ijcai2023', 'colm/colm2024', 'corl/corl2023']) {
  const recs = JSON.parse(readFileSync(`/work/shared/corpora/paperlists/${venue}.json`, 'utf8')) as any[];
  const papers = recs.map(r => ({ title: squeeze(r.title ?? ''), abstract: squeeze(r.abstract ?? '') })).filter(p => p.title && p.abstract.length >= 100 && !/[\u0000-\u001f]/.test(p.abstract)).slice(0, 300);
  const text = ['Get trending papers in your email inbox once a day!', 'Get trending papers in your email inbox!', 'Subscribe' + papers.map(p => `${p.title}\n${p.abstract}`).join('\n')].join('\n');
  const got = trendingFeedImporter.parse(text, 'x').papers;
  let bad = 0;
  const byTitle = new Map(got.map(p => [p.title, p]));
  for (const p of papers) { const g = byTitle.get(p.title); if (!g || g.abstract !== p.abstract) { bad++; if (bad < 4) console.log('  ', p.title.slice(0, 80), '|', p.abstract.slice(0, 60), '|', g ? g.abstract?.slice(0, 50) : 'MISSING'); } }
  console.log(venue, papers.length, got.length, 'bad', bad);
}
{
  const recs = JSON.parse(readFileSync(`/work/shared/corpora/paperlists/acl/acl2022.json`, 'utf8')) as any[];
  const papers = recs.map(r => ({ title: squeeze(r.title ?? ''), abstract: squeeze(r.abstract ?? '') })).filter(p => p.title && p.abstract.length >= 100).slice(0, 300);
  const i = papers.findIndex(p => p.title.startsWith('(Un)solving'));
  console.log(papers.slice(i - 1, i + 1).map(p => [p.title, p.abstract.slice(-80)]));
  const got = trendingFeedImporter.parse(papers.map(p => `${p.title}\n${p.abstract}`).join('\n'), 'x').papers;
  const j = got.findIndex(p => p.abstract?.includes('(Un)solving') || p.title.includes('(Un)solving'));
  console.log(got[j].title, '|', got[j].abstract?.slice(0, 100), '|', JSON.stringify(got[j].abstract?.slice(-400)));
  const s = readFileSync('/work/shared/corpora/paperlists/iclr/iclr2018.json','utf8');
  const recs2 = JSON.parse(s) as any[];
  const p2 = recs2.map(r => ({ title: squeeze(r.title ?? ''), abstract: squeeze(r.abstract ?? '') })).filter(p => p.title && p.abstract.length >= 100).slice(0, 300);
  const got2 = trendingFeedImporter.parse(p2.map(p => `${p.title}\n${p.abstract}`).join('\n'), 'x').papers;
  for (const t of ['Super-Convergence', 'INTERPRETATION OF NEURAL']) { const g = got2.find(p => p.title.startsWith(t))!; const e = p2.find(p => p.title.startsWith(t))!; let k = 0; while (g.abstract![k] === e.abstract[k]) k++; console.log(JSON.stringify(e.abstract.slice(k - 50, k + 30)), JSON.stringify(g.abstract!.slice(k - 50, k + 30))); }
}
