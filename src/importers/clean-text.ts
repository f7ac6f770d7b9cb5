// Small text clean-ups shared by the structured importers. Each one checks cheaply whether it
// has anything to do first, because the paperlists importer runs them on ~100k papers.
import { TextNode } from 'node-html-parser';

const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Decodes HTML entities (`&amp;`, `&#233;`) that some sources leave in published text. */
export function decodeEntities(text: string): string {
  return text.includes('&') && ENTITY.test(text) ? new TextNode(text).text : text;
}

const LOOSE_SPACE = /\s{2,}|[\t\n\r]|^\s|\s$/;

/** Trims and folds runs of whitespace (line breaks of wrapped text included) to one space. */
export function squeeze(text: string): string {
  return LOOSE_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Splits a delimited list, trimming items and dropping empty ones. */
export function splitList(text: string, separator: string | RegExp): string[] {
  const items: string[] = [];
  for (const item of text.split(separator)) {
    const trimmed = item.trim();
    if (trimmed) items.push(trimmed);
  }
  return items;
}
