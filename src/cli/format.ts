// Human-readable output: aligned tables, one-line paper summaries, highlighted matches.
import type { Paper, Segment } from '../types.ts';

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
export const bold = (text: string) => (useColor ? `\x1b[1m${text}\x1b[22m` : text);
export const dim = (text: string) => (useColor ? `\x1b[2m${text}\x1b[22m` : text);

/** Matches in bold on a terminal, between *stars* elsewhere, so piped output still shows them. */
export function highlight(runs: readonly Segment[]): string {
  return runs
    .map((run) => (run.match ? (useColor ? `\x1b[1;33m${clean(run.text)}\x1b[0m` : `*${clean(run.text)}*`) : clean(run.text)))
    .join('');
}

/** Strips terminal control characters from untrusted text before it reaches the terminal. */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => clean(cell === null || cell === undefined ? '' : String(cell))))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...row[column]].length)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  return cells
    .map((row, index) => {
      const line = row
        .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
        .join('  ')
        .trimEnd();
      return index === 0 ? bold(line) : line;
    })
    .join('\n');
}

export function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

export function authorLine(authors: readonly string[], max = 6): string {
  if (authors.length === 0) return '(no authors listed)';
  return authors.length <= max ? authors.join(', ') : `${authors.slice(0, max).join(', ')}, … (+${authors.length - max})`;
}

export function venueLine(paper: Paper): string {
  return [paper.venue, paper.year, paper.session].filter((part) => part !== null && part !== undefined && part !== '').join(' · ');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
