// The web app as a researcher meets it (issue 14), in a real browser: navigation that never
// strands a page, focus and scroll where a reader expects them, every page at phone width, the
// planner's short-list at hand on a phone, no silent cap, a way out to every paper, listings to
// rename and remove, and "pick my name" asking which of a name's people is you.
// Screenshots at 1280 and 390 px go to artifacts/screenshots/ux-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fixture } from '../server/fixture-server.ts';
import { needsChromium as skip } from '../requirements.ts';
import { finishSession, LAPTOP, openSession, PHONE, SCREENSHOTS, startWebApp, type WebApp } from './harness.ts';

let app: WebApp;

async function post(route: string, body: unknown): Promise<void> {
  const response = await fetch(`${app.server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${route}: ${response.status} ${await response.text()}`);
}

before(async () => {
  if (skip) return;
  app = await startWebApp();
  for (const file of ['test/fixtures/web/long-words.jsonl', 'test/fixtures/identities/yong-liu.jsonl']) {
    await post('/api/listings', { fileName: path.basename(file), text: fs.readFileSync(fixture(file), 'utf8') });
  }
  await post('/api/profiles', { name: 'Mara', files: [{ fileName: 'my-papers.bib', text: fs.readFileSync(fixture('demo/my-papers.bib'), 'utf8') }] });
});

after(async () => {
  await app?.close();
});

/** `hash` in a fresh browser profile that remembers profile Mara; `done` checks nothing went wrong. */
async function open(hash: string, viewport = LAPTOP): Promise<{ page: Page; done: () => Promise<void> }> {
  const context = await app.browser.newContext({ viewport });
  await context.addInitScript(() => localStorage.setItem('paperscout.profile', 'Mara'));
  const session = await openSession(app, hash, viewport, context);
  return { page: session.page, done: () => finishSession(session) };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `ux-${name}.png`), fullPage: false });
const heading = (page: Page) => page.locator('h1').textContent();
const focused = (page: Page) => page.evaluate(() => {
  const element = document.activeElement as HTMLElement | null;
  return element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} ${element.textContent?.trim().slice(0, 80)}` : 'none';
});

test('moving on while a page loads: the page moved to is shown, never the one left behind', { skip }, async () => {
  const { page, done } = await open('#/add');
  await page.getByRole('heading', { level: 1, name: 'Add a listing' }).waitFor();
  // The search page's first request is held until the reader has moved on to "Add a listing".
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/listings', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Add a listing' }).click();
  await page.locator('#listing-text').waitFor();
  const answered = page.waitForResponse('**/api/listings');
  release();
  await answered;
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  assert.equal(await heading(page), 'Add a listing');
  assert.equal(await page.locator('main .loading').count(), 0, 'no "Loading…" left behind');
  assert.equal(await page.locator('#listing-text').count(), 1);
  assert.equal(await page.locator('header nav a[aria-current=page]').textContent(), 'Add a listing');
  await done();
});

test('from a paper to a similar one: the new paper from its top, focus on its title', { skip }, async () => {
  const { page, done } = await open('#/paper/1');
  const similar = page.locator('section[aria-labelledby=similar-title] ol.papers > li .paper-title a').first();
  await similar.waitFor();
  const title = (await similar.textContent())!;
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok((await page.evaluate(() => window.scrollY)) > 200, 'scrolled down to the similar papers');
  await similar.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.locator('section[aria-labelledby=similar-title] ol.papers > li').first().waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await focused(page), `h1 ${title.slice(0, 80)}`);
  await done();
});

test('paging with the keyboard keeps focus on the pager', { skip }, async () => {
  const { page, done } = await open('#/search?listing=poster-session.txt');
  const pager = page.getByRole('navigation', { name: 'pages' });
  await pager.getByRole('link', { name: 'Next →' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.pager .range', { hasText: '21–24 of 24 papers' }).waitFor();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  // On the last page "Next" is greyed out, and holds the focus.
  assert.equal(await focused(page), 'span#page-next Next →');
  await pager.getByRole('link', { name: '← Previous' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.pager .range', { hasText: '1–20 of 24 papers' }).waitFor();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  assert.equal(await focused(page), 'span#page-prev ← Previous');
  // Tab goes on from there, as it would have before paging.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'a#page-next Next →');
  await done();
});

/** Every page, as the reader finds it: the address and what shows it has come. */
const PAGES: [name: string, hash: string, ready: string][] = [
  ['library', '#/search', 'table.listings'],
  ['search', '#/search?q=retrieval', 'ol.papers > li'],
  ['listing-papers', '#/search?listing=long-words.jsonl', 'ol.papers > li'],
  ['paper-versions', '#/paper/2', '.versions .side-by-side'],
  ['paper-long-words', '#/paper/34', '.versions .side-by-side'],
  ['add-listing', '#/add', '#listing-text'],
  ['profile', '#/profile', '#recommendations ol.papers > li'],
  ['new-profile', '#/profile?new=1', '#profile-name'],
  ['planner', '#/plan?listing=poster-session.txt', 'ol.plan-list > li'],
  ['planner-long-words', '#/plan?listing=long-words.jsonl', 'ol.plan-list > li'],
  ['listing', '#/listing/1', '#edit-name'],
];

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('no page scrolls sideways at 390 px, whatever its listings hold', { skip }, async () => {
  for (const [name, hash, ready] of PAGES) {
    for (const [viewport, width] of [[PHONE, 390], [LAPTOP, 1280]] as const) {
      const { page, done } = await open(hash, viewport);
      await page.locator(ready).first().waitFor();
      assert.equal(await sideways(page), 0, `${hash} scrolls sideways at ${width} px`);
      await shot(page, `${name}-${width}`);
      await done();
    }
  }
  // The add-listing preview's table of a listing with long words and many authors.
  const { page, done } = await open('#/add', PHONE);
  await page.locator('#listing-text').fill(fs.readFileSync(fixture('test/fixtures/web/long-words.jsonl'), 'utf8'));
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.locator('table.parsed').waitFor();
  assert.equal(await sideways(page), 0, 'the add-listing preview scrolls sideways');
  await done();
});

test('on a phone the short-list stays at hand at the bottom of the planner; on a laptop it is beside the papers', { skip }, async () => {
  const { page, done } = await open('#/plan?listing=poster-session.txt', PHONE);
  const bar = page.locator('#shortlist-bar');
  await bar.waitFor();
  const inView = async () => {
    const box = (await bar.boundingBox())!;
    return box.y >= 0 && box.y + box.height <= PHONE.height;
  };
  assert.equal(await bar.locator('.bar-count').textContent(), 'Nothing ticked yet');
  assert.ok(await inView(), 'the bar shows with the first papers');
  await page.locator('ol.plan-list > li').nth(2).locator('input[type=checkbox]').check();
  await page.locator('ol.plan-list > li').nth(12).scrollIntoViewIfNeeded();
  await page.locator('ol.plan-list > li').nth(12).locator('input[type=checkbox]').check();
  assert.equal(await bar.locator('.bar-count').textContent(), '2 papers ticked');
  assert.ok(await inView(), 'the bar stays in sight while scrolling the papers');
  await shot(page, 'planner-bar-390');
  await bar.getByRole('button', { name: 'Short-list and export ↓' }).click();
  await page.waitForFunction(() => {
    const box = document.getElementById('shortlist-title')!.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.equal(await focused(page), 'h2#shortlist-title Your short-list (2)');
  await done();

  const laptop = await open('#/plan?listing=poster-session.txt', LAPTOP);
  await laptop.page.locator('ol.plan-list > li').first().waitFor();
  assert.equal(await laptop.page.locator('#shortlist-bar').isVisible(), false);
  assert.equal(await laptop.page.locator('.plan-export').isVisible(), true);
  await laptop.done();
});

test('a plan that leaves papers out says so', { skip }, async () => {
  const { page, done } = await open('#/search');
  await page.route('**/api/session-plan?*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), omitted: 1645 } });
  });
  await page.goto(`${app.server.url}/#/plan?listing=poster-session.txt`);
  await page.locator('ol.plan-list > li').first().waitFor();
  assert.match((await page.locator('#plan-omitted').textContent())!, /^This plan shows \d+ papers; 1,645 more papers of the listing are left out/);
  await done();
});

test('every paper has a way out: its links, or title searches, on cards, its page and the planner', { skip }, async () => {
  const { page, done } = await open('#/search?q=retrieval');
  await page.locator('ol.papers > li').first().waitFor();
  const linksPerCard = await page.locator('ol.papers > li').evaluateAll((cards) => cards.map((card) => Array.from(card.querySelectorAll('.paper-links a'), (a) => a.getAttribute('href')!)));
  assert.ok(linksPerCard.length > 5);
  for (const links of linksPerCard) {
    assert.ok(links.length > 0, 'a card without a way out');
    for (const href of links) assert.match(href, /^https:\/\//);
  }
  assert.deepEqual(
    await page.locator('ol.papers > li', { hasText: 'Evidence-Gated LoRA' }).locator('.paper-links .searches a').allTextContents(),
    ['arXiv', 'OpenReview', 'Semantic Scholar', 'Google Scholar'],
  );
  // A paper with a PDF links to it, and searches for nothing.
  await page.goto(`${app.server.url}/#/search?q=retrieval&venue=XSSConf`);
  const robust = page.locator('ol.papers > li', { hasText: 'Robust' }).first().locator('.paper-links');
  await robust.waitFor();
  assert.equal(await robust.textContent(), 'PDF');
  await page.goto(`${app.server.url}/#/plan?listing=poster-session.txt`);
  await page.locator('ol.plan-list > li .paper-links a').first().waitFor();
  assert.equal(await page.locator('ol.plan-list > li').first().locator('.paper-links a').count(), 4);
  assert.equal(await page.locator('ol.plan-list > li .paper-links a[target=_blank][rel~=noopener]').count(), await page.locator('ol.plan-list > li .paper-links a').count());
  await done();
});

test('a pasted page is named by what it says; a listing is renamed, relabelled and removed, told what goes with it', { skip }, async () => {
  const { page, done } = await open('#/add');
  await page.locator('#listing-text').fill(fs.readFileSync(fixture('test/fixtures/pages/session-compact.txt'), 'utf8'));
  await page.getByRole('button', { name: 'Preview' }).click();
  assert.equal(await page.locator('#listing-saved-as').textContent(), 'ICML 2025 · Spotlight Poster Session 2 · West Exhibition Hall B2-B3');
  await page.getByRole('button', { name: 'Save to library' }).click();
  await page.locator('.notice.success', { hasText: 'Saved as listing ICML 2025 · Spotlight Poster Session 2 · West Exhibition Hall B2-B3' }).waitFor();
  await shot(page, 'add-listing-named-1280');

  await page.getByRole('link', { name: 'Search' }).first().click();
  await page.getByRole('link', { name: 'Edit or remove trending.html' }).click();
  await page.getByRole('heading', { level: 1, name: 'Listing: trending.html' }).waitFor();
  await page.locator('#edit-name').fill('Trending in May');
  await page.locator('#edit-venue').fill('arXiv');
  await page.locator('#edit-year').fill('2025');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Listing: Trending in May' }).waitFor();
  assert.equal(await page.locator('.notice.success').textContent(), 'Saved: 8 papers took the new venue, 8 papers took the new year.');
  await shot(page, 'listing-1280');

  await page.getByRole('button', { name: 'Remove this listing…' }).click();
  const confirm = page.locator('#confirm-remove');
  await confirm.waitFor();
  // Three of its papers are in the poster session too; the other five go.
  assert.equal(await confirm.textContent(), 'Remove it and delete 5 papers');
  assert.match((await page.locator('#removal').textContent())!, /5 papers are in no other listing: removing deletes them from the library, with their ratings and their places in profiles\. 3 papers also in other listings stay\./);
  await shot(page, 'listing-remove-1280');
  await confirm.click();
  await page.getByRole('heading', { level: 1, name: 'Removed Trending in May' }).waitFor();
  await page.getByRole('link', { name: 'Back to the library' }).click();
  await page.locator('table.listings').waitFor();
  assert.equal(await page.locator('table.listings tbody tr', { hasText: 'Trending in May' }).count(), 0);
  await done();
});

test('pick my name: the people a name may be, to tick; nothing is merged unasked', { skip }, async () => {
  const { page, done } = await open('#/profile?new=1');
  await page.locator('#profile-name').fill('Yong');
  await page.locator('#profile-author').fill('yong li');
  await page.getByRole('button', { name: /^(Yong Liu|LIU YONG) \(6 papers\)$/ }).click();
  const choices = page.locator('#author-identities fieldset.identities');
  await choices.waitFor();
  assert.equal(await choices.locator('legend').textContent(), 'This name may be 3 people: which are you?');
  assert.deepEqual(await choices.locator('label.identity > span > strong').allTextContents(), ['3 papers', '2 papers', '1 paper']);
  assert.match((await choices.locator('label.identity').nth(1).textContent())!, /with Maria Garcia, John Smith · CoRL 2022, ICRA 2023Terrain-Aware Locomotion from Proprioception/);
  assert.equal(await choices.locator('input:checked').count(), 0);
  await shot(page, 'pick-name-1280');
  await page.setViewportSize(PHONE);
  assert.equal(await sideways(page), 0, 'the choice list scrolls sideways at 390 px');
  await choices.scrollIntoViewIfNeeded();
  await shot(page, 'pick-name-390');
  await page.setViewportSize(LAPTOP);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.locator('.profile-sources .error', { hasText: 'Tick the people of this name that are you.' }).waitFor();
  await choices.locator('input[value="1"]').check();
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile: Yong' }).waitFor();
  assert.match((await page.locator('.profile-summary').textContent())!, /^3 papers of yours/);
  await done();
});
