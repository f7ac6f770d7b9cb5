// The map's view arithmetic (src/web/map-view.ts), without a browser: where redraws are slow, a
// gesture is shown by moving the picture already drawn, and that picture must land exactly
// where drawing the new view would put every point; a zoom keeps the point under the pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapOf, pictureMove, screenOf, zoomedAbout, type View } from '../../src/web/map-view.ts';

const size = { width: 1118, height: 600 };
const points: [number, number][] = [
  [0, 0],
  [0.7, -0.4],
  [-0.93, 0.51],
  [0.12, 0.98],
];
const close = (a: [number, number], b: [number, number], what: string) =>
  assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-9, `${what}: ${a.join(', ')} against ${b.join(', ')}`);

test('the picture drawn in one view, moved by pictureMove about the centre, puts every point where the new view draws it', () => {
  const drawn: View = { x: 0.1, y: -0.2, scale: 285 };
  const views: View[] = [
    { x: 0.1, y: -0.2, scale: 285 },
    { x: -0.35, y: 0.18, scale: 285 },
    { x: 0.4, y: 0.05, scale: 912 },
    { x: -0.6, y: -0.7, scale: 140 },
  ];
  for (const view of views) {
    const { dx, dy, k } = pictureMove(drawn, view);
    for (const [x, y] of points) {
      const [sx, sy] = screenOf(drawn, size, x, y);
      const moved: [number, number] = [size.width / 2 + dx + k * (sx - size.width / 2), size.height / 2 + dy + k * (sy - size.height / 2)];
      close(moved, screenOf(view, size, x, y), `point ${x}, ${y} in view ${JSON.stringify(view)}`);
    }
  }
});

test('screen and map positions invert each other; map y points up', () => {
  const view: View = { x: 0.3, y: 0.1, scale: 400 };
  for (const [x, y] of points) close(mapOf(view, size, ...screenOf(view, size, x, y)), [x, y], `point ${x}, ${y}`);
  close(screenOf(view, size, 0.3, 0.1), [size.width / 2, size.height / 2], 'the view centre');
  assert.ok(screenOf(view, size, 0.3, 0.2)[1] < size.height / 2, 'a point above the centre is higher on screen');
});

test('zooming about a pixel keeps the map point under it, and scales distances from it', () => {
  const view: View = { x: -0.2, y: 0.4, scale: 300 };
  const [px, py] = [880, 120];
  const zoomed = zoomedAbout(view, size, px, py, 1200);
  assert.equal(zoomed.scale, 1200);
  close(mapOf(zoomed, size, px, py), mapOf(view, size, px, py), 'the point under the pointer');
  for (const [x, y] of points) {
    const [bx, by] = screenOf(view, size, x, y);
    close(screenOf(zoomed, size, x, y), [px + 4 * (bx - px), py + 4 * (by - py)], `point ${x}, ${y}`);
  }
});
