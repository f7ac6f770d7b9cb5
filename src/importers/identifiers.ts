// Recognising external identifiers in the many spellings sources use for them.

/** The arXiv id (without version) in an id, abs/pdf URL, `arXiv:` reference or arXiv DOI, if any. */
export function arxivIdFrom(text: string): string | undefined {
  const modern = /(?:^|arxiv\.org\/(?:abs|pdf)\/|arxiv:\s*|10\.48550\/arxiv\.|^\s*)(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\b/i.exec(text);
  if (modern) return modern[1];
  const legacy = /(?:arxiv\.org\/(?:abs|pdf)\/|arxiv:\s*|^\s*)([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?/i.exec(text);
  return legacy ? legacy[1] : undefined;
}

/** The DOI in a bare DOI or a doi.org URL, lower-cased, if any. */
export function doiFrom(text: string): string | undefined {
  const match = /(10\.\d{4,9}\/[^\s"<>]+)/.exec(text);
  return match ? match[1].replace(/[.,;]+$/, '').toLowerCase() : undefined;
}
