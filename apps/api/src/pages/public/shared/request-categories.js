// @ts-check
// The deployment's request categories as every page names them: asked for once per page from the
// public route (GET /v1/public/request-categories), which serves each one's Chinese and English
// label from the server's configuration (REQUEST_CATEGORIES_FILE), so no page keeps its own copy.

/** @typedef {{ category: string, label: { zh: string, en: string }, resolveDays: number }} Category */

/**
 * The categories of `api`'s server, read on the first `load()` and kept (read again after a failure).
 * @param {ReturnType<import('./api-client.js').apiClient>} api
 */
export function requestCategories(api) {
  /** @type {Promise<Map<string, Category>> | undefined} */
  let asked;
  /** @returns {Promise<Map<string, Category>>} */
  const load = () => (asked ??= api.call('GET', '/v1/public/request-categories', { signed: false })
    .then((/** @type {{ categories: Category[] }} */ body) => new Map(body.categories.map((c) => [c.category, c])))
    .catch((error) => {
      asked = undefined;
      throw error;
    }));
  return { load };
}

/**
 * A category's label in `lang`; the id itself for one no longer configured.
 * @param {Map<string, Category>} known @param {string} id @param {'zh' | 'en'} lang
 */
export const categoryLabel = (known, id, lang) => known.get(id)?.label[lang] ?? id;
