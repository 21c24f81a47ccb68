// @ts-check
// The API as the dashboard reads it: the analyst's token is kept in sessionStorage (this tab only)
// and sent as a bearer header, never in a URL. Without a token only the public routes are called.
import { apiClient, enc } from './shared/api-client.js';
import { decodeToken } from './shared/token.js';

export { ApiError } from './shared/api-client.js';

const TOKEN_KEY = 'survey.token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
/** @param {string} value */
export const setToken = (value) => sessionStorage.setItem(TOKEN_KEY, value);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

/**
 * The role claimed by the token, for display only (the API checks the signature).
 * @param {string} jwt
 */
export function tokenRole(jwt) {
  const role = decodeToken(jwt)?.role;
  return typeof role === 'string' ? role : null;
}

/**
 * The answers the dashboard reads (the API's shapes: docs/api.md), as far as it reads them.
 * @typedef {{ rate: number | null, low: number | null, high: number | null, n: number }} Figure
 * @typedef {{ points: number, pValue: number, significant: boolean, comparable?: boolean }} Change
 * @typedef {{ id: string, year: number, title: string, status?: string, publishedAt?: string,
 *   questions?: { id: string, text: string }[], agencies?: { id: string, name: string }[] }} Campaign
 * @typedef {{ agencyId: string, name: string, rank: number, satisfaction: Figure, badReviewRate: number | null }} RankedAgency
 * @typedef {{ agencyId: string, name: string, rank: number, badReviewRate: number | null }} BadReviewRank
 * @typedef {{ campaignId: string, year: number, respondents: number, evaluations: number, satisfaction: Figure,
 *   meanScore: number | null, badReviewRate: number | null, previous: { year: number, rate: number } | null,
 *   change: Change | null, agencies: RankedAgency[], asOf: { position: string },
 *   badReviewRanking?: BadReviewRank[] }} Report
 * @typedef {Report & { publishedAt: string, badReviewRanking: BadReviewRank[] }} PublishedResults
 * @typedef {{ year: number, satisfaction: Figure, change: Change | null }} TrendPoint
 * @typedef {{ test?: string, series: TrendPoint[] }} Trends
 * @typedef {{ value: string, suppressed?: boolean, n?: number, satisfaction?: Figure }} Cell
 * @typedef {{ questionId: string, text?: string, suppressed?: boolean, satisfaction?: Figure }} QuestionFigure
 * @typedef {{ agencyId: string, name?: string, satisfaction?: Figure, meanScore: number | null,
 *   badReviewRate: number | null, previous: { year: number, rate: number } | null, change: Change | null,
 *   questions?: QuestionFigure[], segments: Record<string, Cell[]> | null, segmentsOmitted?: string,
 *   suppressionK: number }} AgencyDetail
 * @typedef {{ cases: number, contacted: number, contactedOnTime: number, reported: number, rectifiedOnTime: number,
 *   followUps: number, followUpSatisfied: number, appeals: number, appealsUpheld: number, open: number, overdue: number,
 *   rates: { contactedOnTime: Figure, rectifiedOnTime: Figure, followUpSatisfied: Figure } }} CaseFigures
 * @typedef {{ campaignId: string, agencies: (CaseFigures & { agencyId: string, name: string | null })[], total: CaseFigures }} RectificationReport
 * @typedef {{ cases: number, closed: number, rectifiedRate: Figure, onTimeRate: Figure }} PublicCaseFigures
 * @typedef {{ campaignId: string, publishedAt: string, agencies: (PublicCaseFigures & { agencyId: string, name: string | null })[],
 *   total: PublicCaseFigures }} PublicRectification
 * @typedef {{ received: number, dispatchedOnTime: number, accepted: number, returned: number, resolved: number,
 *   resolvedOnTime: number, rated: number, satisfied: number, open: number, overdue: number, escalated: number,
 *   rates: { dispatchedOnTime: Figure, resolvedOnTime: Figure, satisfied: Figure } }} RequestFigures
 * @typedef {{ from: string | null, to: string | null, agencies: (RequestFigures & { agencyId: string, name: string | null })[],
 *   categories: (RequestFigures & { category: string })[], months: (RequestFigures & { month: string })[],
 *   total: RequestFigures }} RequestsReport
 * @typedef {{ received: number, resolved: number, resolvedOnTimeRate: Figure, satisfactionRate: Figure }} PublicRequestFigures
 * @typedef {{ year: number | null, categories: (PublicRequestFigures & { category: string })[],
 *   total: PublicRequestFigures }} PublicRequests
 */

const client = apiClient(token);
/** @param {string} path */
const signed = (path) => client.get(path);
/** @param {string} path */
const open = (path) => client.get(path, { signed: false });

export const api = {
  /** @returns {Promise<{ campaigns: Campaign[] }>} */
  campaigns: () => signed('/v1/campaigns'),
  /** @returns {Promise<{ campaigns: Campaign[] }>} */
  publishedCampaigns: () => open('/v1/public/campaigns'),
  /** @param {string} id @returns {Promise<Report>} */
  headline: (id) => signed(`/v1/reports/campaigns/${enc(id)}`),
  /** @param {string} [agencyId] @returns {Promise<Trends>} */
  trends: (agencyId) => signed(`/v1/reports/trends${agencyId ? `?agencyId=${enc(agencyId)}` : ''}`),
  /** @param {string} id @param {string} agencyId @returns {Promise<AgencyDetail>} */
  agency: (id, agencyId) => signed(`/v1/reports/campaigns/${enc(id)}/agencies/${enc(agencyId)}`),
  /** @param {string} id @returns {Promise<PublishedResults>} */
  publicResults: (id) => open(`/v1/public/campaigns/${enc(id)}/results`),
  /** @param {string} id @returns {Promise<RectificationReport>} */
  rectification: (id) => signed(`/v1/reports/rectification?campaignId=${enc(id)}`),
  /**
   * The routes the API describes (its OpenAPI document): a view whose route another release brings
   * is offered only once the API has it, without a 404 in the console of every page until then.
   * @returns {Promise<Set<string>>}
   */
  routes: async () => new Set(Object.keys((await open('/docs/openapi.json'))?.paths ?? {})),
  /**
   * Requests over a span of local days (each end optional: unbounded), per agency, category and
   * month (CLOSED-LOOP.md "Report shapes").
   * @param {{ from?: string, to?: string }} [span] @returns {Promise<RequestsReport>}
   */
  requests: ({ from = '', to = '' } = {}) => {
    const query = new URLSearchParams(Object.entries({ from, to }).filter(([, v]) => v)).toString();
    return signed(`/v1/reports/requests${query ? `?${query}` : ''}`);
  },
  /** The public totals of a year's requests, per category and in all. @param {number} year @returns {Promise<PublicRequests>} */
  publicRequests: (year) => open(`/v1/public/requests?year=${enc(String(year))}`),
  /** @param {string} id @returns {Promise<PublicRectification>} */
  publicRectification: (id) => open(`/v1/public/rectification?campaignId=${enc(id)}`),
};
