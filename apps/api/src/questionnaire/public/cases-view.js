// @ts-check
// The enterprise's rectification cases (its bad reviews, CLOSED-LOOP.md): where each stands, the
// agency's report, the deadlines, and the follow-up rating (追评) while the case awaits it: after
// the round's report, once per round, within seven days. Nothing else is offered: the steps are
// the centre's and the agency's.
import { MAX_COMMENT, scaleFieldset } from './rating-form.js';
import { deadline, moment } from './shared/deadlines.js';
import { both, h, levelLabel } from './view.js';

/**
 * @typedef {import('./api.js').Case} Case
 * @typedef {import('./api.js').Campaign} Campaign
 * @typedef {(caseId: string, body: { level: string, comment?: string }) => Promise<void>} FollowUp
 */

const STATUS = new Map([
  ['open', ['待回访', 'awaiting the follow-up call']], ['contacted', ['整改中', 'being rectified']],
  ['reported', ['已报告整改，请您评价', 'rectification reported: please rate it']], ['escalated', ['已提交企业服务中心督办', 'escalated to the enterprise-service centre']],
  ['closed', ['已结束', 'closed']],
]);
const OUTCOME = new Map([
  ['rectified', ['已整改', 'rectified']], ['explained', ['已说明', 'explained']], ['appeal-upheld', ['部门申诉成立，评价已作废', 'the agency\'s appeal was upheld and the rating invalidated']],
  ['rating-improved', ['您已改善评价', 'you improved your rating']], ['rating-withdrawn', ['您已撤回评价', 'you withdrew your rating']],
  ['rating-invalidated', ['评价已作废', 'the rating was invalidated']], ['unreachable', ['未能联系上', 'could not be reached']],
]);
/** An enterprise has seven natural days from the report (to the end of the seventh day, Shanghai time) to rate it. */
const FOLLOW_UP_DAYS = 7;
const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** @param {string} reportedAt @returns {number} the end of the follow-up's seventh day, Shanghai time */
export function followUpDue(reportedAt) {
  const localDay = Math.floor((Date.parse(reportedAt) + SHANGHAI_MS) / DAY_MS);
  return (localDay + FOLLOW_UP_DAYS + 1) * DAY_MS - SHANGHAI_MS;
}

/** @param {Case} c whether the case waits for this enterprise's follow-up now */
export const awaitsFollowUp = (c) => c.status === 'reported' && c.report !== null && c.followUp?.round !== c.round && Date.now() < followUpDue(c.report.at);

/** @param {string} iso */
const fmt = (iso) => moment(iso, 'zh');
/** A deadline as the rules word it: 24:00 of its last day (Shanghai time), not 00:00 of the next. @param {string} iso */
const fmtDue = (iso) => deadline(iso, 'zh');
/** @param {Map<string, string[]>} table @param {string} key */
const pair = (table, key) => {
  const [zh, en] = table.get(key) ?? [key, key];
  return both(zh, en);
};

/**
 * The section listing the cases, or null when there are none.
 * @param {Campaign} campaign @param {Case[]} cases @param {FollowUp} followUp
 */
export function casesSection(campaign, cases, followUp) {
  if (cases.length === 0) return null;
  return h('section', { id: 'cases', class: 'cases', 'aria-labelledby': 'cases-title' },
    h('h2', { id: 'cases-title' }, ...both('您的差评整改情况', 'Your bad reviews being fixed')),
    h('ul', { class: 'agencies case-list' }, cases.map((c) => caseCard(campaign, c, followUp))));
}

/** @param {Campaign} campaign @param {Case} c @param {FollowUp} followUp */
function caseCard(campaign, c, followUp) {
  const id = c.caseId.replace(/[^A-Za-z0-9_-]/g, '_');
  const level = (/** @type {string} */ levelId) => {
    const found = campaign.scale.find((l) => l.id === levelId);
    return found ? `${levelLabel(found).zh} ${levelLabel(found).en}`.trim() : levelId;
  };
  const facts = h('dl', { class: 'facts' },
    h('dt', {}, ...both('状态', 'Status')), h('dd', { class: 'case-status' }, ...pair(STATUS, c.status), c.outcome ? [' · ', ...pair(OUTCOME, c.outcome)] : null),
    h('dt', {}, ...both('您的评价', 'Your rating')), h('dd', {}, level(c.level), c.comment ? `：${c.comment}` : ''),
    c.status === 'open' ? [h('dt', {}, ...both('回访期限', 'Call-back due')), h('dd', {}, fmtDue(c.contactDue))] : null,
    c.status !== 'closed' ? [h('dt', {}, ...both('整改期限', 'Rectification due')), h('dd', {}, fmtDue(c.rectifyDue))] : null,
    c.report ? [h('dt', {}, ...both('部门的整改报告', "The agency's report")),
      h('dd', { class: 'report' }, c.report.kind === 'rectified' ? both('已整改', 'rectified') : both('情况说明', 'explanation'), ` · ${fmt(c.report.at)}：`, c.report.actions)] : null,
    c.followUp ? [h('dt', {}, ...both('您的追评', 'Your follow-up')), h('dd', {}, level(c.followUp.level), c.followUp.comment ? `：${c.followUp.comment}` : '')] : null);
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: `case-status-${id}` });
  const card = h('li', { class: 'case', 'data-case': c.caseId },
    h('h3', {}, c.agencyName ?? c.agencyId), facts, awaitsFollowUp(c) ? followUpForm(campaign, c, id, status, followUp) : null, status);
  return card;
}

/** @param {Campaign} campaign @param {Case} c @param {string} id @param {HTMLElement} status @param {FollowUp} followUp */
function followUpForm(campaign, c, id, status, followUp) {
  const comment = h('textarea', { id: `fu-comment-${id}`, name: 'comment', maxlength: MAX_COMMENT, rows: 2 });
  const due = followUpDue(/** @type {NonNullable<Case['report']>} */ (c.report).at);
  const form = h('form', { class: 'follow-up', id: `follow-up-${id}` },
    scaleFieldset(`fu-${id}`, both(`请评价整改结果（${fmtDue(new Date(due).toISOString())} 前）`, `Rate the rectification (by ${fmtDue(new Date(due).toISOString())})`), campaign.scale, undefined, true),
    h('label', { for: `fu-comment-${id}`, class: 'comment-label' }, ...both('补充意见（可选）', 'Comment (optional)')),
    comment,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, ...both('提交追评', 'Send my rating'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    // A required radio: the form is not submitted without one.
    const level = /** @type {string} */ (new FormData(form).get(`fu-${id}`));
    status.textContent = '正在提交… Sending…';
    status.className = 'status';
    try {
      await followUp(c.caseId, { level, ...(comment.value.trim() ? { comment: comment.value } : {}) });
    } catch (error) {
      status.textContent = `未提交 Not sent: ${error instanceof Error ? error.message : String(error)}`;
      status.classList.add('error');
    }
  });
  return form;
}
