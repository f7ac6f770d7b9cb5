// The library map in a real browser (WebGL on SwiftShader) over the fixture library, whose map
// the server lays out in the background: it renders, a click opens the paper under the
// pointer, a box selection lists exactly the papers inside (and starts a profile or a
// collection of them), and a highlighted listing's points are exactly its papers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { callApi } from '../server/fixture-server.ts';
import { needsChromium as skip } from '../requirements.ts';
import { finishSession, openSession, SCREENSHOTS, startWebApp, type WebApp } from './harness.ts';

let app: WebApp;

before(async () => {
  if (skip) return;
  app = await startWebApp({ webgl: true });
  for (let tries = 0; !(await callApi(app.server, 'GET', '/api/map')).json.ready; tries++) {
    assert.ok(tries < 100, 'the map was not laid out within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

after(async () => {
  await app?.close();
});

type Probe = { ids: number[]; positions: ([number, number] | null)[] };

/** Every paper's point on the page, as the map itself projects it. */
const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const map = window.paperscoutMap!;
    const ids = Array.from(map.ids);
    return { ids, positions: ids.map((id) => map.screenPosition(id) ?? null) };
  });

async function openMap(hash = '#/map') {
  const session = await openSession(app, hash);
  // The map page waits for the map, its listings and profiles before it shows anything: on a
  // machine shared with other work that can take longer than the usual 5 s.
  await session.page.getByRole('heading', { level: 1, name: 'Map of the library' }).waitFor({ timeout: 20_000 });
  await session.page.waitForFunction(() => window.paperscoutMap !== undefined, undefined, { timeout: 20_000 });
  // The map draws on the next animation frame, its labels with it.
  await session.page.waitForTimeout(300);
  return session;
}

test('the map renders every paper and a click opens the paper under the pointer', { skip }, async () => {
  const session = await openMap();
  const { page } = session;
  const frame = page.locator('.map-frame');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'map.png'), fullPage: true });
  const drawn = await frame.screenshot();
  await page.locator('.map-canvas').evaluate((canvas: HTMLElement) => (canvas.style.visibility = 'hidden'));
  assert.notDeepEqual(drawn, await frame.screenshot(), 'the canvas draws something');
  await page.locator('.map-canvas').evaluate((canvas: HTMLElement) => (canvas.style.visibility = ''));
  assert.ok(await page.locator('.map-regions button').count() >= 1);
  // The element screenshots scrolled the page: positions are read where it now is.
  const { ids, positions } = await probe(page);
  assert.equal(ids.length, app.server.library.allPaperIds().length);

  // The paper whose point is farthest from any other, so the click cannot hit a neighbour.
  const gap = (i: number) => Math.min(...positions.map((p, j) => (j === i ? Infinity : Math.hypot(p![0] - positions[i]![0], p![1] - positions[i]![1]))));
  const loneliest = ids.map((_, i) => i).sort((a, b) => gap(b) - gap(a))[0];
  await page.mouse.move(positions[loneliest]![0] - 20, positions[loneliest]![1] - 20);
  await page.mouse.move(positions[loneliest]![0], positions[loneliest]![1], { steps: 5 });
  await page.locator('.map-tooltip:not([hidden])').waitFor();
  const { json } = await callApi(app.server, 'GET', `/api/papers/${ids[loneliest]}`);
  assert.equal(await page.locator('.map-tooltip').textContent(), json.paper.title);
  await page.mouse.click(positions[loneliest]![0], positions[loneliest]![1]);
  await page.waitForURL(`**/#/paper/${ids[loneliest]}`);
  await finishSession(session);
});

test('a drag pans every point by the drag, + zooms about the centre, and a click then opens the paper under the pointer', { skip }, async () => {
  const session = await openMap();
  const { page } = session;
  const before = await probe(page);
  const box = (await page.locator('.map-frame').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 60, cy - 40, { steps: 6 });
  await page.mouse.up();
  const panned = await probe(page);
  panned.positions.forEach((p, i) => {
    assert.ok(Math.abs(p![0] - before.positions[i]![0] - 60) < 0.01 && Math.abs(p![1] - before.positions[i]![1] + 40) < 0.01, `paper ${panned.ids[i]} moved with the drag`);
  });
  await page.locator('.map-frame').focus();
  await page.keyboard.press('+');
  const zoomed = await probe(page);
  // The frame's centre, inside its border, stays where it is; every point gets twice as far from it.
  const [mx, my] = await page.locator('.map-frame').evaluate((frame: HTMLElement) => {
    const bounds = frame.getBoundingClientRect();
    return [bounds.left + frame.clientLeft + frame.clientWidth / 2, bounds.top + frame.clientTop + frame.clientHeight / 2];
  });
  zoomed.positions.forEach((p, i) => {
    assert.ok(Math.abs(p![0] - mx - 2 * (panned.positions[i]![0] - mx)) < 0.01 && Math.abs(p![1] - my - 2 * (panned.positions[i]![1] - my)) < 0.01, `paper ${zoomed.ids[i]} twice as far from the centre`);
  });
  // The first paper still in the frame, away from its edges.
  const inside = zoomed.positions.findIndex((p) => p![0] > box.x + 20 && p![0] < box.x + box.width - 20 && p![1] > box.y + 20 && p![1] < box.y + box.height - 20);
  assert.ok(inside >= 0);
  await page.waitForTimeout(100);
  await page.mouse.click(zoomed.positions[inside]![0], zoomed.positions[inside]![1]);
  await page.waitForURL(/#\/paper\/\d+$/);
  const opened = Number(/paper\/(\d+)$/.exec(page.url())![1]);
  // The paper clicked, or one drawn on top of it at the same spot.
  const at = zoomed.positions[zoomed.ids.indexOf(opened)]!;
  assert.ok(Math.hypot(at[0] - zoomed.positions[inside]![0], at[1] - zoomed.positions[inside]![1]) <= 8, 'the opened paper is under the pointer');
  await finishSession(session);
});

test('a box drawn with shift lists exactly the papers inside it', { skip }, async () => {
  const session = await openMap();
  const { page } = session;
  const { ids, positions } = await probe(page);
  const box = await page.locator('.map-frame').boundingBox();
  // The left half of the frame, top to bottom.
  const [x0, y0, x1, y1] = [box!.x + 5, box!.y + 5, box!.x + box!.width / 2, box!.y + box!.height - 5];
  const inside = ids.filter((_, i) => positions[i]![0] >= x0 && positions[i]![0] <= x1 && positions[i]![1] >= y0 && positions[i]![1] <= y1).sort((a, b) => a - b);
  assert.ok(inside.length > 0 && inside.length < ids.length, `the box holds some papers, not all (${inside.length} of ${ids.length})`);
  await page.keyboard.down('Shift');
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x1, y1, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.locator('.map-selection li.paper').first().waitFor();
  assert.equal(await page.locator('#selection-title').textContent(), `Selected on the map: ${inside.length} ${inside.length === 1 ? 'paper' : 'papers'}`);
  const listed = await page.locator('.map-selection li.paper').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-paper-id'))));
  assert.deepEqual(listed, inside);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'map-selection.png'), fullPage: true });
  // Cold start from the map: a profile that likes the selected papers.
  await page.locator('#selection-profile').fill('from the map');
  await page.getByRole('button', { name: 'Start profile' }).click();
  // Each card has a status of its own (its collection form's): the selection's is the one that speaks of the profile.
  const said = page.locator('.map-selection [role=status]', { hasText: 'Profile' });
  await said.waitFor();
  assert.equal(await said.textContent(), `Profile from the map started: it likes ${inside.length} papers of the selection.`);
  const liked = Object.entries(app.server.library.profile('from the map')!.ratings).map(([id, rating]) => [Number(id), rating]);
  assert.deepEqual(liked, inside.map((id) => [id, 1]));
  // Or a collection of them.
  await page.locator('#selection-collection').fill('map picks');
  await page.locator('#selection-collect').click();
  const collected = page.locator('.map-selection [role=status]', { hasText: 'added to' });
  await collected.waitFor();
  assert.equal(await collected.textContent(), `${inside.length} ${inside.length === 1 ? 'paper' : 'papers'} of ${inside.length} added to map picks.`);
  assert.deepEqual(app.server.library.collectionPaperIds('map picks'), inside);

  // The same lists for keyboard users: a region's button lists its papers.
  await page.locator('.map-regions button').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('#selection-title', { hasText: 'Region:' }).waitFor();
  const regionCount = Number(/(\d+) papers?$/.exec((await page.locator('.map-regions li').first().textContent())!)![1]);
  // The title comes at once, the papers when the server has sent them.
  await page.locator('.map-selection li.paper').nth(regionCount - 1).waitFor();
  assert.equal(await page.locator('.map-selection li.paper').count(), regionCount);
  await finishSession(session);
});

test("a highlighted listing's points are exactly its papers", { skip }, async () => {
  const session = await openMap('#/map?listing=trending.html');
  const { page } = session;
  const highlighted = await page.evaluate(() => window.paperscoutMap!.highlighted().sort((a, b) => a - b));
  const { json } = await callApi(app.server, 'GET', '/api/papers?listing=trending.html&limit=100');
  assert.deepEqual(highlighted, json.papers.map((paper: { id: number }) => paper.id).sort((a: number, b: number) => a - b));
  assert.equal(highlighted.length, 8);
  assert.deepEqual(await page.locator('.map-legend li').allTextContents(), ['listing trending.html', 'other papers']);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'map-listing.png'), fullPage: true });
  await finishSession(session);
});
