// A researcher's short-list for one session (a listing), as a Markdown checklist to carry
// around and as an iCalendar event (RFC 5545) holding the list, for when the session's time is
// known. Hand-written: both are a few lines of text, and the escaping rules are the whole job.
import type { Listing, Paper } from '../types.ts';
import { paperLinks } from '../paper-links.ts';

export interface PlannedPaper {
  paper: Paper;
  /** The paper's 1-based position in the listing (its poster number on most sites). */
  position?: number;
  /** The paper is the researcher's own work. */
  yours?: boolean;
}

/** A wall-clock time: `utc` is true when the source named its zone, otherwise it is local time where the session is. */
export interface SessionTime {
  fields: [year: number, month: number, day: number, hour: number, minute: number, second: number];
  utc: boolean;
}

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Reads an ISO 8601 date-time; undefined when it is not one or names an impossible date. */
export function parseSessionTime(value: string): SessionTime | undefined {
  const match = ISO_TIME.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part)));
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = match[7];
  if (!zone) return { fields: [year, month, day, hour, minute, second], utc: false };
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return fromDate(new Date(local.getTime() - offsetMinutes * 60_000), true);
}

function fromDate(date: Date, utc: boolean): SessionTime {
  return {
    fields: [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()],
    utc,
  };
}

function addMinutes(time: SessionTime, minutes: number): SessionTime {
  const [year, month, day, hour, minute, second] = time.fields;
  return fromDate(new Date(Date.UTC(year, month - 1, day, hour, minute + minutes, second)), time.utc);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function icsTime(time: SessionTime): string {
  const [year, month, day, hour, minute, second] = time.fields;
  return `${pad(year, 4)}${pad(month)}${pad(day)}T${pad(hour)}${pad(minute)}${pad(second)}${time.utc ? 'Z' : ''}`;
}

function readableTime(time: SessionTime): string {
  const [year, month, day, hour, minute] = time.fields;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}${time.utc ? ' UTC' : ''}`;
}

/** A session without a stated end is taken to last this long. */
const DEFAULT_SESSION_MINUTES = 120;

function sessionTitle(listing: Listing): string {
  return listing.session ?? listing.name;
}

const authorsOf = (paper: Paper) => (paper.authors.length > 4 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', '));

/** Backslash-escapes what Markdown would read as formatting or markup in untrusted text. */
export const markdownText = (text: string) => text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);

/**
 * A paper link (paperLinks) as a Markdown link. A web address (webUrl's href) holds no space,
 * `<` or `>`, so an angle-bracketed destination takes it whole, parentheses included.
 */
export const markdownLink = (link: { label: string; url: string }) => `[${link.label}](<${link.url}>)`;

/** The paper's links as Markdown links, title searches after the rest. */
function linksLine(paper: Paper): string {
  const links = paperLinks(paper);
  const reading = links.filter((link) => link.kind === 'read').map(markdownLink);
  const searches = links.filter((link) => link.kind === 'search').map(markdownLink);
  return [...reading, ...(searches.length > 0 ? [`find it on ${searches.join(', ')}`] : [])].join(' · ');
}

export function planMarkdown(listing: Listing, papers: readonly PlannedPaper[], start?: SessionTime, end?: SessionTime): string {
  const where = [listing.venue && `${listing.venue}${listing.year ? ` ${listing.year}` : ''}`, listing.room, start && `${readableTime(start)}${end ? ` – ${readableTime(end).slice(11)}` : ''}`];
  const lines = [`# ${markdownText(sessionTitle(listing))}: my short-list`, '', `${markdownText(listing.name)}${where.filter(Boolean).map((part) => ` · ${markdownText(String(part))}`).join('')}`, ''];
  for (const { paper, position, yours } of papers) {
    const number = position === undefined ? '' : `#${position} `;
    lines.push(`- [ ] **${number}${markdownText(paper.title)}**${yours ? ' (yours)' : ''}`);
    if (paper.authors.length > 0) lines.push(`  ${markdownText(authorsOf(paper))}`);
    lines.push(`  ${linksLine(paper)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
const icsText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // Continuation lines start with a space, which counts toward their 75 octets.
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

export function planIcs(listing: Listing, papers: readonly PlannedPaper[], start: SessionTime, end: SessionTime = addMinutes(start, DEFAULT_SESSION_MINUTES), now = new Date()): string {
  const description = papers
    .map(({ paper, position, yours }) => `${position === undefined ? '' : `#${position} `}${paper.title.replace(/\s+/g, ' ')}${yours ? ' (yours)' : ''}`)
    .join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//paperscout//session plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:listing-${listing.id}-${icsTime(start)}@paperscout`,
    `DTSTAMP:${icsTime(fromDate(now, true))}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${icsText(`${sessionTitle(listing)} (${papers.length} on my list)`)}`,
    ...(listing.room ? [`LOCATION:${icsText(listing.room)}`] : []),
    `DESCRIPTION:${icsText(description)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
