// Session planner: one listing's papers ranked for my profile, my own papers marked, a
// short-list to tick, exported as a Markdown checklist or a calendar file.
import { api, apiUrl, describeError, type Listing, type Paper, type PlanEntry } from '../api.ts';
import { authorLinks, collectionForm, errorBox, listingSelect, loading, matchScale, patiently, readingLinks, reasonList } from '../components.ts';
import { count, formatNumber, goToWithFields, h, hashLink, replaceChildren, type Child } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { currentProfile, setShortlist, shortlist } from '../store.ts';

/** The profile choice meaning "none": an empty value would fall back to the remembered profile. */
const NO_PROFILE = '-';

function sessionTimeText(listing: Listing): string | undefined {
  if (!listing.startsAt) return undefined;
  const show = (value: string) => value.replace('T', ' ').replace(/:00(?:\.000)?(Z|[+-].*)?$/, ' $1').trim();
  return `${show(listing.startsAt)}${listing.endsAt ? ` – ${show(listing.endsAt)}` : ''}`;
}

/**
 * The short-list panel beside the papers, and, on a phone, where the panel comes after all of
 * them, a bar kept in sight at the bottom saying how many are ticked, with the way to the panel.
 */
function exportPanel(listing: Listing, profile: string | undefined, picked: () => Paper[]): { element: HTMLElement; bar: HTMLElement; update: () => void } {
  const known = sessionTimeText(listing);
  const start = h('input', { id: 'plan-start', type: 'datetime-local' });
  const end = h('input', { id: 'plan-end', type: 'time' });
  const list = h('ol', { class: 'shortlist' });
  const hint = h('p', { class: 'muted' }, 'Tick the papers you want to see.');
  const heading = h('h2', { id: 'shortlist-title', tabindex: '-1' }, 'Your short-list');
  const downloads = h('div', { class: 'downloads' });
  const saveAs = shortlistSaver(listing, () => picked().map((paper) => paper.id));
  const barCount = h('span', { class: 'bar-count', role: 'status' });
  const bar = h(
    'div',
    { class: 'shortlist-bar', id: 'shortlist-bar' },
    barCount,
    h(
      'button',
      {
        type: 'button',
        id: 'to-shortlist',
        on: {
          click: () => {
            heading.scrollIntoView({ block: 'start' });
            heading.focus({ preventScroll: true });
          },
        },
      },
      'Short-list and export ↓',
    ),
  );
  const update = () => {
    const papers = picked();
    const ids = papers.map((paper) => paper.id);
    heading.textContent = `Your short-list (${ids.length})`;
    barCount.textContent = ids.length === 0 ? 'Nothing ticked yet' : `${count(ids.length, 'paper')} ticked`;
    replaceChildren(list, papers.map((paper) => h('li', null, paper.title)));
    hint.hidden = ids.length > 0;
    saveAs.update(ids.length);
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
    saveAs.element,
  );
  return { element, bar, update };
}

/** "Save as collection": the short-list kept in the library as a reading list, in the page's order. */
function shortlistSaver(listing: Listing, ids: () => number[]): { element: HTMLElement; update: (ticked: number) => void } {
  const { form, button } = collectionForm(
    { id: 'shortlist-collection', label: 'Keep as a collection', value: `${listing.session ?? listing.name} short-list` },
    { label: 'Save as collection', id: 'save-shortlist' },
    (name) => api.saveShortlist(name, listing.name, ids()),
    ({ collection }) => ['Saved in ', ` (${count(collection.papers, 'paper')}).`],
  );
  return { element: form, update: (ticked) => (button.disabled = ticked === 0) };
}

interface RowOptions {
  position: number | undefined;
  checked: boolean;
  onToggle: (id: number, on: boolean) => void;
}

function entryRow({ paper, ranked, mark }: PlanEntry, { position, checked, onToggle }: RowOptions): HTMLLIElement {
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
        ranked ? h('span', { class: 'rank' }, `${ranked.rank}. `) : null,
        h('a', { href: hashLink(`paper/${paper.id}`) }, paper.title),
        mark ? h('span', { class: `badge ${mark === 'yours' ? 'yours' : 'muted'}` }, mark) : null,
        ranked ? h('span', { class: 'badge', title: `score ${ranked.score.toFixed(2)}` }, `${ranked.match.strength} match`) : null,
      ),
      h('p', { class: 'paper-meta' }, position ? h('span', { class: 'position' }, `#${position} · `) : null, authorLinks(paper.authors, 5)),
      ranked ? reasonList(ranked.reasons.slice(0, 1)) : null,
      readingLinks(paper),
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
  let found: { entries: PlanEntry[]; ranked: boolean; omitted: number };
  try {
    found = await patiently(api.sessionPlan(listing.name, profile, signal), status);
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
  const rows = found.entries.map((entry) =>
    entryRow(entry, {
      position: entry.paper.listings.find((l) => l.listingId === listing.id)?.position,
      checked: picks.has(entry.paper.id),
      onToggle: toggle,
    }),
  );
  const header: Child = [
    h('p', { class: 'summary' }, [listing.session, listing.room, [listing.venue, listing.year].filter(Boolean).join(' ')].filter(Boolean).join(' · ') || listing.name, ` — ${count(listing.paperCount, 'paper')}`),
    found.ranked ? matchScale() : h('p', { class: 'notice' }, 'In listing order. ', h('a', { href: hashLink('profile') }, 'Make a profile'), ' to rank these papers for you.'),
    found.omitted > 0
      ? h(
          'p',
          { class: 'notice warning', id: 'plan-omitted', role: 'status' },
          `This plan shows ${count(found.entries.length, 'paper')}; ${count(found.omitted, 'more paper')} of the listing ${found.omitted === 1 ? 'is' : 'are'} left out (a plan holds at most ${formatNumber(found.entries.length)}). `,
          h('a', { href: hashLink('search', { listing: listing.name }) }, 'Browse the whole listing'),
          '.',
        )
      : null,
  ];
  replaceChildren(content, header, h('div', { class: 'plan-layout' }, h('div', { class: 'plan-papers' }, h('ol', { class: 'papers plan-list' }, rows), panel.bar), panel.element));
  panel.update();
}
