// What every digest format says of a digest and of each paper in it, in words: the formats
// differ in markup only.
import type { Digest, DigestEntry } from '../actions/digest.ts';
import type { Reason } from '../actions/recommend.ts';

export const digestTitle = (digest: Pick<Digest, 'profile' | 'createdAt'>) => `New papers for ${digest.profile}, ${digest.createdAt.slice(0, 10)}`;

/** How many papers it shows, out of how many arrived, and how many of those were shown before. */
export function digestSummary(digest: Digest): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const span = digest.sinceDate ? `first listed since ${digest.sinceDate.slice(0, 10)}` : digest.afterPaperId === undefined ? 'in the library' : 'arrived since the last digest';
  const before = digest.alreadyShown === 0 ? '' : `; ${digest.alreadyShown === 1 ? '1 paper (or a version of it)' : `${digest.alreadyShown} papers (or versions of them)`} shown before`;
  return `${count(digest.entries.length, 'paper')} for you of ${count(digest.candidates, 'paper')} ${span}${before}.`;
}

const LEADS: Record<Reason['kind'], string> = {
  yours: 'close to your paper',
  liked: 'close to a paper you liked,',
  disliked: 'like a paper you disliked,',
  paper: 'shares with',
  text: 'close to your text',
};

/** One reason as a sentence: the profile paper it names and the words that carry it. */
export function reasonText(reason: Reason): string {
  const paper = reason.title === undefined ? '' : ` “${reason.title.replace(/\s+/g, ' ')}”`;
  const terms = reason.sharedTerms.length > 0 ? `: ${reason.sharedTerms.join(', ')}` : '';
  return `${reason.similarity < 0 ? 'but ' : ''}${LEADS[reason.kind]}${paper}${terms}`;
}

export const authorsText = (authors: readonly string[]) => (authors.length > 6 ? `${authors.slice(0, 5).join(', ')} et al.` : authors.join(', '));

/** Venue and year, and the other versions folded into it. */
export function entryMeta(entry: DigestEntry): string {
  const where = [entry.paper.venue, entry.paper.year].filter((part) => part !== null && part !== '').join(' ');
  const versions = entry.versions.length > 0 ? `${entry.versions.length + 1} versions` : '';
  return [where, `${entry.match.strength} match`, versions].filter(Boolean).join(' · ');
}
