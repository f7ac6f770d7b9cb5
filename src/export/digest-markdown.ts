// A digest as Markdown: a heading per topic, a numbered item per paper with its reasons and links.
import type { Digest } from '../actions/digest.ts';
import { paperLinks } from '../paper-links.ts';
import { authorsText, digestSummary, digestTitle, entryMeta, reasonText } from './digest-text.ts';
import { markdownLink, markdownText } from './session-plan.ts';

export function digestMarkdown(digest: Digest): string {
  const lines = [`# ${markdownText(digestTitle(digest))}`, '', markdownText(digestSummary(digest))];
  for (const group of digest.groups) {
    if (group.topic) lines.push('', `## ${markdownText(group.topic.name)}`);
    lines.push('');
    for (const [index, entry] of group.entries.entries()) {
      lines.push(`${index + 1}. **${markdownText(entry.paper.title)}**`);
      if (entry.paper.authors.length > 0) lines.push(`   ${markdownText(authorsText(entry.paper.authors))}`);
      lines.push(`   ${markdownText(entryMeta(entry))}`);
      for (const reason of entry.reasons) lines.push(`   - ${markdownText(reasonText(reason))}`);
      lines.push(`   ${paperLinks(entry.paper).map(markdownLink).join(' · ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
