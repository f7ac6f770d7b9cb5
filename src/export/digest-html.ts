// A digest as one self-contained HTML file fit to mail: styles inline on each element (mail
// clients drop <style> blocks and never load stylesheets), no script, nothing fetched from
// anywhere. Every string from a listing is escaped, and links are only the http(s) addresses
// paperLinks gives. Hand-written: the page is a few elements, and escaping is the whole job.
import type { Digest, DigestEntry } from '../actions/digest.ts';
import { paperLinks } from '../paper-links.ts';
import { authorsText, digestSummary, digestTitle, entryMeta, reasonText } from './digest-text.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values alike. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const STYLE = {
  body: 'margin:0;padding:24px;background:#f6f6f4;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1d1b;line-height:1.45',
  page: 'max-width:720px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px',
  h1: 'font-size:22px;margin:0 0 8px',
  summary: 'color:#5b5b57;margin:0 0 16px',
  h2: 'font-size:17px;margin:24px 0 8px;padding-bottom:4px;border-bottom:1px solid #e2e2dc',
  entry: 'margin:0 0 18px',
  title: 'font-size:16px;font-weight:600;margin:0',
  meta: 'color:#5b5b57;font-size:14px;margin:2px 0',
  reasons: 'margin:4px 0;padding-left:20px;font-size:14px',
  links: 'font-size:14px;margin:4px 0',
  link: 'color:#1a5fb4',
};

function entryHtml(entry: DigestEntry, index: number): string {
  const links = paperLinks(entry.paper)
    .map((link) => `<a href="${escapeHtml(link.url)}" style="${STYLE.link}">${escapeHtml(link.label)}</a>`)
    .join(' · ');
  const reasons = entry.reasons.map((reason) => `<li>${escapeHtml(reasonText(reason))}</li>`).join('');
  return [
    `<div style="${STYLE.entry}">`,
    `<p style="${STYLE.title}">${index + 1}. ${escapeHtml(entry.paper.title)}</p>`,
    entry.paper.authors.length > 0 ? `<p style="${STYLE.meta}">${escapeHtml(authorsText(entry.paper.authors))}</p>` : '',
    `<p style="${STYLE.meta}">${escapeHtml(entryMeta(entry))}</p>`,
    reasons ? `<ul style="${STYLE.reasons}">${reasons}</ul>` : '',
    `<p style="${STYLE.links}">${links}</p>`,
    '</div>',
  ].join('\n');
}

export function digestHtml(digest: Digest): string {
  const title = escapeHtml(digestTitle(digest));
  const groups = digest.groups.map((group) => [group.topic ? `<h2 style="${STYLE.h2}">${escapeHtml(group.topic.name)}</h2>` : '', ...group.entries.map((entry, index) => entryHtml(entry, index))].join('\n'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="${STYLE.body}">
<div style="${STYLE.page}">
<h1 style="${STYLE.h1}">${title}</h1>
<p style="${STYLE.summary}">${escapeHtml(digestSummary(digest))}</p>
${groups.join('\n')}
</div>
</body>
</html>
`;
}
