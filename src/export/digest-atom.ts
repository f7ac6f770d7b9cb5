// A profile's digests as an Atom 1.0 feed (RFC 4287): one entry per paper shown, newest digest
// first, each linked to where the paper can be read (paperLinks). Written with fast-xml-parser's
// builder, which escapes text and attributes.
import { createHash } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { Digest, DigestEntry } from '../actions/digest.ts';
import { paperLinks } from '../paper-links.ts';
import { digestSummary, entryMeta, reasonText } from './digest-text.ts';

export interface FeedOptions {
  profile: string;
  /** Tells this library's feeds apart from another's for the same profile name (e.g. the library file's path). */
  scope: string;
  /** When no digest has been made yet: the feed's `updated` (e.g. when the profile was made). */
  updatedWhenEmpty: string;
  /** The feed's own address, when it is served. */
  selfUrl?: string;
}

/**
 * A stable `urn:uuid:` for a name, as RFC 9562's version 5 (SHA-1 of the name): Atom ids must
 * never change, and a feed reader sees the same paper as the same entry however often it reads.
 */
function nameUuid(name: string): string {
  const hash = createHash('sha1').update(`paperscout:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** XML 1.0 cannot hold some characters at all (escaped or not): they are dropped. */
const xmlText = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

function entryOf(digest: Digest, entry: DigestEntry, options: FeedOptions): Record<string, unknown> {
  const [first, ...more] = paperLinks(entry.paper);
  const summary = [entryMeta(entry), ...entry.reasons.map(reasonText), entry.paper.abstract ?? ''].filter(Boolean).join('\n');
  return {
    id: nameUuid(`${options.scope}/${options.profile}/paper/${entry.paper.id}`),
    title: { '@_type': 'text', '#text': xmlText(entry.paper.title) },
    updated: digest.createdAt,
    published: digest.createdAt,
    author: entry.paper.authors.map((name) => ({ name: xmlText(name) })),
    link: [
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': first.url, '@_title': first.label },
      ...more.map((link) => ({ '@_rel': 'related', '@_href': link.url, '@_title': link.label })),
    ],
    ...(entry.topic ? { category: { '@_term': xmlText(entry.topic.key), '@_label': xmlText(entry.topic.name) } } : {}),
    summary: { '@_type': 'text', '#text': xmlText(summary) },
  };
}

/** The feed of these digests (newest first), an entry per paper they showed. */
export function digestAtom(digests: readonly Digest[], options: FeedOptions): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  const feed = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      id: nameUuid(`${options.scope}/${options.profile}`),
      title: { '@_type': 'text', '#text': xmlText(`paperscout: new papers for ${options.profile}`) },
      ...(digests[0] ? { subtitle: { '@_type': 'text', '#text': xmlText(digestSummary(digests[0])) } } : {}),
      updated: digests[0]?.createdAt ?? options.updatedWhenEmpty,
      // Entries name their papers' authors; one without any falls back on the feed's.
      author: { name: 'paperscout' },
      generator: 'paperscout',
      ...(options.selfUrl ? { link: { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': options.selfUrl } } : {}),
      entry: digests.flatMap((digest) => digest.entries.map((entry) => entryOf(digest, entry, options))),
    },
  };
  return builder.build(feed) as string;
}
