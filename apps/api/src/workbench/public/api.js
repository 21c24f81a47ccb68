// @ts-check
// The API as the workbench calls it: the staff token pasted once, kept in this tab's sessionStorage
// (its own key: the dashboard's analyst token and a staff token are different people's) and sent as
// a bearer header. Its claims are read for display and to know which steps to offer; the API checks
// every one of them.
import { apiClient } from './shared/api-client.js';
import { decodeToken, heldToken } from './shared/token.js';

export { ApiError, enc } from './shared/api-client.js';

export const staffToken = heldToken('survey.staffToken');
export const api = apiClient(staffToken.get);

/**
 * Who the token says its holder is: the centre's staff, or an agency's (with its agencyId); null
 * for a token that is not one, or another role's.
 * @typedef {{ role: 'centre', sub: string } | { role: 'agency', sub: string, agencyId: string }} Staff
 * @param {string} jwt
 * @returns {Staff | null}
 */
export function staffOf(jwt) {
  const claims = decodeToken(jwt);
  const sub = typeof claims?.sub === 'string' ? claims.sub : '';
  if (claims?.role === 'centre') return { role: 'centre', sub };
  if (claims?.role === 'agency' && typeof claims.agencyId === 'string' && claims.agencyId) return { role: 'agency', sub, agencyId: claims.agencyId };
  return null;
}

/** @param {string} jwt the role the token claims, whatever it is, to say why it will not do */
export const claimedRole = (jwt) => {
  const role = decodeToken(jwt)?.role;
  return typeof role === 'string' ? role : '?';
};
