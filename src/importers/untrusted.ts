// Values from a file in error messages. A file's content can be megabytes long or nested
// 100,000 deep (JSON.stringify of such a value overflows the stack, and printing it buries the
// message), so a value is shown whole only when it is short; otherwise its type and size are named.

/** Values whose JSON is about this long or shorter are shown whole. */
const SHOWN_LENGTH = 80;
/** Nesting is measured this far; a deeper value is "nested over 1,000 deep". */
const DEPTH_LIMIT = 1000;
/** Messages written by others (parser libraries, the arXiv API) may quote the input; they are cut to this length. */
const REASON_LENGTH = 160;
/** Names from the file (BibTeX keys, note ids) appear in locations up to this length. */
const LABEL_LENGTH = 40;

const plural = (count: number, noun: string) => `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;

/** `3,200 bytes`, `2.1 MB`: a string's size in UTF-8. */
function sizeOf(text: string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes < 10_000) return plural(bytes, 'byte');
  return bytes < 1_000_000 ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Whether `value`'s JSON is at most about `budget` characters, found without serializing a large value. */
function fitsInJson(value: object, budget: number): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') budget -= item.length + 2;
    else if (item === null || typeof item !== 'object') budget -= String(item).length + 1;
    else {
      const keys = Array.isArray(item) ? [] : Object.keys(item);
      budget -= 2 + keys.reduce((sum, key) => sum + key.length + 4, 0);
      // Each item takes at least a character, so no more than `budget` of them can fit.
      if (budget >= 0) stack.push(...(Array.isArray(item) ? item : Object.values(item)).slice(0, budget + 1));
    }
    if (budget < 0) return false;
  }
  return true;
}

/** How deeply arrays and objects nest in `value`, counted up to just past `limit`. */
function depthOf(value: object, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0 && deepest <= limit) {
    const [item, depth] = stack.pop()!;
    if (!item || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A value from a file, for a message: `"2020"`, `["x"]`, `a string of 2.1 MB`, `an array nested over 1,000 deep`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length <= SHOWN_LENGTH ? JSON.stringify(value) : `a string of ${sizeOf(value)}`;
  if (value === null || typeof value !== 'object') return String(value);
  if (fitsInJson(value, SHOWN_LENGTH)) return JSON.stringify(value);
  const kind = Array.isArray(value) ? 'an array' : 'an object';
  if (depthOf(value, DEPTH_LIMIT) > DEPTH_LIMIT) return `${kind} nested over ${DEPTH_LIMIT.toLocaleString('en')} deep`;
  return Array.isArray(value) ? `an array of ${plural(value.length, 'item')}` : `an object with ${plural(Object.keys(value).length, 'key')}`;
}

/** A message written by others (a parser library's error, an API's), which may quote the input: its first line, cut short. */
export function boundedMessage(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0].trim();
  return message.length <= REASON_LENGTH ? message : `${message.slice(0, REASON_LENGTH - 1)}…`;
}

/** A name from the file for a location (`entry 3 (smith2020)`), or undefined when it is too long to show. */
export function shortLabel(name: string): string | undefined {
  return name.length <= LABEL_LENGTH ? name : undefined;
}
