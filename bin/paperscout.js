#!/usr/bin/env node
// Runs the CLI compiled into dist/ (by `npm ci` and `npm run build`): it starts in about 0.15 s,
// where running src/ through tsx takes 0.3 to 2 s. From a checkout, a build missing or older than
// the sources it is compiled from is refused with one line, rather than run as code the developer
// has since changed; rebuilding here instead would take seconds and write files as a side effect
// of any command. An installed package passes the check: npm gives all its files one mtime.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const main = path.join(root, 'dist', 'cli', 'main.js');
// The web app's sources count too: `npm run build` builds it beside dist/, and `serve` only serves what is built.
const sources = path.join(root, 'src');

function newestSource() {
  let newest = { file: '', time: 0 };
  for (const entry of fs.readdirSync(sources, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile()) continue;
    const time = fs.statSync(file).mtimeMs;
    if (time > newest.time) newest = { file, time };
  }
  return newest;
}

function refuse(reason) {
  console.error(`paperscout: ${reason}; run \`npm run build\` in ${root}`);
  process.exit(1);
}

const builtAt = fs.existsSync(main) ? fs.statSync(main).mtimeMs : undefined;
if (builtAt === undefined) refuse('the CLI is not built (no dist/cli/main.js)');
if (fs.existsSync(sources)) {
  const { file, time } = newestSource();
  if (time > builtAt) refuse(`the build in dist/ is older than ${path.relative(root, file)}`);
}
await import(pathToFileURL(main).href);
