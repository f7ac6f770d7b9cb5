// What a page is given: where to render, the route that chose it, and a signal that aborts
// its requests when the reader moves on before they finish.
export interface Route {
  page: string;
  /** The path part after the page, e.g. the id in `#/paper/42`. */
  arg?: string;
  params: URLSearchParams;
}

export interface PageContext {
  main: HTMLElement;
  route: Route;
  signal: AbortSignal;
}

export type Page = (context: PageContext) => Promise<void>;

export function setTitle(title: string): void {
  document.title = `${title} · paperscout`;
}

/** A positive whole number from a route parameter, or undefined. */
export function intParam(params: URLSearchParams, name: string): number | undefined {
  const value = Number(params.get(name) ?? '');
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Renders the current route again, e.g. after a change the page must show. */
export function reload(): void {
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
