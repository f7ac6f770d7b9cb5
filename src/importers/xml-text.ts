// Reading XML formats (arXiv's Atom feeds, EndNote XML) with fast-xml-parser, with errors that
// say what went wrong and where: the validator's and the parser's own messages name neither a
// truncated download nor the spot where nesting ran too deep.
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { ImportError } from './importer.ts';
import { LineIndex, lineAndColumn } from './text-location.ts';
import { boundedMessage, shortLabel } from './untrusted.ts';
import { squeeze } from './clean-text.ts';

/** The formats read nest a handful of elements deep; the parser refuses deeper nesting rather than recurse into it. */
const MAX_NESTED_TAGS = 100;

/**
 * A parser with these options that refuses nesting past the limit. Values stay strings (titles
 * like "1984"), and character references (`&#233;`, EndNote's `&#xD;` line breaks) are decoded,
 * which fast-xml-parser leaves to its `htmlEntities` option.
 */
export function xmlParser(options: X2jOptions): XMLParser {
  return new XMLParser({ parseTagValue: false, parseAttributeValue: false, htmlEntities: true, ...options, maxNestedTags: MAX_NESTED_TAGS });
}

/** Elements left open, outermost first, for a message: the first and last few when there are many. */
function openElements(names: readonly string[]): string {
  const shown = (list: readonly string[]) => list.map((name) => `<${shortLabel(name) ?? '…'}>`).join(', ');
  return names.length <= 6 ? shown(names) : `${shown(names.slice(0, 3))}, … ${(names.length - 6).toLocaleString('en')} more, ${shown(names.slice(-3))}`;
}

/**
 * The validator reports elements left open at the end (a truncated download) as "Invalid
 * '["feed", "entry"]' found" at line 1; say what happened and point at the end instead.
 */
function validationError(text: string, error: { msg: string; line: number; col: number }): ImportError {
  const open = /^Invalid '(\[.*\])' found\.$/.exec(error.msg)?.[1] ?? /^Unclosed tag '(.*)'\.$/.exec(error.msg)?.[1];
  if (!open) return new ImportError(`invalid XML: ${boundedMessage(error.msg)}`, `line ${error.line}, column ${error.col}`);
  const names = open.startsWith('[') ? (JSON.parse(open) as string[]) : [open];
  return new ImportError(`truncated XML: the file ends inside ${openElements(names)}`, lineAndColumn(text, text.length));
}

/**
 * Where elements first nest deeper than `limit`. Hand-written because the parser does not say:
 * the text has passed validation, so counting start and end tags is enough to point at the spot
 * (comments, CDATA and processing instructions start with `<!` or `<?` and are not counted).
 */
function tooDeepAt(text: string, limit: number): number | undefined {
  let depth = 0;
  for (const tag of text.matchAll(/<(\/?)[\p{L}_:][^>]*?(\/?)>/gu)) {
    if (tag[1]) depth--;
    else if (!tag[2] && ++depth > limit) return tag.index;
  }
  return undefined;
}

/**
 * The parser throws plain Errors for what the validator lets through: DOCTYPE declarations it
 * refuses (external and parameter entities), nesting past its limit, names it will not use.
 */
function parserError(text: string, error: unknown): ImportError {
  const reason = boundedMessage(error);
  if (reason.startsWith('Maximum nested tags')) {
    const at = tooDeepAt(text, MAX_NESTED_TAGS);
    return new ImportError(`elements nested over ${MAX_NESTED_TAGS} deep`, at === undefined ? undefined : lineAndColumn(text, at));
  }
  const doctype = /<!DOCTYPE/i.exec(text)?.index;
  const inDoctype = doctype !== undefined && /DOCTYPE|entit|notation|element|attribute/i.test(reason);
  return new ImportError(`invalid XML: ${reason}`, inDoctype ? lineAndColumn(text, doctype) : undefined);
}

/** Validates and parses an XML text, or throws ImportError saying where it is broken. */
export function parseXml(text: string, parser: XMLParser): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw validationError(text, valid.err);
  try {
    return parser.parse(text) as unknown;
  } catch (error) {
    throw parserError(text, error);
  }
}

/**
 * The line of the `n`th `<name>` element (1-based), found on the first call: the parser gives
 * no positions, and only skipped records need theirs.
 */
export function elementLines(text: string, name: string): (n: number) => number | undefined {
  let lines: number[] | undefined;
  return (n) => {
    if (!lines) {
      const index = new LineIndex(text);
      lines = [...text.matchAll(new RegExp(`<${name}[\\s>]`, 'g'))].map((match) => index.lineAt(match.index));
    }
    return lines[n - 1];
  };
}

/** An element's text, spaces squeezed; undefined when it has none. */
export function textOf(value: unknown): string | undefined {
  // An element with attributes parses to {#text, ...attributes}.
  const raw = value && typeof value === 'object' ? (value as { '#text'?: unknown })['#text'] : value;
  if (typeof raw !== 'string') return undefined;
  const text = squeeze(raw);
  return text || undefined;
}
