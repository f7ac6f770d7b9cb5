// Pieces every page shows: a paper in a list, its authors as links, paging, rating buttons.
import { api, describeError, type CollectionChange, type Paper, type ProfileSummary, type Reason } from './api.ts';
import { count, h, hashLink, marked, type Child } from './dom.ts';
import { paperLinks } from '../paper-links.ts';

type Segments = { text: string; match: boolean }[];

export function authorLinks(authors: readonly string[], max = authors.length): Child {
  if (authors.length === 0) return h('span', { class: 'muted' }, 'authors unknown');
  const shown = authors.slice(0, max).map((name, index) => [index > 0 ? ', ' : '', h('a', { href: hashLink('search', { author: name }) }, name)]);
  return h('span', { class: 'authors' }, shown, authors.length > max ? ` and ${authors.length - max} more` : '');
}

export function venueLine(paper: Paper): string {
  return [[paper.venue, paper.year].filter(Boolean).join(' '), paper.session].filter(Boolean).join(' · ');
}

/**
 * Where to read the paper: its own links, or title searches when it has none, each opening in
 * a new tab (the library stays where it was).
 */
export function readingLinks(paper: Paper): HTMLElement {
  const links = paperLinks(paper);
  const searching = links.some((link) => link.kind === 'search');
  const anchor = (label: string, url: string) => h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, label);
  return h(
    'p',
    { class: 'paper-links' },
    links
      .filter((link) => link.kind === 'read')
      .map((link, index) => [index > 0 ? ' · ' : '', anchor(link.label, link.url)]),
    searching
      ? h(
          'span',
          { class: 'searches' },
          links.some((link) => link.kind === 'read') ? ' · ' : '',
          'Find it on ',
          links.filter((link) => link.kind === 'search').map((link, index) => [index > 0 ? ', ' : '', anchor(link.label, link.url)]),
        )
      : null,
  );
}

export interface PaperCardOptions {
  /** The title with matches marked (search); otherwise the plain title. */
  title?: Segments;
  snippet?: Segments;
  /** Shown under the paper: reasons, buttons. */
  extra?: Child;
  /** Shown before the title: a checkbox, a rank. */
  lead?: Child;
  badge?: string;
}

export function paperCard(paper: Paper, options: PaperCardOptions = {}): HTMLLIElement {
  const where = venueLine(paper);
  return h(
    'li',
    { class: 'paper', 'data-paper-id': paper.id },
    options.lead,
    h(
      'div',
      { class: 'paper-body' },
      h(
        'h3',
        { class: 'paper-title' },
        h('a', { href: hashLink(`paper/${paper.id}`) }, options.title ? marked(options.title) : paper.title),
        options.badge ? h('span', { class: 'badge' }, options.badge) : null,
      ),
      h('p', { class: 'paper-meta' }, authorLinks(paper.authors, 6), where ? h('span', { class: 'where' }, ` — ${where}`) : null),
      options.snippet && options.snippet.length > 0 ? h('p', { class: 'snippet' }, marked(options.snippet)) : null,
      readingLinks(paper),
      options.extra,
      collectionAdder(paper.id),
    ),
  );
}

/** What a collection form says once saved: the words before and after the collection's name (a link to it). */
type Saved = (change: CollectionChange) => [string, string];

/**
 * A form naming a collection (`datalist`: the id of a list of names to offer) and saving to it:
 * what it saved says where, with a link to the collection.
 */
export function collectionForm(field: { id: string; label: string; value: string; datalist?: string }, submit: { label: string; id?: string }, save: (name: string) => Promise<CollectionChange>, saved: Saved) {
  const input = h('input', { id: field.id, name: 'collection', list: field.datalist, required: true, maxlength: '200', value: field.value, autocomplete: 'off' });
  const button = h('button', { type: 'submit', id: submit.id }, submit.label);
  const status = h('span', { class: 'collect-status', role: 'status' });
  const form = h(
    'form',
    {
      class: 'collect-form',
      on: {
        submit: async (event) => {
          event.preventDefault();
          button.disabled = true;
          try {
            const change = await save(input.value);
            const [before, after] = saved(change);
            status.replaceChildren(before, h('a', { href: hashLink(`collections/${encodeURIComponent(change.collection.name)}`) }, change.collection.name), after);
          } catch (error) {
            status.textContent = describeError(error);
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    h('label', { class: 'field', for: field.id }, h('span', null, field.label), input),
    button,
    status,
  );
  return { form, button };
}

let adders = 0;

/**
 * "Add to collection": opened, a name field offering the library's collections (a new name
 * makes one) and a button; the collections are asked for only when it is opened.
 */
export function collectionAdder(paperId: number): HTMLElement {
  const id = `collect-${paperId}-${++adders}`;
  const names = h('datalist', { id: `${id}-names` });
  const { form } = collectionForm(
    { id, label: 'Collection', value: 'Reading list', datalist: `${id}-names` },
    { label: 'Add' },
    (name) => api.addToCollection(name, [paperId]),
    ({ changed }) => [changed > 0 ? 'Added to ' : 'Already in ', '.'],
  );
  form.append(names);
  const details = h('details', { class: 'collect' }, h('summary', null, 'Add to collection'), form);
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    api.collections().then(
      (all) => names.replaceChildren(...all.map((collection) => h('option', { value: collection.name }))),
      // Without the list the field still takes a name.
      () => undefined,
    );
  });
  return details;
}

/** What "strong", "good" and "fair" mean, said once above a ranked list. */
export function matchScale(): HTMLElement {
  return h('p', { class: 'match-scale' }, 'Strong: scores above 99 of 100 random papers of the field for this profile; good: above 90; fair: below that.');
}

/** What each kind of reason says before the paper it names. */
const REASON_LEADS: Record<Reason['kind'], string> = {
  yours: 'Close to your paper ',
  liked: 'Close to a paper you liked: ',
  disliked: 'Like a paper you disliked: ',
  paper: 'Shares with ',
  text: 'Close to your text',
};

/** "Close to your paper «title» — shared: terms …" (or "your text", a pasted one), one line per reason the engine gave. */
export function reasonList(reasons: readonly Reason[]): Child {
  if (reasons.length === 0) return null;
  return h(
    'ul',
    { class: 'reasons' },
    reasons.map((reason) =>
      h(
        'li',
        { class: reason.similarity < 0 ? 'reason negative' : 'reason' },
        REASON_LEADS[reason.kind],
        reason.paperId === undefined ? null : h('a', { href: hashLink(`paper/${reason.paperId}`) }, reason.title),
        reason.sharedTerms.length > 0 ? [' — shared: ', h('span', { class: 'terms' }, reason.sharedTerms.join(', '))] : null,
      ),
    ),
  );
}

export function pager(total: number, offset: number, limit: number, hrefAt: (offset: number) => string): Child {
  if (total <= limit && offset === 0) return null;
  const last = Math.min(offset + limit, total);
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'pages' },
    // Ids let focus stay on the control a reader paged with (see main.ts); at the last page the
    // greyed-out one takes it (tabindex -1: focusable by the app, not in the tab order).
    offset > 0 ? h('a', { href: hrefAt(Math.max(0, offset - limit)), rel: 'prev', id: 'page-prev' }, '← Previous') : h('span', { class: 'disabled', id: 'page-prev', tabindex: '-1' }, '← Previous'),
    h('span', { class: 'range' }, `${offset + 1}–${last} of ${count(total, 'paper')}`),
    last < total ? h('a', { href: hrefAt(offset + limit), rel: 'next', id: 'page-next' }, 'Next →') : h('span', { class: 'disabled', id: 'page-next', tabindex: '-1' }, 'Next →'),
  );
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}

export const loading = (what = 'Loading…') => h('p', { class: 'loading muted', 'aria-live': 'polite' }, what);

/** After this long, a ranking is probably waiting for the relevance model to be learned. */
const PATIENCE_MS = 4000;

/** Awaits a ranking; if it takes long, `status` says why (the first ranking after the library changed learns the model). */
export async function patiently<T>(work: Promise<T>, status: HTMLElement): Promise<T> {
  const timer = window.setTimeout(() => {
    status.textContent =
      'Still ranking: after the library changes, paperscout first learns its relevance model from all of its papers, which takes a few minutes on a very large library.';
  }, PATIENCE_MS);
  try {
    return await work;
  } finally {
    window.clearTimeout(timer);
  }
}

/** Announces a change to screen-reader users without moving focus. */
export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (region) region.textContent = message;
}

/** Rates a paper for a profile (0 forgets the rating) and says so; the profile as it now is. */
export async function ratePaper(profile: string, paperId: number, rating: 1 | -1 | 0): Promise<ProfileSummary> {
  const summary = await api.rate(profile, paperId, rating === 1 ? 'up' : rating === -1 ? 'down' : 'clear');
  announce(rating === 0 ? 'Rating undone.' : `Rated ${rating > 0 ? 'up' : 'down'}; recommendations updated.`);
  return summary;
}

/**
 * "More like this" / "Less like this" for one paper; pressing the pressed one clears the
 * rating. `onRated` runs once the server has it, e.g. to refresh the recommendations.
 */
export function ratingButtons(profile: string, paperId: number, current: 1 | -1 | 0, onRated: (rating: 1 | -1 | 0, summary: ProfileSummary) => void): HTMLElement {
  const status = h('span', { class: 'rate-status', role: 'status' });
  const button = (value: 1 | -1, label: string, symbol: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `rate ${value > 0 ? 'up' : 'down'}`,
        'aria-pressed': String(current === value),
        title: `${label} (profile ${profile})`,
        on: {
          click: async (event) => {
            const target = event.currentTarget as HTMLButtonElement;
            const next = current === value ? 0 : value;
            target.disabled = true;
            try {
              onRated(next, await ratePaper(profile, paperId, next));
            } catch (error) {
              status.textContent = describeError(error);
              target.disabled = false;
            }
          },
        },
      },
      h('span', { 'aria-hidden': 'true' }, symbol),
      ` ${label}`,
    );
  return h('span', { class: 'rating' }, button(1, 'More like this', '▲'), button(-1, 'Less like this', '▼'), status);
}

/** A <select> of the library's listings, with a first option for none. */
export function listingSelect(listings: readonly { name: string; paperCount: number }[], selected: string | undefined, props: Record<string, string>, noneLabel: string): HTMLSelectElement {
  return h(
    'select',
    props,
    h('option', { value: '' }, noneLabel),
    listings.map((listing) => h('option', { value: listing.name, selected: listing.name === selected }, `${listing.name} (${count(listing.paperCount, 'paper')})`)),
  );
}
