// A profile named in a request, and how the API sums one up: for the routes that read
// profiles and for the writes that change them.
import type { Profile } from '../types.ts';
import type { Library } from '../library/library.ts';
import { notFound } from './problems.ts';
import type { ProfileSummary } from './schemas.ts';

export function findProfile(library: Library, name: string): Profile {
  const profile = library.profile(name);
  if (!profile) throw notFound(`profile named "${name}"`);
  return profile;
}

export function summary(profile: Profile): ProfileSummary {
  return { name: profile.name, createdAt: profile.createdAt, papers: profile.paperIds.length, ratings: Object.keys(profile.ratings).length };
}
