// Listing files' bytes as text. UTF-8 is read strictly, so text in another encoding is refused
// with what it looks like instead of being stored with U+FFFD in place of its accented letters;
// UTF-16 is read when a byte-order mark says so, and any encoding TextDecoder knows when named.
import { isUtf8 } from 'node:buffer';
import { lineAndColumn } from '../importers/text-location.ts';
import { ImportError } from '../importers/importer.ts';

/** The encoding TextDecoder reads for a WHATWG label (`latin1` → `windows-1252`), or undefined for an unknown label. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

const BYTE_ORDER_MARKS: readonly [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** Text from a listing file's bytes, in `encoding` when given; throws ImportError, with the place, for bytes it cannot read. */
export function decodeListing(bytes: Uint8Array, encoding?: string): string {
  if (encoding) return decodeStrictly(bytes, encoding);
  const marked = BYTE_ORDER_MARKS.find(([mark]) => mark.every((byte, index) => bytes[index] === byte))?.[1];
  // TextDecoder drops the mark itself.
  if (marked) return decodeStrictly(bytes, marked);
  const utf16 = utf16WithoutMark(bytes);
  if (utf16) {
    throw new ImportError(`not UTF-8: looks like UTF-16 ${utf16 === 'utf-16le' ? 'LE' : 'BE'} without a byte-order mark; use --encoding ${utf16}`, 'line 1');
  }
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  throw new ImportError(`not UTF-8: ${lookalike(bytes)}`, undecodableAt(bytes, 'utf-8'));
}

function decodeStrictly(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError(`not ${new TextDecoder(encoding).encoding} text: it holds bytes that encoding cannot decode`, undecodableAt(bytes, encoding));
  }
}

/**
 * `line L, column C` of the first bytes `encoding` cannot decode. A decoder told more bytes
 * follow (`stream`) fails only on bytes that no continuation makes valid, so whether a prefix
 * fails grows with its length, and the shortest failing prefix is found by halving.
 */
function undecodableAt(bytes: Uint8Array, encoding: string): string {
  const fails = (length: number) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let [good, bad] = [0, bytes.length];
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (fails(middle)) bad = middle;
    else good = middle;
  }
  const before = new TextDecoder(encoding).decode(bytes.subarray(0, good), { stream: true });
  return lineAndColumn(before, before.length);
}

/**
 * In UTF-16 without a mark, ASCII text has a NUL byte beside every letter: after it (LE) or
 * before it (BE). Binary data has NUL bytes on both sides, or too few.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(bytes.length, 4096) >> 1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) evenZeros++;
    if (bytes[2 * pair + 1] === 0) oddZeros++;
  }
  const [more, fewer] = oddZeros > evenZeros ? [oddZeros, evenZeros] : [evenZeros, oddZeros];
  if (pairs === 0 || more < pairs * 0.6 || fewer > pairs * 0.05) return undefined;
  return oddZeros > evenZeros ? 'utf-16le' : 'utf-16be';
}

/**
 * What bytes that are not UTF-8 look like, from their runs of non-ASCII bytes. Hand-written:
 * statistical charset detectors guess among dozens of encodings, while the cases worth naming
 * are few. In Latin-1 or Windows-1252 a non-ASCII byte is one accented letter or typographic mark
 * between ASCII ones; in UTF-8 a run of them is a valid sequence; longer undecodable runs are a
 * multi-byte encoding (Shift_JIS, GBK, EUC-KR) or binary data.
 */
function lookalike(bytes: Uint8Array): string {
  if (bytes.includes(0)) return 'looks like binary data (it holds NUL bytes), not a listing';
  let utf8Runs = 0;
  let shortRuns = 0;
  let longRuns = 0;
  for (let start = 0; start < bytes.length; start++) {
    if (bytes[start] < 0x80) continue;
    let end = start;
    while (end < bytes.length && bytes[end] >= 0x80) end++;
    const run = bytes.subarray(start, end);
    if (isUtf8(run)) utf8Runs++;
    else if (run.length <= 2) shortRuns++;
    else longRuns++;
    start = end;
  }
  if (longRuns * 10 > shortRuns) return 'looks like another encoding (Shift_JIS, GBK, EUC-KR…) or binary data; name the encoding with --encoding LABEL';
  if (utf8Runs > 0) return 'looks like UTF-8 mixed with Latin-1 (or Windows-1252), which no single --encoding reads; save the file as UTF-8 again';
  return 'looks like Latin-1 (or Windows-1252); use --encoding latin1';
}
