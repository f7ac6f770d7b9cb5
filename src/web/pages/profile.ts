// "My profile": make one from pasted abstracts, uploaded files or my name among the library's
// authors; see recommendations with their reasons, mixed or by topic, and rate them with one
// click; arrange the topics (profile-topics.ts) and give my papers my own titles.
import { api, describeError, isAbort, type AuthorIdentities, type Filter, type Paper, type ProfileDetail } from '../api.ts';
import { announce, errorBox, listingSelect, paperCard } from '../components.ts';
import { recommendationsView } from './profile-recommendations.ts';
import { topicsSection } from './profile-topics.ts';
import { count, formatNumber, goToWithFields, h, hashLink, replaceChildren } from '../dom.ts';
import { intParam, reload, setTitle, type PageContext } from '../page.ts';
import { currentProfile, setCurrentProfile } from '../store.ts';
import type { ProfileAdditions } from '../../server/schemas.ts';

/** The identities of a name as a choice list: what tells each apart, a box to tick for each that is me. */
function identityChoices(identities: AuthorIdentities): HTMLElement {
  if (identities.length === 0) return h('p', { class: 'muted' }, 'No papers by this name in the library.');
  // One identity is surely mine; of several, those holding papers of the profile already are.
  const mine = (inProfile: number) => identities.length === 1 || inProfile > 0;
  return h(
    'fieldset',
    { class: 'identities' },
    h('legend', null, identities.length === 1 ? 'Your papers by this name' : `This name may be ${identities.length} people: which are you?`),
    identities.length > 1 ? h('p', { class: 'muted' }, 'Papers connected through shared co-authors are taken as one person. Tick every one that is you.') : null,
    identities.map((identity) =>
      h(
        'label',
        { class: 'identity' },
        h('input', { type: 'checkbox', name: 'identity', value: identity.number, checked: mine(identity.inProfile) }),
        h(
          'span',
          null,
          h('strong', null, count(identity.papers, 'paper')),
          identity.inProfile > 0 ? ` (${formatNumber(identity.inProfile)} in your profile)` : '',
          identity.coauthors.length > 0 ? ` · with ${identity.coauthors.map((c) => c.name).join(', ')}` : ' · no co-authors',
          identity.venues.length > 0 ? ` · ${identity.venues.map((v) => v.venue).join(', ')}` : '',
          h('ul', { class: 'sample-titles' }, identity.sampleTitles.map((title) => h('li', null, title))),
        ),
      ),
    ),
  );
}

interface AuthorPicker {
  element: HTMLElement;
  input: HTMLInputElement;
  /** Where the people a name may be are shown, wider than the box: placed by the form. */
  choices: HTMLElement;
  /** The identities of the name typed that are ticked (loading them first), or why there are none to add. */
  picked(): Promise<{ identities: number[] } | { problem: string }>;
}

/**
 * "Pick my name": a text box whose suggestions come from the library's authors as one types;
 * once a name is chosen, the people it may be, to tick. `profile` is the profile being added to.
 */
function authorPicker(profile: string | undefined): AuthorPicker {
  const input = h('input', { id: 'profile-author', name: 'author', autocomplete: 'off', placeholder: 'e.g. Mara Lindqvist' });
  const suggestions = h('ul', { class: 'suggestions', id: 'author-suggestions', 'aria-label': 'matching authors' });
  const choices = h('div', { id: 'author-identities', 'aria-live': 'polite' });
  /** The name the choices are of, and their loading. */
  let shown: { name: string; loaded: Promise<AuthorIdentities> } | undefined;
  const showIdentities = (name: string) => {
    if (shown?.name === name) return shown.loaded;
    const loaded = api.identities(name, profile);
    shown = { name, loaded };
    replaceChildren(choices, h('p', { class: 'muted' }, 'Looking for your papers…'));
    loaded.then(
      (identities) => shown?.loaded === loaded && replaceChildren(choices, identityChoices(identities)),
      (error) => shown?.loaded === loaded && replaceChildren(choices, errorBox(describeError(error))),
    );
    return loaded;
  };
  let timer: number | undefined;
  let pending: AbortController | undefined;
  input.addEventListener('change', () => {
    if (input.value.trim()) void showIdentities(input.value.trim());
  });
  input.addEventListener('input', () => {
    shown = undefined;
    replaceChildren(choices);
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      pending?.abort();
      pending = new AbortController();
      const prefix = input.value.trim();
      if (prefix.length < 2) return replaceChildren(suggestions);
      try {
        const authors = await api.authors(prefix, pending.signal);
        replaceChildren(
          suggestions,
          authors.map((author) =>
            h(
              'li',
              null,
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  on: {
                    click: () => {
                      input.value = author.name;
                      replaceChildren(suggestions);
                      void showIdentities(author.name);
                      input.focus();
                    },
                  },
                },
                author.name,
                h('span', { class: 'muted' }, ` (${count(author.papers, 'paper')})`),
              ),
            ),
          ),
        );
      } catch (error) {
        if (!isAbort(error)) replaceChildren(suggestions, h('li', { class: 'muted' }, describeError(error)));
      }
    }, 150);
  });
  const picked: AuthorPicker['picked'] = async () => {
    const identities = await showIdentities(input.value.trim());
    if (identities.length === 0) return { problem: `There are no papers by "${input.value.trim()}" in the library.` };
    const ticked = Array.from(choices.querySelectorAll<HTMLInputElement>('input[name=identity]:checked'), (box) => Number(box.value));
    if (ticked.length === 0) return { problem: 'Tick the people of this name that are you.' };
    return { identities: ticked };
  };
  return { element: h('div', { class: 'author-picker' }, input, suggestions), input, choices, picked };
}

/** The three ways to say which papers are mine; `onSubmit` gets them as the API takes them. */
function sourcesForm(options: { profile?: string; submitLabel: string; onSubmit: (additions: ProfileAdditions, name: string) => Promise<void> }): HTMLFormElement {
  const name = h('input', { id: 'profile-name', name: 'name', required: true, maxlength: '200', autocomplete: 'off' });
  const abstracts = h('textarea', { id: 'profile-abstracts', name: 'abstracts', rows: '6', placeholder: 'One abstract per paragraph, with a blank line between them.' });
  const files = h('input', { id: 'profile-files', name: 'files', type: 'file', multiple: true, accept: '.bib,.bibtex,.ris,.nbib,.txt,.json,.jsonl,.csv,.xml,.atom,.yaml,.yml,.md,.html,.htm' });
  const picker = authorPicker(options.profile);
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, options.submitLabel);
  return h(
    'form',
    {
      class: 'profile-sources',
      on: {
        submit: async (event) => {
          event.preventDefault();
          const additions: ProfileAdditions = {
            abstracts: abstracts.value.trim() || undefined,
            files: files.files?.length ? await Promise.all(Array.from(files.files).map(async (file) => ({ fileName: file.name, text: await file.text() }))) : undefined,
            author: picker.input.value.trim() || undefined,
          };
          if (!additions.abstracts && !additions.files && !additions.author) {
            replaceChildren(message, errorBox('Paste your abstracts, choose your files or pick your name.'));
            return;
          }
          if (additions.author) {
            const picked = await picker.picked().catch((error: unknown) => ({ problem: describeError(error) }));
            if ('problem' in picked) return replaceChildren(message, errorBox(picked.problem));
            additions.identities = picked.identities;
          }
          submit.disabled = true;
          replaceChildren(message, h('p', { class: 'muted' }, 'Reading your papers…'));
          try {
            await options.onSubmit(additions, name.value.trim());
          } catch (error) {
            replaceChildren(message, errorBox(describeError(error)));
            submit.disabled = false;
          }
        },
      },
    },
    options.profile === undefined ? h('label', { class: 'field', for: 'profile-name' }, h('span', null, 'Profile name'), name) : null,
    h(
      'div',
      { class: 'sources' },
      h('fieldset', null, h('legend', null, 'Paste your abstracts'), h('label', { class: 'visually-hidden', for: 'profile-abstracts' }, 'Your abstracts'), abstracts),
      h(
        'fieldset',
        null,
        h('legend', null, 'Upload your papers'),
        h('label', { for: 'profile-files' }, 'BibTeX or RIS from Zotero or Mendeley, a publication list, an OpenReview archive'),
        files,
      ),
      h('fieldset', null, h('legend', null, 'Pick your name'), h('label', { for: 'profile-author' }, 'Your papers already in the library'), picker.element),
    ),
    picker.choices,
    h('div', { class: 'actions' }, submit),
    message,
  );
}

function createView(main: HTMLElement, existing: readonly string[]): void {
  setTitle('New profile');
  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, 'Create your profile'),
    h('p', { class: 'lead' }, 'paperscout ranks papers by how close they are to your own work. Give it your papers in any of these ways (or several).'),
    existing.length > 0 ? h('p', null, 'Or open one: ', existing.map((name, index) => [index > 0 ? ', ' : '', h('a', { href: hashLink('profile', { name }) }, name)])) : null,
    sourcesForm({
      submitLabel: 'Create profile',
      onSubmit: async (additions, name) => {
        const created = await api.createProfile(name, additions);
        setCurrentProfile(created.profile.name);
        location.hash = hashLink('profile', { name: created.profile.name });
      },
    }),
  );
}

function filterForm(name: string, filter: Filter, listings: readonly { name: string; paperCount: number }[], lanes: boolean): HTMLFormElement {
  return h(
    'form',
    {
      class: 'filters inline',
      on: { submit: goToWithFields('profile', lanes ? { name, view: 'topics' } : { name }) },
    },
    h('label', { class: 'field', for: 'rec-listing' }, h('span', null, 'Only listing'), listingSelect(listings, filter.listing, { id: 'rec-listing', name: 'listing' }, 'whole library')),
    h('label', { class: 'field', for: 'rec-venue' }, h('span', null, 'Venue'), h('input', { id: 'rec-venue', name: 'venue', value: filter.venue ?? '' })),
    h('label', { class: 'field', for: 'rec-year' }, h('span', null, 'Year'), h('input', { id: 'rec-year', name: 'year', type: 'number', value: filter.year ?? '', min: '1900', max: '2100' })),
    h('button', { type: 'submit' }, 'Show'),
  );
}

/** "Mixed list" and "By topic": links, so the address says which the page shows. */
function viewSwitch(name: string, filter: Filter, lanes: boolean): HTMLElement {
  const params = { name, listing: filter.listing, venue: filter.venue, year: filter.year };
  const option = (label: string, selected: boolean, view?: string) =>
    h('a', { href: hashLink('profile', { ...params, view }), class: selected ? 'selected' : undefined, 'aria-current': selected ? 'true' : undefined }, label);
  return h('nav', { class: 'view-switch', 'aria-label': 'how to list the recommendations' }, option('Mixed list', !lanes), option('By topic', lanes, 'topics'));
}

/**
 * One of the researcher's papers with its title, and a form to give it their own title (which
 * reasons name it by) or to go back to the library's.
 */
function ownPaperCard(name: string, paper: Paper, own: string | undefined, onRetitled: () => Promise<void>): HTMLLIElement {
  const input = h('input', { id: `retitle-${paper.id}`, name: 'title', value: own ?? paper.title, maxlength: '500', required: true, autocomplete: 'off' });
  const message = h('span', { class: 'rate-status', role: 'status' });
  const save = async (title: string | null) => {
    try {
      await api.retitle(name, paper.id, title);
      announce(title === null ? 'The title in the library is used again.' : 'Paper retitled.');
      await onRetitled();
    } catch (error) {
      message.textContent = describeError(error);
    }
  };
  const form = h(
    'form',
    {
      class: 'retitle',
      hidden: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          void save(input.value);
        },
      },
    },
    h('label', { for: input.id }, 'Your title'),
    input,
    h('button', { type: 'submit' }, 'Save title'),
    own === undefined ? null : h('button', { type: 'button', class: 'quiet', on: { click: () => void save(null) } }, "Use the library's title"),
    message,
  );
  const open = h(
    'button',
    {
      type: 'button',
      class: 'quiet retitle-open',
      on: {
        click: () => {
          form.hidden = false;
          open.hidden = true;
          input.focus();
        },
      },
    },
    'Rename',
  );
  return paperCard(own === undefined ? paper : { ...paper, title: own }, {
    badge: own === undefined ? undefined : 'your title',
    extra: [own === undefined ? null : h('p', { class: 'muted library-title' }, 'In the library: ', paper.title), open, form],
  });
}

export async function profilePage({ main, route, signal }: PageContext): Promise<void> {
  const profiles = await api.profiles(signal);
  const wanted = route.params.get('name') ?? currentProfile();
  const name = profiles.find((p) => p.name === wanted)?.name ?? (profiles.length === 1 && !route.params.has('new') ? profiles[0].name : undefined);
  if (!name || route.params.has('new')) return createView(main, profiles.map((p) => p.name));
  setCurrentProfile(name);
  setTitle(`Profile ${name}`);
  const filter: Filter = { listing: route.params.get('listing') || undefined, venue: route.params.get('venue') || undefined, year: intParam(route.params, 'year') };
  const lanes = route.params.get('view') === 'topics';
  const [first, listings] = await Promise.all([api.profile(name, signal), api.listings()]);
  let detail: ProfileDetail = first;
  const ratings = new Map(detail.ratings.map((r) => [r.paper.id, r.rating]));

  const counts = h('span', { id: 'profile-counts' });
  const showCounts = (papers: number, rated: number) => (counts.textContent = `${count(papers, 'paper')} of yours · ${count(rated, 'rating')}`);
  showCounts(detail.papers.length, detail.ratings.length);
  const yourPapers = h('details', { id: 'your-papers' });
  const yourRatings = h('div', { id: 'your-ratings' });
  const titleOf = (paperId: number) =>
    detail.titles.find((t) => t.paperId === paperId)?.title ??
    (detail.papers.find((p) => p.id === paperId) ?? detail.ratings.find((r) => r.paper.id === paperId)?.paper)?.title ??
    `paper ${paperId}`;
  const topics = topicsSection(name, { titleOf, isOwn: (paperId) => detail.papers.some((p) => p.id === paperId) }, () => void recommendations.refresh());
  const recommendations = recommendationsView({
    profile: name,
    filter,
    lanes,
    ratings,
    signal,
    onRated: (summary) => {
      showCounts(summary.papers, summary.ratings);
      // A liked paper joins the topics; the lists of ratings and topics follow.
      void refreshProfile();
    },
  });

  /** The profile's papers, ratings and topics as the server now has them. */
  const showProfile = () => {
    const own = new Map(detail.titles.map((t) => [t.paperId, t.title]));
    replaceChildren(
      yourPapers,
      h('summary', null, `Your papers (${detail.papers.length})`),
      h(
        'ul',
        { class: 'papers compact' },
        detail.papers.map((paper) =>
          ownPaperCard(name, paper, own.get(paper.id), async () => {
            await refreshProfile({ rerank: true });
            yourPapers.querySelector<HTMLElement>(`li[data-paper-id="${paper.id}"] .retitle-open`)?.focus();
          }),
        ),
      ),
    );
    replaceChildren(
      yourRatings,
      detail.ratings.length > 0
        ? h(
            'details',
            null,
            h('summary', null, `Your ratings (${detail.ratings.length})`),
            h('ul', { class: 'papers compact' }, detail.ratings.map((r) => paperCard(r.paper, { badge: r.rating > 0 ? 'liked' : 'disliked' }))),
          )
        : null,
    );
  };
  const refreshProfile = async (options: { rerank?: boolean } = {}) => {
    try {
      const [fresh, found] = await Promise.all([api.profile(name, signal), api.topics(name, signal)]);
      const open = yourPapers.open;
      detail = fresh;
      showCounts(detail.papers.length, detail.ratings.length);
      showProfile();
      yourPapers.open = open;
      topics.show(found.topics);
      if (options.rerank) await recommendations.refresh();
    } catch (error) {
      if (!signal.aborted) topics.failed(error);
    }
  };
  showProfile();

  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, `Profile: ${name}`),
    h(
      'p',
      { class: 'profile-summary' },
      counts,
      profiles.length > 1 ? [' · switch to ', profiles.filter((p) => p.name !== name).map((p, i) => [i > 0 ? ', ' : '', h('a', { href: hashLink('profile', { name: p.name }) }, p.name)])] : null,
      ' · ',
      h('a', { href: hashLink('profile', { new: '1' }) }, 'new profile'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'rec-title' },
      h('h2', { id: 'rec-title' }, 'Recommended for you'),
      filterForm(name, filter, listings, lanes),
      viewSwitch(name, filter, lanes),
      recommendations.element,
    ),
    topics.element,
    yourPapers,
    yourRatings,
    h(
      'details',
      null,
      h('summary', null, 'Add more of your papers'),
      sourcesForm({
        profile: name,
        submitLabel: 'Add to profile',
        onSubmit: async (additions) => {
          const added = await api.addToProfile(name, additions);
          announce(`${count(added.added, 'paper')} added.`);
          reload();
        },
      }),
    ),
    h(
      'p',
      { class: 'danger-zone' },
      h(
        'button',
        {
          type: 'button',
          class: 'quiet',
          on: {
            click: async () => {
              if (!window.confirm(`Delete the profile "${name}"? Its papers stay in the library.`)) return;
              await api.deleteProfile(name);
              setCurrentProfile(undefined);
              location.hash = hashLink('profile');
            },
          },
        },
        'Delete this profile',
      ),
    ),
  );
  await Promise.all([recommendations.refresh(), refreshProfile()]);
}
