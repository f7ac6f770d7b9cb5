// paperlists JSON (the data behind Paper Copilot): `<venue>/<venue><year>.json`, an array of
// flat records with `;`-separated authors and keywords. Runs on ~100k papers in one ingest, so
// each record gets a fixed handful of string operations and no regex unless a field needs it.
import type { ImportedPaper, ListingMeta, PaperIds, PaperUrls } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { parseJson, topLevelValueLines } from './json-text.ts';
import { arxivIdFrom, doiFrom } from './identifiers.ts';
import { decodeEntities, splitList, squeeze } from './clean-text.ts';
import { describeValue } from './untrusted.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';

/** A paperlists record; every field is optional and absent where the source had it empty. */
interface PaperlistsRecord {
  id?: unknown;
  title?: unknown;
  author?: unknown;
  /** Some revisions of the files name the author list `authors`. */
  authors?: unknown;
  abstract?: unknown;
  keywords?: unknown;
  venue?: unknown;
  year?: unknown;
  sess?: unknown;
  session?: unknown;
  track?: unknown;
  status?: unknown;
  site?: unknown;
  pdf?: unknown;
  github?: unknown;
  project?: unknown;
  doi?: unknown;
  arxiv?: unknown;
}

/** Display names for the venue codes of the file names that are not plain acronyms. */
const VENUE_NAMES: Readonly<Record<string, string>> = {
  acmmm: 'ACM MM',
  automl: 'AutoML',
  corl: 'CoRL',
  siggraphasia: 'SIGGRAPH Asia',
};

/** Field names of paperlists records, as they appear quoted in the file. */
const PAPERLISTS_KEYS = ['"author"', '"track"', '"status"', '"sess"', '"site"', '"primary_area"', '"tldr"'];

/** Fields of CSL-JSON, which paperlists never has: `"author": [`, `"issued"`, `"container-title"`. */
const CSL_JSON_FIELDS = /"author"\s*:\s*\[|"(?:issued|container-title|date-parts|citation-key)"\s*:/;
/** How much of a file the CSL check reads: a venue file's first records may lack most fields. */
const DETECT_SAMPLE = 64 * 1024;

const FILE_NAME = /^([a-z\d]*[a-z][a-z\d]*?)(\d{4})\.json$/i;

/** Venue and year from a file name like `iclr2018.json` (`ICLR`, 2018). */
function metaFromFileName(fileName: string): ListingMeta {
  const match = FILE_NAME.exec(fileName.slice(fileName.lastIndexOf('/') + 1));
  if (!match) return {};
  const code = match[1].toLowerCase();
  return { venue: VENUE_NAMES[code] ?? code.toUpperCase(), year: Number(match[2]) };
}

function stringField(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const squeezed = squeeze(value);
  return squeezed || undefined;
}

/**
 * Most venues separate authors with `;`; SIGGRAPH and a few older files use `,`. The ICRA and
 * IROS files list every author twice and some SIGGRAPH ones repeat the first author at the end,
 * so repeats are dropped; `Anonymous` (withdrawn submissions) is a placeholder, not an author.
 */
function authorsOf(value: unknown): string[] {
  if (typeof value !== 'string' || value === 'Anonymous' || isPlaceholder(value)) return [];
  const authors = splitList(value, value.includes(';') ? ';' : ',');
  if (authors.length < 2) return authors;
  const unique = new Set(authors);
  return unique.size < authors.length ? [...unique] : authors;
}

function keywordsOf(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const keywords = splitList(value, value.includes(';') ? ';' : ',');
  return keywords.length ? keywords : undefined;
}

function urlsOf(record: PaperlistsRecord): PaperUrls | undefined {
  const urls: PaperUrls = {};
  const site = stringField(record.site);
  const pdf = stringField(record.pdf);
  const github = stringField(record.github);
  const project = stringField(record.project);
  if (site) urls.site = site;
  if (pdf) urls.pdf = pdf;
  if (github) urls.github = github;
  if (project) urls.project = project;
  return site || pdf || github || project ? urls : undefined;
}

function idsOf(record: PaperlistsRecord, urls: PaperUrls | undefined): PaperIds | undefined {
  const ids: PaperIds = {};
  if (typeof record.doi === 'string') ids.doi = doiFrom(record.doi);
  if (typeof record.arxiv === 'string') ids.arxiv = arxivIdFrom(record.arxiv);
  if (!ids.arxiv && urls) {
    // Some venues link the arXiv version as the pdf or project page instead of an arxiv field.
    const arxivUrl = [urls.pdf, urls.project, urls.site].find((url) => url?.includes('arxiv.org/'));
    if (arxivUrl) ids.arxiv = arxivIdFrom(arxivUrl);
  }
  // paperlists ids are OpenReview forum ids only for venues that published on OpenReview.
  if (typeof record.id === 'string' && (urls?.site?.includes('openreview.net') || urls?.pdf?.includes('openreview.net'))) {
    ids.openreview = record.id;
  }
  if (!ids.doi) delete ids.doi;
  if (!ids.arxiv) delete ids.arxiv;
  return ids.doi || ids.arxiv || ids.openreview ? ids : undefined;
}

function yearOf(value: unknown, fallback: number | undefined): number | undefined {
  const year = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(year) && year > 0 ? year : fallback;
}

function recordToPaper(value: unknown, meta: ListingMeta): ImportedPaper {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImportError(`expected a paper record (an object), found ${describeValue(value)}`);
  }
  const record = value as PaperlistsRecord;
  const title = stringField(record.title);
  const rawAbstract = stringField(record.abstract);
  const abstract = rawAbstract && decodeEntities(rawAbstract);
  const paper: ImportedPaper = {
    ...titleFields(title && decodeEntities(title), abstract),
    authors: authorsOf(record.author ?? record.authors),
  };
  if (abstract) paper.abstract = abstract;
  const keywords = keywordsOf(record.keywords);
  if (keywords) paper.keywords = keywords;
  const venue = stringField(record.venue) ?? meta.venue;
  if (venue) paper.venue = venue;
  const year = yearOf(record.year, meta.year);
  if (year) paper.year = year;
  const session = stringField(record.sess) ?? stringField(record.session);
  if (session) paper.session = session;
  const track = stringField(record.track);
  if (track) paper.track = track;
  const status = stringField(record.status);
  if (status) paper.status = status;
  const urls = urlsOf(record);
  if (urls) paper.urls = urls;
  const ids = idsOf(record, urls);
  if (ids) paper.ids = ids;
  if (typeof record.id === 'string' && record.id) paper.sourceId = record.id;
  return paper;
}

export const paperlistsJsonImporter: Importer = {
  format: 'paperlists-json',
  detect(text, fileName) {
    const head = text.slice(0, 4096).trimStart();
    if (!/^\[\s*\{/.test(head)) return 0;
    // CSL-JSON (Zotero, Pandoc) is an array of flat records too, but lists authors as objects
    // and dates as parts: read as paperlists, its authors and years would be silently empty.
    if (CSL_JSON_FIELDS.test(text.slice(0, DETECT_SAMPLE))) return 0;
    const byName = FILE_NAME.test(fileName.slice(fileName.lastIndexOf('/') + 1)) ? 0.05 : 0;
    // The first records may lack a title (siggraphasia2021 starts with 87 such), so the
    // field names paperlists uses and other JSON arrays rarely do count as much as "title".
    const distinctive = PAPERLISTS_KEYS.filter((key) => head.includes(key)).length;
    if (distinctive >= 2) return 0.9 + byName;
    return head.includes('"title"') ? 0.5 + byName : 0;
  },
  parse(text, fileName) {
    const data = parseJson(text);
    if (!Array.isArray(data)) throw new ImportError('expected a JSON array of paper records (paperlists format)', 'line 1');
    const fileMeta = metaFromFileName(fileName);
    if (data.length === 0) throw new ImportError('the file lists no papers (empty array)');
    const sources = data.map((record: unknown, index): SourceRecord<unknown> => {
      const id = record && typeof record === 'object' ? (record as PaperlistsRecord).id : undefined;
      return { ...place(index + 1, typeof id === 'string' ? id : undefined), record };
    });
    const { papers, skipped } = collectPapers(sources, (record) => recordToPaper(record, fileMeta), { lineOf: topLevelValueLines(text) });
    const first = papers[0];
    const meta: ListingMeta = { venue: fileMeta.venue ?? first.venue, year: fileMeta.year ?? first.year };
    if (!meta.venue) delete meta.venue;
    if (!meta.year) delete meta.year;
    return { format: 'paperlists-json', meta, papers, ...skippedField(skipped) };
  },
};
