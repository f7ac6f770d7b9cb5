import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Listing, Paper } from '../../src/types.ts';
import { parseSessionTime, planIcs, planMarkdown } from '../../src/export/session-plan.ts';

const listing: Listing = {
  id: 7,
  name: 'iclr-2024-poster-6.txt',
  format: 'session-page',
  importedAt: '2024-05-01T00:00:00.000Z',
  venue: 'ICLR',
  year: 2024,
  session: 'Poster Session 6',
  room: 'Halle B; west, upstairs',
  startsAt: null,
  endsAt: null,
  paperCount: 281,
};

function paper(id: number, title: string, authors: string[], urls: Paper['urls'] = {}): Paper {
  return { id, title, titleDerived: false, authors, abstract: null, venue: 'ICLR', year: 2024, session: null, track: null, status: null, keywords: [], urls, ids: {}, listings: [] };
}

test('session times: local wall-clock or converted to UTC when a zone is named; impossible dates refused', () => {
  assert.deepEqual(parseSessionTime('2024-05-08T10:30'), { fields: [2024, 5, 8, 10, 30, 0], utc: false });
  assert.deepEqual(parseSessionTime('2024-05-08 10:30:15'), { fields: [2024, 5, 8, 10, 30, 15], utc: false });
  assert.deepEqual(parseSessionTime('2024-05-08T10:30:00+02:00'), { fields: [2024, 5, 8, 8, 30, 0], utc: true });
  assert.deepEqual(parseSessionTime('2024-05-08T23:30:00-0230'), { fields: [2024, 5, 9, 2, 0, 0], utc: true });
  assert.deepEqual(parseSessionTime('2024-12-31T23:00:00.000Z'), { fields: [2024, 12, 31, 23, 0, 0], utc: true });
  for (const bad of ['2024-02-30T10:00', '2024-05-08T24:00', '2024-05-08', 'tomorrow', '2024-05-08T10:61']) assert.equal(parseSessionTime(bad), undefined, bad);
});

test('Markdown: a checklist with poster numbers, escaped titles and a way to each paper: its web links, or title searches', () => {
  const text = planMarkdown(
    listing,
    [
      { paper: paper(1, 'Why *stars* and _underscores_ <b>matter</b>', ['A One', 'B Two', 'C Three', 'D Four', 'E Five'], { site: 'javascript:alert(1)', pdf: 'https://x.org/1.pdf' }), position: 12 },
      { paper: paper(2, 'My   own\nwork', ['Me Myself']), position: 3, yours: true },
    ],
    parseSessionTime('2024-05-08T10:30'),
    parseSessionTime('2024-05-08T12:30'),
  );
  assert.equal(
    text,
    [
      '# Poster Session 6: my short-list',
      '',
      'iclr-2024-poster-6.txt · ICLR 2024 · Halle B; west, upstairs · 2024-05-08 10:30 – 12:30',
      '',
      '- [ ] **#12 Why \\*stars\\* and \\_underscores\\_ \\<b\\>matter\\</b\\>**',
      '  A One, B Two, C Three et al.',
      '  [PDF](<https://x.org/1.pdf>)',
      '- [ ] **#3 My own work** (yours)',
      '  Me Myself',
      '  find it on [arXiv](<https://arxiv.org/search/?query=My+own+work&searchtype=title>), [OpenReview](<https://openreview.net/search?term=My+own+work>), ' +
        '[Semantic Scholar](<https://www.semanticscholar.org/search?q=My+own+work>), [Google Scholar](<https://scholar.google.com/scholar?q=My+own+work>)',
      '',
    ].join('\n'),
  );
});

test('iCalendar: one event holding the list, escaped and folded at 75 octets with CRLF', () => {
  const long = 'Über-långa titlar, med; specialtecken och ännu fler ord som gör raden mycket längre än sjuttiofem byte';
  const text = planIcs(listing, [{ paper: paper(1, long, []), position: 4 }, { paper: paper(2, 'Second', []) }], parseSessionTime('2024-05-08T10:30')!, undefined, new Date('2024-05-01T12:00:00Z'));
  assert.ok(text.endsWith('\r\n'));
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)}: ${line}`);
  const unfolded = text.replace(/\r\n /g, '').split('\r\n');
  assert.deepEqual(unfolded.slice(0, 11), [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//paperscout//session plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    'UID:listing-7-20240508T103000@paperscout',
    'DTSTAMP:20240501T120000Z',
    'DTSTART:20240508T103000',
    'DTEND:20240508T123000',
    'SUMMARY:Poster Session 6 (2 on my list)',
  ]);
  assert.equal(unfolded[11], 'LOCATION:Halle B\\; west\\, upstairs');
  assert.equal(unfolded[12], `DESCRIPTION:#4 ${long.replaceAll(',', '\\,').replaceAll(';', '\\;')}\\nSecond`);
  assert.deepEqual(unfolded.slice(13), ['END:VEVENT', 'END:VCALENDAR', '']);
  assert.ok(!text.includes('\uFFFD'), 'folding never splits a character');
});

test('iCalendar: a zoned start stays in UTC, and the end follows it', () => {
  const text = planIcs(listing, [], parseSessionTime('2024-05-08T10:30+02:00')!, parseSessionTime('2024-05-08T12:00+02:00'));
  assert.ok(text.includes('DTSTART:20240508T083000Z\r\nDTEND:20240508T100000Z\r\n'), text);
});
