// What the browser remembers between visits: the researcher's current profile and their
// short-list per listing. The library itself lives on the server.

const PROFILE_KEY = 'paperscout.profile';
const shortlistKey = (listing: string) => `paperscout.shortlist.${listing}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled (private mode); the app still works for this visit.
  }
}

export const currentProfile = () => read(PROFILE_KEY) ?? undefined;
export const setCurrentProfile = (name: string | undefined) => write(PROFILE_KEY, name ?? null);

export function shortlist(listing: string): number[] {
  try {
    const ids: unknown = JSON.parse(read(shortlistKey(listing)) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

export function setShortlist(listing: string, ids: readonly number[]): void {
  write(shortlistKey(listing), ids.length > 0 ? JSON.stringify(ids) : null);
}
