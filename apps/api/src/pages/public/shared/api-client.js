// @ts-check
// How every page calls the API: same-origin JSON requests, the bearer token only when asked for
// and held, no cookies, no Referer, no cache. A problem+json answer becomes an ApiError that keeps
// the status and the problem, so a page can say what went wrong.

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ detail?: string, errors?: { field: string, message: string }[] } | null} problem the problem+json body, when the answer had one
   * @param {string} [statusText]
   */
  constructor(status, problem, statusText) {
    super(problem?.detail ?? (statusText || `HTTP ${status}`));
    this.status = status;
    this.problem = problem;
  }
}

/**
 * @typedef {{ body?: unknown, signed?: boolean, headers?: Record<string, string> }} CallOptions
 *   `body` is sent as JSON; `signed` (default true) sends the token, if there is one; `headers`
 *   adds a few (an Idempotency-Key).
 */

/**
 * A client for a page: `token()` gives the bearer token to send, or null for none.
 * @param {() => string | null} token
 */
export function apiClient(token) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {CallOptions} [options]
   * @returns {Promise<any>} the answer's JSON, or null for a 204
   */
  async function call(method, path, { body, signed = true, headers: extra = {} } = {}) {
    /** @type {Record<string, string>} */
    const headers = { ...extra, accept: 'application/json' };
    const bearer = signed ? token() : null;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store',
    });
    if (res.status === 204) return null;
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data, res.statusText);
    return data;
  }
  return {
    call,
    /** @param {string} path @param {CallOptions} [options] */
    get: (path, options) => call('GET', path, options),
    /** @param {string} path @param {unknown} body */
    put: (path, body) => call('PUT', path, { body }),
    /** @param {string} path @param {unknown} body */
    post: (path, body) => call('POST', path, { body }),
    /** @param {string} path */
    delete: (path) => call('DELETE', path),
  };
}

/** A path segment from an id: ids are text and may hold anything. */
export const enc = encodeURIComponent;
