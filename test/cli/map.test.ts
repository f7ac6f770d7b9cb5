// `paperscout map`: lays the map out on first use, draws it to SVG or PNG with a listing
// highlighted, and refuses what it cannot do with one line and nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, root } from './run-cli.ts';

test('map --out draws the library; bad requests fail with one line and write nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-map-cli-'));
  const db = path.join(dir, 'library.db');
  assert.equal(runCli(db, 'ingest', path.join(root, 'demo/poster-session.txt')).code, 0);
  assert.match(runCli(db, 'map').stdout, /^no map yet: lay it out with `paperscout map build`/);

  const svg = path.join(dir, 'map.svg');
  const drawn = runCli(db, 'map', '--out', svg, '--listing', 'poster-session.txt');
  assert.equal(drawn.code, 0, drawn.stderr);
  assert.equal(drawn.stdout, `wrote ${svg}\n`);
  assert.match(drawn.stderr, /no map yet: laying it out/);
  const text = fs.readFileSync(svg, 'utf8');
  assert.match(text, /<title>paperscout: map of 24 papers, listing poster-session\.txt highlighted<\/title>/);
  assert.equal(text.match(/<circle /g)!.length, 24 + 2);
  assert.match(runCli(db, 'map').stdout, /^map of 24 papers in 2 regions, laid out /);

  const png = path.join(dir, 'map.png');
  assert.equal(runCli(db, 'map', '--out', png).code, 0);
  assert.deepEqual([...fs.readFileSync(png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  for (const [args, message] of [
    [['--out', path.join(dir, 'map.gif')], 'paperscout: --out must end in .svg or .png, not ".gif"'],
    [['--out', path.join(dir, 'x.svg'), '--profile', 'nobody'], 'paperscout: no profile named "nobody" (see `paperscout profile list`)'],
    [['--out', path.join(dir, 'missing', 'x.svg')], `paperscout: cannot write ${path.join(dir, 'missing', 'x.svg')}: ENOENT`],
  ] as const) {
    const failed = runCli(db, 'map', ...args);
    assert.deepEqual([failed.code, failed.stderr.trim()], [1, message]);
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), ['library.db', 'map.png', 'map.svg']);
});
