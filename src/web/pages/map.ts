// The library map (#/map?profile=…&listing=…&colour=…): every paper a point (WebGL, drawn by
// map-view.ts; regl-scatterplot would draw points too, but regl compiles its shaders' glue
// with new Function, which the app's Content-Security-Policy forbids), coloured by venue, year
// or listing, or by what a profile and a listing highlight. Hovering shows a title, a click
// opens the paper, a box (shift + drag) lists the papers inside and can start a profile or
// fill a collection from them. The regions are buttons too, so keyboard and screen-reader users reach the same
// selections as lists.
import { api, describeError, type Paper } from '../api.ts';
import { announce, collectionForm, errorBox, listingSelect, loading, paperCard } from '../components.ts';
import { count, h, hashLink, replaceChildren } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { currentProfile, setCurrentProfile } from '../store.ts';
import { categories, COLOURINGS, type Colouring } from '../../map-colours.ts';
import type { MapHighlights, MapInfo } from '../../server/schemas.ts';
import { MapCanvas, MapView } from '../map-view.ts';

/** Papers of a selection listed (and asked of the server) at a time. */
const LISTED = 100;
/** A profile started from the map likes at most this many of its papers (the first by id). */
const PROFILE_LIKES = 100;
/** A collection takes at most this many papers of a selection at a time (the first by id): what POST /api/collections/NAME/papers accepts. */
const COLLECTED = 5000;
/** The map's centre and half its larger side: points are drawn in [-1, 1], its aspect kept. */
function frameOf(info: MapInfo): { centre: [number, number]; half: number } {
  const { minX, minY, maxX, maxY } = info.bounds;
  return { centre: [(minX + maxX) / 2, (minY + maxY) / 2], half: (Math.max(maxX - minX, maxY - minY, 1e-9) / 2) * 1.05 };
}

/** What the browser tests and the benchmark read: the points drawn, which are highlighted, and where they are on screen. */
export interface MapProbe {
  ids: Uint32Array;
  /** The paper ids drawn in a highlight colour. */
  highlighted(): number[];
  /** Where a paper's point is, in page pixels. */
  screenPosition(id: number): [number, number] | undefined;
  /** How long the first draw took, once the GPU has done it (see map-view.ts). */
  firstDrawMs: Promise<number>;
}

declare global {
  interface Window {
    paperscoutMap?: MapProbe;
  }
}

export async function mapPage({ main, route, signal }: PageContext): Promise<void> {
  setTitle('Map');
  const profileName = route.params.get('profile') ?? currentProfile() ?? '';
  const listingName = route.params.get('listing') ?? '';
  const loaded = Promise.all([api.map(signal), api.listings(), api.profiles(signal)]);
  // Made while the map's data loads (see MapCanvas); a browser without WebGL 2 gets the regions' lists alone.
  const canvas = h('canvas', { class: 'map-canvas', 'aria-hidden': 'true' });
  let surface: MapCanvas | Error;
  try {
    surface = new MapCanvas(canvas);
  } catch (error) {
    surface = error instanceof Error ? error : new Error(String(error));
  }
  const release = () => surface instanceof MapCanvas && surface.release();
  signal.addEventListener('abort', release);
  const [info, listings, profiles] = await loaded;
  signal.throwIfAborted();
  performance.mark('map:info');
  const heading = h('h1', { tabindex: '-1' }, 'Map of the library');
  if (!info.ready) {
    // The page is made again when the map is ready, with a context of its own.
    release();
    replaceChildren(main, heading, h('p', { class: 'notice', role: 'status' }, 'The map is being laid out from the library’s papers; this page shows it once it is ready.'));
    const timer = window.setTimeout(() => signal.aborted || void mapPage({ main, route, signal }), 3000);
    signal.addEventListener('abort', () => window.clearTimeout(timer));
    return;
  }
  const [points, highlights] = await Promise.all([
    api.mapPoints(info.version, signal),
    profileName || listingName ? api.mapHighlights({ profile: profileName || undefined, listing: listingName || undefined }, signal) : Promise.resolve({} as MapHighlights),
  ]);
  signal.throwIfAborted();
  performance.mark('map:points');
  const colouring = (route.params.get('colour') as Colouring | null) ?? (highlights.profile || highlights.listing ? 'highlights' : 'venue');
  const n = points.ids.length;

  const form = h(
    'form',
    { class: 'filters map-controls', on: { change: (event) => (event.currentTarget as HTMLFormElement).requestSubmit(), submit: goWithFields } },
    h(
      'label',
      { class: 'field' },
      h('span', null, 'Colour by'),
      h(
        'select',
        { name: 'colour', id: 'map-colour' },
        COLOURINGS.map((value) => h('option', { value, selected: value === colouring }, value)),
      ),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', null, 'Profile'),
      h('select', { name: 'profile', id: 'map-profile' }, h('option', { value: '' }, 'none'), profiles.map((p) => h('option', { value: p.name, selected: p.name === profileName }, p.name))),
    ),
    h('label', { class: 'field' }, h('span', null, 'Listing'), listingSelect(listings, listingName, { name: 'listing', id: 'map-listing' }, 'none')),
    h('noscript', null, h('button', { type: 'submit' }, 'Show')),
  );

  const tooltip = h('div', { class: 'map-tooltip', role: 'tooltip', hidden: true });
  // Focusable, for the arrow keys and + and − to pan and zoom it.
  const frame = h('div', { class: 'map-frame', tabindex: '0', role: 'application', 'aria-roledescription': 'map', 'aria-label': 'Map of the library: arrow keys pan, + and − zoom. The regions below list its papers.' }, canvas, tooltip);
  const legendList = h('ul', { class: 'map-legend' });
  const selection = h('section', { class: 'map-selection', 'aria-labelledby': 'selection-title', 'aria-live': 'polite' });
  const members = info.regions.map((): number[] => []);
  points.region.forEach((region, i) => members[region]?.push(i));
  const regionList = h(
    'ul',
    { class: 'map-regions' },
    info.regions.map((region) => {
      return h(
        'li',
        null,
        h('button', { type: 'button', class: 'quiet', on: { click: () => showSelection(members[region.id], `Region: ${region.keywords.join(', ')}`) } }, region.keywords.join(', ') || `region ${region.id + 1}`),
        ` ${count(members[region.id].length, 'paper')}`,
      );
    }),
  );
  replaceChildren(
    main,
    heading,
    h(
      'p',
      { class: 'summary' },
      `${count(n, 'paper')}, near the papers they are close to in meaning.`,
      info.placed > 0 ? ` ${count(info.placed, 'paper')} added since it was laid out ${info.placed === 1 ? 'is' : 'are'} placed by ${info.placed === 1 ? 'its' : 'their'} closest papers.` : '',
      ' Drag to pan, scroll to zoom (or arrow keys and + and −), hold shift and drag to select papers; click a point to open its paper.',
    ),
    form,
    frame,
    legendList,
    selection,
    h('section', { 'aria-labelledby': 'regions-title' }, h('h2', { id: 'regions-title' }, 'Regions'), h('p', { class: 'muted' }, 'Each lists its papers, as a selection on the map does.'), regionList),
  );

  const { centre, half } = frameOf(info);
  const drawn = categories(colouring, info, points, highlights);
  const positions = new Float32Array(2 * n);
  const colours = new Uint8Array(4 * n);
  const radii = new Float32Array(n);
  const highlighting = colouring === 'highlights';
  // Each category's RGBA (the others faded where highlights are shown).
  const rgba = drawn.colours.map((hex, value) => [...[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)), value > 0 || !highlighting ? 220 : 110]);
  const small = n > 20_000 ? 1.5 : 5;
  // Plain loops over typed arrays: 95,000 points, before the first paint.
  for (let i = 0; i < n; i++) {
    const value = drawn.values[i];
    positions[2 * i] = (points.x[i] - centre[0]) / half;
    positions[2 * i + 1] = (points.y[i] - centre[1]) / half;
    colours.set(rgba[value], 4 * i);
    radii[i] = highlighting && value > 0 ? small * 2 : small;
  }
  const titles = new Map<number, Promise<string>>();
  const titleOf = (id: number) => {
    if (!titles.has(id)) titles.set(id, api.paper(id).then((detail) => detail.paper.title, () => `paper ${id}`));
    return titles.get(id)!;
  };
  let hovered = -1;
  /** Counts selections, so the papers of one asked for earlier never replace a later one's. */
  let selections = 0;
  if (surface instanceof Error) {
    frame.replaceChildren(errorBox(`The map cannot be drawn here: ${describeError(surface)}. The regions below list its papers.`));
    return;
  }
  const view = new MapView(frame, surface, { positions, colours, radii }, {
      labels: info.regions.map((region) => ({ x: (region.x - centre[0]) / half, y: (region.y - centre[1]) / half, text: region.keywords.join(', ') })),
      ringRadius: small + 2,
      onHover: (index, x, y) => {
        hovered = index;
        if (index < 0) {
          tooltip.hidden = true;
          return;
        }
        void titleOf(points.ids[index]).then((title) => {
          if (hovered !== index) return;
          tooltip.textContent = title;
          tooltip.style.left = `${x}px`;
          tooltip.style.top = `${y}px`;
          // Below the point near the top edge, where above it would be cut off.
          tooltip.classList.toggle('below', y < 60);
          tooltip.hidden = false;
        });
      },
      onClick: (index) => {
        location.hash = hashLink(`paper/${points.ids[index]}`);
      },
      onBox: (inside) => showSelection(inside, 'Selected on the map'),
  });
  performance.mark('map:drawn');
  signal.addEventListener('abort', () => view.destroy());
  replaceChildren(legendList, drawn.legend.map((entry) => h('li', null, h('span', { class: 'swatch', 'data-colour': entry.colour }), entry.label)));
  for (const swatch of Array.from(legendList.querySelectorAll<HTMLElement>('.swatch'))) swatch.style.background = swatch.dataset.colour ?? '';

  /** Lists the papers at these positions (the first LISTED), with what can be made of them. */
  function showSelection(chosen: readonly number[], title: string): void {
    const ids = chosen.map((i) => points.ids[i]).sort((a, b) => a - b);
    const list = h('ol', { class: 'papers' }, loading());
    const status = h('p', { role: 'status' });
    const nameInput = h('input', { id: 'selection-profile', name: 'name', required: true, maxlength: '200', autocomplete: 'off', placeholder: 'profile name' });
    const makeProfile = h(
      'form',
      {
        class: 'actions',
        on: {
          submit: async (event) => {
            event.preventDefault();
            const name = nameInput.value.trim();
            try {
              const liking = ids.slice(0, PROFILE_LIKES);
              await api.mapProfile(name, liking);
              setCurrentProfile(name);
              const said = `Profile ${name} started: it likes ${count(liking.length, 'paper')} of the selection.`;
              status.textContent = said;
              announce(said);
            } catch (error) {
              status.textContent = describeError(error);
            }
          },
        },
      },
      h('label', { for: 'selection-profile' }, 'Start a profile from these papers: '),
      nameInput,
      h('button', { type: 'submit', class: 'primary' }, 'Start profile'),
    );
    const collected = ids.slice(0, COLLECTED);
    const { form: collect } = collectionForm(
      { id: 'selection-collection', label: 'Add these papers to a collection', value: 'Reading list' },
      { label: 'Add to collection', id: 'selection-collect' },
      (name) => api.addToCollection(name, collected),
      ({ changed }) => [`${count(changed, 'paper')} of ${collected.length} added to `, changed < collected.length ? ' (the others were in it already).' : '.'],
    );
    replaceChildren(
      selection,
      h('h2', { id: 'selection-title' }, `${title}: ${count(ids.length, 'paper')}`),
      ids.length > LISTED ? h('p', { class: 'muted' }, `The first ${LISTED} by id:`) : null,
      list,
      ids.length > 0 ? [makeProfile, collect] : null,
      status,
    );
    view.select(Uint32Array.from(chosen));
    if (ids.length === 0) return replaceChildren(list, h('li', { class: 'muted' }, 'No papers there.'));
    const asked = ++selections;
    api.mapPapers(ids.slice(0, LISTED)).then(
      ({ papers: found }) => asked === selections && replaceChildren(list, found.map((paper: Paper) => paperCard(paper))),
      (error: unknown) => asked === selections && replaceChildren(list, errorBox(describeError(error))),
    );
  }

  window.paperscoutMap = {
    ids: points.ids,
    firstDrawMs: view.firstDrawMs,
    highlighted: () => (colouring === 'highlights' ? Array.from(points.ids).filter((_, i) => drawn.values[i] > 0) : []),
    screenPosition: (id) => {
      const position = points.ids.indexOf(id);
      if (position < 0) return undefined;
      const [px, py] = view.project(position);
      const bounds = frame.getBoundingClientRect();
      return [bounds.left + frame.clientLeft + px, bounds.top + frame.clientTop + py];
    },
  };
}

function goWithFields(event: Event): void {
  event.preventDefault();
  const fields = new FormData(event.currentTarget as HTMLFormElement);
  const profile = String(fields.get('profile') ?? '');
  if (profile) setCurrentProfile(profile);
  location.hash = hashLink('map', { colour: String(fields.get('colour') ?? ''), profile, listing: String(fields.get('listing') ?? '') });
}
