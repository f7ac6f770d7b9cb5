// Bundles the web app into one script beside its page and stylesheet: `npm run build:web`
// (part of `npm run build` and `npm start`) writes web-dist/, where the server looks for it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const sources = import.meta.dirname;
const defaultWebRoot = path.resolve(sources, '..', '..', 'web-dist');

export async function buildWeb(outDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  // Chunks are named by their hash: those of earlier builds would only pile up.
  fs.rmSync(path.join(outDir, 'chunks'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(sources, 'main.ts')],
    outdir: outDir,
    entryNames: 'app',
    // Pages load as chunks of their own when first opened (the map's drawing among them).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'app.css']) fs.copyFileSync(path.join(sources, file), path.join(outDir, file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildWeb(defaultWebRoot);
  console.log(`web app built in ${path.relative(process.cwd(), defaultWebRoot) || defaultWebRoot}`);
}
