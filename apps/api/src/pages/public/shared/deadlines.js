// @ts-check
// Moments and deadlines as the pages show them: in Shanghai time (the rules' time zone, wherever
// the reader is), in the page's language. A deadline is worded as the rules word it: the end
// (24:00) of its last working day, not 00:00 of the next one, which is how it is stored.

const SHANGHAI_MINUTES = 8 * 60;
const DAY_MINUTES = 24 * 60;

/** @param {import('./i18n.js').Lang} lang */
const locale = (lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/**
 * A moment, to the minute; `—` when there is none.
 * @param {string | null | undefined} iso @param {import('./i18n.js').Lang} lang
 */
export const moment = (iso, lang) =>
  (iso ? new Date(iso).toLocaleString(locale(lang), { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }) : '—');

/**
 * A deadline: `{its last day} 24:00` when it falls at midnight in Shanghai, else the moment itself; `—` when there is none.
 * @param {string | null | undefined} iso @param {import('./i18n.js').Lang} lang
 */
export function deadline(iso, lang) {
  if (!iso) return '—';
  const at = Date.parse(iso);
  // Shown to the minute: a deadline whose minute is 00:00 in Shanghai ends the day before.
  if ((Math.floor(at / 60_000) + SHANGHAI_MINUTES) % DAY_MINUTES !== 0) return moment(iso, lang);
  return `${new Date(at - 1).toLocaleDateString(locale(lang), { timeZone: 'Asia/Shanghai', dateStyle: 'medium' })} 24:00`;
}
