// The JSON API as typed functions. Types come from the server's schemas, so the two cannot drift.
import { decodeMapPoints, type MapPointArrays } from '../map-points.ts';
import type {
  CollectionChange,
  CollectionDetail,
  CollectionSummary,
  Digest,
  AuthorIdentities,
  AuthorList,
  Listing,
  ListingEdit,
  ListingEdited,
  ListingRemoval,
  ListingReport,
  ListingUpload,
  MapHighlights,
  MapInfo,
  MapPapers,
  PaperDetail,
  PaperPage,
  Problem,
  ProfileAdded,
  ProfileAdditions,
  ProfileDetail,
  ProfilePaperTitle,
  ProfileSummary,
  ProfileTopics,
  RatingValue,
  RecommendResult,
  SearchResult,
  SessionPlan,
  SimilarResult,
  Venues,
} from '../server/schemas.ts';

export type {
  AuthorIdentities,
  CollectionChange,
  CollectionSummary,
  Digest,
  DigestEntry,
  Listing,
  ListingRemoval,
  ListingReport,
  Paper,
  PaperDetail,
  PlanEntry,
  ProfileDetail,
  ProfileSummary,
  ProfileTopic,
  Recommendation,
  RecommendResult,
  Reason,
} from '../server/schemas.ts';

/** A failed request, with the server's explanation. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | readonly (string | number)[] | undefined>;

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined && item !== '') params.append(key, String(item));
  }
  const search = params.toString();
  return `/api/${path}${search ? `?${search}` : ''}`;
}

/**
 * A write answered 503 found the library busy with another paperscout (a CLI ingest) and stored
 * nothing: it is sent again after the server's Retry-After, for about as long as a person waits.
 */
const BUSY_RETRIES = 20;

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    response = await fetch(apiUrl(path, options.query), {
      method,
      signal: options.signal,
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status !== 503 || attempt === BUSY_RETRIES) break;
    const seconds = Number(response.headers.get('retry-after')) || 1;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = body as Partial<Problem> | undefined;
    throw new ApiError(response.status, problem?.detail ?? `the server answered ${response.status}`, problem?.field);
  }
  return body as T;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });
const segment = encodeURIComponent;

/** Lists every page needs (listings, venues), fetched once until something adds to them. */
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

/** Saving a listing or a profile's files adds listings, venues and papers. */
async function changesLibrary<T>(promise: Promise<T>): Promise<T> {
  const result = await promise;
  cache.clear();
  return result;
}

export interface Filter {
  venue?: string;
  year?: number;
  listing?: string;
  author?: string;
}

export const api = {
  papers: (filter: Filter & { limit?: number; offset?: number }, signal?: AbortSignal) => get<PaperPage>('papers', { ...filter }, signal),
  paper: (id: number, signal?: AbortSignal) => get<PaperDetail>(`papers/${id}`, {}, signal),
  search: (q: string, filter: Filter & { limit?: number; offset?: number }, signal?: AbortSignal) => get<SearchResult>('search', { q, ...filter }, signal),
  similarTo: (id: number, limit: number, signal?: AbortSignal) => get<SimilarResult>(`papers/${id}/similar`, { limit }, signal),
  venues: () => cached('venues', () => get<Venues>('venues')),
  listings: () => cached('listings', () => get<Listing[]>('listings')),
  previewListing: (upload: ListingUpload) => request<ListingReport>('POST', 'listings/preview', { body: upload }),
  saveListing: (upload: ListingUpload) => changesLibrary(request<ListingReport>('POST', 'listings', { body: upload })),
  editListing: (id: number, edit: ListingEdit) => changesLibrary(request<ListingEdited>('PATCH', `listings/${id}`, { body: edit })),
  listingRemoval: (id: number, signal?: AbortSignal) => get<ListingRemoval>(`listings/${id}/removal`, {}, signal),
  removeListing: (id: number) => changesLibrary(request<ListingRemoval>('DELETE', `listings/${id}`)),
  profiles: (signal?: AbortSignal) => get<ProfileSummary[]>('profiles', {}, signal),
  profile: (name: string, signal?: AbortSignal) => get<ProfileDetail>(`profiles/${segment(name)}`, {}, signal),
  createProfile: (name: string, additions: ProfileAdditions) => changesLibrary(request<ProfileAdded>('POST', 'profiles', { body: { name, ...additions } })),
  addToProfile: (name: string, additions: ProfileAdditions) =>
    changesLibrary(request<ProfileAdded>('POST', `profiles/${segment(name)}/papers`, { body: additions })),
  deleteProfile: (name: string) => request<void>('DELETE', `profiles/${segment(name)}`),
  rate: (name: string, paperId: number, rating: RatingValue) =>
    request<ProfileSummary>('PUT', `profiles/${segment(name)}/ratings/${paperId}`, { body: { rating } }),
  authors: (prefix: string, signal?: AbortSignal) => get<AuthorList>('authors', { prefix, limit: 8 }, signal),
  identities: (name: string, profile: string | undefined, signal?: AbortSignal) => get<AuthorIdentities>('authors/identities', { name, profile }, signal),
  recommend: (name: string, filter: Filter & { limit?: number; byTopic?: boolean }, signal?: AbortSignal) =>
    get<RecommendResult>(`profiles/${segment(name)}/recommendations`, { ...filter, byTopic: filter.byTopic ? 'true' : undefined }, signal),
  topics: (name: string, signal?: AbortSignal) => get<ProfileTopics>(`profiles/${segment(name)}/topics`, {}, signal),
  renameTopic: (name: string, key: string, topicName: string) =>
    request<ProfileTopics>('PATCH', `profiles/${segment(name)}/topics/${segment(key)}`, { body: { name: topicName } }),
  mergeTopics: (name: string, into: string, from: string) =>
    request<ProfileTopics>('POST', `profiles/${segment(name)}/topics/${segment(into)}/merge`, { body: { from } }),
  splitTopic: (name: string, key: string) => request<ProfileTopics>('POST', `profiles/${segment(name)}/topics/${segment(key)}/split`),
  /** `topic` null: a topic of its own. */
  moveToTopic: (name: string, paperId: number, topic: string | null) =>
    request<ProfileTopics>('PUT', `profiles/${segment(name)}/papers/${paperId}/topic`, { body: { topic } }),
  /** `title` null: the paper's title in the library again. */
  retitle: (name: string, paperId: number, title: string | null) =>
    request<ProfilePaperTitle>('PUT', `profiles/${segment(name)}/papers/${paperId}/title`, { body: { title } }),
  sessionPlan: (listing: string, profile: string | undefined, signal?: AbortSignal) => get<SessionPlan>('session-plan', { listing, profile }, signal),
  digests: (name: string, signal?: AbortSignal) => get<Digest[]>(`profiles/${segment(name)}/digests`, { limit: 1 }, signal),
  makeDigest: (name: string) => request<Digest>('POST', `profiles/${segment(name)}/digests`, { body: {} }),
  collections: (signal?: AbortSignal) => get<CollectionSummary[]>('collections', {}, signal),
  collection: (name: string, signal?: AbortSignal) => get<CollectionDetail>(`collections/${segment(name)}`, {}, signal),
  addToCollection: (name: string, paperIds: readonly number[]) => request<CollectionChange>('POST', `collections/${segment(name)}/papers`, { body: { paperIds } }),
  removeFromCollection: (name: string, paperId: number) => request<CollectionChange>('DELETE', `collections/${segment(name)}/papers/${paperId}`),
  deleteCollection: (name: string) => request<void>('DELETE', `collections/${segment(name)}`),
  saveShortlist: (name: string, listing: string, paperIds: readonly number[]) =>
    request<CollectionChange>('POST', `collections/${segment(name)}/shortlist`, { body: { listing, paperIds } }),
  map: (signal?: AbortSignal) => get<MapInfo>('map', {}, signal),
  /** The map's points (see src/map-points.ts), of the version GET /api/map gave. */
  mapPoints: async (version: string, signal?: AbortSignal): Promise<MapPointArrays> => {
    const response = await fetch(apiUrl('map/points', { version }), { signal });
    if (!response.ok) throw new ApiError(response.status, response.status === 409 ? 'the map changed while loading: reload the page' : `the server answered ${response.status}`);
    return decodeMapPoints(await response.arrayBuffer());
  },
  mapHighlights: (query: { profile?: string; listing?: string }, signal?: AbortSignal) => get<MapHighlights>('map/highlights', query, signal),
  mapPapers: (ids: readonly number[]) => request<MapPapers>('POST', 'map/papers', { body: { ids } }),
  /** A new profile that likes these papers. */
  mapProfile: (name: string, paperIds: readonly number[]) => changesLibrary(request<ProfileSummary>('POST', 'map/profile', { body: { name, paperIds } })),
};

/** Where a collection downloads as a citation manager's file. */
export const collectionExportUrl = (name: string, format: 'bibtex' | 'ris' | 'csl-json') => apiUrl(`collections/${segment(name)}/export`, { format });

/** A user-facing sentence for any failure of a request (aborted requests are not failures). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'the paperscout server cannot be reached: is `paperscout serve` still running?';
  return error instanceof Error ? error.message : String(error);
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
