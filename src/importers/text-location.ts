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
