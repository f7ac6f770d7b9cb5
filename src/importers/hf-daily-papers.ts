// Hugging Face papers API responses: the daily papers (huggingface.co/api/daily_papers) and
// paper searches, a list of `{paper: {id, title, summary, authors, publishedAt, …}, …}`, and
// one paper (`/api/papers/{arXiv id}`) as the bare paper object. Paper ids are arXiv ids.
import type { ImportedPaper, PaperUrls } from '../types.ts';
import { EmptyListingError, ImportError, type Importer } from './importer.ts';
import { arxivIdFrom } from './identifiers.ts';
import { isObject, textField as text, webUrl as web, type Fields } from './json-fields.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { describeValue } from './untrusted.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

/** A daily-papers item holds the paper under `paper` and repeats its title and summary beside it. */
function paperIn(item: unknown): Fields | undefined {
  if (!isObject(item)) return undefined;
  return isObject(item.paper) ? { ...item, ...item.paper } : item;
}

function itemToPaper(item: unknown): ImportedPaper {
  const record = paperIn(item);
  if (!record) throw new ImportError(`expected a paper (an object), found ${describeValue(item)}`);
  const abstract = text(record.summary);
  const authors = Array.isArray(record.authors)
    ? record.authors.map((author) => (isObject(author) ? text(author.name) : undefined)).filter((name): name is string => name !== undefined && !isPlaceholder(name))
    : [];
  const paper: ImportedPaper = { ...titleFields(text(record.title), abstract, 'paper has no "title"'), authors };
  if (abstract) paper.abstract = abstract;
  const year = /^(\d{4})-/.exec(text(record.publishedAt) ?? '');
  if (year) paper.year = Number(year[1]);
  const id = text(record.id);
  const arxiv = id ? arxivIdFrom(id) : undefined;
  const urls: PaperUrls = {};
  if (arxiv) {
    paper.venue = 'arXiv';
    urls.site = `https://huggingface.co/papers/${arxiv}`;
    urls.pdf = `https://arxiv.org/pdf/${arxiv}`;
    paper.ids = { arxiv };
  }
  const github = web(text(record.githubRepo));
  if (github) urls.github = github;
  const project = web(text(record.projectPage));
  if (project) urls.project = project;
  if (Object.keys(urls).length) paper.urls = urls;
  if (id) paper.sourceId = id;
  return paper;
}

const keyOf = (item: unknown) => text(paperIn(item)?.id);

export const hfDailyPapersImporter: Importer = {
  format: 'hf-daily-papers',
  detect(text) {
    const head = text.slice(0, 8192).replace(/^\uFEFF/, '').trimStart();
    if (/^\[\s*\{\s*"paper"\s*:\s*\{/.test(head)) return 0.95;
    // One paper, or a list of them without the wrapper: the fields only Hugging Face's papers have.
    const own = ['"summary"', '"upvotes"', '"publishedAt"', '"discussionId"', '"submittedOnDailyBy"'].filter((key) => head.includes(key)).length;
    return /^[[{]/.test(head) && own >= 3 ? 0.9 : 0;
  },
  parse(text) {
    const data = parseJson(text.replace(/^\uFEFF/, ''));
    const items = Array.isArray(data) ? data : [data];
    if (items.length === 0) throw new EmptyListingError('the response lists no papers');
    const sources = items.map((item, index): SourceRecord<unknown> => ({ ...place(index + 1, keyOf(item)), record: item }));
    const { papers, skipped } = collectPapers(sources, itemToPaper, { lineOf: Array.isArray(data) ? topLevelValueLines(text) : undefined });
    return { format: 'hf-daily-papers', meta: {}, papers, ...skippedField(skipped) };
  },
};
