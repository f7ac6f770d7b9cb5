// Listing pages rendered from real paper lists (../shared/corpora/paperlists) — session pages
// in both shapes with missing and broken abstracts, feeds, abstract lists — must parse back to
// exactly the papers they were made from.
import { asTypeset } from '../../src/importers/derived-title.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionPageImporter } from '../../src/importers/session-page.ts';
import { trendingFeedImporter } from '../../src/importers/trending-feed.ts';
import { abstractListImporter } from '../../src/importers/abstract-list.ts';
import { needsShared } from '../requirements.ts';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora', 'paperlists');
const skip = needsShared('corpora/paperlists');

interface Poster {
  title: string;
  authors: string[];
  abstract?: string;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim().normalize('NFC');
const NAME = /^\p{L}[\p{L}\p{M}.'’ -]*$/u;

/** Up to `count` papers whose corpus fields are clean (some are placeholders or cut off mid-word). */
function cleanPosters(venue: string, count: number): Poster[] {
  const records = JSON.parse(readFileSync(path.join(corpusDir, `${venue}.json`), 'utf8')) as { title?: string; author?: string; abstract?: string }[];
  const posters: Poster[] = [];
  for (const record of records) {
    const title = squeeze(record.title ?? '');
    const authors = (record.author ?? '').split(';').map(squeeze).filter(Boolean);
    const abstract = squeeze(record.abstract ?? '');
    // Some corpus abstracts are cut off mid-word or lost their first letter ("n this paper").
    const clean =
      title && authors.length > 0 && authors.every((name) => NAME.test(name) && !/withdrawn/i.test(name)) &&
      abstract.length >= 200 && /^[^\p{Ll}]/u.test(abstract) && /[.!?)]$/.test(abstract) && !/[\u0000-\u001f]/.test(record.abstract ?? '');
    if (clean) posters.push({ title, authors, abstract });
    if (posters.length === count) break;
  }
  return posters;
}

/** The first word index from `from` on that does not follow the end of a clause. */
function midSentenceBreak(words: readonly string[], from: number): number {
  let index = from;
  while (index < words.length - 1 && /[.!?:;,]["'”’)\]]*$/.test(words[index - 1])) index++;
  return index;
}

/** The page text a browser copy would give, varying the shape poster by poster. */
function renderPage(posters: readonly Poster[], blankLines: boolean): string {
  const lines = ['Skip to yearly menu bar Skip to main content', 'Poster', 'Poster Session 4', 'Hall C', 'Abstract:', 'Chat is not available.'];
  posters.forEach((poster, index) => {
    lines.push(poster.title, poster.authors.join(' · '));
    const words = poster.abstract?.split(' ') ?? [];
    if (index % 5 === 0) {
      // Broken over three lines inside sentences (a break after a full stop reads as a new paragraph).
      const [first, second] = [1, 2].map((part) => midSentenceBreak(words, Math.floor((words.length * part) / 3)));
      lines.push(words.slice(0, first).join(' '), words.slice(first, second).join(' '), words.slice(second).join(' '));
    } else if (words.length > 0) {
      lines.push(poster.abstract ?? '');
    }
  });
  return blankLines ? `${lines.join('  \r\n\r\n')}\r\n` : `${lines.join('\n')}\n`;
}

for (const [venue, blankLines] of [['iclr/iclr2018', false], ['icml/icml2019', true], ['acl/acl2022', false], ['ijcai/ijcai2023', true]] as const) {
  test(`${venue} rendered as a ${blankLines ? 'blank-line CRLF' : 'compact'} session page parses back exactly`, { skip }, () => {
    const posters = cleanPosters(venue, 150).map((poster, index) => (index % 7 === 3 ? { ...poster, abstract: undefined } : poster));
    assert.equal(posters.length, 150);
    const listing = sessionPageImporter.parse(renderPage(posters, blankLines), `${venue}.txt`);
    assert.deepEqual(listing.meta, { session: 'Poster Session 4', room: 'Hall C' });
    assert.deepEqual(
      listing.papers.map(({ title, authors, abstract }) => ({ title, authors, abstract })),
      posters,
    );
  });
}

test('trending feeds rendered from four venues parse back exactly', { skip }, () => {
  for (const venue of ['iclr/iclr2018', 'icml/icml2019', 'acl/acl2022', 'colm/colm2024']) {
    const papers = cleanPosters(venue, 200).map(({ title, abstract }) => ({ title, authors: [], abstract }));
    const text = [
      'Get trending papers in your email inbox once a day!',
      `Subscribe${papers.map((paper) => `${paper.title}\n${paper.abstract}`).join('\n')}`,
      'Contact us on: hello@paperswithcode.com . Papers With Code is a free resource with all data licensed under CC-BY-SA.',
    ].join('\n');
    assert.deepEqual(trendingFeedImporter.parse(text, `${venue}.txt`).papers, papers, venue);
  }
});

test('abstract lists rendered from a venue keep every abstract and derive a short title for each', { skip }, () => {
  const abstracts = cleanPosters('colm/colm2024', 200).map((poster) => poster.abstract ?? '');
  const { papers } = abstractListImporter.parse(abstracts.map((abstract) => `Abstract:${abstract}`).join('\n'), 'list.txt');
  assert.deepEqual(papers.map((paper) => paper.abstract), abstracts);
  for (const paper of papers) {
    assert.ok(paper.titleDerived && paper.title.length >= 10 && paper.title.length <= 91, paper.title);
    // The title is the abstract's start as typeset (LaTeX quotes and ties as characters).
    assert.ok(asTypeset(paper.abstract!).replace(/\s+/g, ' ').trim().startsWith(paper.title.replace(/…$/, '')), paper.title);
  }
});
