// Markdown captures of listing pages (a session page or a trending feed saved by a
// web-to-Markdown converter): each paper is a heading whose text is a link to it
// (`##### **[Title][33]**`, `## [Title](url)`), followed by an author line (`A · B · C`) or an
// author count (`- 8 authors`), hard-wrapped abstract paragraphs, and page chrome; the
// reference-style links (`[33]: /virtual/…`) are listed at the end. Parsed with marked's
// lexer, which resolves the reference links and escapes; the lines under each heading are told
// apart by the same cues as the session-page importer's.
import { Lexer, type Token, type Tokens } from 'marked';
import type { ImportedPaper, ListingMeta, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom } from './identifiers.ts';
import { decodeEntities } from './clean-text.ts';
import { cleanLine, continueSentence, isNavigation, type PageLine } from './page-text.ts';
import { authorListNames, looksLikeAbstract, looksLikeName } from './line-shapes.ts';
import { listingMeta } from './session-page.ts';

/** A block of text under a heading (a paragraph, a list item), with the line it starts on. */
interface Block extends PageLine {
  /** List items may be author lines but are never abstract text (a changelog's bullets are not abstracts). */
  kind: 'heading' | 'text' | 'item';
  depth: number;
  /** For a heading that is a link, the link's text and target. */
  link?: { title: string; href: string };
}

/** Plain text of inline tokens: link texts kept, images and raw HTML dropped. */
function inlineText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'image' || token.type === 'html') return '';
      if (token.type === 'br') return ' ';
      if ('tokens' in token && token.tokens) return inlineText(token.tokens);
      return 'text' in token ? decodeEntities(token.text) : '';
    })
    .join('');
}

/** The one link a heading consists of (inside `**…**` or `*…*` or not), or undefined. */
function headingLink(tokens: readonly Token[]): Tokens.Link | undefined {
  const parts = tokens.filter((token) => !(token.type === 'text' && !token.text.trim()));
  if (parts.length !== 1) return undefined;
  const [part] = parts;
  if (part.type === 'link') return part as Tokens.Link;
  return (part.type === 'strong' || part.type === 'em') && part.tokens ? headingLink(part.tokens) : undefined;
}

/** The lines of a paragraph joined back into one (a word hyphenated at a line end rejoined). */
function joinLines(text: string): string {
  return text.split('\n').map(cleanLine).filter(Boolean).reduce((joined, line) => (joined ? continueSentence(joined, line) : line), '');
}

/** Quotes and lists nest this deep at most; marked recurses once a level (and takes minutes over 2,000 nested lists). */
const MAX_NESTING = 100;
/** The quote and list markers that open a line (`> - 1. `), with the indentation between them. */
const CONTAINER_MARKS = /^(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;

/**
 * The first line where quotes and lists nest deeper than the limit, counting the markers that
 * open it and its indentation (two columns a level, as a list item's content is indented).
 * Hand-written because marked has no limit of its own.
 */
function tooDeepAt(text: string): number | undefined {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const marks = CONTAINER_MARKS.exec(lines[index])?.[0];
    if (!marks) continue;
    const markers = marks.match(/>|[*+-]|\d{1,9}[.)]/g)!.length;
    const indent = marks.length - marks.replace(/[ \t]/g, '').length;
    if (markers + indent / 2 > MAX_NESTING) return index + 1;
  }
  return undefined;
}

/** The Markdown's blocks in order: headings, paragraphs, list items (quotes and lists opened). */
function readBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const visit = (tokens: readonly Token[], at: number, inList = false) => {
    for (const token of tokens) {
      if (token.type === 'heading') {
        const heading = token as Tokens.Heading;
        const link = headingLink(heading.tokens);
        const title = joinLines(inlineText(heading.tokens));
        blocks.push({ kind: 'heading', depth: heading.depth, text: title, line: at, ...(link && { link: { title: joinLines(inlineText(link.tokens)), href: link.href } }) });
      } else if (token.type === 'paragraph' || token.type === 'text') {
        const inline = 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeEntities((token as Tokens.Text).text);
        const paragraph = joinLines(inline);
        if (paragraph) blocks.push({ kind: inList ? 'item' : 'text', depth: 0, text: paragraph, line: at });
      } else if (token.type === 'list') {
        let itemLine = at;
        for (const item of (token as Tokens.List).items) {
          visit(item.tokens, itemLine, true);
          itemLine += item.raw.split('\n').length - 1;
        }
      } else if (token.type === 'blockquote') {
        visit((token as Tokens.Blockquote).tokens, at, inList);
      }
      at += token.raw.split('\n').length - 1;
    }
  };
  const deep = tooDeepAt(text);
  if (deep !== undefined) throw new ImportError(`quotes or lists nested over ${MAX_NESTING} deep`, `line ${deep}`);
  visit(new Lexer().lex(text), 1);
  return blocks;
}

/** `- 8 authors`, `· 12 authors`: how many authors the page had room to name, not who. */
const AUTHOR_COUNT = /^(?:[·•]\s*)?\d+ authors?$/i;

interface PaperDraft {
  heading: Block;
  authors: string[];
  abstract: string[];
}

/** The names on an author line: `A · B · C`, one name, or names separated by commas. */
function namesOn(text: string): string[] | undefined {
  const listed = authorListNames(text);
  if (listed) return listed;
  if (looksLikeName(text)) return [text];
  const parts = text.split(/,\s+|\s+and\s+/);
  return parts.length >= 2 && parts.every(looksLikeName) ? parts : undefined;
}

function isPaperHeading(block: Block): boolean {
  return block.kind === 'heading' && block.link !== undefined && Boolean(block.link.title) && !isNavigation(block.link.title);
}

/** Sorts the blocks under each linked heading into authors, abstract and chrome. */
function readDrafts(blocks: readonly Block[]): PaperDraft[] {
  const drafts: PaperDraft[] = [];
  let current: PaperDraft | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      current = isPaperHeading(block) ? { heading: block, authors: [], abstract: [] } : undefined;
      if (current) drafts.push(current);
      continue;
    }
    if (!current || AUTHOR_COUNT.test(block.text) || isNavigation(block.text)) continue;
    const names = current.abstract.length === 0 ? namesOn(block.text) : undefined;
    if (names) current.authors.push(...names);
    else if (block.kind === 'text' && looksLikeAbstract(block.text)) current.abstract.push(block.text);
  }
  // Papers are the linked headings of the level that holds papers; linked headings of other
  // levels (a site menu, a "[Back to sessions](…)") are the page's.
  const depths = new Map<number, number>();
  for (const draft of drafts) {
    if (draft.authors.length || draft.abstract.length) depths.set(draft.heading.depth, (depths.get(draft.heading.depth) ?? 0) + 1);
  }
  const paperDepth = [...depths].sort((a, b) => b[1] - a[1])[0]?.[0];
  return drafts.filter((draft) => draft.heading.depth === paperDepth);
}

/** A converter's header line giving the page's address (`URL Source: https://…`), to resolve relative links against. */
function pageAddress(blocks: readonly Block[]): string | undefined {
  for (const block of blocks) {
    const source = /^URL Source:\s*(https?:\/\/\S+)$/i.exec(block.text);
    if (source) return source[1];
  }
  return undefined;
}

function absolute(href: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The arXiv id in a link to an arXiv or Hugging Face paper page. */
function arxivOf(url: string): string | undefined {
  const huggingFace = /huggingface\.co\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\b/.exec(url);
  if (huggingFace) return huggingFace[1];
  return /arxiv\.org\/(?:abs|pdf)\//.test(url) ? arxivIdFrom(url) : undefined;
}

function draftToPaper(draft: PaperDraft, meta: ListingMeta, base: string | undefined): ImportedPaper {
  const paper: ImportedPaper = { title: draft.heading.link!.title, authors: draft.authors };
  if (draft.abstract.length) paper.abstract = draft.abstract.join('\n');
  if (meta.venue) paper.venue = meta.venue;
  if (meta.year) paper.year = meta.year;
  if (meta.session) paper.session = meta.session;
  const site = absolute(draft.heading.link!.href, base);
  if (site) paper.urls = { site } satisfies PaperUrls;
  const arxiv = site && arxivOf(site);
  if (arxiv) paper.ids = { arxiv };
  return paper;
}

/**
 * The first few paragraphs below line `start` of a text, up to the next heading, each with its
 * lines joined; list items are left out. For detection, which must not run the lexer over
 * every file it is asked about.
 */
function paragraphsBelow(lines: readonly string[], start: number, max = 3): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const end = () => {
    if (current.length) paragraphs.push(joinLines(current.join('\n')));
    current = [];
  };
  for (let index = start; index < lines.length && paragraphs.length < max; index++) {
    const line = cleanLine(lines[index]);
    if (line.startsWith('#')) break;
    if (!line || /^(?:[-*+]|\d+\.)\s/.test(line)) end();
    else current.push(line);
  }
  end();
  return paragraphs.slice(0, max);
}

/** A heading line whose text starts with a link: `## [Title](…)`, `##### **[Title][33]**`. */
const LINKED_HEADING = /^#{1,6}[ \t]+(?:\*{1,2}|_{1,2})?\[[^\n]+\](?:\(|\[)/;

export const markdownPageImporter: Importer = {
  format: 'markdown-page',
  detect(text) {
    const lines = text.slice(0, 200_000).split(/\r\n|\r|\n/);
    let headings = 0;
    let papers = 0;
    for (let index = 0; index < lines.length; index++) {
      if (!LINKED_HEADING.test(lines[index])) continue;
      headings++;
      // A paper's heading has an author line or abstract text among the next few paragraphs.
      if (paragraphsBelow(lines, index + 1).some((paragraph) => namesOn(paragraph) || looksLikeAbstract(paragraph))) papers++;
    }
    if (papers >= 2 && papers * 2 >= headings) return 0.95;
    return papers === 1 ? 0.6 : 0;
  },
  parse(text) {
    const blocks = readBlocks(text);
    const firstHeading = blocks.findIndex(isPaperHeading);
    const drafts = readDrafts(blocks);
    if (drafts.length === 0) {
      throw new ImportError('no heading with a linked title (`## [Title](url)`) above an author line or an abstract', firstHeading >= 0 ? `line ${blocks[firstHeading].line}` : undefined);
    }
    const header = blocks.filter((block) => block.line < drafts[0].heading.line).map((block) => ({ ...block, text: block.text.replace(/^title:\s*/i, '') }));
    const meta = listingMeta(header);
    const base = pageAddress(header);
    return { format: 'markdown-page', meta, papers: drafts.map((draft) => draftToPaper(draft, meta, base)) };
  },
};
