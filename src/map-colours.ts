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

function byCategory(labelOf: (i: number) => string | undefined, n: number): Categories {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const label = labelOf(i);
    if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  // The largest get their own colour, the rest share grey.
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, PALETTE.length).map(([label]) => label);
  const slot = new Map(top.map((label, i) => [label, i + 1]));
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = slot.get(labelOf(i) ?? '') ?? 0;
  return {
    values,
    colours: [OTHER, ...PALETTE.slice(0, top.length)],
    legend: [...top.map((label, i) => ({ label, colour: PALETTE[i] })), { label: 'other', colour: OTHER }],
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
  const n = points.ids.length;
  switch (colouring) {
    case 'venue':
      return byCategory((i) => (points.venue[i] === NONE ? undefined : info.venues[points.venue[i]]), n);
    case 'year':
      return byCategory((i) => (points.year[i] === 0 ? undefined : String(points.year[i])), n);
    case 'listing':
      return byCategory((i) => (points.listing[i] === NONE ? undefined : info.listings[points.listing[i]].name), n);
    case 'highlights':
      return highlightCategories(points, highlights);
  }
}

