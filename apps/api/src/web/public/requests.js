// @ts-check
// The requests view (诉求, the "113" mechanism, CLOSED-LOOP.md "Report shapes"): enterprises'
// requests over a span of days (all time unless chosen), in all, per agency, per category and per
// month, from GET /v1/reports/requests. The page offers it only when the API describes that route
// (dashboard.js). And the public page's yearly totals per category (GET /v1/public/requests).
import { monthlyChart } from './charts.js';
import { count, h, pct, scrollBox } from './dom.js';
import { label, t } from './i18n.js';
import { intervalText } from './rectification.js';

/**
 * @typedef {import('./api.js').Figure} Figure
 * @typedef {import('./api.js').RequestFigures} RequestFigures
 * @typedef {import('./api.js').RequestsReport} RequestsReport
 * @typedef {import('./api.js').PublicRequests} PublicRequests
 * @typedef {import('./api.js').PublicRequestFigures} PublicRequestFigures
 * @typedef {{ from: string, to: string }} Span days `YYYY-MM-DD`, either empty for unbounded
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

/**
 * The span's two day pickers, applied together (a form: Enter or the button), so that a half-typed
 * date never asks the API.
 * @param {Span} span @param {(span: Span) => void} onSpan
 */
function spanForm(span, onSpan) {
  const day = (/** @type {'from' | 'to'} */ key) => h('label', { class: 'picker' }, h('span', {}, t(`span.${key}`)),
    h('input', { type: 'date', id: `req-${key}`, name: key, value: span[key] }));
  return h('form', { class: 'span', id: 'req-span', onsubmit: (/** @type {SubmitEvent} */ e) => {
    e.preventDefault();
    const data = new FormData(/** @type {HTMLFormElement} */ (e.currentTarget));
    onSpan({ from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') });
  } }, day('from'), day('to'), h('button', { type: 'submit', id: 'req-span-apply' }, t('span.apply')));
}

/**
 * The staff view: a summary of the span's requests, then every agency, category and month in
 * tables, the months also as a chart (drawn by `draw` once the sections are in the page).
 * @param {RequestsReport} report @param {{ span: Span, onSpan: (span: Span) => void }} options
 * @returns {{ sections: HTMLElement[], draw: () => void }}
 */
export function requestsSections(report, { span, onSpan }) {
  const f = report.total;
  const title = report.from || report.to ? t('requestsSpanTitle', { from: report.from ?? '…', to: report.to ?? '…' }) : t('requestsTitle');
  const summary = h('section', { class: 'card headline', id: 'req-summary' },
    h('div', { class: 'card-head' }, h('h2', { id: 'req-title' }, title), spanForm(span, onSpan)),
    h('div', { class: 'big' }, REQUEST_RATES.map((key) => h('div', { class: 'figure' },
      h('span', { class: 'label' }, t(`request.${key}`)),
      h('span', { class: 'value', id: `req-rate-${key}` }, pct(f.rates[key].rate)),
      h('span', { class: 'sub', id: `req-interval-${key}` }, intervalText(f.rates[key]))))),
    h('div', { class: 'small' }, SUMMARY_COUNTS.map((key) => h('div', { class: 'figure' },
      h('span', { class: 'label' }, t(`count.${key}`)), h('span', { class: 'value', id: `req-count-${key}` }, count(f[key]))))),
    h('p', { class: 'note' }, t('requestsNote')));
  const canvas = h('canvas', { id: 'req-months-chart', role: 'img', 'aria-label': t('req-months.chart') });
  const chart = h('section', { class: 'card wide', id: 'req-months-chart-card' }, h('h2', {}, t('req-months.chart')), h('div', { class: 'chart' }, canvas));
  const sections = [
    summary,
    figuresTable('req-agencies', t('agency'), report.agencies.map((a) => ({ key: a.agencyId, name: a.name ?? a.agencyId, figures: a })), f),
    figuresTable('req-categories', t('category'), report.categories.map((c) => ({ key: c.category, name: label(`category.${c.category}`, c.category), figures: c })), f),
    // The monthly trend: each month's steps, oldest first (a month a request reached no step still has its row).
    chart,
    figuresTable('req-months', t('month'), report.months.map((m) => ({ key: m.month, name: m.month, figures: m })), f),
  ];
  return { sections, draw: () => monthlyChart(canvas, report.months) };
}

/**
 * The view when the report is refused or fails (e.g. a span whose `to` is before its `from`):
 * it says so, with the day pickers to choose another span.
 * @param {number} status @param {{ span: Span, onSpan: (span: Span) => void }} options
 */
export const requestsUnavailable = (status, { span, onSpan }) => h('section', { class: 'card headline unavailable', id: 'requests-unavailable' },
  h('div', { class: 'card-head' }, h('h2', {}, t('requestsTitle')), spanForm(span, onSpan)), h('p', {}, t('notAvailable', { status })));

/** A public row: received, resolved, and the two rates with their intervals. @param {PublicRequestFigures} f */
const publicCells = (f) => [h('td', {}, count(f.received)), h('td', {}, count(f.resolved)),
  rateCell(f.resolvedOnTimeRate, 'resolvedOnTimeRate'), rateCell(f.satisfactionRate, 'satisfactionRate')];

/**
 * The public totals of a year's requests per category and in all (no text, no agency, no
 * enterprise: the route gives none). The year picker redraws only this card's table; a failed
 * call says so in the card, and the rest of the page stays as it is.
 * @param {{ ok: true, value: PublicRequests } | { ok: false, status: number }} first the chosen year's answer
 * @param {{ years: number[], year: number, load: (year: number) => Promise<{ ok: true, value: PublicRequests } | { ok: false, status: number }> }} options
 */
export function publicRequestsSection(first, { years, year, load }) {
  const body = h('div', { id: 'public-req-body' });
  const fill = (/** @type {typeof first} */ answer) => body.replaceChildren(answer.ok
    ? scrollBox(t('publicReqTitle'), h('table', { class: 'figures', id: 'public-req-table', dataset: { year: String(answer.value.year) } },
        h('thead', {}, h('tr', {}, [t('category'), t('count.received'), t('count.resolved'), t('request.resolvedOnTime'), t('request.satisfied')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, answer.value.categories.map((c) => h('tr', { dataset: { key: c.category } }, h('th', { scope: 'row' }, label(`category.${c.category}`, c.category)), publicCells(c)))),
        h('tfoot', {}, h('tr', { dataset: { key: '' } }, h('th', { scope: 'row' }, t('total')), publicCells(answer.value.total)))))
    : h('p', { class: 'unavailable', id: 'public-requests-unavailable' }, answer.status ? t('notAvailable', { status: answer.status }) : t('notAvailableNoAnswer')));
  const picker = h('select', { id: 'public-req-year', onchange: async (/** @type {Event} */ e) => {
    if (!(e.target instanceof HTMLSelectElement)) return;
    const asked = Number(e.target.value);
    const answer = await load(asked);
    // A later choice may have been answered first: only the picker's current year is drawn.
    if (picker.value === String(asked)) fill(answer);
  } }, years.map((y) => h('option', { value: String(y), selected: y === year }, String(y))));
  fill(first);
  return h('section', { class: 'card wide', id: 'public-requests' },
    h('div', { class: 'card-head' }, h('h2', {}, t('publicReqTitle')), h('label', { class: 'picker' }, h('span', {}, t('year')), picker)),
    h('p', { class: 'note' }, t('publicReqNote')), body);
}
