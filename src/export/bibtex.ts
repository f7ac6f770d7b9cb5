// Papers as BibTeX. Text is written as UTF-8 with LaTeX's special characters escaped, so that
// the file compiles and reads back (bibtexImporter) to the same text; `$…$` math, which
// paperlists titles carry as published, passes through for LaTeX to typeset.
import type { Paper } from '../types.ts';
import { citationKeys } from './citation-keys.ts';

/** Characters LaTeX or BibTeX would interpret, and what stands for them literally. */
const LATEX_SPECIALS: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  $: '\\$',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

const SPECIAL = /[\\{}&%#_$~^<>]/g;
/** TeX ligatures that would turn `--` into a dash, `''` into a quote, `!`` into `¡`. */
const LIGATURE = /([-`'])(?=\1)|([!?])(?=`)/g;
/** Inline math with balanced braces; anything else that looks like math is escaped as text. */
const MATH = /\$[^$]+\$/g;

function escapeText(text: string): string {
  return text.replace(SPECIAL, (char) => LATEX_SPECIALS[char]).replace(LIGATURE, '$1$2{}');
}

function bracesBalance(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Escapes text for a braced BibTeX value, keeping well-formed `$…$` math as LaTeX. */
export function escapeLatex(text: string): string {
  let escaped = '';
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    if (!bracesBalance(match[0])) continue;
    escaped += escapeText(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return escaped + escapeText(text.slice(last));
}

/** A name BibTeX would split at ` and ` or read as `Last, First` is kept whole in braces. */
function authorField(authors: readonly string[]): string {
  return authors.map((name) => (/,|\sand\s/i.test(name) ? `{${escapeLatex(name)}}` : escapeLatex(name))).join(' and ');
}

function entry(paper: Paper, key: string): string {
  const fields: [string, string][] = [
    // Double braces keep the title's capitalisation from bibliography styles.
    ['title', `{${escapeLatex(paper.title)}}`],
    ['author', authorField(paper.authors)],
  ];
  if (paper.venue) fields.push(['booktitle', escapeLatex(paper.venue)]);
  if (paper.year !== null) fields.push(['year', String(paper.year)]);
  // doi, url and eprint are verbatim fields: only braces would need care, and they hold none.
  if (paper.ids.doi) fields.push(['doi', paper.ids.doi]);
  const url = paper.urls.site ?? paper.urls.pdf;
  if (url) fields.push(['url', url]);
  if (paper.ids.arxiv) fields.push(['eprint', paper.ids.arxiv], ['archiveprefix', 'arXiv']);
  if (paper.keywords.length) fields.push(['keywords', escapeLatex(paper.keywords.join(', '))]);
  if (paper.abstract) fields.push(['abstract', escapeLatex(paper.abstract)]);
  const type = paper.venue ? 'inproceedings' : 'misc';
  const body = fields.filter(([, value]) => value).map(([name, value]) => `  ${name} = {${value}},`);
  return `@${type}{${key},\n${body.join('\n')}\n}\n`;
}

/** Papers as a BibTeX file, one entry each, with generated keys unique within the file. */
export function exportBibtex(papers: readonly Paper[]): string {
  const keys = citationKeys(papers);
  return papers.map((paper, index) => entry(paper, keys[index])).join('\n');
}
