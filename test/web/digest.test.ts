// The digest page and collections in a real browser: a digest made and rated with one click, a
// paper added to a collection from its card, a planner short-list kept as a collection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { fixture } from '../server/fixture-server.ts';
import { ingestPaths } from '../../src/actions/ingest.ts';
import { needsChromium as skip } from '../requirements.ts';
import { finishSession as finish, LAPTOP, openSession, startWebApp, type WebApp } from './harness.ts';

let app: WebApp;

before(async () => {
  if (skip) return;
  app = await startWebApp();
  const mine = await ingestPaths(app.server.library, [fixture('test/fixtures/digest/mine.jsonl')]);
  app.server.library.createProfile('mara');
  app.server.library.addListingsToProfile(app.server.library.profile('mara')!, mine.outcomes.map((o) => o.listing.id));
});
after(async () => {
  await app?.close();
});

const open = (hash: string, context?: BrowserContext) => openSession(app, hash, LAPTOP, context);

test('make a digest, rate its first paper with one click, and see the rating kept', { skip }, async () => {
  const session = await open('#/digest');
  const { page } = session;
  await page.getByText('No digest yet').waitFor();
  await page.locator('#make-digest').click();
  await page.locator('#digest-title').waitFor();
  const cards = page.locator('section.digest li.paper');
  assert.equal(await cards.count(), 20);
  const first = cards.first();
  const paperId = Number(await first.getAttribute('data-paper-id'));
  await first.locator('button.up').click();
  await first.locator('button.up[aria-pressed="true"]').waitFor();
  assert.deepEqual(app.server.library.profile('mara')!.ratings, { [paperId]: 1 });
  // The digest was recorded: the page shows it again, with the rating.
  await page.reload();
  await page.locator(`section.digest li.paper[data-paper-id="${paperId}"] button.up[aria-pressed="true"]`).waitFor();
  assert.equal(await page.locator('#digest-feed').getAttribute('href'), '/feeds/mara.atom');
  // Press again: the rating is cleared.
  await page.locator(`section.digest li.paper[data-paper-id="${paperId}"] button.up`).click();
  await page.locator(`section.digest li.paper[data-paper-id="${paperId}"] button.up[aria-pressed="false"]`).waitFor();
  assert.deepEqual(app.server.library.profile('mara')!.ratings, {});
  await finish(session);
});

test('add a paper to a collection from its card, see it on the collection page, keep a short-list', { skip }, async () => {
  const session = await open('#/search?q=rewiring');
  const { page } = session;
  const card = page.locator('li.paper').first();
  const paperId = Number(await card.getAttribute('data-paper-id'));
  await card.locator('summary', { hasText: 'Add to collection' }).click();
  await card.locator('input[name=collection]').fill('to read');
  await card.getByRole('button', { name: 'Add' }).click();
  await card.locator('.collect-status', { hasText: 'Added to to read.' }).waitFor();
  assert.deepEqual(app.server.library.collectionPaperIds('to read'), [paperId]);
  await card.getByRole('button', { name: 'Add' }).click();
  await card.locator('.collect-status', { hasText: 'Already in to read.' }).waitFor();

  await card.locator('.collect-status a').click();
  await page.getByRole('heading', { level: 1, name: 'to read' }).waitFor();
  assert.deepEqual(await page.locator('li.paper').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-paper-id')))), [paperId]);
  assert.equal(await page.getByRole('link', { name: 'BibTeX' }).getAttribute('href'), '/api/collections/to%20read/export?format=bibtex');

  await page.goto(`${app.server.url}/#/plan?listing=poster-session.txt&profile=-`);
  const rows = page.locator('ol.plan-list > li');
  await rows.first().waitFor();
  assert.equal(await page.locator('#save-shortlist').isDisabled(), true);
  const picks = [Number(await rows.nth(3).getAttribute('data-paper-id')), Number(await rows.nth(1).getAttribute('data-paper-id'))];
  await rows.nth(3).locator('input[type=checkbox]').check();
  await rows.nth(1).locator('input[type=checkbox]').check();
  await page.locator('#shortlist-collection').fill('poster picks');
  await page.locator('#save-shortlist').click();
  await page.locator('.plan-export .collect-status', { hasText: 'Saved in poster picks (2 papers).' }).waitFor();
  // In the order the page shows them.
  assert.deepEqual(app.server.library.collectionPaperIds('poster picks'), [picks[1], picks[0]]);
  await finish(session);
});
