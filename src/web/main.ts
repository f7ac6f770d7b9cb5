// The web app's shell: hash routes (#/search?q=…, #/paper/42, #/add, #/profile, #/plan?listing=…, #/listing/3)
// mapped to pages, each rendered into <main> from the JSON API.
import { describeError, isAbort } from './api.ts';
import { errorBox } from './components.ts';
import { h, replaceChildren } from './dom.ts';
import type { Page, Route } from './page.ts';
import { searchPage } from './pages/search.ts';
import { paperPage } from './pages/paper.ts';
import { addListingPage } from './pages/add-listing.ts';
import { profilePage } from './pages/profile.ts';
import { plannerPage } from './pages/planner.ts';
import { listingPage } from './pages/listing.ts';

const PAGES: Record<string, Page> = { search: searchPage, paper: paperPage, add: addListingPage, profile: profilePage, plan: plannerPage, listing: listingPage };

function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page, arg] = path.split('/');
  return { page: page || 'search', arg: arg ? decodeURIComponent(arg) : undefined, params: new URLSearchParams(query) };
}

const notFoundPage: Page = async ({ main }) => {
  replaceChildren(main, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', null, h('a', { href: '#/search' }, 'Search the library')));
};

let controller: AbortController | undefined;
let shownPage: string | undefined;

async function render(): Promise<void> {
  controller?.abort();
  const current = new AbortController();
  controller = current;
  const route = parseRoute(location.hash.startsWith('#/') ? location.hash : '');
  const main = document.getElementById('main')!;
  // Within one page (a new query, another page of results) the focused control keeps focus.
  const keepFocus = route.page === shownPage && document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a'))) {
    if (link.dataset.page === route.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    await (PAGES[route.page] ?? notFoundPage)({ main, route, signal: current.signal });
  } catch (error) {
    if (isAbort(error) || current.signal.aborted) return;
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), errorBox(describeError(error)));
  }
  if (current.signal.aborted) return;
  const focus = (keepFocus && document.getElementById(keepFocus)) || (route.page !== shownPage ? main.querySelector<HTMLElement>('h1') : null);
  if (focus) {
    focus.focus();
    if (focus instanceof HTMLInputElement && focus.type === 'search') focus.setSelectionRange(focus.value.length, focus.value.length);
  }
  shownPage = route.page;
}

// Only `#/…` hashes are routes; others (the skip link's `#main`) are left to the browser.
window.addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) void render();
});
// "/" jumps to the search box, as on most sites with one.
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || target.closest('input, textarea, select, [contenteditable]')) return;
  const box = document.getElementById('q');
  event.preventDefault();
  if (box) box.focus();
  else location.hash = '#/search';
});
void render();
