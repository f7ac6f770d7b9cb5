// Sources of papers for `paperscout fetch`: adding, listing and removing them.
import { SOURCE_KINDS, type Source, type SourceKind, type SourceParams } from '../types.ts';
import type { PaperStore } from '../library/store.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';
import { checkedParams, describeSource, SOURCE_NAME } from './source-kinds.ts';

export type DescribedSource = Source & { description: string };

/** Adds a source of `kind` with its settings, checked (see source-kinds.ts); the name must be new. */
export function addSource(library: PaperStore, name: string, kind: SourceKind, params: SourceParams, now = new Date()): DescribedSource {
  if (!SOURCE_NAME.test(name)) {
    throw new InputError('a source name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit', 'name');
  }
  if (!(SOURCE_KINDS as readonly string[]).includes(kind)) throw new InputError(`unknown kind of source; one of: ${SOURCE_KINDS.join(', ')}`, 'kind');
  const checked = checkedParams(kind, params);
  if (!library.addSource(name, kind, checked, now.toISOString())) throw new ConflictError(`a source named "${name}" exists already`, 'name');
  return described(library.source(name)!);
}

export function listSources(library: PaperStore): DescribedSource[] {
  return library.sources().map(described);
}

/** Removes a source; the listings its fetches made stay in the library. */
export function removeSource(library: PaperStore, name: string): void {
  if (!library.removeSource(name)) throw new NotFoundError(`no source named "${name}" (see \`paperscout source list\`)`, 'name');
}

const described = (source: Source): DescribedSource => ({ ...source, description: describeSource(source) });
