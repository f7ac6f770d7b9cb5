// Session planner: one listing's papers ranked for my profile, my own papers marked, a
// short-list to tick, exported as a Markdown checklist or a calendar file.
import { api, apiUrl, describeError, type Listing, type Paper, type Recommendation } from '../api.ts';
import { authorLinks, errorBox, listingSelect, loading, patiently, reasonList } from '../components.ts';
import { count, goToWithFields, h, hashLink, replaceChildren, type Child } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { currentProfile, setShortlist, shortlist } from '../store.ts';

/** The profile choice meaning "none": an empty value would fall back to the remembered profile. */
const NO_PROFILE = '-';

/** The most papers one plan shows: every real session is far smaller. */
const MAX_PAPERS = 1000;

interface Entry {
  paper: Paper;
  rec?: Recommendation;
  /** Why the paper is not ranked: it is the researcher's, or they rated it. */
  mark?: 'yours' | 'liked' | 'rated down';
}

/**
 * The session's papers: with a profile, its own and liked papers first, then the ranking,
 * then what the ranking leaves out (papers rated down), so the plan shows the whole session.
 */
async function entries(listing: Listing, profile: string | undefined, signal: AbortSignal): Promise<{ entries: Entry[]; ranked: boolean }> {
  const limit = Math.min(listing.paperCount, MAX_PAPERS);
  const inOrder = api.papers({ listing: listing.name, limit }, signal);
  if (!profile) return { entries: (await inOrder).papers.map((paper) => ({ paper })), ranked: false };
  const [result, page, detail] = await Promise.all([api.recommend(profile, { listing: listing.name, limit }, signal), inOrder, api.profile(profile, signal)]);
  const ratings = new Map(detail.ratings.map((r) => [r.paper.id, r.rating]));
  const ranked = new Set([...result.yours.map((y) => y.paper.id), ...result.recommendations.map((rec) => rec.paper.id)]);
  const unranked = page.papers.filter((paper) => !ranked.has(paper.id));
  const liked = unranked.filter((paper) => ratings.get(paper.id) === 1);
  const rest = unranked.filter((paper) => ratings.get(paper.id) !== 1);
  return {
    entries: [
      ...result.yours.map((y): Entry => ({ paper: y.paper, mark: 'yours' })),
      ...liked.map((paper): Entry => ({ paper, mark: 'liked' })),
      ...result.recommendations.map((rec): Entry => ({ paper: rec.paper, rec })),
      ...rest.map((paper): Entry => ({ paper, mark: ratings.get(paper.id) === -1 ? 'rated down' : undefined })),
    ],
    ranked: true,
  };
}

function sessionTimeText(listing: Listing): string | undefined {
  if (!listing.startsAt) return undefined;
  const show = (value: string) => value.replace('T', ' ').replace(/:00(?:\.000)?(Z|[+-].*)?$/, ' $1').trim();
  return `${show(listing.startsAt)}${listing.endsAt ? ` – ${show(listing.endsAt)}` : ''}`;
}

function exportPanel(listing: Listing, profile: string | undefined, picked: () => Paper[]): { element: HTMLElement; update: () => void } {
  const known = sessionTimeText(listing);
  const start = h('input', { id: 'plan-start', type: 'datetime-local' });
  const end = h('input', { id: 'plan-end', type: 'time' });
  const list = h('ol', { class: 'shortlist' });
  const hint = h('p', { class: 'muted' }, 'Tick the papers you want to see.');
  const heading = h('h2', { id: 'shortlist-title' }, 'Your short-list');
  const downloads = h('div', { class: 'downloads' });
  const update = () => {
    const papers = picked();
    const ids = papers.map((paper) => paper.id);
    heading.textContent = `Your short-list (${ids.length})`;
    replaceChildren(list, papers.map((paper) => h('li', null, paper.title)));
    hint.hidden = ids.length > 0;
    const endValue = start.value && end.value ? `${start.value.slice(0, 11)}${end.value}` : undefined;
    const link = (format: 'md' | 'ics', label: string, ready: boolean, why: string) =>
      ready
        ? h('a', { class: 'button', id: `export-${format}`, href: apiUrl('plan', { listing: listing.name, ids, format, profile, start: known ? undefined : start.value, end: known ? undefined : endValue }), download: '' }, label)
        : h('button', { type: 'button', id: `export-${format}`, disabled: true, title: why }, label);
    replaceChildren(
      downloads,
      link('md', 'Markdown checklist', ids.length > 0, 'tick some papers first'),
      link('ics', 'Calendar (.ics)', ids.length > 0 && Boolean(known || start.value), ids.length === 0 ? 'tick some papers first' : 'give the session time first'),
    );
  };
  start.addEventListener('input', update);
  end.addEventListener('input', update);
  const element = h(
    'aside',
    { class: 'plan-export', 'aria-labelledby': 'shortlist-title' },
    heading,
    hint,
    list,
    known
      ? h('p', { class: 'muted' }, `Session time: ${known}`)
      : h(
          'div',
          { class: 'session-time' },
          h('p', { class: 'muted' }, 'The listing does not say when the session is. For the calendar file:'),
          h('label', { class: 'field', for: 'plan-start' }, h('span', null, 'Starts'), start),
          h('label', { class: 'field', for: 'plan-end' }, h('span', null, 'Ends (default: 2 hours later)'), end),
        ),
    downloads,
  );
  return { element, update };
}

interface RowOptions {
  /** 1-based rank among the recommendations; 0 for papers outside the ranking. */
  rank: number;
  position: number | undefined;
  checked: boolean;
  onToggle: (id: number, on: boolean) => void;
}

function entryRow({ paper, rec, mark }: Entry, { rank, position, checked, onToggle }: RowOptions): HTMLLIElement {
  return h(
    'li',
    { class: mark === 'yours' ? 'paper plan-item yours' : 'paper plan-item', 'data-paper-id': paper.id },
    h('input', { type: 'checkbox', id: `pick-${paper.id}`, checked, 'aria-label': `Short-list: ${paper.title}`, on: { change: (event) => onToggle(paper.id, (event.target as HTMLInputElement).checked) } }),
    h(
      'div',
      { class: 'paper-body' },
      h(
        'h3',
        { class: 'paper-title' },
        rank > 0 ? h('span', { class: 'rank' }, `${rank}. `) : null,
        h('a', { href: hashLink(`paper/${paper.id}`) }, paper.title),
        mark ? h('span', { class: `badge ${mark === 'yours' ? 'yours' : 'muted'}` }, mark) : null,
        rec ? h('span', { class: 'badge' }, rec.score.toFixed(2)) : null,
      ),
      h('p', { class: 'paper-meta' }, position ? h('span', { class: 'position' }, `#${position} · `) : null, authorLinks(paper.authors, 5)),
      rec ? reasonList(rec.reasons.slice(0, 1)) : null,
    ),
  );
}

export async function plannerPage({ main, route, signal }: PageContext): Promise<void> {
  setTitle('Session planner');
  const [listings, profiles] = await Promise.all([api.listings(), api.profiles(signal)]);
  const listingName = route.params.get('listing') ?? undefined;
  const listing = listings.find((l) => l.name === listingName);
  const wanted = route.params.get('profile') ?? currentProfile();
  const profile = profiles.find((p) => p.name === wanted)?.name;
  const choose = h(
    'form',
    {
      class: 'filters inline',
      on: { change: goToWithFields('plan'), submit: goToWithFields('plan') },
    },
    h('label', { class: 'field', for: 'plan-listing' }, h('span', null, 'Session (listing)'), listingSelect(listings, listingName, { id: 'plan-listing', name: 'listing' }, 'choose a listing…')),
    h(
      'label',
      { class: 'field', for: 'plan-profile' },
      h('span', null, 'Rank for'),
      h('select', { id: 'plan-profile', name: 'profile' }, h('option', { value: NO_PROFILE }, 'no profile (listing order)'), profiles.map((p) => h('option', { value: p.name, selected: p.name === profile }, p.name))),
    ),
  );
  const content = h('div', { class: 'plan' });
  replaceChildren(main, h('h1', { tabindex: '-1' }, 'Session planner'), choose, content);
  if (!listing) {
    replaceChildren(content, h('p', { class: 'lead' }, listingName ? `There is no listing named "${listingName}".` : 'Choose a session to plan: its papers are ranked for your profile, and you tick the ones to see.'));
    return;
  }
  setTitle(`Plan ${listing.session ?? listing.name}`);
  const status = loading(profile ? 'Ranking the session for you…' : 'Loading the session…');
  replaceChildren(content, status);
  let found: { entries: Entry[]; ranked: boolean };
  try {
    found = await patiently(entries(listing, profile, signal), status);
  } catch (error) {
    if (signal.aborted) throw error;
    replaceChildren(content, errorBox(describeError(error)));
    return;
  }
  const picks = new Set(shortlist(listing.name));
  // The short-list in the order the page shows the papers.
  const picked = () => found.entries.filter((entry) => picks.has(entry.paper.id)).map((entry) => entry.paper);
  const panel = exportPanel(listing, profile, picked);
  const toggle = (id: number, on: boolean) => {
    if (on) picks.add(id);
    else picks.delete(id);
    setShortlist(listing.name, picked().map((paper) => paper.id));
    panel.update();
  };
  let rank = 0;
  const rows = found.entries.map((entry) =>
    entryRow(entry, {
      rank: entry.rec ? ++rank : 0,
      position: entry.paper.listings.find((l) => l.listingId === listing.id)?.position,
      checked: picks.has(entry.paper.id),
      onToggle: toggle,
    }),
  );
  const header: Child = [
    h('p', { class: 'summary' }, [listing.session, listing.room, [listing.venue, listing.year].filter(Boolean).join(' ')].filter(Boolean).join(' · ') || listing.name, ` — ${count(listing.paperCount, 'paper')}`),
    found.ranked ? null : h('p', { class: 'notice' }, 'In listing order. ', h('a', { href: hashLink('profile') }, 'Make a profile'), ' to rank these papers for you.'),
  ];
  replaceChildren(content, header, h('div', { class: 'plan-layout' }, h('ol', { class: 'papers plan-list' }, rows), panel.element));
  panel.update();
}
