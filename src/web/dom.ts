// Building the page from data. Every piece of listing text becomes a text node: nothing in
// the app parses markup from data (no innerHTML), and links from data must be http(s)
// (src/paper-links.ts makes every link to a paper).

export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Handler = (event: Event) => void;
export interface Props {
  class?: string;
  /** Event listeners by event name, e.g. `{ click: fn }`. */
  on?: Record<string, Handler>;
  [attribute: string]: string | number | boolean | undefined | Record<string, Handler>;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child as readonly Child[]) append(parent, item);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/** An element with attributes and children; `true` sets a boolean attribute, false/undefined leaves it out. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value as Record<string, Handler>)) element.addEventListener(event, handler);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Text with its matched runs in <mark>, from the API's segments. */
export function marked(segments: readonly { text: string; match: boolean }[]): Child[] {
  return segments.map((segment) => (segment.match ? h('mark', null, segment.text) : segment.text));
}

const numberFormat = new Intl.NumberFormat('en');
export const count = (n: number, one: string, many = `${one}s`) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;
export const formatNumber = (n: number) => numberFormat.format(n);

/** A link within the app, `#/page?key=value`, leaving out empty values. */
export function hashLink(page: string, params: Record<string, string | number | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const search = query.toString();
  return `#/${page}${search ? `?${search}` : ''}`;
}

/**
 * A form event handler that goes to `page` with the form's filled-in fields as parameters
 * (plus `fixed` ones), so the address always says what the page shows.
 */
export function goToWithFields(page: string, fixed: Record<string, string> = {}): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    const fields: Record<string, string> = { ...fixed };
    new FormData(event.currentTarget as HTMLFormElement).forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value.trim();
    });
    location.hash = hashLink(page, fields);
  };
}
