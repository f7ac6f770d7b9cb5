// Small text clean-ups shared by the structured importers. Each one checks cheaply whether it
// has anything to do first, because the paperlists importer runs them on ~100k papers.
import { TextNode } from 'node-html-parser';

const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Decodes HTML entities (`&amp;`, `&#233;`) that some sources leave in published text. */
export function decodeEntities(text: string): string {
  return text.includes('&') && ENTITY.test(text) ? new TextNode(text).text : text;
}

/** Whether text has space to fold. `includes` is much faster than a regex over long abstracts. */
function hasLooseSpace(text: string): boolean {
  return (
    text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32 ||
    text.includes('  ') || text.includes('\n') || text.includes('\t') || text.includes('\r')
  );
}

/** Trims and folds runs of whitespace (line breaks of wrapped text included) to one space. */
export function squeeze(text: string): string {
  return hasLooseSpace(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Splits a delimited list, squeezing items and dropping empty ones. */
export function splitList(text: string, separator: string | RegExp): string[] {
  const items: string[] = [];
  for (const item of text.split(separator)) {
    const squeezed = squeeze(item);
    if (squeezed) items.push(squeezed);
  }
  return items;
}

// C0 controls but tab and line feed, DEL, and C1 controls: invisible in text, and some mean
// something to a terminal or to programs that read the library's exports.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** Text without control characters; line breaks (CR, CRLF) become line feeds first, and tabs stay. */
export function withoutControls(text: string): string {
  return CONTROL.test(text) ? text.replace(/\r\n?/g, '\n').replace(CONTROLS, '') : text;
}
