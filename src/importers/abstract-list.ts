// A publication list that shows only abstracts (`Abstract:<text>` per paper, no titles or
// authors), as copied from a researcher's profile page. Titles are derived from the abstracts.
import type { ImportedPaper } from '../types.ts';
import { ImportError, type Importer } from './importer.ts';
import { ABSTRACT_LABEL, isNavigation, joinPieces, pageLines, sampleLines } from './page-text.ts';
import { authorListNames, looksStructured } from './line-shapes.ts';
import { titleFromAbstract } from './derived-title.ts';

interface AbstractDraft {
  line: number;
  pieces: string[];
}

/**
 * Each label starts a paper; its text runs on over the following lines (a label alone takes
 * the text under it) until a blank line. Other text outside an abstract is page chrome.
 */
function readAbstracts(text: string): AbstractDraft[] {
  const drafts: AbstractDraft[] = [];
  let current: AbstractDraft | undefined;
  for (const { text: line, line: number } of pageLines(text)) {
    const label = ABSTRACT_LABEL.exec(line);
    if (label) {
      current = { line: number, pieces: [] };
      drafts.push(current);
      const rest = line.slice(label[0].length);
      if (rest) current.pieces.push(rest);
    } else if (!line) {
      if (current && current.pieces.length > 0) current = undefined;
    } else if (current && !isNavigation(line)) {
      current.pieces.push(line);
    }
  }
  return drafts;
}

export const abstractListImporter: Importer = {
  format: 'abstract-list',
  detect(text) {
    const lines = sampleLines(text);
    if (lines.length === 0 || lines.filter(looksStructured).length > lines.length / 5) return 0;
    const labelled = lines.filter((line) => ABSTRACT_LABEL.test(line) && line.length > 40).length;
    // Author lists mean a session page whose abstracts carry the label.
    if (lines.filter((line) => authorListNames(line)).length * 2 >= labelled) return labelled > 0 ? 0.2 : 0;
    const share = labelled / lines.length;
    return share >= 0.5 ? 0.95 : share >= 0.2 ? 0.7 : share > 0 ? 0.2 : 0;
  },
  parse(text) {
    const drafts = readAbstracts(text);
    if (drafts.length === 0) throw new ImportError('no "Abstract:" line in the text', 'line 1');
    const papers = drafts
      .filter((draft) => draft.pieces.length > 0)
      .map((draft): ImportedPaper => {
        const abstract = joinPieces(draft.pieces);
        return { title: titleFromAbstract(abstract), titleDerived: true, authors: [], abstract };
      });
    if (papers.length === 0) throw new ImportError('"Abstract:" label with no text after it', `line ${drafts[0].line}`);
    return { format: 'abstract-list', meta: {}, papers };
  },
};

/**
 * Abstracts pasted into a box, as a publication list of `Abstract:` lines, the format made for
 * them. Text that has the labels already (a publication list copied whole) is that list as it
 * is; other text is one abstract per paragraph.
 */
export function abstractListOfPasted(text: string): string {
  if (text.split('\n').some((line) => ABSTRACT_LABEL.test(line.trim()))) return text;
  const paragraphs = text.split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return paragraphs.map((paragraph) => `Abstract: ${paragraph}`).join('\n\n');
}
