// @ts-check
// The requests page's labels in Chinese and English (the shared translator keeps the reader's choice).
import { deadline, moment } from './shared/deadlines.js';
import { bilingual, translator } from './shared/i18n.js';

/** Each label once, in Chinese and in English. */
const LABELS = bilingual({
  title: ['企业诉求', 'Requests'],
  switchTo: ['English', '中文'],
  kept: ['您的链接只在本浏览器标签页中保存，关闭后需重新打开链接。', 'Your link is kept in this browser tab only; open it again after closing the tab.'],
  who: ['企业 {sub}', 'Enterprise {sub}'],
  missing: ['请使用企业服务中心发给您的专属链接打开本页。', 'Open this page with the personal link the service centre sent you.'],
  invalid: ['此链接无效：请使用企业服务中心发给您的专属诉求链接。', 'This link is not valid: use the personal requests link the service centre sent you.'],
  expired: ['此链接已过期，请联系企业服务中心获取新链接。', 'This link has expired: ask the service centre for a new one.'],
  failed: ['加载失败：{detail}', 'Could not load: {detail}'],
  refused: ['未能提交（{status}）：{detail}', 'Not done ({status}): {detail}'],
  mine: ['我的诉求', 'My requests'],
  none: ['您还没有提交诉求。', 'You have filed no request yet.'],
  refresh: ['刷新', 'Refresh'],
  back: ['返回我的诉求', 'Back to my requests'],
  open: ['查看', 'Open'],
  fileTitle: ['提交新诉求', 'File a request'],
  category: ['类别', 'Category'],
  subject: ['标题', 'Title'],
  description: ['诉求内容', 'What you ask'],
  submit: ['提交', 'Submit'],
  sending: ['正在提交…', 'Submitting…'],
  filed: ['诉求已提交，企业服务中心将在 1 个工作日内分派。', 'Request filed: the service centre dispatches it within 1 working day.'],
  chars: ['{n} / {max}', '{n} / {max}'],
  status: ['状态', 'Status'],
  agency: ['承办部门', 'Agency'],
  notDispatched: ['尚未分派', 'not dispatched yet'],
  receivedAt: ['提交时间', 'Filed'],
  resolveDue: ['办结期限', 'Resolution due'],
  reply: ['答复', 'Reply'],
  rating: ['我的评价', 'Your rating'],
  round: ['轮次', 'Round'],
  history: ['办理记录', 'History'],
  rateTitle: ['评价答复', 'Rate the answer'],
  level: ['满意程度', 'How satisfied'],
  comment: ['意见（可选）', 'Comment (optional)'],
  rated: ['评价已提交，谢谢。', 'Rating received, thank you.'],
  withdrawTitle: ['撤回诉求', 'Withdraw the request'],
  withdrawReason: ['撤回原因（可选）', 'Why (optional)'],
  withdrawConfirm: ['确认撤回：撤回后诉求即办结，不能恢复', 'Yes, withdraw it: a withdrawn request is closed for good'],
  withdraw: ['撤回', 'Withdraw'],
  withdrawn: ['诉求已撤回。', 'The request was withdrawn.'],
  rq_received: ['待分派', 'To be dispatched'],
  rq_returned: ['待重新分派', 'To be dispatched again'],
  rq_dispatched: ['已分派', 'Dispatched'],
  rq_accepted: ['办理中', 'In hand'],
  rq_resolved: ['待您评价', 'Awaiting your rating'],
  rq_escalated: ['已督办', 'Escalated'],
  rq_closed: ['已办结', 'Closed'],
  rq_withdrawn: ['已撤回', 'Withdrawn'],
  very_satisfied: ['非常满意', 'Very satisfied'],
  satisfied: ['满意', 'Satisfied'],
  basically_satisfied: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  very_dissatisfied: ['非常不满意', 'Very dissatisfied'],
  by_system: ['系统', 'system'],
  by_centre: ['企业服务中心', 'service centre'],
  by_agency: ['承办部门', 'agency'],
  by_enterprise: ['本企业', 'you'],
  RequestReceived: ['提交', 'Filed'],
  RequestDispatched: ['分派', 'Dispatched'],
  RequestAccepted: ['签收', 'Accepted'],
  RequestReturned: ['退回中心', 'Returned to the centre'],
  RequestExtensionAsked: ['申请延期', 'Extension asked'],
  RequestExtensionDecided: ['延期决定', 'Extension decided'],
  RequestResolved: ['答复', 'Answered'],
  ResolutionRated: ['评价', 'Rated'],
  RequestReopened: ['重新办理', 'Reopened'],
  RequestEscalated: ['督办', 'Escalated'],
  RequestWithdrawn: ['撤回', 'Withdrawn'],
  RequestDeadlineMissed: ['期限超期', 'Deadline missed'],
  RequestClosed: ['办结', 'Closed'],
});

export const { t, has, setLang, currentLang } = translator(LABELS);

/** A label when there is one, the text itself otherwise. @param {string} key */
export const labelOr = (key) => (has(key) ? t(key) : key);

/** A moment in Shanghai time, in the page's language (./shared/deadlines.js). @param {string | null | undefined} iso */
export const when = (iso) => moment(iso, currentLang());

/** A deadline as the rules word it (./shared/deadlines.js). @param {string | null | undefined} iso */
export const due = (iso) => deadline(iso, currentLang());
