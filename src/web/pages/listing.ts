// One listing: rename and relabel it (venue, year, session, room), or remove it, after being
// told exactly which papers go with it.
import { api, describeError, type Listing, type ListingRemoval } from '../api.ts';
import { announce, errorBox } from '../components.ts';
import { count, formatNumber, h, hashLink, replaceChildren, type Child } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import type { ListingEdit } from '../../server/schemas.ts';

const labelsOf = (listing: Listing) => [[listing.venue, listing.year].filter(Boolean).join(' '), listing.session, listing.room].filter(Boolean).join(' · ');

/** What removing does to the papers, in words; `done` once it is done. */
function removalText({ papers, deleted, profiles }: ListingRemoval, done: boolean): Child {
  const kept = papers - deleted;
  const losses = profiles.map(({ profile, papers: own, ratings }) => {
    const what = [own > 0 ? `${formatNumber(own)} of its own ${own === 1 ? 'paper' : 'papers'}` : '', ratings > 0 ? count(ratings, 'rating') : ''].filter(Boolean).join(' and ');
    return h('li', null, `Profile ${profile} ${done ? 'lost' : 'loses'} ${what}.`);
  });
  return [
    h(
      'p',
      null,
      deleted > 0
        ? `${count(deleted, 'paper')} ${done ? 'were' : 'are'} in no other listing: ${done ? 'they were deleted' : 'removing deletes them'} from the library, with their ratings and their places in profiles. `
        : 'Every one of its papers is in another listing too: none is deleted. ',
      deleted > 0 && kept > 0 ? `${count(kept, 'paper')} also in other listings ${kept === 1 ? 'stays' : 'stay'}.` : '',
    ),
    losses.length > 0 ? h('ul', { class: 'losses' }, losses) : null,
  ];
}

function editForm(listing: Listing, onSaved: (changed: Listing, notice: string) => void): HTMLFormElement {
  const input = (id: string, value: string | number | null, props: Record<string, string | boolean> = {}) => h('input', { id, name: id.replace('edit-', ''), value: value ?? '', maxlength: '200', autocomplete: 'off', ...props });
  const fields = {
    name: input('edit-name', listing.name, { required: true }),
    venue: input('edit-venue', listing.venue),
    year: input('edit-year', listing.year, { type: 'number', min: '1000', max: '9999', inputmode: 'numeric' }),
    session: input('edit-session', listing.session),
    room: input('edit-room', listing.room),
  };
  const message = h('div', { 'aria-live': 'polite' });
  const field = (label: string, control: HTMLElement, hint?: string) => h('label', { class: 'field', for: control.id }, h('span', null, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
  return h(
    'form',
    {
      class: 'edit-listing',
      on: {
        submit: async (event) => {
          event.preventDefault();
          // Only what changed: an unchanged label sent again would still relabel papers that carry none.
          const edit: ListingEdit = {};
          if (fields.name.value.trim() !== listing.name) edit.name = fields.name.value.trim();
          for (const key of ['venue', 'session', 'room'] as const) if (fields[key].value.trim() !== (listing[key] ?? '')) edit[key] = fields[key].value.trim();
          const year = fields.year.value ? Number(fields.year.value) : null;
          if (year !== listing.year) edit.year = year;
          if (Object.keys(edit).length === 0) return replaceChildren(message, h('p', { class: 'muted' }, 'Nothing changed.'));
          try {
            const { listing: changed, relabelled } = await api.editListing(listing.id, edit);
            const papers = Object.entries(relabelled).map(([label, n]) => `${count(n, 'paper')} took the new ${label}`);
            const notice = `Saved${papers.length > 0 ? `: ${papers.join(', ')}` : ''}.`;
            announce(notice);
            onSaved(changed, notice);
          } catch (error) {
            replaceChildren(message, errorBox(describeError(error)));
          }
        },
      },
    },
    h(
      'div',
      { class: 'filters' },
      field('Name', fields.name),
      field('Venue', fields.venue, 'e.g. ICLR'),
      field('Year', fields.year),
      field('Session', fields.session, 'e.g. Poster Session 3'),
      field('Room', fields.room, 'e.g. Hall C'),
    ),
    h('p', { class: 'muted' }, "Papers of the listing that carry its old venue, year or session (or none) take the new one; a paper's own value stays."),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save changes')),
    message,
  );
}

function removeSection(listing: Listing, main: HTMLElement): HTMLElement {
  const slot = h('div', { id: 'removal' });
  const ask = h(
    'button',
    {
      type: 'button',
      class: 'quiet',
      id: 'ask-remove',
      on: {
        click: async () => {
          ask.disabled = true;
          try {
            const removal = await api.listingRemoval(listing.id);
            const confirm = h(
              'button',
              {
                type: 'button',
                class: 'danger',
                id: 'confirm-remove',
                on: {
                  click: async () => {
                    confirm.disabled = true;
                    try {
                      const done = await api.removeListing(listing.id);
                      setTitle('Listing removed');
                      replaceChildren(
                        main,
                        h('h1', { tabindex: '-1' }, `Removed ${listing.name}`),
                        h('div', { class: 'notice success', role: 'status' }, removalText(done, true)),
                        h('p', null, h('a', { href: hashLink('search') }, 'Back to the library')),
                      );
                      main.querySelector('h1')?.focus();
                    } catch (error) {
                      replaceChildren(slot, errorBox(describeError(error)));
                    }
                  },
                },
              },
              removal.deleted > 0 ? `Remove it and delete ${count(removal.deleted, 'paper')}` : 'Remove it',
            );
            const keep = h('button', { type: 'button', on: { click: () => (replaceChildren(slot), (ask.disabled = false), ask.focus()) } }, 'Keep it');
            replaceChildren(slot, h('div', { class: 'notice warning', role: 'alert' }, h('p', null, h('strong', null, `Remove ${listing.name}?`)), removalText(removal, false), h('div', { class: 'actions' }, confirm, keep)));
            confirm.focus();
          } catch (error) {
            replaceChildren(slot, errorBox(describeError(error)));
            ask.disabled = false;
          }
        },
      },
    },
    'Remove this listing…',
  );
  return h('section', { class: 'danger-zone', 'aria-labelledby': 'remove-title' }, h('h2', { id: 'remove-title' }, 'Remove'), h('p', { class: 'muted' }, 'Its papers that are in another listing too stay; the others are deleted, with their ratings.'), ask, slot);
}

export async function listingPage({ main, route, signal }: PageContext): Promise<void> {
  const id = Number(route.arg);
  const listing = (await api.listings()).find((l) => l.id === id);
  signal.throwIfAborted();
  if (!listing) {
    setTitle('No such listing');
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'No such listing'), errorBox(`There is no listing ${route.arg ?? ''} in the library.`), h('p', null, h('a', { href: hashLink('search') }, 'The library')));
    return;
  }
  const show = (shown: Listing, notice?: string) => {
    setTitle(`Listing ${shown.name}`);
    replaceChildren(
      main,
      h('h1', { tabindex: '-1' }, `Listing: ${shown.name}`),
      notice ? h('p', { class: 'notice success', role: 'status' }, notice) : null,
      h(
        'p',
        { class: 'summary' },
        [count(shown.paperCount, 'paper'), shown.format, labelsOf(shown), `added ${shown.importedAt.slice(0, 10)}`].filter(Boolean).join(' · '),
        ' · ',
        h('a', { href: hashLink('search', { listing: shown.name }) }, 'Browse its papers'),
        ' · ',
        h('a', { href: hashLink('plan', { listing: shown.name }) }, 'Plan this session'),
      ),
      h('h2', null, 'Name and labels'),
      editForm(shown, (changed, said) => {
        show(changed, said);
        main.querySelector<HTMLElement>('#edit-name')?.focus();
      }),
      removeSection(shown, main),
    );
  };
  show(listing);
}
