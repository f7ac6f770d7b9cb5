// People's names between the forms sources write and the one paperscout shows (`First Last`).
// Hand-written: the JavaScript name parsers on npm guess at Western names from a dictionary of
// titles and nicknames; what is needed here is only the comma form the reference formats use.

/** Name suffixes that follow the family name (`John Smith Jr.`). */
export const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** A name written `Last, First[, Suffix]` (RIS, Web of Science, MEDLINE, EndNote) as `First Last Suffix`. */
export function invertedName(name: string): string {
  const [last, given, suffix] = name.split(',').map((part) => part.trim());
  return [given, last, suffix].filter(Boolean).join(' ');
}

/** A display name split as citation formats store it; `particle` is the lower-case `van der` before the family name. */
export interface NameParts {
  given: string;
  particle?: string;
  family: string;
  suffix?: string;
}

/**
 * The parts of a display name (`Jan van der Berg`, `John Smith Jr.`), or undefined for a name
 * that must stay whole: one word (a mononym, a name in a script without spaces) or a name that
 * already holds a comma. Joining the parts with spaces gives the name back.
 */
export function nameParts(name: string): NameParts | undefined {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || name.includes(',')) return undefined;
  const suffix = words.length > 2 && NAME_SUFFIX.test(words.at(-1)!) ? words.pop() : undefined;
  const family = words.pop()!;
  // As in BibTeX, the lower-case words before the family name are its particle ("von" part).
  let particleStart = words.length;
  while (particleStart > 1 && /^\p{Ll}/u.test(words[particleStart - 1])) particleStart--;
  const particle = words.slice(particleStart).join(' ');
  return { given: words.slice(0, particleStart).join(' '), ...(particle && { particle }), family, ...(suffix && { suffix }) };
}
