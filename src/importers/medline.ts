// PubMed's MEDLINE format (the `.nbib` files PubMed's "Cite" and "Send to: Citation manager"
// give): records separated by blank lines, each starting `PMID- `, each field a tag padded to
// four characters, `- ` and the value, with lines indented by six spaces continuing it.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { doiFrom } from './identifiers.ts';
import { invertedName } from './person-names.ts';
import { collectPapers, isPlaceholder, place, skippedField, titleFields, type SourceRecord } from './records.ts';
import { allTexts, firstText, readTaggedRecords, type TaggedRecord, type TaggedSyntax } from './tagged-records.ts';

const SYNTAX: TaggedSyntax = {
  // The tag is padded to four characters: the dash is always the fifth.
  tagLine: /^(?=[A-Z][A-Z0-9 ]{3}-)([A-Z][A-Z0-9]{1,3}) *-(?: (.*))?$/,
  continuation: /^ {6}(.*)$/,
  // Records start with PMID; after a blank line any tag starts one (exports that leave PMID out).
  opens: (tag, inRecord) => tag === 'PMID' || !inRecord,
};

/**
 * MEDLINE ends every title with a full stop, which is no part of it; articles not in English
 * carry their English title in brackets: `TI  - [Treatment of X].`
 */
function titleOf(record: TaggedRecord): string | undefined {
  const title = firstText(record, ['TI', 'BTI'])?.replace(/(?<!\.)\.$/, '');
  return title?.replace(/^\[(.+)\]$/, '$1');
}

/** `10.1038/nature12373 [doi]` among the article ids (`LID`, `AID`), which also list `[pii]` and `[pmc]` ids. */
function doiOf(record: TaggedRecord): string | undefined {
  const ids = [...allTexts(record, 'LID'), ...allTexts(record, 'AID')];
  const doi = ids.find((id) => /\[doi\]$/i.test(id));
  return doi ? doiFrom(doi) : undefined;
}

function recordToPaper(record: TaggedRecord): ImportedPaper {
  const abstract = firstText(record, ['AB']);
  // Full names (`FAU - Smith, John A`) where given, else the short ones (`AU  - Smith JA`); `CN` is a group author.
  const fullNames = allTexts(record, 'FAU');
  const names = [...(fullNames.length ? fullNames.map(invertedName) : allTexts(record, 'AU')), ...allTexts(record, 'CN')];
  const paper: ImportedPaper = {
    ...titleFields(titleOf(record), abstract, 'record has no title (TI)'),
    authors: names.filter((name) => !isPlaceholder(name)),
  };
  if (abstract) paper.abstract = abstract;
  const keywords = allTexts(record, 'OT');
  if (keywords.length) paper.keywords = keywords;
  const venue = firstText(record, ['JT', 'TA']);
  if (venue) paper.venue = venue;
  const year = /\b(?:19|20)\d\d\b/.exec(firstText(record, ['DP']) ?? '');
  if (year) paper.year = Number(year[0]);
  const doi = doiOf(record);
  if (doi) paper.ids = { doi };
  const pmid = firstText(record, ['PMID']);
  if (pmid && /^\d+$/.test(pmid)) {
    paper.sourceId = pmid;
    paper.urls = { site: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` };
  }
  return paper;
}

export const medlineImporter: Importer = {
  format: 'medline',
  detect(text) {
    const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart();
    if (/^PMID- ?\d+\r?\n/.test(head)) return 1;
    // RIS has the same `TI  - ` lines; only MEDLINE has four-letter tags such as `FAU` and `PMID`.
    if (!/^(?:PMID|FAU |STAT|OWN ) ?- /m.test(head) || /^TY {1,2}-/.test(head)) return 0;
    const tags = ['TI  ', 'AB  ', 'FAU ', 'AU  ', 'DP  ', 'JT  ', 'SO  '].filter((tag) => head.includes(`\n${tag}- `)).length;
    return /^[A-Z][A-Z0-9 ]{3}- /.test(head) && tags >= 3 ? 0.9 : 0;
  },
  parse(text) {
    const records = readTaggedRecords(text, SYNTAX);
    if (records.length === 0) throw new ImportError('no MEDLINE records (PMID- …) in file');
    const sources = records.map((record): SourceRecord<TaggedRecord> => ({ ...place(record.ordinal, firstText(record, ['PMID']), record.line), record }));
    const { papers, skipped } = collectPapers(sources, recordToPaper);
    return { format: 'medline', meta: {}, papers, ...skippedField(skipped) };
  },
};
