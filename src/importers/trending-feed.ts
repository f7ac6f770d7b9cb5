// A trending-papers feed page (Papers with Code, Hugging Face papers…), as text copied from a
// browser: page chrome, then a title line and an abstract line for each paper.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { ABSTRACT_LABEL, isNavigation, joinBrokenLines, joinPieces, pageLines, sampleLines, type PageLine } from './page-text.ts';
import { authorListNames, looksLikeAbstract, looksStructured, sentenceStops } from './line-shapes.ts';

// The feed sites' own chrome: subscription prompts, headings and footers.
const FEED_CHROME: readonly RegExp[] = [
  /^get trending papers in your email inbox/i,
  /^subscribe$/i,
  /^(?:trending|trending papers|latest|greatest|top|new|social|daily papers)$/i,
  /^contact us on:?/i,
  /\bis a free resource with all data licensed under\b/i,
  /^terms\b.*\bpolicy\b/i,
];
// The subscribe button's label, glued by the copy to the first title ("SubscribeCategorical…").
const GLUED_SUBSCRIBE = /^Subscribe(?=[\p{Lu}\d([{"'“‘$])/u;

function isChrome(text: string): boolean {
  return isNavigation(text) || FEED_CHROME.some((pattern) => pattern.test(text));
}

interface FeedDraft {
  title: string;
  abstract: string[];
}

/**
 * Whether line `index`, though it reads like abstract text, is a title: one sentence at most,
 * after a paper that already has its abstract and above the next abstract.
 */
function isTitleEndingInFullStop(lines: readonly PageLine[], index: number, drafts: readonly FeedDraft[]): boolean {
  const { text } = lines[index];
  const next = lines[index + 1]?.text;
  const afterAbstract = (drafts.at(-1)?.abstract.length ?? 0) > 0;
  return afterAbstract && text.length < 200 && sentenceStops(text) === 0 && next !== undefined && looksLikeAbstract(next);
}

/**
 * Pairs each title line with the abstract lines under it. Before the first pair, lines that
 * are not followed by an abstract are chrome; after it, a title without an abstract is kept.
 */
function readFeed(lines: readonly PageLine[]): FeedDraft[] {
  const drafts: FeedDraft[] = [];
  let pendingTitle: string | undefined;
  for (const [index, { text }] of lines.entries()) {
    if (looksLikeAbstract(text) && !isTitleEndingInFullStop(lines, index, drafts)) {
      if (pendingTitle !== undefined) drafts.push({ title: pendingTitle, abstract: [] });
      // Abstract text above the first title is a blurb of the site's.
      drafts.at(-1)?.abstract.push(text);
      pendingTitle = undefined;
    } else {
      if (pendingTitle !== undefined && drafts.length > 0) drafts.push({ title: pendingTitle, abstract: [] });
      pendingTitle = text;
    }
  }
  if (pendingTitle !== undefined && drafts.length > 0) drafts.push({ title: pendingTitle, abstract: [] });
  return drafts;
}

export const trendingFeedImporter: Importer = {
  format: 'trending-feed',
  detect(text) {
    const lines = sampleLines(text).filter((line) => !isChrome(line));
    if (lines.length < 2 || lines.filter(looksStructured).length > lines.length / 5) return 0;
    const isTitle = (line: string) => !looksLikeAbstract(line) && !authorListNames(line) && !ABSTRACT_LABEL.test(line);
    let pairs = 0;
    for (let index = 0; index + 1 < lines.length; index++) {
      if (isTitle(lines[index]) && looksLikeAbstract(lines[index + 1]) && !ABSTRACT_LABEL.test(lines[index + 1])) pairs++;
    }
    const authorLists = lines.filter((line) => authorListNames(line)).length;
    const share = (2 * pairs) / lines.length;
    const score = share >= 0.6 ? 0.85 : share >= 0.3 ? 0.5 : share / 2;
    // Author lists between titles and abstracts make it a session page.
    const marked = /get trending papers/i.test(text.slice(0, 5000)) ? 0.1 : 0;
    return authorLists * 4 > pairs ? score * 0.2 : Math.min(1, score + marked);
  },
  parse(text) {
    const lines = joinBrokenLines(
      pageLines(text)
        .map((line) => ({ ...line, text: line.text.replace(GLUED_SUBSCRIBE, '') }))
        .filter((line) => line.text && !isChrome(line.text)),
    );
    const drafts = readFeed(lines);
    if (drafts.length === 0) {
      throw new ImportError('no title line followed by an abstract line', `line ${lines[0]?.line ?? 1}`);
    }
    const papers = drafts.map(
      (draft): ImportedPaper => ({
        title: draft.title,
        authors: [],
        abstract: draft.abstract.length > 0 ? joinPieces(draft.abstract) : undefined,
      }),
    );
    return { format: 'trending-feed', meta: {}, papers };
  },
};
