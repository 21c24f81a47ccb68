// @ts-check
// The screens the page can show: a campaign's overview, one agency, the rectification cases and
// the enterprises' requests (signed in), and a campaign's published results. Each fetches what it needs, then replaces the view in one step,
// unless `ctx.stale()` says the reader has moved on meanwhile.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { publicRectificationSection, rectificationSections } from './rectification.js';
import { publicRequestsSection, requestsSections, requestsUnavailable } from './requests.js';
import { agenciesSection, agencySections, badReviewSection, dateText, headlineSection, rankingTable, trendSection } from './views.js';

/**
 * What every screen is given by the page: where to draw, how to move to another address, whether
 * the reader has moved on since it started, and the campaigns the picker offers.
 * @typedef {import('./api.js').Campaign} Campaign
 * @typedef {'satisfaction' | 'rectification' | 'requests'} ViewName
 * @typedef {{ view: HTMLElement, go: (campaignId: string, agencyId?: string, view?: ViewName) => void,
 *   href: (campaignId: string, agencyId?: string, view?: ViewName) => string, stale: () => boolean,
 *   campaigns: Campaign[] }} ScreenContext
 */

/** @param {Campaign} campaign @param {ScreenContext} context */
export async function overview(campaign, { view, go, stale }) {
  const [report, trends] = await Promise.all([api.headline(campaign.id), optional(api.trends())]);
  if (stale()) return;
  const agencies = agenciesSection(report, { onPick: (agencyId) => go(campaign.id, agencyId) });
  const parts = [headlineSection(report, { note: t('asOf', { position: report.asOf.position }) })];
  const trend = trends.ok
    ? trendSection('trend-chart', t('trend'), trends.value)
    : { card: unavailable('trend-chart', t('trend'), trends.status), draw: () => {} };
  parts.push(trend.card);
  parts.push(agencies.card);
  const bad = badReviewSection(report);
  parts.push(bad.card);
  view.replaceChildren(...parts);
  trend.draw();
  agencies.draw();
  bad.draw();
}

/** @param {Campaign} campaign @param {string} agencyId @param {ScreenContext} context */
export async function agency(campaign, agencyId, { view, go, stale }) {
  const [detail, trends] = await Promise.all([optional(api.agency(campaign.id, agencyId)), optional(api.trends(agencyId))]);
  if (stale()) return;
  const back = () => go(campaign.id);
  if (!detail.ok) {
    view.replaceChildren(h('p', { class: 'wide' }, h('a', { href: '#', id: 'back', onclick: (/** @type {Event} */ e) => { e.preventDefault(); back(); } }, `← ${t('back')}`)), unavailable('agency', agencyId, detail.status));
    return;
  }
  const texts = new Map((campaign.questions ?? []).map((q) => [q.id, q.text]));
  const { sections, draw } = agencySections(detail.value, { questionText: (id) => texts.get(id) ?? id, onBack: back });
  const name = detail.value.name ?? campaign.agencies?.find((a) => a.id === agencyId)?.name ?? agencyId;
  const trend = trends.ok ? trendSection('agency-trend-chart', t('agencyTrend', { name }), trends.value) : null;
  view.replaceChildren(...sections.slice(0, 2), ...(trend ? [trend.card] : []), ...sections.slice(2));
  trend?.draw();
  draw();
}

/**
 * How a campaign's bad reviews are being handled (GET /v1/reports/rectification), in all or for
 * one agency; the table below lists every agency.
 * @param {Campaign} campaign @param {string} agencyId @param {ScreenContext} context
 */
export async function rectification(campaign, agencyId, { view, go, href, stale }) {
  const report = await api.rectification(campaign.id);
  if (stale()) return;
  view.replaceChildren(...rectificationSections(report, {
    agencyId,
    href: (id) => href(campaign.id, id, 'rectification'),
    onPick: (id) => go(campaign.id, id, 'rectification'),
  }));
}

/**
 * Enterprises' requests (GET /v1/reports/requests) over the span of days in the address (all time
 * unless chosen), whatever the campaign chosen. Choosing a span moves to its address, so the view
 * can be kept, shared and gone back to like the others.
 * @param {Campaign} campaign @param {import('./requests.js').Span} span @param {ScreenContext} context
 */
export async function requests(campaign, span, { view, href, stale }) {
  const report = await optional(api.requests(span));
  if (stale()) return;
  const onSpan = (/** @type {import('./requests.js').Span} */ next) => {
    const query = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
    location.hash = `${href(campaign.id, '', 'requests')}${query ? `&${query}` : ''}`;
  };
  // A span the API refuses (e.g. `to` before `from`) says so, with the pickers to mend it.
  if (!report.ok) return view.replaceChildren(requestsUnavailable(report.status, { span, onSpan }));
  const { sections, draw } = requestsSections(report.value, { span, onSpan });
  view.replaceChildren(...sections);
  draw();
}

/** The years the public requests' picker offers: this year back to the earliest published campaign's. @param {Campaign[]} campaigns */
const requestYears = (campaigns) => {
  const last = Math.max(new Date().getFullYear(), ...campaigns.map((c) => c.year));
  const first = Math.min(last, ...campaigns.map((c) => c.year));
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
};
/** The year the reader last chose for the public requests, kept while the page is open (a language switch redraws it). */
let publicRequestYear = /** @type {number | null} */ (null);

/**
 * A campaign's published results; with two or more campaigns published, also the trend of the
 * published rates (each campaign's figures as frozen, the change as it published it).
 * @param {Campaign} campaign
 * @param {ScreenContext} context
 */
export async function published(campaign, { view, stale, campaigns }) {
  const others = campaigns.length > 1 ? campaigns.filter((c) => c.id !== campaign.id) : [];
  // Should the rectification table or the requests' totals fail, its card says so and the published results still show.
  // The requests are shown for the campaign's year until the reader picks another.
  const years = requestYears(campaigns);
  const year = publicRequestYear !== null && years.includes(publicRequestYear) ? publicRequestYear : campaign.year;
  const loadRequests = (/** @type {number} */ y) => { publicRequestYear = y; return settled(api.publicRequests(y)); };
  const [cases, requestTotals, [results, ...earlier]] = await Promise.all([optional(api.publicRectification(campaign.id)), settled(api.publicRequests(year)),
    Promise.all([campaign, ...others].map((c) => api.publicResults(c.id)))]);
  if (stale()) return;
  const agencies = agenciesSection(results);
  const bad = badReviewSection(results);
  const series = [results, ...earlier].sort((a, b) => a.year - b.year);
  const trend = series.length > 1 ? trendSection('trend-chart', t('publishedTrend'), { series }) : null;
  view.replaceChildren(headlineSection(results, { note: t('publishedAt', { at: dateText(results.publishedAt) }) }),
    ...(trend ? [trend.card] : []), agencies.card, bad.card, rankingTable(results),
    cases.ok ? publicRectificationSection(cases.value) : unavailable('public-rectification', t('publicRectTitle'), cases.status),
    publicRequestsSection(requestTotals, { years, year, load: loadRequests }));
  trend?.draw();
  agencies.draw();
  bad.draw();
}

/**
 * A section whose route is not there (yet) or fails says so instead of breaking the page.
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<{ ok: true, value: T } | { ok: false, status: number }>}
 */
async function optional(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401 || error.status === 403) throw error;
    return { ok: false, status: error.status };
  }
}

/**
 * A public section's answer, whatever happens to its call: a refusal or failure of any kind
 * (status 0: no answer at all) is the section's to show, never the page's.
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<{ ok: true, value: T } | { ok: false, status: number }>}
 */
const settled = (promise) => promise.then((value) => ({ ok: /** @type {const} */ (true), value }),
  (error) => ({ ok: /** @type {const} */ (false), status: error instanceof ApiError ? error.status : 0 }));

/** @param {string} id @param {string} title @param {number} status */
const unavailable = (id, title, status) => h('section', { class: 'card unavailable', id: `${id}-unavailable` }, h('h2', {}, title), h('p', {}, t('notAvailable', { status })));
