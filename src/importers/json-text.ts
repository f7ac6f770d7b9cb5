// JSON.parse with errors that say where: V8 reports a character position, a snippet of the
// text around the bad token, or nothing (end of input), depending on the error; all three are
// turned into a line and column so a user can find the spot in a file of thousands of lines.
import { ImportError } from './importer.ts';
import { lineAndColumn } from './text-location.ts';

/** V8 shows this many characters on each side of the bad token when it quotes a snippet. */
const SNIPPET_CONTEXT = 10;

function offsetOfError(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.startsWith('Unexpected end of JSON input')) return text.length;
  const snippet = /, (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (!snippet) return undefined;
  const start = text.indexOf(snippet[2]);
  if (start < 0) return undefined;
  if (snippet[1]) return start + SNIPPET_CONTEXT;
  // No leading "...": the snippet starts at the beginning of the text; find the bad token in it.
  const token = /^Unexpected token '(.)'/.exec(message)?.[1];
  const at = token === undefined ? -1 : snippet[2].indexOf(token);
  return at < 0 ? undefined : start + at;
}

/**
 * Parses JSON or throws ImportError located at the offending line and column.
 * `firstLine` is the line number of the text's first line in its file (for JSON Lines).
 */
export function parseJson(text: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = offsetOfError(text, message);
    const truncated = offset === text.length || message.startsWith('Unexpected end');
    // The location replaces V8's position and quoted snippet, which can span lines.
    const reason = message.replace(/, (?:\.\.\.)?"[\s\S]*$/, '').replace(/(?: in JSON)? at position \d+.*$/s, '');
    const what = truncated ? 'truncated JSON (input ends inside a value)' : `invalid JSON: ${reason}`;
    throw new ImportError(what, offset === undefined ? `line ${firstLine}` : lineAndColumn(text, offset, firstLine));
  }
}

/**
 * A function giving the 1-based line where the `n`th value (1-based) of the text's top-level
 * array or object begins. The text is scanned once, on the first call: records of a JSON
 * array come from JSON.parse without their places, and only skipped ones need them.
 * Hand-written: a streaming JSON parser would re-parse the whole text to report offsets.
 */
export function topLevelValueLines(text: string): (n: number) => number | undefined {
  let lines: number[] | undefined;
  return (n) => (lines ??= scanTopLevelValues(text))[n - 1];
}

/** The lines where values at depth 1 begin, for a text JSON.parse has accepted. */
function scanTopLevelValues(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let topIsArray = false;
  let expectValue = false;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '\n') line++;
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') continue;
    if (depth === 1 && expectValue) {
      lines.push(line);
      expectValue = false;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) {
        topIsArray = char === '[';
        expectValue = topIsArray;
      }
      depth++;
    } else if (char === '}' || char === ']') depth--;
    else if (depth === 1 && ((char === ',' && topIsArray) || (char === ':' && !topIsArray))) expectValue = true;
  }
  return lines;
}
