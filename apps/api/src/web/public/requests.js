// @ts-check
// The requests view (诉求, the "113" mechanism, CLOSED-LOOP.md "Report shapes"): enterprises'
// requests over all time, in all, per agency and per category, from GET /v1/reports/requests.
// The page offers it only when the API describes that route (dashboard.js).
import { count, h, pct, scrollBox } from './dom.js';
import { label, t } from './i18n.js';
import { intervalText } from './rectification.js';

/**
 * @typedef {import('./api.js').Figure} Figure
 * @typedef {import('./api.js').RequestFigures} RequestFigures
 * @typedef {import('./api.js').RequestsReport} RequestsReport
 */

/** The report's three rates, in the order shown. */
export const REQUEST_RATES = /** @type {const} */ (['dispatchedOnTime', 'resolvedOnTime', 'satisfied']);
/** The counts the summary shows. */
const SUMMARY_COUNTS = /** @type {const} */ (['received', 'open', 'overdue', 'resolved', 'rated', 'returned', 'escalated']);

/** @param {Figure} fig @param {string} key */
const rateCell = (fig, key) => h('td', { class: 'rate-cell', dataset: { rate: key } }, h('span', { class: 'rate' }, pct(fig.rate)), h('span', { class: 'ci' }, intervalText(fig)));

/** @param {RequestFigures} f */
const cells = (f) => [
  h('td', {}, count(f.received)), h('td', {}, count(f.open)), h('td', { class: f.overdue ? 'warn' : null }, count(f.overdue)),
  ...REQUEST_RATES.map((key) => rateCell(f.rates[key], `request-${key}`)), h('td', {}, count(f.returned)), h('td', {}, count(f.escalated)),
];

/**
 * A table of rows named by their first cell, with the total below.
 * @param {string} id @param {string} title @param {{ key: string, name: string, figures: RequestFigures }[]} rows @param {RequestFigures} total
 */
function figuresTable(id, title, rows, total) {
  const head = [title, t('count.received'), t('count.open'), t('count.overdue'), ...REQUEST_RATES.map((k) => t(`request.${k}`)), t('count.returned'), t('count.escalated')];
  const table = h('table', { class: 'figures', id },
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { key: r.key } }, h('th', { scope: 'row' }, r.name), cells(r.figures)))),
    h('tfoot', {}, h('tr', { dataset: { key: '' } }, h('th', { scope: 'row' }, t('total')), cells(total))));
  return h('section', { class: 'card wide', id: `${id}-card` }, h('h2', {}, t(`${id}.title`)), scrollBox(t(`${id}.title`), table));
}

/** @param {RequestsReport} report @returns {HTMLElement[]} */
export function requestsSections(report) {
  const f = report.total;
  const summary = h('section', { class: 'card headline', id: 'req-summary' },
    h('h2', {}, t('requestsTitle')),
    h('div', { class: 'big' }, REQUEST_RATES.map((key) => h('div', { class: 'figure' },
      h('span', { class: 'label' }, t(`request.${key}`)),
      h('span', { class: 'value', id: `req-rate-${key}` }, pct(f.rates[key].rate)),
      h('span', { class: 'sub', id: `req-interval-${key}` }, intervalText(f.rates[key]))))),
    h('div', { class: 'small' }, SUMMARY_COUNTS.map((key) => h('div', { class: 'figure' },
      h('span', { class: 'label' }, t(`count.${key}`)), h('span', { class: 'value', id: `req-count-${key}` }, count(f[key]))))),
    h('p', { class: 'note' }, t('requestsNote')));
  return [
    summary,
    figuresTable('req-agencies', t('agency'), report.agencies.map((a) => ({ key: a.agencyId, name: a.name ?? a.agencyId, figures: a })), f),
    figuresTable('req-categories', t('category'), report.categories.map((c) => ({ key: c.category, name: label(`category.${c.category}`, c.category), figures: c })), f),
  ];
}
