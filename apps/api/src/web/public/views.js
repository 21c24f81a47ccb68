// @ts-check
// The page's sections, each built from one API answer: the headline, the rankings, an agency's
// questions and segments. Text is set with textContent only (names come from the data).
import { badReviewChart, rankedBarChart, trendChart } from './charts.js';
import { count, fixed1, h, pct, pValue, range, scrollBox, signed } from './dom.js';
import { currentLang, t } from './i18n.js';

/**
 * @typedef {import('./api.js').Report} Report
 * @typedef {import('./api.js').RankedAgency} RankedAgency
 * @typedef {import('./api.js').AgencyDetail} AgencyDetail
 * @typedef {import('./api.js').Cell} Cell
 * @typedef {{ card: HTMLElement, draw: () => void }} DrawnSection a section, and what draws its chart once it is in the page
 */

/** @param {string} id @param {string} label @param {string} value @param {Node | null} [extra] */
const figure = (id, label, value, extra) => h('div', { class: 'figure' }, h('span', { class: 'label' }, label), h('span', { class: 'value', id }, value), extra ?? null);

/**
 * "+12.0 points · significant (p = 0.0000)", or why there is no change to show.
 * @param {import('./api.js').Change | null} change
 */
export function changeText(change) {
  if (!change) return t('noPrevious');
  const verdict = change.comparable === false ? t('notComparable') : change.significant ? t('significant') : t('notSignificant');
  return `${t('points', { p: signed(change.points) })} · ${verdict} (${t('pValue', { p: pValue(change.pValue) })})`;
}

/**
 * The headline of a report (analysts' or published): rate, interval, change in points and the rest.
 * @param {Report} report
 * @param {{ note?: string }} [options]
 */
export function headlineSection(report, { note } = {}) {
  const previous = report.previous ? t('vsPrevious', { year: report.previous.year, rate: pct(report.previous.rate) }) : null;
  return h('section', { class: 'card headline', id: 'headline' },
    h('div', { class: 'big' },
      figure('headline-rate', t('satisfaction'), pct(report.satisfaction.rate)),
      figure('headline-interval', t('interval'), range(report.satisfaction)),
      figure('headline-change', t('change'), changeText(report.change), previous ? h('span', { class: 'sub' }, previous) : null)),
    h('div', { class: 'small' },
      figure('headline-respondents', t('respondents'), count(report.respondents)),
      figure('headline-evaluations', t('evaluations'), count(report.evaluations)),
      figure('headline-mean', t('meanScore'), fixed1(report.meanScore)),
      figure('headline-bad', t('badReviewRate'), pct(report.badReviewRate))),
    note ? h('p', { class: 'note' }, note) : null);
}

/** @param {string} id @param {string} title @param {Node | null} [extra] @param {{ wide?: boolean }} [options] */
function chartCard(id, title, extra, { wide = false } = {}) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': title });
  return { canvas, card: h('section', { class: wide ? 'card wide' : 'card' }, h('h2', {}, title), extra ?? null, h('div', { class: 'chart' }, canvas)) };
}

/**
 * A trends answer `{ test, series }` as a line chart; the note names the test behind "significant".
 * @param {string} id @param {string} title @param {import('./api.js').Trends} trends
 * @returns {DrawnSection}
 */
export function trendSection(id, title, trends) {
  const { card, canvas } = chartCard(id, title, trends.test ? h('p', { class: 'note' }, t('testNote', { test: trends.test })) : null, { wide: true });
  return { card, draw: () => trendChart(canvas, trends.series) };
}

/** @param {RankedAgency[]} agencies */
const agencyRows = (agencies) => agencies.map((a) => ({ ...a, label: `${a.rank}. ${a.name}` }));

/**
 * Agencies ranked by satisfaction with their intervals; `onPick(agencyId)` opens one.
 * @param {Report} report
 * @param {{ onPick?: (agencyId: string) => void }} [options]
 * @returns {DrawnSection}
 */
export function agenciesSection(report, { onPick } = {}) {
  const rows = agencyRows(report.agencies);
  const picker = onPick
    ? h('label', { class: 'picker' }, h('span', {}, t('agencyPicker')),
        h('select', { id: 'agency', onchange: (/** @type {Event} */ e) => e.target instanceof HTMLSelectElement && e.target.value && onPick(e.target.value) },
          h('option', { value: '' }, t('chooseAgency')),
          report.agencies.map((a) => h('option', { value: a.agencyId }, a.name))))
    : null;
  const { card, canvas } = chartCard('agencies-chart', t('agenciesRanked'), picker);
  return { card, draw: () => rankedBarChart(canvas, rows, { onPick: onPick && ((row) => onPick(row.agencyId)) }) };
}

/**
 * The bad-review ranking the evaluation rules ask to publish: the published results carry it
 * (`badReviewRanking`, lowest rate first, equal rates sharing a rank). The analysts' headline
 * does not, so its agencies are ordered by the same rule here.
 * @param {Report} report
 */
export function badReviewRows(report) {
  const ranking = report.badReviewRanking ?? sameRule(report.agencies);
  return ranking.map((a) => ({ ...a, label: `${a.rank}. ${a.name}` }));
}

/** @param {RankedAgency[]} agencies @returns {import('./api.js').BadReviewRank[]} */
function sameRule(agencies) {
  const key = (/** @type {RankedAgency} */ a) => a.badReviewRate ?? Infinity;
  const sorted = [...agencies].sort((a, b) => key(a) - key(b) || (a.agencyId < b.agencyId ? -1 : 1));
  return sorted.map((a) => ({ agencyId: a.agencyId, name: a.name, badReviewRate: a.badReviewRate, rank: 1 + sorted.filter((o) => key(o) < key(a)).length }));
}

/** @param {Report} report @returns {DrawnSection} */
export function badReviewSection(report) {
  const rows = badReviewRows(report);
  const { card, canvas } = chartCard('bad-review-chart', t('badReviewRanking'));
  return { card, draw: () => badReviewChart(canvas, rows) };
}

/**
 * The published ranking as a table too: rank, agency, rate, interval, n, bad-review rate.
 * @param {Report} report
 */
export function rankingTable(report) {
  const badRank = new Map(badReviewRows(report).map((r) => [r.agencyId, r.rank]));
  const head = [t('rank'), t('agency'), t('satisfaction'), t('interval'), 'n', t('badReviewRate'), t('badReviewRank')];
  return h('section', { class: 'card wide' }, h('h2', {}, t('rankingTable')), scrollBox(t('rankingTable'),
    h('table', { class: 'ranking', id: 'ranking-table' },
      h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))),
      h('tbody', {}, report.agencies.map((a) => h('tr', { dataset: { agency: a.agencyId } },
        h('td', {}, String(a.rank)), h('td', {}, a.name), h('td', {}, pct(a.satisfaction.rate)),
        h('td', {}, range(a.satisfaction)), h('td', {}, count(a.satisfaction.n)), h('td', {}, pct(a.badReviewRate)),
        h('td', {}, String(badRank.get(a.agencyId) ?? '—'))))))));
}

/**
 * One agency: its figures, questions (as a ranked chart) and segment tables with suppressed cells.
 * @param {AgencyDetail} detail
 * @param {{ questionText: (questionId: string) => string, onBack: () => void }} options
 */
export function agencySections(detail, { questionText, onBack }) {
  /** @type {HTMLElement[]} */
  const sections = [];
  sections.push(h('p', { class: 'wide' }, h('a', { href: '#', id: 'back', onclick: (/** @type {Event} */ e) => { e.preventDefault(); onBack(); } }, `← ${t('back')}`)));
  sections.push(h('section', { class: 'card headline', id: 'agency-headline' },
    h('h2', { id: 'agency-name' }, detail.name ?? detail.agencyId),
    h('div', { class: 'big' },
      figure('agency-rate', t('satisfaction'), pct(detail.satisfaction?.rate)),
      figure('agency-interval', t('interval'), range(detail.satisfaction)),
      figure('agency-change', t('change'), changeText(detail.change),
        detail.previous ? h('span', { class: 'sub' }, t('vsPrevious', { year: detail.previous.year, rate: pct(detail.previous.rate) })) : null)),
    h('div', { class: 'small' },
      figure('agency-n', 'n', count(detail.satisfaction?.n)),
      figure('agency-mean', t('meanScore'), fixed1(detail.meanScore)),
      figure('agency-bad', t('badReviewRate'), pct(detail.badReviewRate)))));
  /** @type {(() => void)[]} */
  const draws = [];
  if (detail.questions?.length) {
    const rows = detail.questions.map((q) => ({
      ...q,
      satisfaction: q.satisfaction ?? { rate: null, low: null, high: null, n: 0 },
      label: `${q.text ?? questionText(q.questionId)}${q.suppressed ? ` (${t('suppressed')})` : ''}`,
    }));
    const { card, canvas } = chartCard('questions-chart', t('questions'));
    sections.push(card);
    draws.push(() => rankedBarChart(canvas, rows));
  }
  if (!detail.segments && detail.segmentsOmitted) sections.push(h('section', { class: 'card' }, h('h2', {}, t('segments')), h('p', { class: 'note' }, detail.segmentsOmitted)));
  if (detail.segments) {
    sections.push(h('section', { class: 'card', id: 'segments' }, h('h2', {}, t('segments')),
      h('p', { class: 'note' }, t('suppressedNote', { k: detail.suppressionK })),
      h('div', { class: 'tables' }, Object.entries(detail.segments).map(([dimension, cells]) => segmentTable(dimension, cells)))));
  }
  return { sections, draw: () => draws.forEach((d) => d()) };
}

/** @param {string} dimension @param {Cell[]} cells */
function segmentTable(dimension, cells) {
  const valueLabel = (/** @type {string} */ v) => (dimension === 'size' ? t(v) : v);
  return h('table', { class: 'segment', dataset: { dimension } },
    h('caption', {}, t(dimension)),
    h('thead', {}, h('tr', {}, [t('value'), 'n', t('satisfaction'), t('interval')].map((c) => h('th', {}, c)))),
    h('tbody', {}, cells.map((cell) => cell.suppressed
      ? h('tr', { class: 'suppressed', dataset: { value: cell.value } }, h('td', {}, valueLabel(cell.value)), h('td', { colspan: 3 }, t('suppressed')))
      : h('tr', { dataset: { value: cell.value } }, h('td', {}, valueLabel(cell.value)), h('td', {}, count(cell.n)),
          h('td', {}, pct(cell.satisfaction?.rate)), h('td', {}, range(cell.satisfaction))))));
}

/** @param {string} iso */
export const dateText = (iso) => new Date(iso).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
