// A display title for a paper a listing gives only as an abstract: its first sentence, cut
// on a word boundary when long.
import { ABBREVIATION_END } from './line-shapes.ts';

const MAX_LENGTH = 90;
// Words that read as a cut-off phrase when they end a title.
const DANGLING = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'and', 'or', 'with', 'by', 'from', 'as', 'at', 'via', 'that',
  'which', 'is', 'are', 'was', 'were', 'be', 'its', 'their', 'our', 'we', 'this', 'these', 'such', 'into', 'than',
]);

function firstSentence(text: string): string {
  const boundary = /[.!?](?=\s+["'“‘(]?[\p{Lu}\d])/gu;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const before = text.slice(0, match.index);
    if (match[0] !== '.' || !ABBREVIATION_END.test(before)) return before;
  }
  return text.replace(/[.!?]+$/, '');
}

/** Cuts before a bracket the cut would leave open, if enough text remains before it. */
function closeBrackets(text: string): string {
  const open = Math.max(text.lastIndexOf('('), text.lastIndexOf('['));
  const closed = Math.max(text.lastIndexOf(')'), text.lastIndexOf(']'));
  return open > closed && open >= 30 ? text.slice(0, open) : text;
}

/**
 * An abstract's start as a reader sees it typeset: no "Abstract:" label, and the LaTeX that
 * abstracts copied from papers carry (``quotes'', ~, $x$, \emph{…}, --) turned into the
 * characters it stands for. Only for the derived title: the abstract itself stays as written.
 */
export function asTypeset(text: string): string {
  return text
    .replace(/^\s*abstract\s*[:.—–-]?\s*/i, '')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/(^|[\s(])`/g, '$1‘')
    .replace(/\\(?:emph|textbf|textit|texttt|textsc|mathrm|mathbf|mathcal|text)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\$([^$]*)\$/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/\\([%&#_$])/g, '$1')
    .replace(/(?<!\\)~/g, ' ');
}

/** A readable short title derived from an abstract (ends with "…" when it was cut). */
export function titleFromAbstract(abstract: string): string {
  const sentence = firstSentence(asTypeset(abstract).replace(/\s+/g, ' ').trim());
  if (sentence.length <= MAX_LENGTH) return sentence;
  const space = sentence.lastIndexOf(' ', MAX_LENGTH);
  const words = closeBrackets(sentence.slice(0, space > 0 ? space : MAX_LENGTH))
    .replace(/[\s,;:–—-]+$/, '')
    .split(' ');
  while (words.length > 3 && DANGLING.has(words.at(-1)!.toLowerCase())) words.pop();
  return `${words.join(' ').replace(/[,;:–—-]+$/, '')}…`;
}
