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
