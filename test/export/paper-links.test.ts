// The links out from a paper (src/paper-links.ts), which the web app and the Markdown plan show:
// known links first, title searches otherwise, and never anything but http(s) from a listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paperLinks, webUrl } from '../../src/paper-links.ts';
import type { Paper } from '../../src/types.ts';

const links = (urls: Paper['urls'], ids: Paper['ids'] = {}, title = 'A Title') =>
  paperLinks({ title, urls, ids }).map((link) => [link.kind, link.label, link.url]);

test('known ids and links, in reading order; the site after them, never twice', () => {
  assert.deepEqual(
    links(
      { site: 'https://proceedings.example/paper/7', pdf: 'https://proceedings.example/7.pdf', github: 'https://github.com/a/b' },
      { arxiv: '2310.01234', openreview: 'Ab_c-9', doi: '10.1145/3580305.3599256' },
    ),
    [
      ['read', 'arXiv', 'https://arxiv.org/abs/2310.01234'],
      ['read', 'OpenReview', 'https://openreview.net/forum?id=Ab_c-9'],
      ['read', 'DOI', 'https://doi.org/10.1145/3580305.3599256'],
      ['read', 'PDF', 'https://proceedings.example/7.pdf'],
      ['read', 'Paper page', 'https://proceedings.example/paper/7'],
      ['read', 'Code', 'https://github.com/a/b'],
    ],
  );
  assert.deepEqual(links({ pdf: 'https://x.org/1.pdf', site: 'https://x.org/1.pdf' }), [['read', 'PDF', 'https://x.org/1.pdf']]);
  assert.deepEqual(links({}, { arxiv: 'cs/0112017' }), [['read', 'arXiv', 'https://arxiv.org/abs/cs/0112017']]);
});

test('without arXiv, OpenReview, DOI or PDF: title searches on four sites, the page and code still shown', () => {
  assert.deepEqual(links({ site: 'https://iclr.cc/virtual/2024/poster/1' }, {}, 'Graph  Rewiring:\nA & B?'), [
    ['read', 'Paper page', 'https://iclr.cc/virtual/2024/poster/1'],
    ['search', 'arXiv', 'https://arxiv.org/search/?query=Graph+Rewiring%3A+A+%26+B%3F&searchtype=title'],
    ['search', 'OpenReview', 'https://openreview.net/search?term=Graph+Rewiring%3A+A+%26+B%3F'],
    ['search', 'Semantic Scholar', 'https://www.semanticscholar.org/search?q=Graph+Rewiring%3A+A+%26+B%3F'],
    ['search', 'Google Scholar', 'https://scholar.google.com/scholar?q=Graph+Rewiring%3A+A+%26+B%3F'],
  ]);
});

test('links from a listing that are not web addresses are no links; odd ids make none', () => {
  for (const hostile of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:msgbox', 'file:///etc/passwd', '//evil.example/x', 'about:blank', 'not a url']) {
    assert.equal(webUrl(hostile), undefined, hostile);
    const made = links({ site: hostile, pdf: hostile, github: hostile, project: hostile }, { arxiv: hostile, openreview: hostile, doi: hostile });
    assert.deepEqual(made.map(([kind]) => kind), ['search', 'search', 'search', 'search'], hostile);
  }
  // Ids that are not ids: no link into arXiv's or OpenReview's site under another path.
  assert.deepEqual(links({}, { arxiv: '../../admin', openreview: 'x?id=1#y' }).map(([kind]) => kind), ['search', 'search', 'search', 'search']);
  // A DOI may hold anything after its prefix: it stays inside doi.org's path.
  assert.deepEqual(links({}, { doi: '10.1000/a"><script>?#x' }), [['read', 'DOI', 'https://doi.org/10.1000/a%22%3E%3Cscript%3E%3F%23x']]);
  // Web addresses come back as parsed: spaces and angle brackets encoded, so Markdown's <…> holds them.
  assert.equal(webUrl('https://ok.example/a b<c>'), 'https://ok.example/a%20b%3Cc%3E');
  const every = paperLinks({ title: '<script>"', urls: { site: 'https://ok.example/a b<c>"' }, ids: {} });
  for (const { url } of every) assert.match(url, /^https:\/\/[^\s<>"]+$/);
});
