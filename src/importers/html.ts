// Saved HTML pages: recognising one, and reducing it to the text a browser would show, one
// block per line, so the listing-page importers read it like copied text.
import { parse, HTMLElement, TextNode, type Node } from 'node-html-parser';

// Elements whose content is never listing text: code, styles, site navigation, the document head.
const HIDDEN = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'svg', 'iframe', 'button', 'select']);
// Elements that start and end a line of text; everything else (span, a, em…) flows inline.
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

/**
 * Whether a text is an HTML document or fragment rather than plain text. A plain page may hold
 * literal markup in a title (`<script>` in a paper's name), so only the text's start and end count.
 */
export function looksLikeHtml(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(trimmed)) return true;
  // A fragment: opens with an HTML element (not an XML root such as Atom's <feed>) and closes one.
  return /^<(?:div|section|main|article|header|ul|ol|dl|table|p|span|a|h[1-6])[\s>]/i.test(trimmed) && /<\/[a-z][\w-]*>$/i.test(trimmed);
}

/**
 * The visible text of an HTML page: block elements (div, p, li, h1…, td, br) end lines, inline
 * ones run together with the page's whitespace collapsed, entities are decoded, and scripts,
 * styles and navigation are dropped. (The parser's own `structuredText` trims the spaces
 * around inline elements, gluing "at <a>link</a>" into "atlink".)
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let line = '';
  const endLine = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  // A walk with its own stack, not recursion: a page may nest elements 100,000 deep. The end of
  // a block element is pushed below its children, as `undefined`, so the line ends after them.
  // The parser would keep a doctype as text.
  const stack: (Node | undefined)[] = [parse(html.replace(/<!doctype[^>]*>/gi, ''), { comment: false })];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) {
      endLine();
    } else if (node instanceof TextNode) {
      line += node.text;
    } else if (node instanceof HTMLElement) {
      const tag = node.rawTagName?.toLowerCase() ?? '';
      if (HIDDEN.has(tag)) continue;
      if (BLOCKS.has(tag)) {
        endLine();
        stack.push(undefined);
      }
      for (let child = node.childNodes.length - 1; child >= 0; child--) stack.push(node.childNodes[child]);
    }
  }
  endLine();
  return lines.join('\n');
}
