// @ts-check
// Reads a token's claims in the page, for display and routing only (which campaign, which role,
// when it expires): the API verifies every token it is sent, so nothing here is trusted.

/**
 * The claims of a JWT (its middle part, base64url JSON in UTF-8), or null when it is not one.
 * @param {string} jwt
 * @returns {Record<string, unknown> | null}
 */
export function decodeToken(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/**
 * A token pasted once into a staff page, kept in sessionStorage under `key`: this tab only, gone
 * when it closes, never in a URL or a cookie.
 * @param {string} key
 */
export function heldToken(key) {
  return {
    get: () => sessionStorage.getItem(key),
    /** @param {string} value */
    set: (value) => sessionStorage.setItem(key, value),
    clear: () => sessionStorage.removeItem(key),
  };
}
