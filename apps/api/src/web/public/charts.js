// @ts-check
// The dashboard's charts, all drawn by chart.js (loaded as its UMD build, the global `Chart`).
// Each canvas holds at most one chart: drawing again replaces it. Chart data are the API's figures
// as they came, so a test can read them back with Chart.getChart(canvas).data.
import { t } from './i18n.js';

/** chart.js's UMD build, which the page loads before its modules, leaves its class on the global object. */
const Chart = /** @type {typeof import('chart.js').Chart} */ (/** @type {any} */ (globalThis).Chart);

/**
 * @typedef {import('./api.js').Figure} Figure
 * @typedef {import('./api.js').TrendPoint} TrendPoint
 * @typedef {{ label: string, satisfaction: Figure }} RateRow a bar: its label and figure
 * @typedef {{ label: string, badReviewRate: number | null }} BadReviewRow
 */

const BLUE = '#2f6fb3';
const BLUE_LIGHT = 'rgba(47, 111, 179, 0.18)';
const INK = '#1d2733';
const RED = '#c2410c';

/**
 * @template {import('chart.js').ChartType} T
 * @param {HTMLCanvasElement} canvas
 * @param {import('chart.js').ChartConfiguration<T, any>} config
 */
function draw(canvas, config) {
  Chart.getChart(canvas)?.destroy();
  // Drawn at once (tests and screenshots read what is drawn), filling the box the page gives it.
  const options = /** @type {typeof config.options} */ ({ animation: false, maintainAspectRatio: false, ...config.options });
  return new Chart(canvas, { ...config, options });
}

/** @param {object} [extra] */
const percentAxis = (extra = {}) => ({ suggestedMin: 0, suggestedMax: 100, ticks: { callback: (/** @type {string | number} */ v) => `${v}%` }, ...extra });

/**
 * A series `[{ year, satisfaction: { rate, low, high }, change }]` as a line with its interval band.
 * @param {HTMLCanvasElement} canvas
 * @param {TrendPoint[]} series
 */
export function trendChart(canvas, series) {
  const labels = series.map((s) => String(s.year));
  return draw(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: t('rateSeries'), data: series.map((s) => s.satisfaction.rate), borderColor: BLUE, backgroundColor: BLUE, pointRadius: 4, tension: 0 },
        { label: `${t('ciSeries')} low`, data: series.map((s) => s.satisfaction.low), borderWidth: 0, pointRadius: 0, fill: false },
        { label: `${t('ciSeries')} high`, data: series.map((s) => s.satisfaction.high), borderWidth: 0, pointRadius: 0, backgroundColor: BLUE_LIGHT, fill: '-1' },
      ],
    },
    options: {
      scales: { y: percentAxis({ suggestedMin: undefined, suggestedMax: undefined }) },
      plugins: {
        legend: { labels: { filter: (item) => item.datasetIndex === 0 } },
        tooltip: { callbacks: { afterLabel: (ctx) => (ctx.datasetIndex === 0 ? changeNote(series[ctx.dataIndex].change) : '') } },
      },
    },
  });
}

/** @param {import('./api.js').Change | null} change */
function changeNote(change) {
  if (!change) return '';
  const sign = change.points > 0 ? '+' : '';
  const verdict = change.comparable === false ? t('notComparable') : change.significant ? t('significant') : t('notSignificant');
  return `${sign}${change.points.toFixed(1)} · ${verdict}`;
}

/**
 * Rates as horizontal bars, each with its 95% interval as a thin floating bar [low, high] drawn
 * over it (chart.js has no error bars; a floating bar is its own way to show a range).
 * @template {RateRow} R
 * @param {HTMLCanvasElement} canvas
 * @param {R[]} rows
 * @param {{ onPick?: (row: R) => void }} [options]
 */
export function rankedBarChart(canvas, rows, { onPick } = {}) {
  fitHeight(canvas, rows.length);
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [
        { label: t('rateSeries'), data: rows.map((r) => r.satisfaction.rate), backgroundColor: BLUE_LIGHT, borderColor: BLUE, borderWidth: 1 },
        {
          label: t('ciSeries'), data: rows.map((r) => (r.satisfaction.low === null ? null : [r.satisfaction.low, r.satisfaction.high])),
          backgroundColor: INK, grouped: false, barPercentage: 0.18,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: percentAxis() },
      onClick: onPick ? (_event, elements) => elements.length && onPick(rows[elements[0].index]) : undefined,
      plugins: { tooltip: { callbacks: { afterLabel: (ctx) => `n = ${rows[ctx.dataIndex].satisfaction.n}` } } },
    },
  });
}

/**
 * Bad-review rates as horizontal bars, in the order given.
 * @param {HTMLCanvasElement} canvas
 * @param {BadReviewRow[]} rows
 */
export function badReviewChart(canvas, rows) {
  fitHeight(canvas, rows.length);
  return draw(canvas, {
    type: 'bar',
    data: { labels: rows.map((r) => r.label), datasets: [{ label: t('badSeries'), data: rows.map((r) => r.badReviewRate), backgroundColor: RED }] },
    options: { indexAxis: 'y', scales: { x: { suggestedMin: 0, ticks: { callback: (/** @type {string | number} */ v) => `${v}%` } } } },
  });
}

/**
 * Counts per month as bars side by side (the requests received and resolved each month), oldest first.
 * @param {HTMLCanvasElement} canvas
 * @param {{ month: string, received: number, resolved: number }[]} months
 */
export function monthlyChart(canvas, months) {
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: months.map((m) => m.month),
      datasets: [
        { label: t('count.received'), data: months.map((m) => m.received), backgroundColor: BLUE_LIGHT, borderColor: BLUE, borderWidth: 1 },
        { label: t('count.resolved'), data: months.map((m) => m.resolved), backgroundColor: BLUE },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

/** A bar chart's box grows with its bars. @param {HTMLCanvasElement} canvas @param {number} bars */
function fitHeight(canvas, bars) {
  if (canvas.parentElement) canvas.parentElement.style.height = `${Math.max(160, 26 * bars + 60)}px`;
}
