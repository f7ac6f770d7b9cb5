// How the map is coloured, the same in the web app and in `paperscout map --out`: by venue,
// year or listing (the largest twelve get their own colour, the rest share grey), or by what a
// profile and a listing highlight.
import { NONE, type MapPointArrays } from './map-points.ts';

export type Colouring = 'venue' | 'year' | 'listing' | 'highlights';
export const COLOURINGS: readonly Colouring[] = ['venue', 'year', 'listing', 'highlights'];

/** What the map highlights (GET /api/map/highlights). */
export interface Highlights {
  listing?: { name: string; paperIds: number[] };
  profile?: { name: string; paperIds: number[]; topics: { name: string; paperIds: number[] }[]; recommendations: number[] };
}

/** What the points' venue and listing numbers index. */
export interface MapTables {
  venues: readonly string[];
  listings: readonly { name: string }[];
}

/** Categorical colours (Okabe–Ito, readable by most colour-blind readers), then repeated. */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#7f3c8d', '#11a579', '#3969ac', '#f2b701', '#e73f74'];
export const OTHER = '#c4c8ce';
const HIGHLIGHT_NAMES = ['other papers', 'the listing', 'recommendations', 'the profile'];

/** Each point's category (its index into `colours`) and the legend for them. */
export interface Categories {
  values: Float32Array;
  colours: string[];
  legend: { label: string; colour: string }[];
}

/**
 * Categories of points by a number each carries (`codes`: a venue's or a listing's index, a
 * year; `none` for points without one), named by `labelOf`: counted by number, so 95,000 points
 * take a pass over one typed array each way.
 */
function byCategory(codes: Uint16Array, none: number, labelOf: (code: number) => string): Categories {
  const counts = new Uint32Array(NONE + 1);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  counts[none] = 0;
  const present = [...counts.keys()].filter((code) => counts[code] > 0).map((code) => ({ code, label: labelOf(code), count: counts[code] }));
  // The largest get their own colour, the rest share grey.
  const top = present.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)).slice(0, PALETTE.length);
  const slot = new Uint8Array(NONE + 1);
  top.forEach(({ code }, i) => (slot[code] = i + 1));
  const values = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) values[i] = slot[codes[i]];
  return {
    values,
    colours: [OTHER, ...PALETTE.slice(0, top.length)],
    legend: [...top.map(({ label }, i) => ({ label, colour: PALETTE[i] })), { label: 'other', colour: OTHER }],
  };
}

/** Highlight categories: 0 other, 1 the listing's papers, 2 recommendations, 3 + t the profile's topic t. */
function highlightCategories(points: MapPointArrays, highlights: Highlights): Categories {
  const category = new Map<number, number>();
  for (const id of highlights.listing?.paperIds ?? []) category.set(id, 1);
  for (const id of highlights.profile?.recommendations ?? []) category.set(id, 2);
  const topics = highlights.profile?.topics ?? [];
  topics.forEach((topic, t) => topic.paperIds.forEach((id) => category.set(id, 3 + t)));
  for (const id of highlights.profile?.paperIds ?? []) if (!category.has(id)) category.set(id, 3 + topics.length);
  const values = Float32Array.from(points.ids, (id) => category.get(id) ?? 0);
  const topicColours = topics.map((_, t) => PALETTE[(2 + t) % PALETTE.length]);
  const colours = [OTHER, PALETTE[1], PALETTE[0], ...topicColours, PALETTE[3]];
  const legend = [
    highlights.listing ? { label: `listing ${highlights.listing.name}`, colour: colours[1] } : null,
    highlights.profile ? { label: HIGHLIGHT_NAMES[2], colour: colours[2] } : null,
    ...topics.map((topic, t) => ({ label: `topic: ${topic.name}`, colour: topicColours[t] })),
    { label: HIGHLIGHT_NAMES[0], colour: OTHER },
  ].filter((entry): entry is { label: string; colour: string } => entry !== null);
  return { values, colours, legend };
}

export function categories(colouring: Colouring, info: MapTables, points: MapPointArrays, highlights: Highlights): Categories {
  switch (colouring) {
    case 'venue':
      return byCategory(points.venue, NONE, (code) => info.venues[code]);
    case 'year':
      return byCategory(points.year, 0, String);
    case 'listing':
      return byCategory(points.listing, NONE, (code) => info.listings[code].name);
    case 'highlights':
      return highlightCategories(points, highlights);
  }
}

