// Search with filters, highlighted matches and paging; with no query and no filter, an
// overview of the library's listings.
import { api, type Filter, type Listing } from '../api.ts';
import { listingSelect, loading, pager, paperCard } from '../components.ts';
import { count, formatNumber, goToWithFields, h, hashLink, replaceChildren } from '../dom.ts';
import { intParam, setTitle, type PageContext } from '../page.ts';

const PAGE_SIZE = 20;
const EXCERPT_CHARS = 240;

function filterFrom(params: URLSearchParams): Filter {
  return {
    venue: params.get('venue') || undefined,
    year: intParam(params, 'year'),
    listing: params.get('listing') || undefined,
    author: params.get('author') || undefined,
  };
}

function searchForm(q: string, filter: Filter, listings: readonly Listing[], venues: readonly { venue: string }[]): HTMLFormElement {
  const field = (id: string, label: string, control: HTMLElement) => h('label', { class: 'field', for: id }, h('span', null, label), control);
  return h(
    'form',
    {
      class: 'search-form',
      role: 'search',
      on: { submit: goToWithFields('search') },
    },
    h(
      'div',
      { class: 'search-row' },
      h('label', { class: 'visually-hidden', for: 'q' }, 'Search'),
      h('input', { id: 'q', name: 'q', type: 'search', value: q, placeholder: 'words, "a phrase", prefix*', autocomplete: 'off' }),
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
    ),
    h(
      'div',
      { class: 'filters' },
      field('venue', 'Venue', h('input', { id: 'venue', name: 'venue', value: filter.venue ?? '', list: 'venue-list', autocomplete: 'off' })),
      h('datalist', { id: 'venue-list' }, venues.map((v) => h('option', { value: v.venue }))),
      field('year', 'Year', h('input', { id: 'year', name: 'year', type: 'number', min: '1900', max: '2100', value: filter.year ?? '', inputmode: 'numeric' })),
      field('listing', 'Listing', listingSelect(listings, filter.listing, { id: 'listing', name: 'listing' }, 'any listing')),
      field('author', 'Author', h('input', { id: 'author', name: 'author', value: filter.author ?? '', autocomplete: 'off' })),
    ),
  );
}

function heading(q: string, filter: Filter): string {
  if (q) return 'Search';
  if (filter.author && !filter.listing) return `Papers by ${filter.author}`;
  if (filter.listing) return `Listing: ${filter.listing}`;
  return 'Your library';
}

const excerpt = (text: string | null) =>
  text ? [{ text: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS).replace(/\s+\S*$/, '')}…` : text, match: false }] : [];

async function results(q: string, filter: Filter, offset: number, signal: AbortSignal): Promise<HTMLElement> {
  const hrefAt = (at: number) => hashLink('search', { q, ...filter, offset: at || undefined });
  if (q) {
    const found = await api.search(q, { ...filter, limit: PAGE_SIZE, offset }, signal);
    if (found.total === 0) return h('p', { class: 'empty' }, `No papers match ${JSON.stringify(q)}${Object.values(filter).some(Boolean) ? ' with these filters' : ''}.`);
    return h(
      'section',
      { 'aria-label': 'results' },
      h('p', { class: 'summary', role: 'status' }, `${count(found.total, 'paper')} match`),
      h('ol', { class: 'papers', start: offset + 1 }, found.hits.map((hit) => paperCard(hit.paper, { title: hit.title, snippet: hit.snippet }))),
      pager(found.total, offset, PAGE_SIZE, hrefAt),
    );
  }
  const page = await api.papers({ ...filter, limit: PAGE_SIZE, offset }, signal);
  if (page.total === 0) return h('p', { class: 'empty' }, 'No papers with these filters.');
  return h(
    'section',
    { 'aria-label': 'papers' },
    h('p', { class: 'summary', role: 'status' }, count(page.total, 'paper')),
    h('ol', { class: 'papers', start: offset + 1 }, page.papers.map((paper) => paperCard(paper, { snippet: excerpt(paper.abstract) }))),
    pager(page.total, offset, PAGE_SIZE, hrefAt),
  );
}

async function overview(listings: readonly Listing[], signal: AbortSignal): Promise<HTMLElement> {
  if (listings.length === 0) {
    return h('p', { class: 'empty' }, 'The library is empty. ', h('a', { href: hashLink('add') }, 'Add a listing'), ' to start.');
  }
  const { total } = await api.papers({ limit: 1 }, signal);
  return h(
    'section',
    { 'aria-label': 'listings' },
    h('p', { class: 'summary' }, `${count(total, 'paper')} from ${count(listings.length, 'listing')}.`),
    h(
      'table',
      { class: 'listings' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Listing'), h('th', { scope: 'col' }, 'Papers'), h('th', { scope: 'col' }, 'Where'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h(
        'tbody',
        null,
        [...listings].reverse().map((listing) =>
          h(
            'tr',
            null,
            h('td', null, h('a', { href: hashLink('search', { listing: listing.name }) }, listing.name)),
            h('td', { class: 'number' }, formatNumber(listing.paperCount)),
            h('td', null, [[listing.venue, listing.year].filter(Boolean).join(' '), listing.session, listing.room].filter(Boolean).join(' · ')),
            h('td', { class: 'actions-cell' }, h('a', { href: hashLink('plan', { listing: listing.name }) }, 'Plan'), ' · ', h('a', { href: hashLink(`listing/${listing.id}`), 'aria-label': `Edit or remove ${listing.name}` }, 'Edit')),
          ),
        ),
      ),
    ),
  );
}

export async function searchPage({ main, route, signal }: PageContext): Promise<void> {
  const q = route.params.get('q')?.trim() ?? '';
  const filter = filterFrom(route.params);
  const offset = Math.max(0, Number(route.params.get('offset')) || 0);
  const title = heading(q, filter);
  setTitle(q ? `${q} – search` : title);
  const browsing = q !== '' || Object.values(filter).some((value) => value !== undefined);
  const lists = Promise.all([api.listings(), api.venues()]);
  const body = browsing ? results(q, filter, offset, signal) : lists.then(([listings]) => overview(listings, signal));
  const [listings, venues] = await lists;
  const slot = h('div', { class: 'results' }, loading());
  const browsed = !q && filter.listing ? listings.find((listing) => listing.name === filter.listing) : undefined;
  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, title),
    browsed ? h('p', { class: 'muted' }, h('a', { href: hashLink(`listing/${browsed.id}`) }, 'Rename, relabel or remove this listing'), ' · ', h('a', { href: hashLink('plan', { listing: browsed.name }) }, 'Plan this session')) : null,
    searchForm(q, filter, listings, venues),
    slot,
  );
  replaceChildren(slot, await body);
}
