// The page's only contact with the outside: same-origin calls to the API with the link's token.
// The token lives in sessionStorage (this tab only) and never appears in a URL.

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

/** The claims of the token, read (not verified: the server does that) to know the campaign and expiry. */
export function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    return typeof claims.cid === 'string' && typeof claims.sub === 'string' && typeof claims.exp === 'number' ? claims : null;
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function client(token) {
  async function call(method, path, body) {
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), referrerPolicy: 'no-referrer', cache: 'no-store' });
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }
  const base = (id) => `/v1/campaigns/${encodeURIComponent(id)}`;
  return {
    campaign: (id) => call('GET', base(id)),
    ballot: (id) => call('GET', `${base(id)}/evaluations`),
    save: (id, agencyId, evaluation) => call('PUT', `${base(id)}/evaluations/${encodeURIComponent(agencyId)}`, evaluation),
    withdraw: (id, agencyId) => call('DELETE', `${base(id)}/evaluations/${encodeURIComponent(agencyId)}`),
  };
}
