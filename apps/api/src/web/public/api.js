// Reads the API from the page: the analyst's token is kept in sessionStorage (this tab only) and
// sent as a bearer header, never in a URL. Without a token only the public routes are called.
const TOKEN_KEY = 'survey.token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value) => sessionStorage.setItem(TOKEN_KEY, value);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** The role claimed by the token, for display only (the API checks the signature). */
export function tokenRole(jwt) {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.role === 'string' ? payload.role : null;
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** GET a JSON resource; `signed` sends the token. A problem+json answer becomes an ApiError. */
export async function getJson(path, { signed = false } = {}) {
  const headers = { accept: 'application/json' };
  if (signed && token()) headers.authorization = `Bearer ${token()}`;
  const res = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.detail ?? res.statusText);
  return body;
}

const enc = encodeURIComponent;

export const api = {
  campaigns: () => getJson('/v1/campaigns', { signed: true }),
  publishedCampaigns: () => getJson('/v1/public/campaigns'),
  headline: (id) => getJson(`/v1/reports/campaigns/${enc(id)}`, { signed: true }),
  trends: (agencyId) => getJson(`/v1/reports/trends${agencyId ? `?agencyId=${enc(agencyId)}` : ''}`, { signed: true }),
  agency: (id, agencyId) => getJson(`/v1/reports/campaigns/${enc(id)}/agencies/${enc(agencyId)}`, { signed: true }),
  publicResults: (id) => getJson(`/v1/public/campaigns/${enc(id)}/results`),
};
