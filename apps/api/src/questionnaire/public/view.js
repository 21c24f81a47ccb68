// @ts-check
// Small DOM helpers and the page's whole-screen states (notices, the campaign header, the search).
// Text always goes in as text nodes (the shared `h`): nothing from the API is parsed as HTML.
import { byId, h } from './shared/dom.js';

export { h };

/** Chinese first, English after, as one bilingual text. @param {string} zh @param {string} en */
export const both = (zh, en) => [zh, ' ', h('span', { lang: 'en', class: 'en' }, en)];

// A Map: a campaign's own level ids are looked up here, and `constructor` is a valid one.
const ENGLISH = new Map([
  ['very_satisfied', 'Very satisfied'], ['satisfied', 'Satisfied'], ['basically_satisfied', 'Basically satisfied'],
  ['dissatisfied', 'Dissatisfied'], ['very_dissatisfied', 'Very dissatisfied'],
]);
/**
 * A level's label split into its Chinese and English parts (the default scale's labels hold both).
 * @param {import('./api.js').Level} level
 */
export function levelLabel(level) {
  const m = /^([^A-Za-z]+)\s+([A-Za-z].*)$/.exec(level.label);
  if (m) return { zh: m[1], en: m[2] };
  return { zh: level.label, en: ENGLISH.get(level.id) ?? '' };
}

/** The saved answer to a question, if any: `answers` is JSON keyed by question ids, which may spell `constructor`. */
/** @param {import('./api.js').Evaluation | null} saved @param {string} questionId */
export const savedAnswer = (saved, questionId) => (saved?.answers && Object.hasOwn(saved.answers, questionId) ? saved.answers[questionId] : undefined);

/** @param {...Node} nodes */
export function showScreen(...nodes) {
  const main = byId('main');
  main.replaceChildren(...nodes);
  return main;
}

/**
 * A whole-page notice: the link expired, was revoked, is missing or broken; the survey is closed.
 * @param {string} kind @param {string} title @param {(string | Node)[]} text
 */
export function notice(kind, title, text) {
  const main = showScreen(h('section', { class: `notice notice-${kind}`, 'data-state': kind }, h('h2', {}, title), h('p', {}, text)));
  main.focus();
}

/** @typedef {'missing' | 'invalid' | 'expired' | 'revoked' | 'missingCampaign' | 'failed'} NoticeKind */

/** @type {Record<NoticeKind, [string, (string | Node)[]]>} */
export const NOTICES = {
  missing: ['没有邀请链接 No invitation link', both('请打开评议邀请邮件或短信中的个人链接。', 'Please open the personal link from your invitation.')],
  invalid: ['链接无效 This link is not valid', both('链接不完整或已损坏，请重新打开邀请中的链接，或联系企业服务中心。', 'The link is incomplete or damaged. Open it again from your invitation, or contact the enterprise-service centre.')],
  expired: ['链接已过期 This link has expired', both('本次评议的链接已过有效期。如需帮助，请联系企业服务中心。', 'The survey link is past its validity. Contact the enterprise-service centre if you need help.')],
  revoked: ['链接已作废 This link was revoked', both('此链接已被撤销。请联系企业服务中心获取新的链接。', 'This link has been revoked. Ask the enterprise-service centre for a new one.')],
  missingCampaign: ['找不到评议 Survey not found', both('此链接对应的评议不存在。', 'The survey this link points to does not exist.')],
  failed: ['暂时无法加载 Could not load the survey', both('请稍后刷新页面重试。', 'Please reload the page in a moment.')],
};

/** @param {string} iso */
const fmt = (iso) => new Date(iso).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' });

/** @param {import('./api.js').Campaign} campaign @param {string} creditCode */
export function header(campaign, creditCode) {
  byId('title').replaceChildren(campaign.title);
  document.title = `${campaign.title} · 企业满意度评议`;
  const status = {
    open: both(`开放至 ${fmt(campaign.closesAt)}`, `open until ${fmt(campaign.closesAt)}`),
    scheduled: both(`${fmt(campaign.opensAt)} 开始`, `opens ${fmt(campaign.opensAt)}`),
    closed: both('已结束', 'closed'),
    published: both('已结束，结果已公布', 'closed, results published'),
  }[campaign.status];
  byId('subtitle').replaceChildren(`统一社会信用代码 ${creditCode} · `, ...status);
}

/**
 * The searchable list's frame: a search box, a live count, and the list itself.
 * @param {number} total
 * @param {(query: string) => number} onSearch shows the agencies matching the query, and says how many
 */
export function agencyListFrame(total, onSearch) {
  const count = h('p', { id: 'match-count', class: 'muted', role: 'status', 'aria-live': 'polite' }, `共 ${total} 个单位 ${total} agencies`);
  const search = h('input', {
    id: 'search', type: 'search', autocomplete: 'off', 'aria-describedby': 'match-count',
    oninput: (/** @type {Event} */ e) => {
      const shown = onSearch(e.target instanceof HTMLInputElement ? e.target.value.trim().toLowerCase() : '');
      count.textContent = `显示 ${shown} / ${total} 个单位 Showing ${shown} of ${total}`;
    },
  });
  const list = h('ul', { id: 'agencies', class: 'agencies' });
  const frame = h('section', { 'aria-labelledby': 'agencies-title' },
    h('h2', { id: 'agencies-title' }, ...both('请评价与您打过交道的单位', 'Rate the agencies you dealt with')),
    h('label', { for: 'search', class: 'search-label' }, ...both('搜索单位', 'Search agencies')), search, count, list);
  return { frame, list };
}
