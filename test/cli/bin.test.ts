// bin/paperscout.js runs the build in dist/ only while it is at least as new as the sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/paperscout.js');
let checkout: string;

/** Sets a file's modification time `seconds` from now. */
function touch(file: string, seconds: number): void {
  const time = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(file, time, time);
}

function run() {
  const result = spawnSync(process.execPath, [path.join(checkout, 'bin/paperscout.js'), '--version'], { encoding: 'utf8' });
  return [result.status, result.stdout, result.stderr];
}

before(() => {
  // A checkout in miniature: the real bin/, a stand-in build and sources.
  checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-bin-'));
  for (const dir of ['bin', 'dist/cli', 'src/cli', 'src/web']) fs.mkdirSync(path.join(checkout, dir), { recursive: true });
  fs.copyFileSync(bin, path.join(checkout, 'bin/paperscout.js'));
  fs.writeFileSync(path.join(checkout, 'src/cli/main.ts'), '');
  fs.writeFileSync(path.join(checkout, 'src/web/main.ts'), '');
  touch(path.join(checkout, 'src/cli/main.ts'), -60);
  touch(path.join(checkout, 'src/web/main.ts'), -60);
});
after(() => fs.rmSync(checkout, { recursive: true, force: true }));

test('without a build, one line says to run npm run build', () => {
  assert.deepEqual(run(), [1, '', `paperscout: the CLI is not built (no dist/cli/main.js); run \`npm run build\` in ${checkout}\n`]);
});

test('a build newer than the sources runs; a source edited since is named and refused', () => {
  const main = path.join(checkout, 'dist/cli/main.js');
  fs.writeFileSync(main, "console.log('built');\n");
  assert.deepEqual(run(), [0, 'built\n', '']);
  touch(path.join(checkout, 'src/cli/main.ts'), 60);
  assert.deepEqual(run(), [1, '', `paperscout: the build in dist/ is older than src/cli/main.ts; run \`npm run build\` in ${checkout}\n`]);
  // `npm run build` builds the web app too, and `serve` serves only what is built: its sources count.
  touch(path.join(checkout, 'src/cli/main.ts'), -60);
  touch(path.join(checkout, 'src/web/main.ts'), 60);
  assert.deepEqual(run(), [1, '', `paperscout: the build in dist/ is older than src/web/main.ts; run \`npm run build\` in ${checkout}\n`]);
});
