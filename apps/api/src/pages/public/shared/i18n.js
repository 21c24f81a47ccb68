// @ts-check
// A page's labels in Chinese and English, the chosen language kept in localStorage under the key
// every page shares (a reader who switched to English on one page finds the next in English too).
// Elements with `data-i18n="key"` are relabelled whenever the language changes.

/** @typedef {'zh' | 'en'} Lang */

const KEY = 'survey.lang';

/**
 * @template T
 * @param {Record<string, T>} obj
 * @param {string} key
 * @returns {T | undefined}
 */
const own = (obj, key) => (Object.hasOwn(obj, key) ? obj[key] : undefined);

/**
 * A page's labels written once each, as `key: [Chinese, English]`, in the shape the translator
 * takes: one table per language, with the same keys by construction.
 * @param {Record<string, [string, string]>} pairs
 * @returns {Record<Lang, Record<string, string>>}
 */
export function bilingual(pairs) {
  const entries = Object.entries(pairs);
  return { zh: Object.fromEntries(entries.map(([key, [zh]]) => [key, zh])), en: Object.fromEntries(entries.map(([key, [, en]]) => [key, en])) };
}

/**
 * @param {Record<Lang, Record<string, string>>} labels
 */
export function translator(labels) {
  /** @param {string | null} value @returns {value is Lang} */
  const isLang = (value) => value !== null && own(labels, value) !== undefined;
  const stored = localStorage.getItem(KEY);
  /** @type {Lang} */
  let lang = isLang(stored) ? stored : 'zh';

  /**
   * The label for `key` in the current language, `{name}` placeholders filled from `params`
   * (own properties only: a key or a value may spell `constructor`).
   * @param {string} key
   * @param {Record<string, string | number>} [params]
   */
  function t(key, params = {}) {
    const text = own(labels[lang], key) ?? own(labels.en, key) ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(own(params, name) ?? ''));
  }

  /** @param {Lang} next */
  function setLang(next) {
    lang = next;
    localStorage.setItem(KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    for (const el of document.querySelectorAll('[data-i18n]')) if (el instanceof HTMLElement) el.textContent = t(el.dataset.i18n ?? '');
  }

  /** @param {string} key whether there is a label for it */
  const has = (key) => own(labels.en, key) !== undefined;

  return { t, has, setLang, currentLang: () => lang };
}
