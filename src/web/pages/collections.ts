// "Collections": the reading lists (#/collections), and one of them (#/collections/NAME) with
// its papers in order, each removable, and its downloads for a citation manager.
import { api, collectionExportUrl, describeError } from '../api.ts';
import { announce, errorBox, paperCard } from '../components.ts';
import { count, h, hashLink, replaceChildren } from '../dom.ts';
import { reload, setTitle, type PageContext } from '../page.ts';

const collectionLink = (name: string) => hashLink(`collections/${encodeURIComponent(name)}`);

async function allCollections(main: HTMLElement, signal: AbortSignal): Promise<void> {
  setTitle('Collections');
  const all = await api.collections(signal);
  replaceChildren(
    main,
    h('h1', { tabindex: '-1' }, 'Collections'),
    all.length === 0
      ? h('p', { class: 'lead' }, 'No collections yet: "Add to collection" under any paper makes one, and the session planner saves its short-list as one.')
      : h(
          'ul',
          { class: 'collections' },
          all.map((collection) =>
            h('li', null, h('a', { href: collectionLink(collection.name) }, collection.name), ` — ${count(collection.papers, 'paper')}`, collection.note ? h('span', { class: 'muted' }, ` · ${collection.note}`) : null),
          ),
        ),
  );
}

async function oneCollection(main: HTMLElement, name: string, signal: AbortSignal): Promise<void> {
  setTitle(name);
  const heading = h('h1', { tabindex: '-1' }, name);
  let collection;
  try {
    collection = await api.collection(name, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    replaceChildren(main, heading, errorBox(describeError(error)), h('p', null, h('a', { href: hashLink('collections') }, 'All collections')));
    return;
  }
  const status = h('p', { class: 'muted', role: 'status' });
  const remove = (paperId: number, title: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'remove-from-collection',
        on: {
          click: async (event) => {
            (event.currentTarget as HTMLButtonElement).disabled = true;
            try {
              await api.removeFromCollection(name, paperId);
              announce(`Removed ${title} from ${name}.`);
              reload();
            } catch (error) {
              status.textContent = describeError(error);
            }
          },
        },
      },
      'Remove from this collection',
    );
  const download = (format: 'bibtex' | 'ris' | 'csl-json', label: string) => h('a', { class: 'button', href: collectionExportUrl(name, format), download: '' }, label);
  const deleteButton = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      on: {
        click: async () => {
          try {
            await api.deleteCollection(name);
            location.hash = hashLink('collections');
          } catch (error) {
            status.textContent = describeError(error);
          }
        },
      },
    },
    'Delete the collection',
  );
  replaceChildren(
    main,
    heading,
    h('p', { class: 'summary' }, count(collection.papers.length, 'paper'), collection.note ? ` · ${collection.note}` : ''),
    h('div', { class: 'downloads' }, 'Download for Zotero, EndNote or Mendeley: ', download('bibtex', 'BibTeX'), ' ', download('ris', 'RIS'), ' ', download('csl-json', 'CSL-JSON')),
    h('ol', { class: 'papers' }, collection.papers.map((paper) => paperCard(paper, { extra: remove(paper.id, paper.title) }))),
    h('p', null, deleteButton, ' ', h('a', { href: hashLink('collections') }, 'All collections')),
    status,
  );
}

export async function collectionsPage({ main, route, signal }: PageContext): Promise<void> {
  if (route.arg === undefined) await allCollections(main, signal);
  else await oneCollection(main, route.arg, signal);
}
