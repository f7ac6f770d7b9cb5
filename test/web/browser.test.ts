// The web app in a real browser (Debian's chromium through playwright-core) against the real
// server over a real library file. Screenshots of the main pages go to artifacts/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { fixture } from '../server/fixture-server.ts';
import { needsChromium as skip } from '../requirements.ts';
import { finishSession as finish, LAPTOP, openSession, PHONE, SCREENSHOTS, startWebApp, type WebApp } from './harness.ts';

let app: WebApp;
let server: WebApp['server'];

before(async () => {
  if (skip) return;
  app = await startWebApp();
  server = app.server;
});

after(async () => {
  await app?.close();
});

const open = (hash: string, viewport = LAPTOP, context?: BrowserContext) => openSession(app, hash, viewport, context);

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage });

test('search with a highlighted match, open a paper, follow an author, see versions side by side', { skip }, async () => {
  const session = await open('#/search');
  const { page } = session;
  await page.getByRole('heading', { level: 1, name: 'Your library' }).waitFor();
  assert.equal(await page.locator('table.listings tbody tr').count(), 4);
  await shot(page, 'home.png');

  await page.keyboard.press('/');
  await page.keyboard.type('graph neural');
  await page.keyboard.press('Enter');
  await page.locator('.summary', { hasText: 'match' }).waitFor();
  assert.equal(await page.locator('.summary').textContent(), '3 papers match');
  assert.deepEqual(await page.locator('ol.papers > li .paper-title mark').allTextContents(), ['Graph', 'Neural', 'Graph', 'Neural', 'Graph']);
  assert.equal(await page.locator('#q').evaluate((input) => input === document.activeElement), true, 'focus stays in the search box');
  await shot(page, 'search.png');

  await page.locator('ol.papers > li').first().locator('.paper-title a').click();
  await page.getByRole('heading', { level: 1, name: 'Beyond Oversquashing: Curvature-Guided Edge Rewiring for Long-Range Graph Neural Networks' }).waitFor();
  assert.deepEqual(await page.locator('.listed-in li > a:first-child').allTextContents(), ['poster-session.txt', 'trending.html']);
  await page.locator('.paper-authors a', { hasText: 'Mateo Quispe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Papers by Mateo Quispe' }).waitFor();
  assert.equal(await page.locator('.summary').textContent(), '1 paper');

  await page.goto(`${server.url}/#/paper/2`);
  await page.locator('.versions .side-by-side').waitFor();
  assert.deepEqual(await page.locator('.versions .version h3').allTextContents(), [
    'Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval',
    'Gated Low-Rank Adapters for Retrieval-Augmented Generation with Distracting Passages',
  ]);
  await shot(page, 'paper.png');
  await finish(session);
});

test('paste a listing, preview what was parsed, save it and browse it', { skip }, async () => {
  const session = await open('#/add');
  const { page } = session;
  await page.locator('#listing-text').fill(fs.readFileSync(fixture('test/fixtures/pages/session-compact.txt'), 'utf8'));
  await page.getByText('Name, format and labels').click();
  await page.locator('#listing-name').fill('icml-spotlight.txt');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('.report[aria-label="preview"]').waitFor();
  const facts = async () => Object.fromEntries(await page.locator('.facts > div').evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));
  const preview = await facts();
  assert.equal(preview.Format, 'session-page');
  const papers = Number(preview.Papers);
  assert.ok(papers > 0);
  assert.equal(await page.locator('table.parsed tbody tr').count(), papers);
  assert.equal((await server.library.listings()).length, 4, 'a preview stores nothing');
  await shot(page, 'add-listing-preview.png');

  await page.getByRole('button', { name: 'Save to library' }).click();
  await page.locator('.notice.success', { hasText: 'Saved as listing icml-spotlight.txt' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save to library' }).isDisabled(), true);
  await page.getByRole('link', { name: 'Browse its papers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Listing: icml-spotlight.txt' }).waitFor();
  assert.equal(await page.locator('.summary').textContent(), `${papers} papers`);

  // An uploaded file is used instead of pasted text, under its own name.
  await page.getByRole('link', { name: 'Add a listing' }).click();
  await page.locator('#listing-file').setInputFiles(fixture('test/fixtures/pages/trending-feed.html'));
  await page.locator('#listing-text:disabled').waitFor();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('.report[aria-label="preview"]').waitFor();
  assert.equal((await facts()).Format, 'trending-feed (from an HTML page)');
  assert.equal(await page.locator('#listing-name').inputValue(), 'trending-feed.html');
  await finish(session);
});

test('titles, authors, abstracts and links with markup are shown as text, never run', { skip }, async () => {
  const session = await open('#/search?q=retrieval&venue=XSSConf');
  const { page } = session;
  await page.locator('.summary', { hasText: 'match' }).waitFor();
  const titles = await page.locator('ol.papers .paper-title a').allTextContents();
  assert.ok(titles.includes(`<img src=x onerror="window.__xss='title'"> Robust <b>Bold</b> Claims about Retrieval`), titles.join('\n'));
  assert.equal(await page.locator('main img, main script, main svg, main b, main em, main i').count(), 0);
  await shot(page, 'xss-search.png');

  await page.locator('ol.papers .paper-title a', { hasText: 'Robust' }).click();
  await page.locator('.paper-page .abstract').waitFor();
  assert.match((await page.locator('.paper-page .abstract').textContent())!, /^We show <script>window.__xss='abstract'<\/script> that retrieval <a href=/);
  assert.equal(await page.locator('main img, main script, main svg').count(), 0);
  const linksOf = () => page.locator('.paper-page > .paper-links a').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(await linksOf(), [['PDF', 'https://example.org/paper.pdf']]);
  await page.goto(`${server.url}/#/paper/32`);
  await page.getByRole('heading', { level: 1, name: 'Escaping Markup in $\\LaTeX$ Titles: \\textbf{Bold} & <em>Emphasis</em>' }).waitFor();
  // A data: link is not a link: the paper is found by its title instead.
  assert.deepEqual((await linksOf()).map(([label, href]) => [label, new URL(href!).origin]), [
    ['arXiv', 'https://arxiv.org'],
    ['OpenReview', 'https://openreview.net'],
    ['Semantic Scholar', 'https://www.semanticscholar.org'],
    ['Google Scholar', 'https://scholar.google.com'],
  ]);
  await shot(page, 'xss-paper.png');

  await page.goto(`${server.url}/#/add`);
  await page.locator('#listing-text').fill(fs.readFileSync(fixture('test/fixtures/web/hostile.jsonl'), 'utf8'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('.report').waitFor();
  assert.equal(await page.locator('main img, main script, main svg').count(), 0);
  assert.match((await page.locator('table.parsed tbody tr').first().textContent())!, /<img src=x onerror=/);
  await finish(session);
});

/** The ids of the recommended papers, best first. */
const recommended = (page: Page) => page.locator('#recommendations ol.papers > li').evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-paper-id'))));

test('build a profile from BibTeX, see recommendations with reasons, rate one and watch the list change', { skip }, async () => {
  const session = await open('#/profile');
  const { page } = session;
  await page.getByRole('heading', { level: 1, name: 'Create your profile' }).waitFor();
  await page.locator('#profile-name').fill('Mara');
  await page.locator('#profile-files').setInputFiles(fixture('demo/my-papers.bib'));
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile: Mara' }).waitFor();
  await page.locator('#recommendations ol.papers > li').first().waitFor();
  assert.match((await page.locator('.profile-summary').textContent())!, /^5 papers of yours · 0 ratings/);
  const before = await recommended(page);
  assert.ok(before.length >= 5, `${before.length} recommendations`);
  const firstReason = page.locator('#recommendations ol.papers > li').first().locator('.reasons li').first();
  assert.match((await firstReason.textContent())!, /^Close to your .+/);
  await shot(page, 'profile.png', false);

  // Disliking the top recommendation keeps it in its place, marked, and ranks the others again:
  // papers like it move down.
  const top = before[0];
  await page.locator(`#recommendations li[data-paper-id="${top}"] button.rate.down`).click();
  await page.locator(`#recommendations li.rated.disliked[data-paper-id="${top}"]`).waitFor();
  const after = await recommended(page);
  assert.equal(after[0], top);
  assert.notDeepEqual(after.slice(1), before.slice(1).filter((id) => after.includes(id)));
  assert.match((await page.locator('#announcer').textContent())!, /Rated down; recommendations updated/);

  // Pick my name: suggestions come from the library's authors.
  await page.getByText('Add more of your papers').click();
  await page.locator('#profile-author').fill('lindq');
  await page.getByRole('button', { name: /^Mara Lindqvist \(\d+ papers\)$/ }).click();
  assert.equal(await page.locator('#profile-author').inputValue(), 'Mara Lindqvist');
  await page.getByRole('button', { name: 'Add to profile' }).click();
  await page.locator('.profile-summary', { hasText: '7 papers of yours · 1 rating' }).waitFor();
  await finish(session);
});

test('plan a session: ranked for the profile, own papers marked, short-list exported as Markdown and .ics', { skip }, async () => {
  const session = await open('#/profile');
  const { page } = session;
  // The profile made by the previous test is remembered by name.
  await page.evaluate(() => localStorage.setItem('paperscout.profile', 'Mara'));
  await page.goto(`${server.url}/#/plan?listing=poster-session.txt`);
  await page.locator('ol.plan-list > li').first().waitFor();
  assert.equal(await page.locator('#plan-profile').inputValue(), 'Mara');
  const yours = await page.locator('ol.plan-list > li.yours .paper-title a').allTextContents();
  assert.ok(yours.includes('Evidence-Gated LoRA: Parameter-Efficient Fine-Tuning That Knows When to Trust Retrieval'), yours.join('\n'));
  assert.equal(await page.locator('ol.plan-list > li').count(), 24);

  const rows = page.locator('ol.plan-list > li:not(.yours)');
  const picks = [await rows.nth(0).getAttribute('data-paper-id'), await rows.nth(2).getAttribute('data-paper-id')];
  await rows.nth(2).locator('input[type=checkbox]').check();
  await rows.nth(0).locator('input[type=checkbox]').check();
  await page.locator('#shortlist-title', { hasText: 'Your short-list (2)' }).waitFor();
  assert.equal(await page.locator('#export-ics').evaluate((element) => element.tagName), 'BUTTON', 'no calendar without a time');
  await page.locator('#plan-start').fill('2025-07-15T11:00');
  await page.locator('#plan-end').fill('13:30');
  await shot(page, 'planner.png', false);

  const download = async (id: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(id).click()]);
    return { name: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
  };
  const markdown = await download('#export-md');
  assert.equal(markdown.name, 'poster-session-plan.md');
  const titleOf = async (id: string | null) => (await page.locator(`ol.plan-list > li[data-paper-id="${id}"] .paper-title a`).textContent())!;
  const listed = markdown.text.split('\n').filter((line) => line.startsWith('- [ ] '));
  assert.equal(listed.length, 2);
  assert.ok(listed[0].includes(await titleOf(picks[0])) && listed[1].includes(await titleOf(picks[1])), markdown.text);
  const calendar = await download('#export-ics');
  assert.equal(calendar.name, 'poster-session-plan.ics');
  assert.ok(calendar.text.includes('DTSTART:20250715T110000\r\nDTEND:20250715T133000\r\n'), calendar.text);

  // The short-list survives a reload.
  await page.reload();
  await page.locator('#shortlist-title', { hasText: 'Your short-list (2)' }).waitFor();
  await finish(session);
});

test('readable at phone width', { skip }, async () => {
  for (const [hash, name] of [
    ['#/search?q=retrieval', 'phone-search.png'],
    ['#/plan?listing=poster-session.txt&profile=Mara', 'phone-planner.png'],
  ]) {
    const session = await open(hash, PHONE);
    const { page } = session;
    await page.locator('ol.papers > li').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `${hash} scrolls sideways`);
    await shot(page, name, false);
    await finish(session);
  }
});
