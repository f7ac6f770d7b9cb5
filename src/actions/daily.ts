// The daily loop as one round: every source fetched, then a digest recorded for every profile,
// so each profile's feed (/feeds/NAME.atom) carries the papers that came in. `serve
// --fetch-every` runs rounds on a schedule; cron or a systemd timer can run `fetch` and
// `digest` instead (README).
import type { PaperStore } from '../library/store.ts';
import { digest, type Digest } from './digest.ts';
import { InputError } from './errors.ts';
import { ProfileError } from '../engine/errors.ts';
import { fetchSources, type FetchOptions, type SourceFetchReport } from './fetch.ts';

export interface DailyRound {
  fetched: SourceFetchReport[];
  /** A profile's digest, or why it could not be made (a profile with no papers yet). */
  digests: ({ profile: string; digest: Digest } | { profile: string; error: string })[];
}

export async function fetchAndDigest(library: PaperStore, options: FetchOptions = {}): Promise<DailyRound> {
  const fetched = await fetchSources(library, [], options);
  const now = options.now?.() ?? new Date();
  const digests = library.profileNames().map((profile) => {
    try {
      return { profile, digest: digest(library, profile, { now, format: 'atom' }) };
    } catch (error) {
      // One profile that cannot be ranked (no papers yet) does not keep the others' digests back.
      if (error instanceof ProfileError || error instanceof InputError) return { profile, error: error.message };
      throw error;
    }
  });
  return { fetched, digests };
}
