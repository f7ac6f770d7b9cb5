// "Digest": the profile's latest digest (the papers new since the one before, each work once),
// each paper rated with one click, and the button that makes the next digest. Its feed, for a
// feed reader, is linked; reading the feed makes no digest.
import { api, describeError, type Digest, type DigestEntry } from '../api.ts';
import { announce, loading, matchScale, paperCard, patiently, ratingButtons, reasonList } from '../components.ts';
import { count, goToWithFields, h, hashLink, replaceChildren } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { currentProfile, setCurrentProfile } from '../store.ts';

/** Rating buttons that show the rating given, made anew after each click. */
function rating(profile: string, paperId: number, ratings: Map<number, 1 | -1>): HTMLElement {
  const holder = h('span', { class: 'digest-rating' });
  const show = () =>
    replaceChildren(
      holder,
      ratingButtons(profile, paperId, ratings.get(paperId) ?? 0, (value) => {
        if (value === 0) ratings.delete(paperId);
        else ratings.set(paperId, value);
        show();
        holder.querySelector<HTMLButtonElement>(value >= 0 ? 'button.up' : 'button.down')?.focus();
      }),
    );
  show();
  return holder;
}

function entryCard(profile: string, entry: DigestEntry, ratings: Map<number, 1 | -1>): HTMLLIElement {
  const versions = entry.versions.length > 0 ? h('p', { class: 'muted' }, `Also arrived as ${count(entry.versions.length, 'other version')}: `, entry.versions.map((id, i) => [i > 0 ? ', ' : '', h('a', { href: hashLink(`paper/${id}`) }, `paper ${id}`)])) : null;
  return paperCard(entry.paper, { badge: `${entry.match.strength} match`, extra: [reasonList(entry.reasons), versions, rating(profile, entry.paper.id, ratings)] });
}

function digestView(profile: string, digest: Digest, ratings: Map<number, 1 | -1>): HTMLElement {
  const when = digest.createdAt.replace('T', ' ').slice(0, 16);
  const span = digest.sinceDate ? `first listed since ${digest.sinceDate.slice(0, 10)}` : digest.afterPaperId === undefined ? 'in the library' : 'arrived since the digest before';
  return h(
    'section',
    { class: 'digest', 'aria-labelledby': 'digest-title' },
    h('h2', { id: 'digest-title' }, `Digest of ${when} UTC`),
    h('p', { class: 'summary' }, `${count(digest.entries.length, 'paper')} for you of ${count(digest.candidates, 'paper')} ${span}`, digest.alreadyShown > 0 ? `; ${count(digest.alreadyShown, 'paper')} shown before left out.` : '.'),
    digest.entries.length > 0 ? matchScale() : null,
    digest.groups.map((group) => [group.topic ? h('h3', { class: 'digest-topic' }, group.topic.name) : null, h('ol', { class: 'papers' }, group.entries.map((entry) => entryCard(profile, entry, ratings)))]),
  );
}

export async function digestPage({ main, route, signal }: PageContext): Promise<void> {
  setTitle('Digest');
  const profiles = await api.profiles(signal);
  const wanted = route.params.get('profile') ?? currentProfile();
  const profile = profiles.find((p) => p.name === wanted)?.name ?? (profiles.length === 1 ? profiles[0].name : undefined);
  const heading = h('h1', { tabindex: '-1' }, 'New papers for you');
  if (!profile) {
    replaceChildren(main, heading, h('p', { class: 'lead' }, profiles.length === 0 ? 'A digest is made for a profile: ' : 'Choose a profile: ', h('a', { href: hashLink('profile') }, profiles.length === 0 ? 'make yours first' : 'profiles'), '.'));
    if (profiles.length > 1) main.append(profileChoice(profiles.map((p) => p.name), undefined));
    return;
  }
  setCurrentProfile(profile);
  const content = h('div', { id: 'digest-content' }, loading('Loading your latest digest…'));
  const status = h('p', { class: 'muted', role: 'status' });
  const [detail, latest] = await Promise.all([api.profile(profile, signal), api.digests(profile, signal)]);
  const ratings = new Map(detail.ratings.map((r) => [r.paper.id, r.rating]));
  const show = (digest: Digest | undefined) =>
    replaceChildren(content, digest ? digestView(profile, digest, ratings) : h('p', { class: 'lead' }, 'No digest yet: make the first one, of the papers the library holds.'));
  const make = h(
    'button',
    {
      type: 'button',
      id: 'make-digest',
      on: {
        click: async () => {
          make.disabled = true;
          status.textContent = 'Ranking the new papers…';
          try {
            const made = await patiently(api.makeDigest(profile), status);
            status.textContent = '';
            announce(`Digest made: ${count(made.entries.length, 'paper')}.`);
            show(made);
          } catch (error) {
            status.textContent = describeError(error);
          } finally {
            make.disabled = false;
          }
        },
      },
    },
    'Make the next digest',
  );
  replaceChildren(
    main,
    heading,
    profiles.length > 1 ? profileChoice(profiles.map((p) => p.name), profile) : null,
    h(
      'p',
      { class: 'lead' },
      'The papers that arrived since your last digest, ranked for you, each work once. ',
      h('a', { href: `/feeds/${encodeURIComponent(profile)}.atom`, id: 'digest-feed' }, 'Feed (Atom)'),
      ': a feed reader shows your latest digests; reading it makes none.',
    ),
    h('div', { class: 'actions' }, make, status),
    content,
  );
  show(latest[0]);
}

function profileChoice(names: readonly string[], selected: string | undefined): HTMLElement {
  return h(
    'form',
    { class: 'filters inline', on: { change: goToWithFields('digest'), submit: goToWithFields('digest') } },
    h('label', { class: 'field', for: 'digest-profile' }, h('span', null, 'Profile'), h('select', { id: 'digest-profile', name: 'profile' }, names.map((name) => h('option', { value: name, selected: name === selected }, name)))),
  );
}
