// Every request and response shape of the HTTP API, declared once: fastify validates requests
// and serializes responses with them, the OpenAPI document is generated from them, and the
// web app imports their static types.
// `typebox` is the type system @fastify/type-provider-typebox is built on; importing it alone
// spares the server start the provider's own validator and value modules, which it does not use.
import { Type, type Static, type TSchema } from 'typebox';
import { FORMATS } from '../types.ts';

/** `T | null` as a JSON type list, which fast-json-stringify serializes without trying each branch. */
function Nullable<T extends TSchema & { type: string }>(schema: T) {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

const Id = Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 });
const Year = Type.Integer({ minimum: 1000, maximum: 9999 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

export const Format = Type.Enum(FORMATS);

export const Paper = Type.Object({
  id: Id,
  title: Type.String(),
  titleDerived: Type.Boolean(),
  authors: Type.Array(Type.String()),
  abstract: Nullable(Type.String()),
  venue: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  session: Nullable(Type.String()),
  track: Nullable(Type.String()),
  status: Nullable(Type.String()),
  keywords: Type.Array(Type.String()),
  urls: Type.Object({
    site: Type.Optional(Type.String()),
    pdf: Type.Optional(Type.String()),
    github: Type.Optional(Type.String()),
    project: Type.Optional(Type.String()),
  }),
  ids: Type.Object({
    arxiv: Type.Optional(Type.String()),
    doi: Type.Optional(Type.String()),
    openreview: Type.Optional(Type.String()),
  }),
  listings: Type.Array(Type.Object({ listing: Type.String(), listingId: Id, position: Type.Integer() })),
});
export type Paper = Static<typeof Paper>;

export const Listing = Type.Object({
  id: Id,
  name: Type.String(),
  format: Type.String(),
  importedAt: Type.String(),
  venue: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  session: Nullable(Type.String()),
  room: Nullable(Type.String()),
  startsAt: Nullable(Type.String()),
  endsAt: Nullable(Type.String()),
  paperCount: Type.Integer(),
});
export type Listing = Static<typeof Listing>;
export const Listings = Type.Array(Listing);

/** Text cut into plain and matched runs, so clients highlight matches without parsing markup. */
export const Segments = Type.Array(Type.Object({ text: Type.String(), match: Type.Boolean() }));
export type Segments = Static<typeof Segments>;

const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
};

const FilterFields = {
  venue: Type.Optional(Type.String({ maxLength: 200 })),
  year: Type.Optional(Year),
  listing: Type.Optional(Type.String({ maxLength: 500 })),
  session: Type.Optional(Type.String({ maxLength: 200 })),
  author: Type.Optional(Type.String({ maxLength: 200 })),
};

export const PaperListQuery = Type.Object({ ...FilterFields, ...Paging }, { additionalProperties: false });
export type PaperListQuery = Static<typeof PaperListQuery>;

export const PaperPage = Type.Object({ total: Type.Integer(), papers: Type.Array(Paper) });
export type PaperPage = Static<typeof PaperPage>;

export const IdParams = Type.Object({ id: Id });

export const PaperDetail = Type.Object({
  paper: Paper,
  possibleDuplicates: Type.Array(Type.Object({ paper: Paper, similarity: Type.Number() })),
});
export type PaperDetail = Static<typeof PaperDetail>;

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 500 }),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'order the best matches by their relevance to this profile' })),
    ...FilterFields,
    ...Paging,
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResult = Type.Object({
  total: Type.Integer(),
  hits: Type.Array(Type.Object({ paper: Paper, score: Type.Number(), title: Segments, snippet: Segments })),
});
export type SearchResult = Static<typeof SearchResult>;

export const Reason = Type.Object({
  paperId: Type.Optional(Type.Integer({ minimum: 1, description: 'the profile paper this reason is about; absent, as is `title`, when it is about a posted text' })),
  title: Type.Optional(Type.String({ description: "the profile paper's title (the researcher's own name for it, if they gave one)" })),
  kind: Type.Union([Type.Literal('yours'), Type.Literal('liked'), Type.Literal('disliked'), Type.Literal('paper'), Type.Literal('text')], {
    description: "what the paper is: the researcher's own, one they liked or disliked, the paper asked about (similar), or the posted text",
  }),
  similarity: Type.Number({ description: "this paper's part of the score, negative for a disliked paper" }),
  sharedTerms: Type.Array(Type.String({ description: 'words that carry this part, as the paper writes them' })),
});
export type Reason = Static<typeof Reason>;

const Match = Type.Object(
  {
    percentile: Type.Number({ minimum: 0, maximum: 100 }),
    strength: Type.Union([Type.Literal('strong'), Type.Literal('good'), Type.Literal('fair')]),
  },
  { description: 'the share of random papers of the field scoring below this one for the profile (strong: above 99%, good: above 90%)' },
);

export const Recommendation = Type.Object({
  paper: Paper,
  score: Type.Number({ description: "in units of the spread of the profile's scores over random papers of the field" }),
  match: Match,
  reasons: Type.Array(Reason),
  topic: Type.Optional(Type.String({ description: "the key of the profile's topic whose ranking placed it" })),
});
export type Recommendation = Static<typeof Recommendation>;

export const SimilarResult = Type.Object({ results: Type.Array(Recommendation) });
export type SimilarResult = Static<typeof SimilarResult>;

export const LimitQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) }, { additionalProperties: false });

export const SimilarTextBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 50_000 }), limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }) },
  { additionalProperties: false },
);

/** A listing file sent as text: pasted, or read from an uploaded file by the browser. */
const ListingFile = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, pattern: '^[^/\\\\]+$' }),
  text: Type.String({ minLength: 1 }),
  format: Type.Optional(Format),
});

export const ListingUpload = Type.Object(
  {
    ...ListingFile.properties,
    fileName: Type.Optional({ ...ListingFile.properties.fileName, description: 'the name to store the listing under; without it, a name from what the page says (venue, year, session, room)' }),
    venue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    year: Type.Optional(Year),
    session: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    strict: Type.Optional(Type.Boolean({ description: 'refuse the file (422) when any of its entries would be skipped' })),
  },
  { additionalProperties: false },
);
export type ListingUpload = Static<typeof ListingUpload>;

/** What a listing holds, as parsed, and what storing it does (or did) to the library. */
export const ListingReport = Type.Object({
  saved: Type.Boolean({ description: 'true when this request stored the listing' }),
  alreadyInLibrary: Type.Boolean({ description: 'the same file was ingested before: saving adds nothing' }),
  format: Type.String(),
  fromHtml: Type.Boolean(),
  meta: Type.Object({
    venue: Type.Optional(Type.String()),
    year: Type.Optional(Type.Integer()),
    session: Type.Optional(Type.String()),
    room: Type.Optional(Type.String()),
    startsAt: Type.Optional(Type.String()),
    endsAt: Type.Optional(Type.String()),
  }),
  count: Type.Integer(),
  withoutAbstract: Type.Integer(),
  newPapers: Type.Integer(),
  mergedPapers: Type.Integer({ description: 'papers the library already had (same ids, or same title and authors)' }),
  versionLinks: Type.Integer({ description: 'likely other versions of library papers found' }),
  warnings: Type.Array(Type.String()),
  papers: Type.Array(
    Type.Object({ title: Type.String(), titleDerived: Type.Boolean(), authors: Type.Array(Type.String()), hasAbstract: Type.Boolean() }),
    { description: 'the first papers as parsed' },
  ),
  name: Type.String({ description: "the listing's name in the library: as stored, or as saving would name it" }),
  listing: Type.Optional(Listing),
});
export type ListingReport = Static<typeof ListingReport>;

const Label = Type.String({ maxLength: 200, description: 'an empty string clears it' });

/** A listing's new name and labels: each field given is changed. */
export const ListingEdit = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    venue: Type.Optional(Label),
    year: Type.Optional(Nullable(Year)),
    session: Type.Optional(Label),
    room: Type.Optional(Label),
  },
  { additionalProperties: false },
);
export type ListingEdit = Static<typeof ListingEdit>;

export const ListingEdited = Type.Object({
  listing: Listing,
  relabelled: Type.Object(
    { venue: Type.Optional(Type.Integer()), year: Type.Optional(Type.Integer()), session: Type.Optional(Type.Integer()) },
    { description: "for each paper label changed, how many of the listing's papers took the new value (those that carried the old one, or none)" },
  ),
});
export type ListingEdited = Static<typeof ListingEdited>;

export const ListingRemoval = Type.Object({
  removed: Type.Boolean({ description: 'false for a preview: nothing was changed' }),
  listing: Listing,
  papers: Type.Integer({ description: 'distinct papers the listing holds' }),
  deleted: Type.Integer({ description: 'of them, the papers no other listing holds: removing the listing deletes them, with their ratings and places in profiles' }),
  profiles: Type.Array(Type.Object({ profile: Type.String(), papers: Type.Integer(), ratings: Type.Integer() }), {
    description: 'per profile, how many of its own papers and of its ratings are among the deleted',
  }),
});
export type ListingRemoval = Static<typeof ListingRemoval>;

export const ProfileSummary = Type.Object({ name: Type.String(), createdAt: Type.String(), papers: Type.Integer(), ratings: Type.Integer() });
export type ProfileSummary = Static<typeof ProfileSummary>;
export const ProfileSummaries = Type.Array(ProfileSummary);

export const ProfileDetail = Type.Object({
  name: Type.String(),
  createdAt: Type.String(),
  papers: Type.Array(Paper),
  titles: Type.Array(Type.Object({ paperId: Id, title: Type.String() }), { description: "the researcher's own titles for some of their papers, which reasons name them by" }),
  ratings: Type.Array(Type.Object({ paper: Paper, rating: Type.Union([Type.Literal(1), Type.Literal(-1)]) })),
});
export type ProfileDetail = Static<typeof ProfileDetail>;

export const ProfileParams = Type.Object({ name: Name });

/** Papers to add to a profile: files of the researcher's own papers and/or their name in the library. */
export const ProfileAdditions = Type.Object(
  {
    files: Type.Optional(Type.Array(ListingFile, { maxItems: 20 })),
    abstracts: Type.Optional(Type.String({ minLength: 1, description: "the researcher's abstracts as pasted text, one per paragraph" })),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    identities: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 100_000 }), {
        minItems: 1,
        maxItems: 1000,
        description: "which of the author name's identities (numbers from /api/authors/identities) are the researcher; needed when the name may be several people",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ProfileAdditions = Static<typeof ProfileAdditions>;

export const ProfileCreate = Type.Object({ name: Name, ...ProfileAdditions.properties }, { additionalProperties: false });
export type ProfileCreate = Static<typeof ProfileCreate>;

export const ProfileAdded = Type.Object({
  profile: ProfileSummary,
  added: Type.Integer({ description: 'papers new to the profile' }),
  listed: Type.Integer({ description: 'papers found in the files and by the author name' }),
});
export type ProfileAdded = Static<typeof ProfileAdded>;

/** One of a profile's papers, or a paper it rates. */
export const ProfilePaperParams = Type.Object({ name: Name, paperId: Id });
export const RatingBody = Type.Object({ rating: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('clear')]) }, { additionalProperties: false });
export type RatingValue = Static<typeof RatingBody>['rating'];

export const AuthorQuery = Type.Object(
  { prefix: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) },
  { additionalProperties: false },
);
export const AuthorList = Type.Array(Type.Object({ name: Type.String(), papers: Type.Integer() }));
export type AuthorList = Static<typeof AuthorList>;

export const IdentitiesQuery = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'count the papers of each identity this profile has already' })),
  },
  { additionalProperties: false },
);
export type IdentitiesQuery = Static<typeof IdentitiesQuery>;

export const AuthorIdentities = Type.Array(
  Type.Object({
    number: Type.Integer({ minimum: 1, description: 'what to pick it by, in ProfileAdditions.identities' }),
    papers: Type.Integer(),
    inProfile: Type.Integer({ description: "of its papers, how many the profile has already" }),
    names: Type.Array(Type.String(), { description: 'the spellings of the name on its papers' }),
    coauthors: Type.Array(Type.Object({ name: Type.String(), papers: Type.Integer() })),
    venues: Type.Array(Type.Object({ venue: Type.String(), papers: Type.Integer() })),
    sampleTitles: Type.Array(Type.String()),
  }),
  { description: "the people a name may be in the library: its papers, grouped so that papers connected through shared co-authors are one identity; most papers first" },
);
export type AuthorIdentities = Static<typeof AuthorIdentities>;

export const RecommendQuery = Type.Object(
  {
    venue: FilterFields.venue,
    year: FilterFields.year,
    listing: FilterFields.listing,
    session: FilterFields.session,
    limit: Type.Integer({ minimum: 1, maximum: 2000, default: 20 }),
    byTopic: Type.Optional(Type.Boolean({ description: "also each topic's own ranking (`lanes`)" })),
  },
  { additionalProperties: false },
);
export type RecommendQuery = Static<typeof RecommendQuery>;

export const ProfileTopic = Type.Object({
  key: Type.String({ description: 'names the topic in edits; `t…` once stored, `a…` while found anew' }),
  name: Type.String(),
  named: Type.Boolean({ description: 'whether the researcher named it (else: its key words)' }),
  keywords: Type.Array(Type.String()),
  paperIds: Type.Array(Id),
});

export const ProfileTopics = Type.Object({ topics: Type.Array(ProfileTopic, { description: 'largest first' }) });
export type ProfileTopics = Static<typeof ProfileTopics>;
export type ProfileTopic = Static<typeof ProfileTopic>;

const TopicKey = Type.String({ pattern: '^[at][1-9][0-9]{0,15}$', description: "a topic's key, as the profile's topics list it: keys change with every edit" });
export const TopicParams = Type.Object({ name: Name, key: TopicKey });
export const TopicRename = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const TopicMerge = Type.Object({ from: { ...TopicKey, description: 'the topic whose papers move into this one' } }, { additionalProperties: false });
export const TopicMove = Type.Object(
  { topic: Nullable({ ...TopicKey, description: 'the topic to move the paper to; null: a topic of its own' }) },
  { additionalProperties: false },
);
export type TopicMove = Static<typeof TopicMove>;

export const PaperTitleBody = Type.Object(
  { title: Nullable(Type.String({ minLength: 1, maxLength: 500, description: "the researcher's title for their paper; null: its title in the library again" })) },
  { additionalProperties: false },
);
export const ProfilePaperTitle = Type.Object({
  paperId: Id,
  title: Type.String({ description: 'the title reasons now name the paper by' }),
  retitled: Type.Boolean({ description: "whether it is the researcher's own" }),
});
export type ProfilePaperTitle = Static<typeof ProfilePaperTitle>;

export const RecommendResult = Type.Object({
  recommendations: Type.Array(Recommendation),
  yours: Type.Array(Type.Object({ paper: Paper, ownPaperId: Id })),
  topics: Type.Array(ProfileTopic, { description: "the profile's topics, which the recommendations cover in proportion to their size" }),
  lanes: Type.Optional(Type.Array(Type.Object({ topic: Type.String(), recommendations: Type.Array(Recommendation) }))),
});
export type RecommendResult = Static<typeof RecommendResult>;

export const SessionPlanQuery = Type.Object(
  {
    listing: Type.String({ minLength: 1, maxLength: 500 }),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'rank for this profile; without it, the listing in its order' })),
  },
  { additionalProperties: false },
);
export type SessionPlanQuery = Static<typeof SessionPlanQuery>;

export const PlanEntry = Type.Object({
  paper: Paper,
  mark: Type.Optional(Type.Union([Type.Literal('yours'), Type.Literal('liked'), Type.Literal('rated down')], { description: 'why the paper is not ranked' })),
  ranked: Type.Optional(Type.Object({ rank: Type.Integer({ minimum: 1 }), score: Type.Number(), match: Match, reasons: Type.Array(Reason) })),
});
export type PlanEntry = Static<typeof PlanEntry>;

export const SessionPlan = Type.Object({
  listing: Listing,
  ranked: Type.Boolean({ description: 'false without a profile: the entries are in the listing order' }),
  entries: Type.Array(PlanEntry),
  omitted: Type.Integer({ description: "how many of the listing's papers the plan leaves out: a plan holds about 5,000 papers at most" }),
});
export type SessionPlan = Static<typeof SessionPlan>;

export const PlanQuery = Type.Object(
  {
    listing: Type.String({ minLength: 1, maxLength: 500 }),
    ids: Type.Array(Id, { minItems: 1, maxItems: 500 }),
    format: Type.Union([Type.Literal('md'), Type.Literal('ics')]),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "mark the profile's own papers as yours" })),
    start: Type.Optional(Type.String({ maxLength: 40, description: 'session start (ISO 8601) when the listing does not know it' })),
    end: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type PlanQuery = Static<typeof PlanQuery>;

export const PlanFile = {
  description: 'the plan as a file to download',
  content: { 'text/markdown': { schema: Type.String() }, 'text/calendar': { schema: Type.String() } },
};

const TopicRef = Type.Object({ key: Type.String(), name: Type.String() }, { description: "the profile's topic whose ranking placed the paper" });

export const DigestEntry = Type.Object({
  paper: Paper,
  rank: Type.Integer({ minimum: 1 }),
  score: Type.Number(),
  match: Match,
  reasons: Type.Array(Reason),
  topic: Type.Optional(TopicRef),
  versions: Type.Array(Id, { description: 'other versions of the paper that arrived with it, folded into it' }),
});
export type DigestEntry = Static<typeof DigestEntry>;

export const Digest = Type.Object({
  id: Type.Optional(Type.Integer({ minimum: 1, description: 'absent for a preview, which recorded nothing' })),
  profile: Type.String(),
  createdAt: Type.String(),
  afterPaperId: Type.Optional(Type.Integer({ description: 'it considered the papers after this one (absent: from the first)' })),
  sinceDate: Type.Optional(Type.String({ description: 'or those first listed on or after this instant' })),
  lastPaperId: Type.Integer({ description: 'the next digest starts after this paper' }),
  candidates: Type.Integer({ description: 'papers new in its span' }),
  alreadyShown: Type.Integer({ description: 'of them, papers (or versions of papers) an earlier digest showed' }),
  entries: Type.Array(DigestEntry),
  groups: Type.Array(Type.Object({ topic: Type.Optional(TopicRef), entries: Type.Array(DigestEntry) }), {
    description: 'the entries by topic when the profile has several, topics in the order of their best paper; else one group',
  }),
});
export type Digest = Static<typeof Digest>;
export const Digests = Type.Array(Digest);

export const DigestsQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 1 }) }, { additionalProperties: false });

export const DigestRequest = Type.Object(
  {
    since: Type.Optional(Type.String({ maxLength: 40, description: '`last` (the default): since the last digest; or an ISO date, e.g. 2026-05-01: the papers first listed since' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
    dryRun: Type.Optional(Type.Boolean({ description: 'a preview: nothing is recorded, the papers stay new' })),
  },
  { additionalProperties: false },
);
export type DigestRequest = Static<typeof DigestRequest>;

export const FeedParams = Type.Object({ name: Name });

export const FeedFile = {
  description: "an Atom 1.0 feed of the profile's latest digests, an entry per paper they showed",
  content: { 'application/atom+xml': { schema: Type.String() } },
};

export const CollectionSummary = Type.Object({ name: Type.String(), createdAt: Type.String(), note: Nullable(Type.String()), papers: Type.Integer() });
export type CollectionSummary = Static<typeof CollectionSummary>;
export const CollectionSummaries = Type.Array(CollectionSummary);

export const CollectionDetail = Type.Object({ ...CollectionSummary.properties, papers: Type.Array(Paper) });
export type CollectionDetail = Static<typeof CollectionDetail>;

export const CollectionParams = Type.Object({ name: Name });
export const CollectionPaperParams = Type.Object({ name: Name, paperId: Id });

export const CollectionAdditions = Type.Object(
  {
    paperIds: Type.Array(Id, { minItems: 1, maxItems: 5000 }),
    note: Type.Optional(Type.String({ maxLength: 2000, description: "replaces the collection's note; an empty one clears it" })),
  },
  { additionalProperties: false },
);
export type CollectionAdditions = Static<typeof CollectionAdditions>;

export const ShortlistSave = Type.Object(
  {
    listing: Type.String({ minLength: 1, maxLength: 500 }),
    paperIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000, description: "the papers ticked, in order; without them the plan's liked papers and first 10 ranked" })),
    profile: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the profile the plan is ranked for; needed without paperIds' })),
  },
  { additionalProperties: false },
);
export type ShortlistSave = Static<typeof ShortlistSave>;

export const CollectionChange = Type.Object({
  collection: CollectionSummary,
  changed: Type.Integer({ description: 'papers added (or removed) by this request' }),
});
export type CollectionChange = Static<typeof CollectionChange>;

export const CollectionExportQuery = Type.Object(
  { format: Type.Union([Type.Literal('bibtex'), Type.Literal('ris'), Type.Literal('csl-json')]) },
  { additionalProperties: false },
);

export const CollectionFile = {
  description: 'the collection as a file for a citation manager',
  content: { 'application/x-bibtex': { schema: Type.String() }, 'application/x-research-info-systems': { schema: Type.String() }, 'application/vnd.citationstyles.csl+json': { schema: Type.String() } },
};

export const NoContent = Type.Null({ description: 'done; nothing to return' });

export const Venues = Type.Array(Type.Object({ venue: Type.String(), papers: Type.Integer() }));
export type Venues = Static<typeof Venues>;

export const Stats = Type.Object({
  papers: Type.Integer(),
  withAbstract: Type.Integer(),
  listings: Type.Integer(),
  authors: Type.Integer(),
  possibleDuplicates: Type.Integer(),
  venues: Venues,
  bytes: Type.Integer(),
});
export type Stats = Static<typeof Stats>;

/** RFC 9457 problem details: every error the API returns. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  field: Type.Optional(Type.String({ description: 'the request field at fault, e.g. `query.limit` or `body.text`' })),
  location: Type.Optional(Type.String({ description: 'where in an uploaded file the problem is, e.g. `line 12`' })),
});
export type Problem = Static<typeof Problem>;

// ---- the library map ----

export const MapRegion = Type.Object({
  id: Type.Integer({ minimum: 0 }),
  x: Type.Number(),
  y: Type.Number(),
  keywords: Type.Array(Type.String()),
});

export const MapInfo = Type.Object(
  {
    /** False until the map has been laid out (the server does it in the background once the library's papers are indexed). */
    ready: Type.Boolean(),
    papers: Type.Integer({ minimum: 0 }),
    placed: Type.Integer({ minimum: 0, description: 'papers placed by their neighbours since the map was laid out' }),
    builtAt: Nullable(Type.String()),
    bounds: Type.Object({ minX: Type.Number(), minY: Type.Number(), maxX: Type.Number(), maxY: Type.Number() }),
    regions: Type.Array(MapRegion),
    venues: Type.Array(Type.String(), { description: "indexes of /api/map/points' venue array" }),
    listings: Type.Array(Type.Object({ id: Id, name: Type.String() }), { description: "indexes of /api/map/points' listing array" }),
    /** Changes with the map: /api/map/points?version= must name it, so the two always agree. */
    version: Type.String(),
  },
  { description: 'The library map: regions, and the tables the points refer to' },
);
export type MapInfo = Static<typeof MapInfo>;

export const MapPointsQuery = Type.Object({ version: Type.String({ maxLength: 100 }) });

export const MapHighlightsQuery = Type.Object({ profile: Type.Optional(Name), listing: Type.Optional(Name) });
const IdList = Type.Array(Id);
export const MapHighlights = Type.Object({
  listing: Type.Optional(Type.Object({ name: Type.String(), paperIds: IdList })),
  profile: Type.Optional(
    Type.Object({
      name: Type.String(),
      /** Its own and liked papers. */
      paperIds: IdList,
      topics: Type.Array(Type.Object({ name: Type.String(), paperIds: IdList })),
      recommendations: IdList,
    }),
  ),
});
export type MapHighlights = Static<typeof MapHighlights>;

export const MapPapersBody = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) });
export const MapPapers = Type.Object({ papers: Type.Array(Paper) });
export type MapPapers = Static<typeof MapPapers>;

export const MapProfileBody = Type.Object(
  { name: Name, paperIds: Type.Array(Id, { minItems: 1, maxItems: 500, description: 'papers the new profile likes; ids of no paper are left out' }) },
  { additionalProperties: false },
);
