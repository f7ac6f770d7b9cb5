// Web of Science's plain-text ("tagged") export: an `FN`/`VR` header, then one record per
// paper from `PT` to `ER`, each field a two-letter tag, a space and the value, with lines
// indented by three spaces continuing it; `EF` ends the file. Authors (`AU`, `AF`) and other
// lists put one item on each line.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { doiFrom } from './identifiers.ts';
import { splitList } from './clean-text.ts';
import { invertedName } from './person-names.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { allLines, allTexts, firstText, readTaggedRecords, type TaggedRecord, type TaggedSyntax } from './tagged-records.ts';

const SYNTAX: TaggedSyntax = {
  tagLine: /^([A-Z][A-Z0-9])(?: (.*))?$/,
  continuation: /^ {2,}(\S.*)$/,
  opens: (tag) => tag === 'PT',
  closingTag: 'ER',
};

/** Proceedings records name the conference in `CT` where `SO` is a book series; `SE` is the series. */
const VENUE_TAGS = ['SO', 'CT', 'SE'];
/** Early-access records carry only the early-access date (`EA MAR 2021`) until they get an issue. */
const YEAR_TAGS = ['PY', 'EA'];

function recordToPaper(record: TaggedRecord, isLast: boolean): ImportedPaper {
  if (!record.closed) {
    throw new ImportError(isLast ? 'the file ends inside the record (no ER line; truncated?)' : 'record has no ER line before the next PT');
  }
  const abstract = firstText(record, ['AB']);
  // Full names (`AF Smith, John`) where the export has them, else the short ones (`AU Smith, J`).
  const names = allLines(record, 'AF').length ? allLines(record, 'AF') : allLines(record, 'AU');
  const paper: ImportedPaper = {
    ...titleFields(firstText(record, ['TI']), abstract, 'record has no title (TI)'),
    authors: names.filter((name) => !isPlaceholder(name) && name !== '[Anonymous]').map(invertedName),
  };
  if (abstract) paper.abstract = abstract;
  const keywords = splitList(allTexts(record, 'DE').join('; '), ';');
  if (keywords.length) paper.keywords = keywords;
  const venue = firstText(record, VENUE_TAGS);
  if (venue) paper.venue = venue;
  const year = /\b(?:19|20)\d\d\b/.exec(firstText(record, YEAR_TAGS) ?? '');
  if (year) paper.year = Number(year[0]);
  const doi = doiFrom(firstText(record, ['DI', 'D2']) ?? '');
  if (doi) paper.ids = { doi };
  const accession = firstText(record, ['UT']);
  if (accession) paper.sourceId = accession;
  return paper;
}

export const webOfScienceImporter: Importer = {
  format: 'web-of-science',
  detect(text) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
    // The header every export starts with: `FN Clarivate Analytics Web of Science` / `VR 1.0`.
    if (/^FN .*\r?\nVR \d/.test(head)) return 1;
    // A record pasted without the header: `PT J` followed by the tags every record has.
    const tags = ['AU', 'TI', 'SO', 'PY', 'UT', 'ER'].filter((tag) => new RegExp(`^${tag}(?: |$)`, 'm').test(head)).length;
    return /^PT [A-Z]\r?$/m.test(head.split('\n', 1)[0]) && tags >= 3 ? 0.9 : 0;
  },
  parse(text) {
    const records = readTaggedRecords(text, SYNTAX);
    if (records.length === 0) throw new ImportError('no Web of Science records (PT … ER) in file');
    const sources = records.map((record): SourceRecord<TaggedRecord> => ({ ...place(record.ordinal, firstText(record, ['UT']), record.line), record }));
    const { papers, skipped } = collectPapers(sources, (record) => recordToPaper(record, record.ordinal === records.length));
    return { format: 'web-of-science', meta: {}, papers, ...skippedField(skipped) };
  },
};
