// bench:map — the library map on the library of all paperlists papers (bench:ingest builds it):
// laying it out in a fresh process (time, peak RSS), placing 300 papers new to it, how well it
// keeps each paper's neighbours (trustworthiness), and in chromium the map page's first paint
// (on a server just started, whether its map must be read afresh or was kept by the server
// before, and on a warm server) and its frame time while panning, served by the compiled
// server (dist/, built if stale).
//
//   tsx bench/map.ts [--reuse]
//
// Works on a scratch copy (artifacts/bench/map.db), never on the shared library; --reuse keeps
// a copy made before, with its feature index, instead of copying and indexing again.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Library } from '../src/library/library.ts';
import { libraryFeatures } from '../src/actions/library-features.ts';
import { placeNewPapers } from '../src/actions/library-map.ts';
import { seededRandom, symmetricEigen } from '../src/engine/linalg.ts';
import type { FeatureIndex } from '../src/engine/feature-index.ts';
import { buildWeb } from '../src/web/build.ts';
import { defaultWebRoot } from '../src/server/web-assets.ts';
import { table } from '../src/cli/format.ts';
import { CHROMIUM } from '../test/requirements.ts';
import { WEBGL_ARGS } from '../test/web/harness.ts';
import { LIVE_REDRAW_MS } from '../src/web/map-view.ts';
import { artifactsDir, paperlistsLibrary, repoRoot } from './paths.ts';
import { round2, summarize } from './measure.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { ensureCliBuild } from './cold-start.ts';
import type { MapBuildTimes } from './map-build.ts';

const scratchLibrary = path.join(artifactsDir, 'map.db');
const NEW_PAPERS = 300;
/** Papers whose neighbours are compared, and how many: the dense space's 10 among the map's 20. */
const SAMPLE = 300;
const DENSE_NEIGHBOURS = 10;
const MAP_NEIGHBOURS = 20;
const PAN_STEPS = 90;
const TARGETS = { layoutSeconds: 180, peakRssMiB: 2048, placeSeconds: 2, frameMs: 33, firstPaintMs: 1500 };

const { values: args } = parseArgs({ options: { reuse: { type: 'boolean' } } });
const loads: string[] = [];
const loadavg = (when: string) => loads.push(`${when}: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);

if (!(args.reuse && fs.existsSync(scratchLibrary))) {
  if (!fs.existsSync(paperlistsLibrary)) throw new Error(`no ${path.relative(repoRoot, paperlistsLibrary)}: run \`npm run bench:ingest\` first`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(scratchLibrary + suffix, { force: true });
  fs.copyFileSync(paperlistsLibrary, scratchLibrary);
}

loadavg('before the layout');
console.log('laying out the map in a fresh process (indexing the papers first if the copy has no index)…');
const build = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'map-build.ts'), scratchLibrary], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
) as MapBuildTimes;

loadavg('before placing and trustworthiness');
const library = Library.open(scratchLibrary);
const index = libraryFeatures(library);
const random = seededRandom(7);
const onMap = library.mapPoints().ids;
const removed = new Set<number>();
while (removed.size < NEW_PAPERS) removed.add(onMap[Math.floor(random() * onMap.length)]);
// The store itself: these papers become new to the map.
const forget = library.db.prepare('DELETE FROM map_points WHERE paper_id = ?');
library.write(() => removed.forEach((id) => forget.run(id)));
const placing = performance.now();
const placed = placeNewPapers(library, index);
const placeMs = performance.now() - placing;
if (placed !== NEW_PAPERS) throw new Error(`placed ${placed} papers, not ${NEW_PAPERS}`);

const points = library.mapPoints();
const sample = Array.from({ length: SAMPLE }, () => Math.floor(random() * points.ids.length));
const trust = trustworthiness(index, points.ids, points.xy, sample);
const placedTrust = trustworthiness(index, points.ids, points.xy, Array.from(removed, (id) => points.ids.indexOf(id)));
const pcaTrust = trustworthiness(index, points.ids, principalPlane(index, points.ids, random), sample);
library.close();

// Said now: the browser's part may fail on a machine whose chromium cannot draw WebGL.
console.log(JSON.stringify({ build, placeMs, trust, placedTrust, pcaTrust }));
await buildWeb(defaultWebRoot);
loadavg('before chromium');
const browserTimes = await measureBrowser();
loadavg('after');

const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
const s = (ms: number) => round2(ms / 1000);
console.log(
  table(
    ['measure', 'value', 'target', ''],
    [
      [`lay out ${build.papers} papers, ${build.regions} regions, fresh process (s)`, s(build.layoutMs), `≤ ${TARGETS.layoutSeconds}`, ok(build.layoutMs <= TARGETS.layoutSeconds * 1000)],
      ['  of which CPU time (s)', s(build.layoutCpuMs), '', ''],
      ['  loading the feature index before it (s)', s(build.loadIndexMs), '', ''],
      ['  process peak RSS (MiB)', build.peakRssMiB, `≤ ${TARGETS.peakRssMiB}`, ok(build.peakRssMiB <= TARGETS.peakRssMiB)],
      [`place ${NEW_PAPERS} new papers, stored (s)`, s(placeMs), `≤ ${TARGETS.placeSeconds}`, ok(placeMs <= TARGETS.placeSeconds * 1000)],
      [`trustworthiness: dense ${DENSE_NEIGHBOURS}-NN among map ${MAP_NEIGHBOURS}-NN, ${SAMPLE} papers`, trust.toFixed(4), '', ''],
      ['  of the placed papers', placedTrust.toFixed(4), '', ''],
      ['  the same for the 2 principal components of the vectors (a baseline)', pcaTrust.toFixed(4), '', ''],
      ['  the same for points placed at random (expected)', (MAP_NEIGHBOURS / (points.ids.length - 1)).toFixed(4), '', ''],
      [
        'map page first paint, cold server: map kept / read afresh (ms)',
        `${round2(browserTimes.kept.painted)} / ${round2(browserTimes.afresh.painted)}`,
        `cold ≤ ${TARGETS.firstPaintMs}`,
        ok(Math.max(browserTimes.kept.painted, browserTimes.afresh.painted) <= TARGETS.firstPaintMs),
      ],
      ['  warm server (ms)', round2(browserTimes.warm.painted), '', ''],
      ...(['kept', 'afresh', 'warm'] as const).map((visit) => {
        const v = browserTimes[visit];
        return [`  ${visit}: app loaded / map data / points / drawn / painted (ms)`, [v.app, v.data, v.points, v.drawn, v.painted].map((ms) => Math.round(ms)).join(' / '), '', ''];
      }),
      [`  of which drawing ${build.papers} points, GPU included, kept / afresh / warm (ms)`, [browserTimes.kept, browserTimes.afresh, browserTimes.warm].map((v) => round2(v.firstDraw)).join(' / '), '', ''],
      ['  so a drag redraws', browserTimes.warm.firstDraw <= LIVE_REDRAW_MS ? 'live' : 'when it ends (moves the picture drawn meanwhile)', '', ''],
      [
        'frame time while panning p50 / p90 (ms)',
        `${round2(browserTimes.frames.p50)} / ${round2(browserTimes.frames.p90)}`,
        `p90 ≤ ${TARGETS.frameMs}`,
        ok(browserTimes.frames.p90 <= TARGETS.frameMs),
      ],
      ['  panned once the server was idle, after (s)', round2(browserTimes.settledSeconds), '', ''],
    ],
  ),
);
console.log(`\nload averages (1, 5, 15 min)\n${loads.join('\n')}`);

/**
 * The share of each sampled paper's DENSE_NEIGHBOURS closest papers by cosine (exact, over
 * all of them) that are among its MAP_NEIGHBOURS closest on the map.
 */
function trustworthiness(features: FeatureIndex, ids: Uint32Array, xy: Float32Array, positions: readonly number[]): number {
  const rows = Uint32Array.from(ids, (id) => features.rowOf(id)!);
  const cosines = new Float64Array(rows.length);
  const vector = new Float32Array(features.dimensions);
  const distances = new Float64Array(rows.length);
  let kept = 0;
  for (const p of positions) {
    features.dots(features.denseOf(rows[p], vector), rows, cosines);
    cosines[p] = -Infinity;
    const dense = closest(cosines, DENSE_NEIGHBOURS, (a, b) => b - a);
    for (let i = 0; i < rows.length; i++) distances[i] = (xy[2 * i] - xy[2 * p]) ** 2 + (xy[2 * i + 1] - xy[2 * p + 1]) ** 2;
    distances[p] = Infinity;
    const near = new Set(closest(distances, MAP_NEIGHBOURS, (a, b) => a - b));
    kept += dense.filter((i) => near.has(i)).length;
  }
  return kept / (positions.length * DENSE_NEIGHBOURS);
}

/**
 * The plainest layout to compare with: every paper at its projection on the two leading
 * principal components of the dense vectors (their covariance taken over a seeded sample).
 */
function principalPlane(features: FeatureIndex, ids: Uint32Array, random: () => number): Float32Array {
  const d = features.dimensions;
  const vectors = Array.from(ids, (id) => features.denseOf(features.rowOf(id)!, new Float32Array(d)));
  const sample = Array.from({ length: Math.min(10_000, vectors.length) }, () => vectors[Math.floor(random() * vectors.length)]);
  const mean = new Float64Array(d);
  for (const v of sample) for (let j = 0; j < d; j++) mean[j] += v[j] / sample.length;
  const covariance = new Float64Array(d * d);
  for (const v of sample) {
    for (let i = 0; i < d; i++) {
      const vi = v[i] - mean[i];
      for (let j = 0; j < d; j++) covariance[i * d + j] += vi * (v[j] - mean[j]);
    }
  }
  const { vectors: axes } = symmetricEigen(covariance, d);
  const xy = new Float32Array(2 * vectors.length);
  vectors.forEach((v, p) => {
    for (let j = 0; j < d; j++) {
      xy[2 * p] += (v[j] - mean[j]) * axes[j * d];
      xy[2 * p + 1] += (v[j] - mean[j]) * axes[j * d + 1];
    }
  });
  return xy;
}

function closest(values: Float64Array, k: number, order: (a: number, b: number) => number): number[] {
  return Array.from(values.keys())
    .sort((a, b) => order(values[a], values[b]) || a - b)
    .slice(0, k);
}

/** Milestones of a visit, in ms from its navigation: the app's script loaded, the map's data and points in, the points drawn (the GPU's work not waited for), painted. */
interface VisitTimes {
  app: number;
  data: number;
  points: number;
  drawn: number;
  painted: number;
  /** The first draw, GPU included (MapProbe.firstDrawMs). */
  firstDraw: number;
}

/** One visit of the map page in a new browser context, timed from navigation. */
async function visitMap(browser: Browser, origin: string): Promise<{ times: VisitTimes; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${origin}/#/map`);
  await page.waitForFunction(() => window.paperscoutMap !== undefined, undefined, { timeout: 60_000 });
  // Painted: two animation frames after the page set the map up.
  const painted = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
  // A string, not a function: tsx would wrap a callback's helpers in its own __name, which the page lacks.
  const milestones = (await page.evaluate(`(() => {
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const app = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/app.js'));
    return { app: app ? app.responseEnd : NaN, data: mark('map:info'), points: mark('map:points'), drawn: mark('map:drawn') };
  })()`)) as Omit<VisitTimes, 'painted' | 'firstDraw'>;
  const firstDraw = await page.evaluate(() => window.paperscoutMap!.firstDrawMs);
  return { times: { ...milestones, painted, firstDraw }, page };
}

/** Frame intervals while the mouse drags the map in circles. */
async function panFrames(page: Page): Promise<number[]> {
  const frame = await page.locator('.map-frame').boundingBox();
  const [cx, cy] = [frame!.x + frame!.width / 2, frame!.y + frame!.height / 2];
  await page.evaluate('window.stamps = []; (function tick(time) { window.stamps.push(time); requestAnimationFrame(tick); })(performance.now())');
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let step = 1; step <= PAN_STEPS; step++) {
    await page.mouse.move(cx + 300 * Math.sin((step / PAN_STEPS) * 2 * Math.PI), cy + 150 * Math.sin((step / PAN_STEPS) * 4 * Math.PI));
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const stamps = (await page.evaluate('window.stamps')) as number[];
  return stamps.slice(1).map((t, i) => t - stamps[i]);
}

/**
 * Seconds until the server has used under a tenth of a core for a second: its start-up upkeep
 * (the engine's index loaded, new papers placed) is done. At most a minute.
 */
async function serverSettled(server: ServerProcess): Promise<number> {
  const started = performance.now();
  for (let before = await server.cpuMicros(); performance.now() - started < 60_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await server.cpuMicros();
    if (now - before < 100_000) break;
    before = now;
  }
  return (performance.now() - started) / 1000;
}

/**
 * The map page's first visit on a server just started, in a browser just started (a
 * researcher's is running when they start the server: it is launched first, so that its own
 * start does not take the server's cores). `then` goes on with the same browser and server.
 */
async function coldVisit<T>(then: (browser: Browser, origin: string, server: ServerProcess) => Promise<T>): Promise<{ cold: VisitTimes; then: T }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', ...WEBGL_ARGS] });
  const server = await startServerProcess(scratchLibrary, { built: true });
  const origin = server.url.replace(/\/$/, '');
  try {
    const { times, page } = await visitMap(browser, origin);
    await page.context().close();
    return { cold: times, then: await then(browser, origin, server) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

interface BrowserTimes {
  /** Cold visits: the library changed since a server last read its map, and not since. */
  afresh: VisitTimes;
  kept: VisitTimes;
  warm: VisitTimes;
  settledSeconds: number;
  frames: ReturnType<typeof summarize>;
}

async function measureBrowser(): Promise<BrowserTimes> {
  // The compiled server, as `paperscout serve` runs: its threads start from JavaScript, which a cold first visit waits for.
  ensureCliBuild();
  // Placing papers above changed the map: this server reads it afresh, and keeps the reading.
  const { cold: afresh } = await coldVisit(async () => undefined);
  // Started again over the same library, the next server reads the reading kept.
  const { cold: kept, then } = await coldVisit(async (browser, origin, server) => {
    const { times: warm, page } = await visitMap(browser, origin);
    // Panned once the server's start-up upkeep is done, as a researcher pans a map they have looked at.
    const settledSeconds = await serverSettled(server);
    return { warm, settledSeconds, frames: summarize(await panFrames(page)) };
  });
  return { afresh, kept, ...then };
}
