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
