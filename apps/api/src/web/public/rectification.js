// @ts-check
// The rectification sections (差评整改, CLOSED-LOOP.md "Report shapes"): the staff view of a
// campaign's cases, in all or for one agency, with every agency in a table; and the public table
// of a published campaign. Rates are shown with their 95% interval and n, as the API gives them.
import { count, h, pct, range, scrollBox } from './dom.js';
import { t } from './i18n.js';

/**
 * @typedef {import('./api.js').Figure} Figure
 * @typedef {import('./api.js').CaseFigures} CaseFigures
 * @typedef {import('./api.js').RectificationReport} RectificationReport
 * @typedef {import('./api.js').PublicRectification} PublicRectification
 * @typedef {import('./api.js').PublicCaseFigures} PublicCaseFigures
 */

/** The staff report's three rates, in the order shown. */
export const CASE_RATES = /** @type {const} */ (['contactedOnTime', 'rectifiedOnTime', 'followUpSatisfied']);
/** The counts the summary shows (`appeals` is shown with `appealsUpheld`). */
const SUMMARY_COUNTS = /** @type {const} */ (['cases', 'open', 'overdue', 'contacted', 'reported', 'followUps']);

/** "81.9–82.1 · n = 120": a rate's interval and what it is over. @param {Figure} fig */
export const intervalText = (fig) => `${range(fig)} · n = ${count(fig.n)}`;

/** A table cell holding a rate over its interval. @param {Figure} fig @param {string} key */
const rateCell = (fig, key) => h('td', { class: 'rate-cell', dataset: { rate: key } }, h('span', { class: 'rate' }, pct(fig.rate)), h('span', { class: 'ci' }, intervalText(fig)));

/** `appeals (upheld)`, e.g. "3 (1)". @param {CaseFigures} f */
const appealsText = (f) => `${count(f.appeals)} (${count(f.appealsUpheld)})`;

/**
 * The staff view: a summary of the campaign's cases (in all, or of the agency chosen), and every
 * agency's figures in a table whose names open that agency's summary.
 * @param {RectificationReport} report
 * @param {{ agencyId: string, href: (agencyId: string) => string, onPick: (agencyId: string) => void }} options
 * @returns {HTMLElement[]}
 */
export function rectificationSections(report, { agencyId, href, onPick }) {
  const chosen = agencyId ? report.agencies.find((a) => a.agencyId === agencyId) : undefined;
  if (agencyId && !chosen) return [h('section', { class: 'card wide unavailable', id: 'rect-unknown' }, h('h2', {}, agencyId), h('p', {}, t('unknownAgency', { id: agencyId })))];
  const figures = chosen ?? report.total;
  const picker = h('label', { class: 'picker' }, h('span', {}, t('agencyPicker')),
    h('select', { id: 'rect-agency', onchange: (/** @type {Event} */ e) => e.target instanceof HTMLSelectElement && onPick(e.target.value) },
      h('option', { value: '', selected: !chosen }, t('allAgencies')),
      report.agencies.map((a) => h('option', { value: a.agencyId, selected: a === chosen }, a.name ?? a.agencyId))));
  const summary = h('section', { class: 'card headline', id: 'rect-summary' },
    h('div', { class: 'card-head' }, h('h2', { id: 'rect-scope' }, chosen ? (chosen.name ?? chosen.agencyId) : t('allAgencies')), picker),
    h('div', { class: 'big' }, CASE_RATES.map((key) => h('div', { class: 'figure' },
      h('span', { class: 'label' }, t(key)),
      h('span', { class: 'value', id: `rect-rate-${key}` }, pct(figures.rates[key].rate)),
      h('span', { class: 'sub', id: `rect-interval-${key}` }, intervalText(figures.rates[key]))))),
    h('div', { class: 'small' },
      SUMMARY_COUNTS.map((key) => h('div', { class: 'figure' }, h('span', { class: 'label' }, t(`count.${key}`)), h('span', { class: 'value', id: `rect-count-${key}` }, count(figures[key])))),
      h('div', { class: 'figure' }, h('span', { class: 'label' }, t('appealsUpheld')), h('span', { class: 'value', id: 'rect-count-appeals' }, appealsText(figures)))),
    h('p', { class: 'note' }, t('rectNote')));
  const row = (/** @type {CaseFigures} */ f) => [
    h('td', {}, count(f.cases)), h('td', {}, count(f.open)), h('td', { class: f.overdue ? 'warn' : null }, count(f.overdue)),
    ...CASE_RATES.map((key) => rateCell(f.rates[key], key)), h('td', {}, appealsText(f)),
  ];
  const head = [t('agency'), t('count.cases'), t('count.open'), t('count.overdue'), ...CASE_RATES.map((k) => t(k)), t('appealsUpheld')];
  const table = h('table', { class: 'figures', id: 'rect-table' },
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, report.agencies.map((a) => h('tr', { dataset: { agency: a.agencyId }, class: a === chosen ? 'selected' : null },
      h('th', { scope: 'row' }, h('a', { href: href(a.agencyId), id: `rect-link-${a.agencyId}`, 'aria-current': a === chosen ? 'true' : null }, a.name ?? a.agencyId)), row(a)))),
    h('tfoot', {}, h('tr', { dataset: { agency: '' } }, h('th', { scope: 'row' }, t('allAgencies')), row(report.total))));
  return [summary, h('section', { class: 'card wide', id: 'rect-agencies' }, h('h2', {}, t('rectByAgency')), scrollBox(t('rectByAgency'), table))];
}

/**
 * The public table of a published campaign: per agency its cases, the closed ones, and the two
 * published rates; the total below. Live, not frozen at publication (the note says so).
 * @param {PublicRectification} table
 */
export function publicRectificationSection(table) {
  const cells = (/** @type {PublicCaseFigures} */ f) => [h('td', {}, count(f.cases)), h('td', {}, count(f.closed)), rateCell(f.rectifiedRate, 'rectifiedRate'), rateCell(f.onTimeRate, 'onTimeRate')];
  const head = [t('agency'), t('count.cases'), t('count.closed'), t('rectifiedRate'), t('onTimeRate')];
  const element = h('table', { class: 'figures', id: 'public-rect-table' },
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, table.agencies.map((a) => h('tr', { dataset: { agency: a.agencyId } }, h('th', { scope: 'row' }, a.name ?? a.agencyId), cells(a)))),
    h('tfoot', {}, h('tr', { dataset: { agency: '' } }, h('th', { scope: 'row' }, t('allAgencies')), cells(table.total))));
  return h('section', { class: 'card wide', id: 'public-rectification' }, h('h2', {}, t('publicRectTitle')),
    h('p', { class: 'note' }, t('publicRectNote')), scrollBox(t('publicRectTitle'), element));
}
