// @ts-check
// The requests page's labels in Chinese and English (the shared translator keeps the reader's choice).
import { deadline, moment } from './shared/deadlines.js';
import { translator } from './shared/i18n.js';

/** @type {Record<import('./shared/i18n.js').Lang, Record<string, string>>} */
const LABELS = {
  zh: {
    title: '企业诉求', switchTo: 'English', kept: '您的链接只在本浏览器标签页中保存，关闭后需重新打开链接。', who: '企业 {sub}',
    missing: '请使用企业服务中心发给您的专属链接打开本页。', invalid: '此链接无效：请使用企业服务中心发给您的专属诉求链接。',
    expired: '此链接已过期，请联系企业服务中心获取新链接。', failed: '加载失败：{detail}', refused: '未能提交（{status}）：{detail}',
    mine: '我的诉求', none: '您还没有提交诉求。', refresh: '刷新', back: '返回我的诉求', open: '查看',
    fileTitle: '提交新诉求', category: '类别', subject: '标题', description: '诉求内容', submit: '提交', sending: '正在提交…',
    filed: '诉求已提交，企业服务中心将在 1 个工作日内分派。', chars: '{n} / {max}',
    status: '状态', agency: '承办部门', notDispatched: '尚未分派', receivedAt: '提交时间', resolveDue: '办结期限', reply: '答复', rating: '我的评价', round: '轮次',
    history: '办理记录', rateTitle: '评价答复', level: '满意程度', comment: '意见（可选）', rated: '评价已提交，谢谢。',
    withdrawTitle: '撤回诉求', withdrawReason: '撤回原因（可选）', withdrawConfirm: '确认撤回：撤回后诉求即办结，不能恢复', withdraw: '撤回', withdrawn: '诉求已撤回。',
    rq_received: '待分派', rq_returned: '待重新分派', rq_dispatched: '已分派', rq_accepted: '办理中', rq_resolved: '待您评价', rq_escalated: '已督办', rq_closed: '已办结', rq_withdrawn: '已撤回',
    very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', very_dissatisfied: '非常不满意',
    by_system: '系统', by_centre: '企业服务中心', by_agency: '承办部门', by_enterprise: '本企业',
    RequestReceived: '提交', RequestDispatched: '分派', RequestAccepted: '签收', RequestReturned: '退回中心', RequestExtensionAsked: '申请延期', RequestExtensionDecided: '延期决定',
    RequestResolved: '答复', ResolutionRated: '评价', RequestReopened: '重新办理', RequestEscalated: '督办', RequestWithdrawn: '撤回', RequestDeadlineMissed: '期限超期', RequestClosed: '办结',
  },
  en: {
    title: 'Requests', switchTo: '中文', kept: 'Your link is kept in this browser tab only; open it again after closing the tab.', who: 'Enterprise {sub}',
    missing: 'Open this page with the personal link the service centre sent you.', invalid: 'This link is not valid: use the personal requests link the service centre sent you.',
    expired: 'This link has expired: ask the service centre for a new one.', failed: 'Could not load: {detail}', refused: 'Not done ({status}): {detail}',
    mine: 'My requests', none: 'You have filed no request yet.', refresh: 'Refresh', back: 'Back to my requests', open: 'Open',
    fileTitle: 'File a request', category: 'Category', subject: 'Title', description: 'What you ask', submit: 'Submit', sending: 'Submitting…',
    filed: 'Request filed: the service centre dispatches it within 1 working day.', chars: '{n} / {max}',
    status: 'Status', agency: 'Agency', notDispatched: 'not dispatched yet', receivedAt: 'Filed', resolveDue: 'Resolution due', reply: 'Reply', rating: 'Your rating', round: 'Round',
    history: 'History', rateTitle: 'Rate the answer', level: 'How satisfied', comment: 'Comment (optional)', rated: 'Rating received, thank you.',
    withdrawTitle: 'Withdraw the request', withdrawReason: 'Why (optional)', withdrawConfirm: 'Yes, withdraw it: a withdrawn request is closed for good', withdraw: 'Withdraw', withdrawn: 'The request was withdrawn.',
    rq_received: 'To be dispatched', rq_returned: 'To be dispatched again', rq_dispatched: 'Dispatched', rq_accepted: 'In hand', rq_resolved: 'Awaiting your rating', rq_escalated: 'Escalated', rq_closed: 'Closed', rq_withdrawn: 'Withdrawn',
    very_satisfied: 'Very satisfied', satisfied: 'Satisfied', basically_satisfied: 'Basically satisfied', dissatisfied: 'Dissatisfied', very_dissatisfied: 'Very dissatisfied',
    by_system: 'system', by_centre: 'service centre', by_agency: 'agency', by_enterprise: 'you',
    RequestReceived: 'Filed', RequestDispatched: 'Dispatched', RequestAccepted: 'Accepted', RequestReturned: 'Returned to the centre', RequestExtensionAsked: 'Extension asked', RequestExtensionDecided: 'Extension decided',
    RequestResolved: 'Answered', ResolutionRated: 'Rated', RequestReopened: 'Reopened', RequestEscalated: 'Escalated', RequestWithdrawn: 'Withdrawn', RequestDeadlineMissed: 'Deadline missed', RequestClosed: 'Closed',
  },
};

export const { t, has, setLang, currentLang } = translator(LABELS);

/** A label when there is one, the text itself otherwise. @param {string} key */
export const labelOr = (key) => (has(key) ? t(key) : key);

/** A moment in Shanghai time, in the page's language (./shared/deadlines.js). @param {string | null | undefined} iso */
export const when = (iso) => moment(iso, currentLang());

/** A deadline as the rules word it (./shared/deadlines.js). @param {string | null | undefined} iso */
export const due = (iso) => deadline(iso, currentLang());
