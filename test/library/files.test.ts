// Reading listing files: folders walked once each whatever their symlinks, and bytes decoded
// strictly, so text in another encoding is refused with what it looks like and where.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandPaths, readListingFile } from '../../src/library/files.ts';
import { decodeListing, encodingName } from '../../src/library/text-encoding.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperscout-files-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A paperlists-like file: the first line is ASCII, the third has the "ö" of "Schölkopf" at column 26. */
const LISTING = '[\n {"title": "Kernel methods", "track": "main", "status": "Poster",\n  "author": "Bernhard Schölkopf;Alexander Smola"}\n]\n';

function decodeError(bytes: Uint8Array, encoding?: string): { message: string; location?: string } {
  try {
    decodeListing(bytes, encoding);
  } catch (error) {
    return { message: (error as Error).message, location: (error as { location?: string }).location };
  }
  return assert.fail('the bytes decoded');
}

test('a folder with two symlink loops is walked once, each loop a warning naming its path', () => {
  const top = path.join(dir, 'loops');
  fs.mkdirSync(path.join(top, 'a', 'b'), { recursive: true });
  fs.writeFileSync(path.join(top, 'a', 'one.json'), '[]');
  fs.writeFileSync(path.join(top, 'a', 'b', 'two.json'), '[]');
  fs.symlinkSync('..', path.join(top, 'a', 'b', 'up'));
  fs.symlinkSync('../..', path.join(top, 'a', 'b', 'top'));
  fs.symlinkSync('self', path.join(top, 'self'));
  fs.symlinkSync('a', path.join(top, 'same'));
  const { files, errors, warnings } = expandPaths([top]);
  assert.deepEqual(files, [path.join(top, 'a', 'b', 'two.json'), path.join(top, 'a', 'one.json')]);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [
    { file: path.join(top, 'a', 'b', 'top'), message: `symlink loop: leads back to ${top}, not followed` },
    { file: path.join(top, 'a', 'b', 'up'), message: `symlink loop: leads back to ${path.join(top, 'a')}, not followed` },
    { file: path.join(top, 'same'), message: `the same folder as ${path.join(top, 'a')}, already read` },
    { file: path.join(top, 'self'), message: 'symlink loop, not followed' },
  ]);
});

test('a deep tree of loops is walked in time linear in its folders', () => {
  // Two loops per level made the old walk visit 2^depth paths: 2^20 here.
  let folder = path.join(dir, 'deep');
  for (let level = 0; level < 20; level++) {
    folder = path.join(folder, `l${level}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync('..', path.join(folder, 'up'));
    fs.symlinkSync('.', path.join(folder, 'here'));
  }
  fs.writeFileSync(path.join(folder, 'bottom.json'), '[]');
  const { files, warnings } = expandPaths([path.join(dir, 'deep')]);
  assert.deepEqual(files, [path.join(folder, 'bottom.json')]);
  assert.equal(warnings.length, 40);
});

test('UTF-8 is read strictly, its byte-order mark dropped; UTF-16 with a mark is read', () => {
  assert.equal(decodeListing(Buffer.from(LISTING)), LISTING);
  assert.equal(decodeListing(Buffer.alloc(0)), '');
  assert.equal(decodeListing(Buffer.from('a')), 'a');
  assert.equal(decodeListing(Buffer.from(`\uFEFF${LISTING}`)), LISTING);
  assert.equal(decodeListing(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LISTING, 'utf16le')])), LISTING);
  assert.equal(decodeListing(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(LISTING, 'utf16le').swap16()])), LISTING);
  const unpaired = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\ncd', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('ef', 'utf16le')]);
  assert.deepEqual(decodeError(unpaired), { message: 'not utf-16le text: it holds bytes that encoding cannot decode', location: 'line 2, column 3' });
});

test('text that is not UTF-8 is refused with what it looks like and where', () => {
  assert.deepEqual(decodeError(Buffer.from(LISTING, 'latin1')), {
    message: 'not UTF-8: looks like Latin-1 (or Windows-1252); use --encoding latin1',
    location: 'line 3, column 26',
  });
  // Curly quotes in UTF-8, then ö as Latin-1 writes it (0xF6).
  const [before, after] = LISTING.replace('Kernel methods', '“Kernel methods”').split('ö');
  assert.deepEqual(decodeError(Buffer.concat([Buffer.from(before), Buffer.from([0xf6]), Buffer.from(after)])), {
    message: 'not UTF-8: looks like UTF-8 mixed with Latin-1 (or Windows-1252), which no single --encoding reads; save the file as UTF-8 again',
    location: 'line 3, column 26',
  });
  assert.deepEqual(decodeError(Buffer.from(LISTING, 'utf16le')), {
    message: 'not UTF-8: looks like UTF-16 LE without a byte-order mark; use --encoding utf-16le',
    location: 'line 1',
  });
  assert.deepEqual(decodeError(Buffer.from(LISTING, 'utf16le').swap16()), {
    message: 'not UTF-8: looks like UTF-16 BE without a byte-order mark; use --encoding utf-16be',
    location: 'line 1',
  });
  // 日本語 in Shift_JIS, between ASCII lines.
  const shiftJis = Buffer.concat([Buffer.from('title\n\n  '), Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), Buffer.from('\n')]);
  assert.deepEqual(decodeError(shiftJis), {
    message: 'not UTF-8: looks like another encoding (Shift_JIS, GBK, EUC-KR…) or binary data; name the encoding with --encoding LABEL',
    location: 'line 3, column 3',
  });
  assert.deepEqual(decodeError(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0a, 0, 1, 2, 3, 0, 0xff])), {
    message: 'not UTF-8: looks like binary data (it holds NUL bytes), not a listing',
    location: 'line 2, column 6',
  });
});

test('--encoding reads as told, strictly: bytes it cannot decode fail with their place', () => {
  assert.equal(decodeListing(Buffer.from(LISTING, 'latin1'), 'latin1'), LISTING);
  assert.equal(decodeListing(Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), 'shift_jis'), '日本語');
  assert.deepEqual(decodeError(Buffer.from(LISTING, 'latin1'), 'utf-8'), {
    message: 'not utf-8 text: it holds bytes that encoding cannot decode',
    location: 'line 3, column 26',
  });
  assert.deepEqual(decodeError(Buffer.from([0x61, 0x0a, 0x62, 0x81, 0x20]), 'shift_jis'), {
    message: 'not shift_jis text: it holds bytes that encoding cannot decode',
    location: 'line 2, column 2',
  });
  assert.equal(encodingName('latin1'), 'windows-1252');
  assert.equal(encodingName('UTF-16LE'), 'utf-16le');
  assert.equal(encodingName('klingon'), undefined);
});

test('a file is read as text, or fails with the place; its hash is that of its text, however encoded', () => {
  const file = path.join(dir, 'conf2020.json');
  const bytes = Buffer.from(LISTING, 'latin1');
  fs.writeFileSync(file, bytes);
  assert.throws(() => readListingFile(file), { name: 'ImportError', message: /looks like Latin-1/, location: 'line 3, column 26' });
  const read = readListingFile(file, 'latin1');
  assert.equal(read.text, LISTING);
  assert.equal(read.hash, crypto.createHash('sha256').update(LISTING).digest('hex'));
  // With a byte-order mark the text is the same, and so is the listing: an upload of it through
  // the web app, whose browser drops the mark, is recognised as the file ingested before.
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LISTING, 'utf8')]));
  assert.deepEqual(readListingFile(file), read);
});
