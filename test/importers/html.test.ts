import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { htmlToText, looksLikeHtml } from '../../src/importers/html.ts';
import { parseListing } from '../../src/importers/index.ts';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

test('looksLikeHtml: documents and fragments yes, plain text with literal markup no', () => {
  assert.equal(looksLikeHtml(fixture('session-compact.html')), true);
  assert.equal(looksLikeHtml('\uFEFF<!-- saved --> <html><body>x</body></html>'), true);
  assert.equal(looksLikeHtml('<div class="card"><h5>Title</h5></div>\n'), true);
  assert.equal(looksLikeHtml("<script>alert('x')</script> Injection Attacks\nAna Lima · Bo Chen\nWe study attacks."), false);
  assert.equal(looksLikeHtml(fixture('session-compact.txt')), false);
  assert.equal(looksLikeHtml('Title\n<b>bold</b>\n'), false);
  assert.equal(looksLikeHtml('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title></entry></feed>'), false);
  assert.equal(looksLikeHtml('<?xml version="1.0"?>\n<feed><entry/></feed>'), false);
});

test('htmlToText: blocks become lines, inline runs join with spaces, hidden parts dropped, entities decoded', () => {
  const html = `<!DOCTYPE html><html><head><title>Page</title><style>p { color: red }</style></head><body>
    <nav><a href="/">Home</a> <a href="#main">Skip to main content</a></nav>
    <h5><a href="/p/1">&lt;script&gt;alert(1)&lt;/script&gt; in a title</a></h5>
    <div><span>Ana Lima</span> &middot; <span>Bo Chen</span></div>
    <p>Code is available at
      <a href="https://example.org">example.org</a>, see <em>Table&nbsp;2</em>.<br>Second line</p>
    <script>document.write('<p>injected</p>')</script>
    <table><tr><th>a</th><th>b</th></tr><tr><td>c</td></tr></table>
    <ul><li>one</li><li>two</li></ul></body></html>`;
  assert.equal(
    htmlToText(html),
    [
      '<script>alert(1)</script> in a title',
      'Ana Lima · Bo Chen',
      'Code is available at example.org, see Table 2.',
      'Second line',
      'a',
      'b',
      'c',
      'one',
      'two',
    ].join('\n'),
  );
});

const pairs = [
  { html: 'session-compact.html', text: 'session-compact.txt', importer: sessionPageImporter },
  { html: 'trending-feed.html', text: 'trending-feed.txt', importer: trendingFeedImporter },
  { html: 'abstract-list.html', text: 'abstract-list.txt', importer: abstractListImporter },
];

for (const { html, text, importer } of pairs) {
  test(`${html} parses to the same listing as ${text}`, () => {
    const fromText = importer.parse(fixture(text), text);
    assert.deepEqual(importer.parse(htmlToText(fixture(html)), html), fromText);
    // The registry recognises the saved page, extracts its text and picks the format itself.
    assert.deepEqual(parseListing(fixture(html), html), { ...fromText, fromHtml: true });
  });
}
