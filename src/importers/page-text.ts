// Text copied or saved from web pages: cleaning lines, dropping site chrome, and joining the
// pieces of a field that the copy broke over several lines. Shared by the listing-page importers.

/** One line of a page, with its 1-based line number in the file for error locations. */
export interface PageLine {
  text: string;
  line: number;
}

// Soft hyphens, zero-width spaces/joiners, word joiners and stray byte-order marks: invisible,
// but they break matching and de-duplication.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Tabs, no-break and typographic spaces become plain spaces (runs collapse to one).
const ODD_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A line with invisible and odd whitespace characters cleaned out; the text is otherwise kept. */
export function cleanLine(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, '').replace(ODD_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
}

/** All lines of a text (CRLF, CR and Unicode separators all end a line), cleaned; blank ones are ''. */
export function pageLines(text: string): PageLine[] {
  return text.split(/\r\n|[\r\n\u2028\u2029]/).map((raw, index) => ({ text: cleanLine(raw), line: index + 1 }));
}

// Whole lines that are site navigation, labels or badges, never part of a paper.
const NAVIGATION: readonly RegExp[] = [
  /^skip to [\p{L} ]{1,80}$/iu,
  /^chat is not available\.?$/i,
  /^(?:abstract|session|poster|oral|spotlight|highlight|keywords?|authors?|title|video|slides|chat|pdf|code|bibtex|openreview|project page|paper|poster position|add to calendar|bookmark|share|cite)\s*:?$/i,
  /^(?:toggle navigation|navigation|menu|home|log ?in|log ?out|sign ?in|sign ?up|register|search|back to top|show (?:more|less|all)|read more|load more|view more|expand|collapse|loading\.*|downloads?|my stuff|help|faq|contact(?: us)?|privacy(?: policy)?|terms(?: of (?:use|service))?|cookies?(?: policy)?|code of conduct|previous|next|calendar)$/i,
  /^select year:?.*$/i,
  // Award badges shown above a title.
  /^(?:outstanding paper|best paper|test of time)(?: award)?(?: (?:honou?rable mention|runner[- ]up))?$/i,
  /^honou?rable mention$/i,
  /^(?:©|\(c\) |copyright\b)/i,
  // Lines with no letters at all: separators, counters, star counts.
  /^[^\p{L}]*$/u,
];

/** Whether a cleaned line is page chrome (navigation, a label, a badge) rather than content. */
export function isNavigation(text: string): boolean {
  return NAVIGATION.some((pattern) => pattern.test(text));
}

/** Whether a piece of text ends a sentence (so the next piece starts a new paragraph). */
function endsSentence(text: string): boolean {
  return /[.!?…:]["'”’)\]]*$/.test(text);
}

/**
 * Joins the pieces of one field. A piece continuing a sentence is joined with a space (after
 * a broken hyphenation, with nothing); a piece after a finished sentence starts a new paragraph.
 */
export function joinPieces(pieces: readonly string[]): string {
  let joined = '';
  for (const piece of pieces) {
    if (!joined) joined = piece;
    else if (/\p{L}-$/u.test(joined) && /^\p{Ll}/u.test(piece)) joined += piece;
    else joined += (endsSentence(joined) ? '\n' : ' ') + piece;
  }
  return joined;
}
