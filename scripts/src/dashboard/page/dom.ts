type Child = Node | string | number | undefined | null | false;

/**
 * An element with attributes and children; text is always set as text, never parsed as HTML, so nothing
 * read from AWS (keys, SQL, error messages) can inject markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Readonly<Record<string, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(typeof child === "number" ? String(child) : child);
  }
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`the page has no #${id}`);
  }
  return element as T;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren();
  for (const child of children) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(typeof child === "number" ? String(child) : child);
    }
  }
}
