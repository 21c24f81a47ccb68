// Small DOM helpers and the page's whole-screen states (notices, the campaign header, the search).
// Text always goes in as text nodes: nothing from the API is parsed as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Chinese first, English after, as one bilingual text. */
export const both = (zh, en) => [zh, ' ', h('span', { lang: 'en', class: 'en' }, en)];

// A Map: a campaign's own level ids are looked up here, and `constructor` is a valid one.
const ENGLISH = new Map([
  ['very_satisfied', 'Very satisfied'], ['satisfied', 'Satisfied'], ['basically_satisfied', 'Basically satisfied'],
  ['dissatisfied', 'Dissatisfied'], ['very_dissatisfied', 'Very dissatisfied'],
]);
/** A level's label split into its Chinese and English parts (the default scale's labels hold both). */
export function levelLabel(level) {
  const m = /^([^A-Za-z]+)\s+([A-Za-z].*)$/.exec(level.label);
  if (m) return { zh: m[1], en: m[2] };
  return { zh: level.label, en: ENGLISH.get(level.id) ?? '' };
}

/** The saved answer to a question, if any: `answers` is JSON keyed by question ids, which may spell `constructor`. */
export const savedAnswer = (saved, questionId) => (saved?.answers && Object.hasOwn(saved.answers, questionId) ? saved.answers[questionId] : undefined);

export function showScreen(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes);
  return main;
}

/** A whole-page notice: the link expired, was revoked, is missing or broken; the survey is closed. */
export function notice(kind, title, text) {
  const main = showScreen(h('section', { class: `notice notice-${kind}`, 'data-state': kind }, h('h2', {}, title), h('p', {}, text)));
  main.focus();
}

export const NOTICES = {
  missing: ['没有邀请链接 No invitation link', both('请打开评议邀请邮件或短信中的个人链接。', 'Please open the personal link from your invitation.')],
  invalid: ['链接无效 This link is not valid', both('链接不完整或已损坏，请重新打开邀请中的链接，或联系企业服务中心。', 'The link is incomplete or damaged. Open it again from your invitation, or contact the enterprise-service centre.')],
  expired: ['链接已过期 This link has expired', both('本次评议的链接已过有效期。如需帮助，请联系企业服务中心。', 'The survey link is past its validity. Contact the enterprise-service centre if you need help.')],
  revoked: ['链接已作废 This link was revoked', both('此链接已被撤销。请联系企业服务中心获取新的链接。', 'This link has been revoked. Ask the enterprise-service centre for a new one.')],
  missingCampaign: ['找不到评议 Survey not found', both('此链接对应的评议不存在。', 'The survey this link points to does not exist.')],
  failed: ['暂时无法加载 Could not load the survey', both('请稍后刷新页面重试。', 'Please reload the page in a moment.')],
};

const fmt = (iso) => new Date(iso).toLocaleString('zh-CN', { dateStyle: 'medium', timeStyle: 'short' });

export function header(campaign, creditCode) {
  document.getElementById('title').replaceChildren(campaign.title);
  document.title = `${campaign.title} · 企业满意度评议`;
  const status = {
    open: both(`开放至 ${fmt(campaign.closesAt)}`, `open until ${fmt(campaign.closesAt)}`),
    scheduled: both(`${fmt(campaign.opensAt)} 开始`, `opens ${fmt(campaign.opensAt)}`),
    closed: both('已结束', 'closed'),
    published: both('已结束，结果已公布', 'closed, results published'),
  }[campaign.status];
  document.getElementById('subtitle').replaceChildren(`统一社会信用代码 ${creditCode} · `, ...status);
}

/** The searchable list's frame: a search box, a live count, and the list itself. */
export function agencyListFrame(total, onSearch) {
  const count = h('p', { id: 'match-count', class: 'muted', role: 'status', 'aria-live': 'polite' }, `共 ${total} 个单位 ${total} agencies`);
  const search = h('input', {
    id: 'search', type: 'search', autocomplete: 'off', 'aria-describedby': 'match-count',
    oninput: (e) => {
      const shown = onSearch(e.target.value.trim().toLowerCase());
      count.textContent = `显示 ${shown} / ${total} 个单位 Showing ${shown} of ${total}`;
    },
  });
  const list = h('ul', { id: 'agencies', class: 'agencies' });
  const frame = h('section', { 'aria-labelledby': 'agencies-title' },
    h('h2', { id: 'agencies-title' }, ...both('请评价与您打过交道的单位', 'Rate the agencies you dealt with')),
    h('label', { for: 'search', class: 'search-label' }, ...both('搜索单位', 'Search agencies')), search, count, list);
  return { frame, list };
}
