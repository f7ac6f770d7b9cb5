// Where in a file something is, for ImportError locations.

/** `line N, column M` (1-based) of a character offset, counting lines from `firstLine`. */
export function lineAndColumn(text: string, offset: number, firstLine = 1): string {
  let line = firstLine;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/**
 * Line numbers of many offsets in one text: the line starts are found once, and each offset
 * is looked up by halving, where counting line breaks for each of 7,000 entries of a 3 MB
 * file would read the text 7,000 times.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /** The offset of 1-based `line` and `column`. */
  offsetOf(line: number, column: number): number {
    return (this.starts[line - 1] ?? this.starts[this.starts.length - 1]) + column - 1;
  }

  /** The 1-based line holding `offset`. */
  lineAt(offset: number): number {
    let [low, high] = [0, this.starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}
