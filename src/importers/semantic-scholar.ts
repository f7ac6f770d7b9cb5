// Semantic Scholar Academic Graph API responses (api.semanticscholar.org/graph/v1): one paper
// (`/paper/{id}`), a list (`POST /paper/batch`, with null for ids it does not know), or a page
// `{data: [...]}` (`/paper/search`, `/author/{id}/papers`, and `/paper/{id}/citations` whose
// items wrap the paper as `citingPaper` or `citedPaper`).
import type { ImportedPaper, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { isObject, textField as text, webUrl as web } from './json-fields.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { boundedMessage, describeValue } from './untrusted.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

/** `publicationVenue` and `journal` are objects with a `name`. */
const nameIn = (value: unknown) => (isObject(value) ? text(value.name) : undefined);

/** A citations or references item holds its paper under `citingPaper` or `citedPaper`. */
function paperIn(item: unknown): unknown {
  if (!isObject(item)) return item;
  return isObject(item.citingPaper) ? item.citingPaper : isObject(item.citedPaper) ? item.citedPaper : item;
}

function recordToPaper(item: unknown): ImportedPaper {
  const record = paperIn(item);
  // A batch lookup answers null for an id it does not know.
  if (record === null) throw new ImportError('no paper (null: the API did not know the id asked for)');
  if (!isObject(record)) throw new ImportError(`expected a paper (an object), found ${describeValue(record)}`);
  const abstract = text(record.abstract);
  const authors = Array.isArray(record.authors) ? record.authors.map(nameIn).filter((name): name is string => name !== undefined && !isPlaceholder(name)) : [];
  const paper: ImportedPaper = { ...titleFields(text(record.title), abstract, 'paper has no "title"'), authors };
  if (abstract) paper.abstract = abstract;
  const venue = text(record.venue) ?? nameIn(record.publicationVenue) ?? nameIn(record.journal);
  if (venue) paper.venue = venue;
  if (Number.isInteger(record.year) && (record.year as number) > 0) paper.year = record.year as number;
  const site = web(text(record.url));
  const pdf = web(isObject(record.openAccessPdf) ? text(record.openAccessPdf.url) : undefined);
  if (site || pdf) paper.urls = { ...(site && { site }), ...(pdf && { pdf }) } satisfies PaperUrls;
  const external = isObject(record.externalIds) ? record.externalIds : {};
  const doi = doiFrom(text(external.DOI) ?? '');
  const arxiv = arxivIdFrom(text(external.ArXiv) ?? '');
  if (doi || arxiv) paper.ids = { ...(doi && { doi }), ...(arxiv && { arxiv }) } satisfies PaperIds;
  const id = text(record.paperId);
  if (id) paper.sourceId = id;
  return paper;
}

const keyOf = (item: unknown): string | undefined => {
  const record = paperIn(item);
  return isObject(record) ? text(record.paperId) : undefined;
};

export const semanticScholarImporter: Importer = {
  format: 'semantic-scholar',
  detect(text) {
    const head = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
    if (!head.startsWith('{') && !head.startsWith('[')) return 0;
    // Every paper the API returns carries its `paperId`, whatever fields were asked for.
    return /"paperId"\s*:\s*(?:"|null)/.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const data = parseJson(text.replace(/^\uFEFF/, ''));
    if (isObject(data) && typeof (data.error ?? data.message) === 'string' && !('paperId' in data) && !('data' in data)) {
      throw new ImportError(`Semantic Scholar API error: ${boundedMessage(data.error ?? data.message)}`);
    }
    const page = isObject(data) && Array.isArray(data.data) ? data.data : undefined;
    const items = Array.isArray(data) ? data : page ?? [data];
    if (items.length === 0) throw new ImportError('the response lists no papers');
    const sources = items.map((item, index): SourceRecord<unknown> => ({ ...place(index + 1, keyOf(item)), record: item }));
    const { papers, skipped } = collectPapers(sources, recordToPaper, { lineOf: Array.isArray(data) ? topLevelValueLines(text) : undefined });
    return { format: 'semantic-scholar', meta: {}, papers, ...skippedField(skipped) };
  },
};
