// Papers as CSL-JSON (the Citation Style Language's data format), which Zotero, Pandoc and
// citation processors read. Names are split into family and given parts where that is safe,
// and kept whole as `literal` otherwise, so the names read back as they were.
import type { Paper } from '../types.ts';
import { nameParts } from '../importers/person-names.ts';
import { citationKeys } from './citation-keys.ts';

type CslName = { family: string; given: string; 'non-dropping-particle'?: string; suffix?: string } | { literal: string };

function cslName(name: string): CslName {
  const parts = nameParts(name);
  if (!parts) return { literal: name };
  return {
    family: parts.family,
    given: parts.given,
    ...(parts.particle && { 'non-dropping-particle': parts.particle }),
    ...(parts.suffix && { suffix: parts.suffix }),
  };
}

function item(paper: Paper, id: string): Record<string, unknown> {
  const url = paper.urls.site ?? paper.urls.pdf;
  return {
    id,
    type: paper.venue ? 'paper-conference' : 'article',
    title: paper.title,
    author: paper.authors.map(cslName),
    ...(paper.year !== null && { issued: { 'date-parts': [[paper.year]] } }),
    ...(paper.venue && { 'container-title': paper.venue }),
    ...(paper.abstract && { abstract: paper.abstract }),
    ...(paper.keywords.length && { keyword: paper.keywords.join(', ') }),
    ...(paper.ids.doi && { DOI: paper.ids.doi }),
    ...(url && { URL: url }),
    // Where Zotero and Better BibTeX look for an arXiv id in an item that is not a preprint.
    ...(paper.ids.arxiv && { note: `arXiv: ${paper.ids.arxiv}` }),
  };
}

/** Papers as a CSL-JSON array, one item each, with ids unique within the file. */
export function exportCslJson(papers: readonly Paper[]): string {
  const ids = citationKeys(papers);
  return `${JSON.stringify(papers.map((paper, index) => item(paper, ids[index])), null, 2)}\n`;
}
