// Text copied or saved from web pages: cleaning lines, dropping site chrome, and joining the
// pieces of a field that the copy broke over several lines. Shared by the listing-page importers.
import { authorListNames, looksLikeAbstract, startsLowerCase } from './line-shapes.ts';

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
  /^successful page load$/i,
  // Award badges shown above a title.
  /^(?:outstanding paper|best paper|test of time)(?: award)?(?: (?:honou?rable mention|runner[- ]up))?$/i,
  /^honou?rable mention$/i,
  /^(?:©|\(c\) |copyright\b)/i,
  // Lines with no letters at all: separators, counters, star counts.
  /^[^\p{L}]*$/u,
];

/** The "Abstract:" label that starts a line, with the space after it. */
export const ABSTRACT_LABEL = /^abstract\s*[:：]\s*/i;

/** Whether a cleaned line is page chrome (navigation, a label, a badge) rather than content. */
export function isNavigation(text: string): boolean {
  return NAVIGATION.some((pattern) => pattern.test(text));
}

/** Whether a piece of text ends a sentence (so the next piece starts a new paragraph). */
function endsSentence(text: string): boolean {
  return /[.!?…:]["'”’)\]]*$/.test(text);
}

/** Rejoins a sentence broken between two pieces: with a space, or nothing after a hyphenation. */
export function continueSentence(text: string, rest: string): string {
  return /\p{L}-$/u.test(text) && /^\p{Ll}/u.test(rest) ? text + rest : `${text} ${rest}`;
}

/**
 * Joins the pieces of one field: a piece after a finished sentence starts a new paragraph,
 * any other continues the sentence.
 */
export function joinPieces(pieces: readonly string[]): string {
  let joined = pieces[0] ?? '';
  for (const piece of pieces.slice(1)) {
    joined = endsSentence(joined) ? `${joined}\n${piece}` : continueSentence(joined, piece);
  }
  return joined;
}

// A line ending in one of these words stops mid-phrase ("Deep Residual Learning for").
const DANGLING_END = / (?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|towards|via|with)$/;

/**
 * Whether `text` continues the line before it, broken inside a sentence: the line before is
 * short and stops mid-phrase (the first half of a title, which never sits right under an
 * author list as a cut-off abstract does), or `text` starts with a lower-case word and is not
 * right above an author list (which makes it a title, "iGraphMix: …"). Author lists are never
 * joined. `before` holds the lines already joined, `next` the line after `text`.
 */
function continuesLine(before: readonly PageLine[], text: string, next: string | undefined): boolean {
  const previous = before.at(-1)?.text;
  if (previous === undefined || authorListNames(text) || authorListNames(previous)) return false;
  const underAuthors = authorListNames(before.at(-2)?.text ?? '') !== undefined;
  if (DANGLING_END.test(previous) && !looksLikeAbstract(previous) && !underAuthors) return true;
  return startsLowerCase(text) && !(next !== undefined && authorListNames(next));
}

/** Lines with the pieces of sentences the copy broke over several lines joined back. */
export function joinBrokenLines(lines: readonly PageLine[]): PageLine[] {
  const joined: PageLine[] = [];
  lines.forEach((line, index) => {
    const previous = joined.at(-1);
    if (previous && continuesLine(joined, line.text, lines[index + 1]?.text)) {
      previous.text = continueSentence(previous.text, line.text);
    } else {
      joined.push({ ...line });
    }
  });
  return joined;
}

/**
 * The first non-blank cleaned lines of a text: a cheap sample for the page formats' detection;
 * none for records written as data (looksLikeRecordData), which no page format may claim.
 */
export function sampleLines(text: string, max = 300): string[] {
  const lines: string[] = [];
  if (looksLikeRecordData(text)) return lines;
  for (const raw of text.slice(0, 200_000).split(/\r\n|[\r\n]/)) {
    const line = cleanLine(raw);
    if (line && !isNavigation(line)) lines.push(line);
    if (lines.length >= max) break;
  }
  return lines;
}

/** A field line of a tagged export: Web of Science `TI Title`, PubMed `TI  - Title`, RIS `TI  - `. */
const TAGGED_LINE = /^([A-Z][A-Z0-9]{1,3})(?: {1,4}- ?| )\S?/;
/** A value continued on the next line, indented (Web of Science by 3 spaces, PubMed by 6). */
const CONTINUATION_LINE = /^ {2,}\S/;
const TITLE_TAGS = new Set(['TI', 'T1']);
const AUTHOR_TAGS = new Set(['AU', 'AF', 'FAU', 'A1']);
/** YAML shapes: an indented or listed `key:`, a bare `key:` opening a block, document markers. */
const YAML_LINE = /^(?:(?: +|(?: *- )+)[A-Za-z][\w-]*:(?: |$)|[A-Za-z][\w-]*:$|---$|\.\.\.$)/;
/** Lines of such shapes make a text data when they are at least this share of its lines. */
const DATA_SHARE = 0.6;

/**
 * Whether a text is records written as data (a tagged bibliographic export, YAML), which
 * read as a page would be title lines and abstract lines of field names and values. Judged
 * on the raw lines, up to 300 of them: cleaning would lose the indentation that marks both.
 */
export function looksLikeRecordData(text: string): boolean {
  const lines = text.slice(0, 200_000).split(/\r\n|[\r\n]/).filter((line) => line.trim()).slice(0, 300);
  if (lines.length < 3) return false;
  let tagged = 0;
  let yaml = 0;
  const tags = new Set<string>();
  for (const line of lines) {
    const tag = TAGGED_LINE.exec(line)?.[1];
    if (tag) tags.add(tag);
    if (tag || CONTINUATION_LINE.test(line)) tagged++;
    if (YAML_LINE.test(line)) yaml++;
  }
  const titled = [...tags].some((tag) => TITLE_TAGS.has(tag)) && [...tags].some((tag) => AUTHOR_TAGS.has(tag));
  return (titled && tagged >= lines.length * DATA_SHARE) || yaml >= lines.length * DATA_SHARE;
}
