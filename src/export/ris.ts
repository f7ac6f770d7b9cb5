// Papers as RIS, the tagged format EndNote, Zotero and Mendeley import: one `XX  - value` line
// per field, CRLF line ends as the format's specification asks, a record from `TY` to `ER`.
// Values are written on one line each, so no value can start a line that reads as a tag.
import type { Paper } from '../types.ts';
import { nameParts } from '../importers/person-names.ts';
import { citationKeys } from './citation-keys.ts';

/**
 * RIS names are `Family, Given[, Suffix]`, the family name with its particle (`van der Berg,
 * Jan`). A one-word name stays as it is; a name already holding a comma reads back split at it.
 */
function risName(name: string): string {
  const parts = nameParts(name);
  if (!parts) return name;
  const family = parts.particle ? `${parts.particle} ${parts.family}` : parts.family;
  return [family, parts.given, parts.suffix].filter(Boolean).join(', ');
}

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

function record(paper: Paper, id: string): string {
  const fields: [string, string][] = [['TY', paper.venue ? 'CONF' : 'GEN'], ['ID', id], ['TI', paper.title]];
  for (const author of paper.authors) fields.push(['AU', risName(author)]);
  if (paper.year !== null) fields.push(['PY', String(paper.year)]);
  if (paper.venue) fields.push(['T2', paper.venue]);
  if (paper.abstract) fields.push(['AB', paper.abstract]);
  for (const keyword of paper.keywords) fields.push(['KW', keyword]);
  if (paper.ids.doi) fields.push(['DO', paper.ids.doi]);
  if (paper.urls.site) fields.push(['UR', paper.urls.site]);
  if (paper.urls.pdf) fields.push(['L1', paper.urls.pdf]);
  const arxivPage = paper.ids.arxiv && `https://arxiv.org/abs/${paper.ids.arxiv}`;
  if (arxivPage && arxivPage !== paper.urls.site) fields.push(['UR', arxivPage]);
  return `${fields.map(([tag, value]) => `${tag}  - ${oneLine(value)}`).join('\r\n')}\r\nER  - \r\n`;
}

/** Papers as a RIS file, one record each. */
export function exportRis(papers: readonly Paper[]): string {
  const ids = citationKeys(papers);
  return papers.map((paper, index) => record(paper, ids[index])).join('\r\n');
}
