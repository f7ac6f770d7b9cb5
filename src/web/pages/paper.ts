// One paper: abstract, authors (each a link to their papers), links, the listings it appears
// in, its possible other versions side by side, and similar papers.
import { api, describeError, type Paper, type PaperDetail } from '../api.ts';
import { authorLinks, errorBox, loading, paperCard, ratingButtons, readingLinks, venueLine } from '../components.ts';
import { h, hashLink, replaceChildren, type Child } from '../dom.ts';
import { setTitle, type PageContext } from '../page.ts';
import { currentProfile } from '../store.ts';

const SIMILAR = 8;

function abstractOf(paper: Paper): Child {
  return paper.abstract ? h('p', { class: 'abstract' }, paper.abstract) : h('p', { class: 'abstract muted' }, 'No abstract in any listing.');
}

/** One side of a version comparison. */
function versionColumn(paper: Paper, caption: string, link: boolean): HTMLElement {
  return h(
    'div',
    { class: 'version' },
    h('p', { class: 'caption' }, caption),
    h('h3', null, link ? h('a', { href: hashLink(`paper/${paper.id}`) }, paper.title) : paper.title),
    h('p', { class: 'paper-meta' }, authorLinks(paper.authors, 8), venueLine(paper) ? ` — ${venueLine(paper)}` : ''),
    abstractOf(paper),
  );
}

function versions(detail: PaperDetail): Child {
  if (detail.possibleDuplicates.length === 0) return null;
  return h(
    'section',
    { class: 'versions', 'aria-labelledby': 'versions-title' },
    h('h2', { id: 'versions-title' }, 'Possibly another version of the same work'),
    detail.possibleDuplicates.map(({ paper, similarity }) =>
      h(
        'div',
        { class: 'comparison' },
        h('p', { class: 'similarity' }, `${Math.round(similarity * 100)}% of the shorter abstract's word pairs are shared`),
        h('div', { class: 'side-by-side' }, versionColumn(detail.paper, 'This paper', false), versionColumn(paper, `Paper ${paper.id}`, true)),
      ),
    ),
  );
}

async function similar(id: number, signal: AbortSignal): Promise<Child> {
  try {
    const { results } = await api.similarTo(id, SIMILAR, signal);
    if (results.length === 0) return h('p', { class: 'muted' }, 'No similar papers in the library.');
    return h(
      'ol',
      { class: 'papers compact' },
      results.map((result) =>
        paperCard(result.paper, {
          extra: result.reasons[0]?.sharedTerms.length ? h('p', { class: 'terms' }, `shared: ${result.reasons[0].sharedTerms.join(', ')}`) : null,
        }),
      ),
    );
  } catch (error) {
    if (signal.aborted) throw error;
    return h('p', { class: 'muted' }, `Similar papers are not available: ${describeError(error)}`);
  }
}

/** Rating buttons for the current profile, when there is one. */
async function rating(paper: Paper, signal: AbortSignal): Promise<Child> {
  const name = currentProfile();
  if (!name) return null;
  const profile = await api.profile(name, signal).catch(() => undefined);
  if (!profile) return null;
  const current = profile.ratings.find((r) => r.paper.id === paper.id)?.rating ?? 0;
  const slot = h('div', { class: 'paper-rating' });
  const show = (value: 1 | -1 | 0) => replaceChildren(slot, h('span', { class: 'muted' }, `For ${name}: `), ratingButtons(name, paper.id, value, show));
  show(current);
  return slot;
}

export async function paperPage({ main, route, signal }: PageContext): Promise<void> {
  const id = Number(route.arg);
  if (!Number.isInteger(id) || id < 1) {
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'No such paper'), errorBox(`"${route.arg ?? ''}" is not a paper id.`));
    return;
  }
  const similarSlot = h('div', null, loading('Finding similar papers…'));
  const similarPapers = similar(id, signal);
  const detail = await api.paper(id, signal);
  const { paper } = detail;
  setTitle(paper.title);
  const where = [venueLine(paper), paper.track, paper.status].filter(Boolean).join(' · ');
  replaceChildren(
    main,
    h(
      'article',
      { class: 'paper-page' },
      h('h1', { tabindex: '-1' }, paper.title),
      paper.titleDerived ? h('p', { class: 'muted' }, 'The listing gave no title: this one is made from the abstract.') : null,
      h('p', { class: 'paper-authors' }, authorLinks(paper.authors)),
      where ? h('p', { class: 'paper-meta' }, where) : null,
      await rating(paper, signal),
      h('h2', { class: 'visually-hidden' }, 'Abstract'),
      abstractOf(paper),
      paper.keywords.length > 0 ? h('p', { class: 'keywords' }, h('span', { class: 'muted' }, 'Keywords: '), paper.keywords.join(', ')) : null,
      h('h2', { class: 'visually-hidden' }, 'Read it'),
      readingLinks(paper),
      h('h2', null, 'Listed in'),
      h(
        'ul',
        { class: 'listed-in' },
        paper.listings.map((where) =>
          h('li', null, h('a', { href: hashLink('search', { listing: where.listing }) }, where.listing), ` #${where.position} · `, h('a', { href: hashLink('plan', { listing: where.listing }) }, 'plan this session')),
        ),
      ),
      versions(detail),
      h('section', { 'aria-labelledby': 'similar-title' }, h('h2', { id: 'similar-title' }, 'Similar papers'), similarSlot),
    ),
  );
  replaceChildren(similarSlot, await similarPapers);
}
