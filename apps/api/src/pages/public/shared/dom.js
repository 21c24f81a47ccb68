// @ts-check
// Builds the pages' elements from data: text always goes in as text nodes, never parsed as HTML.

/**
 * @typedef {string | Node | null | undefined | false} Child
 * @typedef {Child | Child[]} Children
 */

/**
 * `h('p', { class: 'x', dataset: { k: 'v' }, onclick: f }, 'text', child, [more])`: attributes
 * (false, null or undefined left out, true as an empty attribute), `on…` as listeners, `dataset`
 * into data-* attributes; children flattened, strings as text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [props]
 * @param {...Children} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/**
 * The page's element with this id, checked to be of the type the page's HTML gives it (an
 * HTMLElement if not named): a page whose HTML lost it fails here, by name.
 * @template {HTMLElement} [E=HTMLElement]
 * @param {string} id
 * @param {{ new (): E, prototype: E }} [type]
 * @returns {E}
 */
export function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof (type ?? HTMLElement))) throw new Error(`the page has no #${id}${type ? ` (${type.name})` : ''}`);
  return /** @type {E} */ (el);
}
