// Progress on stderr for the CLI's long waits: a bar on a terminal, one line otherwise (a log
// file should not fill with redrawn bars).
import cliProgress from 'cli-progress';
import type { Progress } from '../actions/library-features.ts';
import type { FetchProgress } from '../actions/fetch.ts';

/** A Progress that shows `label` and the count, e.g. "indexing papers for recommendations". */
export function progressOnStderr(label: string): Progress {
  if (!process.stderr.isTTY) {
    return { start: (total) => console.error(`${label}: ${total} papers…`), update: () => {}, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${label} {bar} {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}

/** Progress of `fetch`: a bar of sources done, with the source and page being fetched, on a terminal; nothing otherwise (the report follows). */
export function fetchProgressOnStderr(): FetchProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'fetching {bar} {value}/{total} sources  {source}', hideCursor: true }, cliProgress.Presets.shades_classic);
  return {
    start: (total) => bar.start(total, 0, { source: '' }),
    update: (done) => bar.update(done),
    page: (source, page) => bar.update({ source: page > 1 ? `${source}, page ${page}` : source }),
    stop: () => bar.stop(),
  };
}
