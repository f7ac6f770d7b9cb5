// The web app's shell: hash routes (#/search?q=…, #/paper/42, #/add, #/profile, #/plan?listing=…, #/listing/3,
// #/digest, #/collections/NAME, #/map)
// mapped to pages, each rendered into <main> from the JSON API.
import { describeError, isAbort } from './api.ts';
import { errorBox, loading } from './components.ts';
import { h, replaceChildren } from './dom.ts';
import type { Page, Route } from './page.ts';
import { searchPage } from './pages/search.ts';
import { paperPage } from './pages/paper.ts';
import { addListingPage } from './pages/add-listing.ts';
import { profilePage } from './pages/profile.ts';
import { plannerPage } from './pages/planner.ts';
import { listingPage } from './pages/listing.ts';
import { digestPage } from './pages/digest.ts';
import { collectionsPage } from './pages/collections.ts';

/** The map page brings its WebGL library, loaded when it is first opened. */
const mapPage: Page = async (context) => (await import('./pages/map.ts')).mapPage(context);

const PAGES: Record<string, Page> = { search: searchPage, paper: paperPage, add: addListingPage, profile: profilePage, plan: plannerPage, listing: listingPage, digest: digestPage, collections: collectionsPage, map: mapPage };

function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page, arg] = path.split('/');
  return { page: page || 'search', arg: arg ? decodeURIComponent(arg) : undefined, params: new URLSearchParams(query) };
}

const notFoundPage: Page = async ({ main }) => {
  replaceChildren(main, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', null, h('a', { href: '#/search' }, 'Search the library')));
};

/** The route being shown, or still loading: the screen it is (page and argument), its requests, its view. */
interface Rendering {
  screen: string;
  controller: AbortController;
  view: HTMLElement;
}

let current: Rendering | undefined;

/**
 * Renders the route into a view of its own. A page still loading when the reader moves on
 * writes into its view, which is no longer shown, never over the page that replaced it; its
 * requests are aborted. Another screen (another page, another paper) is shown at once, from the
 * top, with focus on its heading as soon as it has one; within one screen (a new query, the next
 * page of results) the old view stays until the new one has something to show, and the focused
 * control (by id) keeps focus.
 */
async function render(): Promise<void> {
  const route = parseRoute(location.hash.startsWith('#/') ? location.hash : '');
  const screen = `${route.page}/${route.arg ?? ''}`;
  const sameScreen = current?.screen === screen;
  const keepFocus = sameScreen && document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  current?.controller.abort();
  const rendering: Rendering = { screen, controller: new AbortController(), view: h('div', { class: 'view' }) };
  current = rendering;
  const { view, controller } = rendering;
  const main = document.getElementById('main')!;
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a'))) {
    if (link.dataset.page === route.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  let headingFocused = false;
  const show = () => {
    if (current !== rendering) return;
    if (view.parentNode !== main) main.replaceChildren(view);
    // Focus is moved only when the reader has not moved it: when it fell to the body with the
    // control it was on, or is still outside the new view (on the link that led here).
    if (sameScreen) {
      const kept = keepFocus && document.getElementById(keepFocus);
      if (kept && (!document.activeElement || document.activeElement === document.body)) focusControl(kept);
    } else if (!headingFocused && !view.contains(document.activeElement)) {
      const heading = view.querySelector<HTMLElement>('h1');
      if (heading) {
        heading.focus({ preventScroll: true });
        headingFocused = true;
      }
    }
  };
  const observer = new MutationObserver(show);
  if (!sameScreen) {
    view.append(loading());
    main.replaceChildren(view);
    window.scrollTo(0, 0);
  }
  observer.observe(view, { childList: true, subtree: true });
  try {
    await (PAGES[route.page] ?? notFoundPage)({ main: view, route, signal: controller.signal });
  } catch (error) {
    if (!isAbort(error) && !controller.signal.aborted) replaceChildren(view, h('h1', { tabindex: '-1' }, 'Something went wrong'), errorBox(describeError(error)));
  } finally {
    observer.disconnect();
  }
  show();
}

/** Focus on a control, with the caret at the end of a search box's text, as typing left it. */
function focusControl(control: HTMLElement): void {
  control.focus();
  if (control instanceof HTMLInputElement && control.type === 'search') control.setSelectionRange(control.value.length, control.value.length);
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
