// The profile page with topics (issue 14), in a real browser: the topics shown, renamed, split and
// rearranged for good; one lane per topic; a rated paper kept in its place, marked, with an undo,
// and the ratings count following; a paper retitled and named so by the reasons.
// Screenshots at 1280 and 390 px go to artifacts/screenshots/profile-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { callApi, fixture } from '../server/fixture-server.ts';
import { needsChromium as skip } from '../requirements.ts';
import { finishSession, LAPTOP, openSession, PHONE, SCREENSHOTS, startWebApp, type WebApp } from './harness.ts';

let app: WebApp;

before(async () => {
  if (skip) return;
  app = await startWebApp();
  const text = fs.readFileSync(fixture('demo/my-papers.bib'), 'utf8');
  const created = await callApi(app.server, 'POST', '/api/profiles', { name: 'Mara', files: [{ fileName: 'my-papers.bib', text }] });
  assert.equal(created.status, 201);
});

after(async () => {
  await app?.close();
});

async function open(hash: string, viewport = LAPTOP): Promise<{ page: Page; done: () => Promise<void> }> {
  const session = await openSession(app, hash, viewport);
  return { page: session.page, done: () => finishSession(session) };
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * A screenshot of what `selector` shows (once `act` has run), at both widths, with the page
 * checked for sideways scrolling.
 */
async function shoot(hash: string, name: string, selector: string, act?: (page: Page) => Promise<void>): Promise<void> {
  for (const [viewport, width] of [[LAPTOP, 1280], [PHONE, 390]] as const) {
    const { page, done } = await open(hash, viewport);
    await page.locator('#recommendations ol.papers > li').first().waitFor();
    await act?.(page);
    await page.locator(selector).first().waitFor();
    assert.equal(await sideways(page), 0, `${name} scrolls sideways at ${width} px`);
    // From the top of the page, so the heading and the counts show, as far down as `selector` needs.
    await page.locator(selector).first().evaluate((element) => {
      window.scrollTo(0, 0);
      if (element.getBoundingClientRect().bottom > window.innerHeight) element.scrollIntoView({ block: 'end' });
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, `profile-${name}-${width}.png`) });
    await done();
  }
}

const topicNames = (page: Page) => page.locator('#topic-list li.topic .topic-name').evaluateAll((names) => names.map((n) => n.firstChild!.textContent));
const topicPapers = (page: Page) =>
  page.locator('#topic-list li.topic').evaluateAll((topics) => topics.map((t) => Array.from(t.querySelectorAll('.topic-papers > li'), (li) => Number(li.getAttribute('data-paper-id')))));

test('the topics are shown with their papers; a split, a rename and a move are still there after a reload', { skip }, async () => {
  const { page, done } = await open('#/profile?name=Mara');
  await page.locator('#topic-list li.topic').first().waitFor();
  assert.deepEqual(await topicNames(page), ['retrieval, tuning, passages']);
  const [all] = await topicPapers(page);
  assert.equal(all.length, 5);
  assert.match((await page.locator('#topic-list .topic-keywords').textContent())!, /^Named by its key words: retrieval, tuning, passages, fine, adapters$/);

  await page.getByText('Edit this topic').click();
  await page.getByRole('button', { name: 'Split in two' }).click();
  await page.locator('#topic-list li.topic').nth(1).waitFor();
  const split = await topicPapers(page);
  assert.equal(split.length, 2);
  assert.deepEqual(split.flat().sort((a, b) => a - b), [...all].sort((a, b) => a - b));

  const first = page.locator('#topic-list li.topic').first();
  await first.getByText('Edit this topic').click();
  await first.getByLabel('Name').fill('Adapters and retrieval');
  await first.getByRole('button', { name: 'Rename' }).click();
  await page.locator('#topic-list .topic-name', { hasText: 'Adapters and retrieval' }).waitFor();
  assert.equal(await page.locator('#announcer').textContent(), 'Topic renamed.');

  // A paper of the second topic moves to the first.
  const moved = split[1][0];
  const second = page.locator('#topic-list li.topic').nth(1);
  await second.getByText('Edit this topic').click();
  await second.locator('select[name=paper]').selectOption(String(moved));
  await second.locator('select[name=to]').selectOption({ label: 'Adapters and retrieval' });
  await second.getByRole('button', { name: 'Move' }).click();
  await page.locator(`#topic-list li.topic:first-child li[data-paper-id="${moved}"]`).waitFor();

  await page.reload();
  await page.locator('#topic-list li.topic').first().waitFor();
  const names = await topicNames(page);
  assert.equal(names[0], 'Adapters and retrieval');
  const papers = await topicPapers(page);
  assert.deepEqual(papers[0], [...split[0], moved].sort((a, b) => a - b));
  assert.deepEqual(papers.flat().sort((a, b) => a - b), [...all].sort((a, b) => a - b));
  await done();
  await shoot('#/profile?name=Mara', 'topics', '#topic-list li.topic', async (page) => {
    await page.locator('#topic-list li.topic').first().waitFor();
    await page.locator('#topic-list summary').first().click();
  });
});

test('by topic: one lane per topic, each named as the topic, each its own ranking', { skip }, async () => {
  const { json } = await callApi(app.server, 'GET', '/api/profiles/Mara/topics');
  assert.ok(json.topics.length >= 2, 'the previous test left several topics');
  const { page, done } = await open('#/profile?name=Mara');
  await page.locator('#recommendations ol.papers > li').first().waitFor();
  await page.getByRole('link', { name: 'By topic' }).click();
  await page.locator('.lanes section.lane').first().waitFor();
  assert.equal(await page.locator('.view-switch a[aria-current=true]').textContent(), 'By topic');
  assert.deepEqual(
    await page.locator('.lanes section.lane').evaluateAll((lanes) => lanes.map((lane) => [lane.getAttribute('data-topic-key'), lane.querySelector('h3')!.firstChild!.textContent])),
    json.topics.map((topic: { key: string; name: string }) => [topic.key, topic.name]),
  );
  const counts = await page.locator('.lanes section.lane').evaluateAll((lanes) => lanes.map((lane) => lane.querySelectorAll('ol.papers > li').length));
  assert.ok(counts.every((n) => n >= 1 && n <= 5), String(counts));
  await done();
  await shoot('#/profile?name=Mara&view=topics', 'lanes', '.lanes .lane-title');
});

test('a rated paper stays where it was, marked, with an undo; the ratings count follows; reasons say what a liked paper is', { skip }, async () => {
  const { page, done } = await open('#/profile?name=Mara');
  const cards = page.locator('#recommendations ol.papers > li');
  await cards.first().waitFor();
  const ids = () => cards.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-paper-id'))));
  const before = await ids();
  const top = before[0];
  const counts = page.locator('#profile-counts');
  assert.equal(await counts.textContent(), '5 papers of yours · 0 ratings');

  await page.locator(`#recommendations li[data-paper-id="${top}"] button.rate.down`).click();
  const marked = page.locator(`#recommendations li.rated.disliked[data-paper-id="${top}"]`);
  await marked.waitFor();
  assert.equal(await counts.textContent(), '5 papers of yours · 1 rating');
  assert.equal((await ids())[0], top, 'the rated paper keeps its place');
  assert.equal(await marked.locator('.rated-mark').textContent(), 'Less like this: papers like it move down. Undo');
  assert.equal(await marked.locator('button.rate.down').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'rate down');
  assert.match((await page.locator('#announcer').textContent())!, /Rated down; recommendations updated/);
  await page.locator('#your-ratings summary', { hasText: 'Your ratings (1)' }).waitFor();

  await marked.getByRole('button', { name: 'Undo' }).click();
  await page.locator('#profile-counts', { hasText: '0 ratings' }).waitFor();
  await page.locator('#recommendations li.rated').waitFor({ state: 'detached' });
  assert.equal(await page.locator(`#recommendations li[data-paper-id="${top}"] button.rate.down`).getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('#your-ratings details').count(), 0);
  assert.deepEqual(await ids(), before, 'undone, the list is as it was');

  // Liked, a paper is named as one the researcher liked in the reasons of papers like it.
  await page.locator(`#recommendations li[data-paper-id="${top}"] button.rate.up`).click();
  await page.locator(`#recommendations li.rated.liked[data-paper-id="${top}"]`).waitFor();
  assert.equal(await counts.textContent(), '5 papers of yours · 1 rating');
  await page.locator('#recommendations .reason', { hasText: /^Close to a paper you liked: / }).first().waitFor();
  const likedReason = page.locator('#recommendations .reason', { hasText: /^Close to a paper you liked: / }).first();
  assert.equal(await likedReason.locator('a').getAttribute('href'), `#/paper/${top}`);
  // It joins a topic, shown as liked.
  await page.locator(`#topic-list li[data-paper-id="${top}"] .badge`, { hasText: 'liked' }).waitFor();
  await done();

  await shoot('#/profile?name=Mara', 'rated', '#recommendations li.rated', async (page) => {
    // A second paper rated down, to show both marks.
    const second = page.locator('#recommendations ol.papers > li:not(.rated)').first();
    await second.locator('button.rate.down').click();
    await page.locator('#recommendations li.rated.disliked').waitFor();
  });
  // Each run of shoot rated a different paper down: the profile keeps one like and two dislikes at most.
  const { json } = await callApi(app.server, 'GET', '/api/profiles/Mara');
  for (const { paper, rating } of json.ratings) if (rating < 0) await callApi(app.server, 'PUT', `/api/profiles/Mara/ratings/${paper.id}`, { rating: 'clear' });
});

test('a dislike is given as a reason, in its own words', { skip }, async () => {
  const { page, done } = await open('#/profile?name=Mara');
  await page.locator('#recommendations ol.papers > li').first().waitFor();
  const second = page.locator('#recommendations ol.papers > li:not(.rated)').nth(1);
  const disliked = Number(await second.getAttribute('data-paper-id'));
  await second.locator('button.rate.down').click();
  await page.locator('#recommendations li.rated.disliked').waitFor();
  const reason = page.locator('#recommendations .reason.negative').first();
  await reason.waitFor();
  assert.match((await reason.textContent())!, /^Like a paper you disliked: /);
  assert.equal(await reason.locator('a').getAttribute('href'), `#/paper/${disliked}`);
  await callApi(app.server, 'PUT', `/api/profiles/Mara/ratings/${disliked}`, { rating: 'clear' });
  await done();
});

test('a paper retitled on the profile page is named so in the reasons, after a reload too', { skip }, async () => {
  const { page, done } = await open('#/profile?name=Mara');
  const firstReason = page.locator('#recommendations ol.papers > li .reason a').first();
  await firstReason.waitFor();
  const paperId = Number((await firstReason.getAttribute('href'))!.replace('#/paper/', ''));
  const before = (await firstReason.textContent())!;
  await page.getByText(/^Your papers \(5\)$/).click();
  const card = page.locator(`#your-papers li[data-paper-id="${paperId}"]`);
  await card.getByRole('button', { name: 'Rename' }).click();
  await card.getByLabel('Your title').fill('My reader study');
  await card.getByRole('button', { name: 'Save title' }).click();
  await page.locator(`#your-papers li[data-paper-id="${paperId}"] .paper-title a`, { hasText: 'My reader study' }).waitFor();
  assert.equal(await page.locator(`#your-papers li[data-paper-id="${paperId}"] .library-title`).textContent(), `In the library: ${before}`);
  await page.locator('#recommendations .reason a', { hasText: 'My reader study' }).first().waitFor();
  const reasonTitles = () =>
    page.locator(`#recommendations .reason a[href="#/paper/${paperId}"]`).evaluateAll((links) => [...new Set(links.map((a) => a.textContent))]);
  assert.deepEqual(await reasonTitles(), ['My reader study']);
  assert.ok(await page.locator(`#topic-list li[data-paper-id="${paperId}"] a`, { hasText: 'My reader study' }).count());

  await page.reload();
  await page.locator('#recommendations .reason a').first().waitFor();
  assert.deepEqual(await reasonTitles(), ['My reader study']);
  await done();
});
