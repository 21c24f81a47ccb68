// @ts-check
// The page's only contact with the outside: same-origin calls to the API with the link's token.
// The token lives in sessionStorage (this tab only) and never appears in a URL.
import { apiClient, enc } from './shared/api-client.js';
import { decodeToken } from './shared/token.js';

export { ApiError } from './shared/api-client.js';

const KEY = 'survey.invitation';

/** Moves `#t=<token>` from the address bar (and the history entry) into sessionStorage. */
export function takeTokenFromLink() {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromLink = params.get('t');
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

/**
 * @typedef {{ cid: string, sub: string, exp: number }} InvitationClaims
 */

/**
 * The claims of an invitation link's token, read (not verified: the server does that) to know the
 * campaign and expiry; null when it is not one.
 * @param {string} token
 * @returns {InvitationClaims | null}
 */
export function claimsOf(token) {
  const claims = decodeToken(token);
  return claims && typeof claims.cid === 'string' && typeof claims.sub === 'string' && typeof claims.exp === 'number'
    ? { ...claims, cid: claims.cid, sub: claims.sub, exp: claims.exp }
    : null;
}

/**
 * The answers the page reads, as far as it reads them (docs/api.md).
 * @typedef {'scheduled' | 'open' | 'closed' | 'published'} CampaignStatus
 * @typedef {{ id: string, label: string, negative?: boolean }} Level
 * @typedef {{ id: string, title: string, status: CampaignStatus, opensAt: string, closesAt: string,
 *   agencies: { id: string, name: string }[], questions: { id: string, text: string }[], scale: Level[] }} Campaign
 * @typedef {{ agencyId: string, rating: string, answers?: Record<string, string>, comment?: string, contactConsent?: boolean }} Evaluation
 * @typedef {{ agencyId: string, reason: string, at: string }} Invalidated
 * @typedef {{ caseId: string, agencyId: string, agencyName: string | null, status: 'open' | 'contacted' | 'reported' | 'escalated' | 'closed',
 *   round: number, level: string, comment: string | null, openedAt: string, contactDue: string, rectifyDue: string,
 *   report: { round: number, kind: string, actions: string, at: string } | null,
 *   followUp: { round: number, level: string, comment: string | null, at: string } | null,
 *   outcome: string | null }} Case the enterprise's rectification case (a bad review it gave), as the ballot lists it
 * @typedef {Case & { history: unknown[] }} CaseDetail the case as a step's route answers it: the same, with its history
 * @typedef {{ campaignId: string, evaluations: Evaluation[], invalidated: Invalidated[], cases: Case[] }} Ballot
 */

/** @param {string} token */
export function client(token) {
  const api = apiClient(() => token);
  /** @param {string} id */
  const base = (id) => `/v1/campaigns/${enc(id)}`;
  return {
    /** @param {string} id @returns {Promise<Campaign>} */
    campaign: (id) => api.get(base(id)),
    /** @param {string} id @returns {Promise<Ballot>} */
    ballot: (id) => api.get(`${base(id)}/evaluations`),
    /** @param {string} id @param {string} agencyId @param {Omit<Evaluation, 'agencyId'>} evaluation */
    save: (id, agencyId, evaluation) => api.put(`${base(id)}/evaluations/${enc(agencyId)}`, evaluation),
    /** @param {string} id @param {string} agencyId */
    withdraw: (id, agencyId) => api.delete(`${base(id)}/evaluations/${enc(agencyId)}`),
    /**
     * The enterprise's rating of a case's rectification (追评), answered with the case after it.
     * @param {string} caseId @param {{ level: string, comment?: string }} body @returns {Promise<CaseDetail>}
     */
    followUp: (caseId, body) => api.post(`/v1/rectification/cases/${enc(caseId)}/follow-up`, body),
  };
}
