// @ts-check
// Small helpers to build the page: elements from data (text only, never HTML: the shared `h`),
// and figures as text.

import { h } from './shared/dom.js';

export { h };

// The API's figures are already rounded to one decimal; these only print them.
/** @param {number | null | undefined} x */
export const fixed1 = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));
/** @param {number | null | undefined} rate */
export const pct = (rate) => (rate === null || rate === undefined ? '—' : `${rate.toFixed(1)}%`);
/** @param {import('./api.js').Figure | undefined} fig */
export const range = (fig) => (fig?.low === null || fig?.low === undefined || fig.high === null ? '—' : `${fig.low.toFixed(1)}–${fig.high.toFixed(1)}`);
/** @param {number} points */
export const signed = (points) => (points > 0 ? `+${points.toFixed(1)}` : points.toFixed(1));
/** @param {number | null | undefined} n */
export const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));
/** @param {number} p */
export const pValue = (p) => p.toFixed(4);

/**
 * A table that may be wider than a phone: it scrolls inside its own box, which the keyboard can
 * reach (a focusable region), so that its columns can be scrolled without a pointer.
 * @param {string} label @param {HTMLTableElement} table
 */
export const scrollBox = (label, table) => h('div', { class: 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, table);
