// Turning what a person types into an FTS5 query that can never be a syntax error: every
// term becomes a quoted string, so FTS5 operators typed by a user are just words.

/**
 * A quoted FTS5 string; FTS5 escapes a quote inside by doubling it. FTS5 reads a query only up
 * to its first NUL, which would leave the quote unclosed (a syntax error); the tokenizer takes
 * NUL for a separator, so a space in its place finds the same words.
 */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""').replace(/\0/g, ' ')}"`;
}

export interface QueryTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
}

/** Words, "quoted phrases" and prefix* terms; an unclosed quote runs to the end. */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of query.matchAll(pattern)) {
    const phrase = match[1] !== undefined;
    let text = (phrase ? match[1] : match[2]).trim();
    const prefix = !phrase && text.endsWith('*');
    if (prefix) text = text.replace(/\*+$/, '');
    // Terms with no letter or digit index to nothing; FTS5 would reject some of them.
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    terms.push({ text, phrase, prefix });
  }
  return terms;
}

/** The FTS5 MATCH expression for a query (all terms required), or null when nothing is searchable. */
export function toFtsMatch(query: string): string | null {
  const terms = parseQuery(query);
  if (terms.length === 0) return null;
  return terms.map((term) => ftsPhrase(term.text) + (term.prefix ? '*' : '')).join(' AND ');
}
