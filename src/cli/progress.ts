// Progress on stderr for the CLI's long waits: a bar on a terminal, one line otherwise (a log
// file should not fill with redrawn bars).
import cliProgress from 'cli-progress';
import type { Progress } from '../actions/library-features.ts';

/** A Progress that shows `label` and the count, e.g. "indexing papers for recommendations". */
export function progressOnStderr(label: string): Progress {
  if (!process.stderr.isTTY) {
    return { start: (total) => console.error(`${label}: ${total} papers…`), update: () => {}, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `${label} {bar} {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}
