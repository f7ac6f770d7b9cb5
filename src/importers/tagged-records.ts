// Reading the tagged line formats of the bibliographic databases, Web of Science's plain-text
// export and PubMed's MEDLINE (.nbib): a tag at the start of each field's first line, the
// value after it, and indented lines continuing the value. Hand-written for the same reason as
// the RIS reader: the formats are line protocols, and no maintained npm package reads them.

/** The syntax of one tagged format. */
export interface TaggedSyntax {
  /** A field's first line: captures the tag and the value (which may be absent). */
  tagLine: RegExp;
  /** A line continuing the value above it: captures the continued text. */
  continuation: RegExp;
  /**
   * Whether a tag line opens a new record (Web of Science's `PT`, MEDLINE's `PMID`), given
   * whether a record is open; outside a record, other tag lines are file headers (`FN`, `EF`).
   */
  opens(tag: string, inRecord: boolean): boolean;
  /** The tag that closes a record (`ER`); without one, a blank line closes it. */
  closingTag?: string;
}

/** One record: its 1-based position, the line it starts on, and its fields. */
export interface TaggedRecord {
  ordinal: number;
  line: number;
  /** Each tag's values in order; each value is the list of its lines (first line, then continuations). */
  fields: Map<string, string[][]>;
  /** False when the file ended inside the record, before its closing tag. */
  closed: boolean;
}

/** The records of a tagged text; lines outside any record (file headers such as `FN`, `VR`, `EF`) are passed over. */
export function readTaggedRecords(text: string, syntax: TaggedSyntax): TaggedRecord[] {
  const records: TaggedRecord[] = [];
  let open: TaggedRecord | undefined;
  let lastValue: string[] | undefined;
  const close = () => {
    if (open) records.push(open);
    open = lastValue = undefined;
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!line) {
      if (!syntax.closingTag && open) close();
      return;
    }
    const continued = syntax.continuation.exec(line);
    if (continued) {
      lastValue?.push(continued[1].trim());
      return;
    }
    const tagged = syntax.tagLine.exec(line);
    if (!tagged) {
      // A line that lost its indentation (an editor, a copy) still belongs to the value above.
      lastValue?.push(line.trim());
      return;
    }
    const [, tag, value = ''] = tagged;
    if (tag === syntax.closingTag) {
      close();
      return;
    }
    if (syntax.opens(tag, open !== undefined)) {
      if (open) {
        // A record cut off without its closing tag (two exports pasted together) still ends here.
        open.closed = !syntax.closingTag;
        close();
      }
      open = { ordinal: records.length + 1, line: index + 1, fields: new Map(), closed: true };
    } else if (!open) {
      lastValue = undefined;
      return;
    }
    lastValue = [value.trim()];
    const values = open.fields.get(tag);
    if (values) values.push(lastValue);
    else open.fields.set(tag, [lastValue]);
  });
  if (open) {
    open.closed = !syntax.closingTag;
    close();
  }
  return records;
}

/** The first value of any of `tags` that has text, its lines joined with spaces. */
export function firstText(record: TaggedRecord, tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    for (const value of record.fields.get(tag) ?? []) {
      const text = value.join(' ').replace(/\s+/g, ' ').trim();
      if (text) return text;
    }
  }
  return undefined;
}

/** Every value of `tag`, each with its lines joined with spaces. */
export function allTexts(record: TaggedRecord, tag: string): string[] {
  return (record.fields.get(tag) ?? []).map((value) => value.join(' ').replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Every line of every value of `tag`, for formats that put one item on each line (Web of Science's authors). */
export function allLines(record: TaggedRecord, tag: string): string[] {
  return (record.fields.get(tag) ?? []).flat().filter(Boolean);
}
