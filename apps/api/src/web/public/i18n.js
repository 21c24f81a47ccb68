// @ts-check
// Chinese and English labels of the dashboard, the chosen language kept in localStorage.

/** @typedef {'zh' | 'en'} Lang */

/** @type {Record<Lang, Record<string, string>>} */
const LABELS = {
  zh: {
    title: '企业满意度评议', publicTitle: '评议结果公布', campaign: '评议活动', switchTo: 'English',
    tokenLabel: '工作人员令牌', signIn: '登录', signOut: '退出',
    signedIn: '已登录（{role}）', tokenKept: '令牌仅保存在本标签页中。',
    modeAnalyst: '分析视图', modePublic: '公开结果',
    footnote: '区间为 95% Wilson 区间；一家企业评议多个部门，整体区间略窄。',
    publicFootnote: '公布的数字在公布时冻结。区间为 95% Wilson 区间。',
    satisfaction: '满意率', interval: '95% 区间', respondents: '参评企业', evaluations: '有效评价',
    meanScore: '平均分', badReviewRate: '差评率', change: '较上年', points: '{p} 个百分点',
    significant: '显著', notSignificant: '不显著', notComparable: '不可比', noPrevious: '无上年数据',
    pValue: 'p = {p}', vsPrevious: '较 {year} 年（{rate}）',
    testNote: '较上年变化的显著性检验：{test}；p < 0.05 为显著。', trend: '历年满意率', publishedTrend: '历年公布的满意率', agencyTrend: '{name} 历年满意率', agenciesRanked: '各部门满意率排名',
    badReviewRanking: '各部门差评率排名（差评率由低到高）', badReviewRank: '差评率名次', rankingTable: '排名明细', rank: '名次', agency: '部门', agencyPicker: '查看部门',
    chooseAgency: '选择部门…', questions: '分项满意率', question: '评议项', segments: '分组满意率',
    district: '区县', industry: '行业门类', size: '企业规模', value: '分组',
    suppressed: '已隐去', suppressedNote: '少于 {k} 家企业的分组（及为保护它而连带隐去的分组）不予显示。',
    unknownCampaign: '没有评议活动 {id}。', notPublished: '{id} 没有公布的结果。',
    back: '返回总览', publishedAt: '公布于 {at}', noPublished: '尚无公布的评议结果。',
    tokenRejected: '令牌无效或已过期，已退出。', forbidden: '此令牌的角色不能查看分析报告。',
    notAvailable: '暂不可用（{status}）', notAvailableNoAnswer: '暂不可用（无应答）', failed: '加载失败：{detail}', asOf: '截至日志位置 {position}',
    lowHigh: '区间下限–上限', rateSeries: '满意率 %', ciSeries: '95% 区间', badSeries: '差评率 %',
    micro: '微型', small: '小型', medium: '中型', large: '大型',
    scheduled: '未开始', open: '进行中', closed: '已结束', published: '已公布',
    modeCentre: '服务中心视图', views: '视图', 'view.satisfaction': '满意度', 'view.rectification': '差评整改',
    allAgencies: '全部部门', unknownAgency: '本评议活动没有部门 {id}。', rectByAgency: '各部门差评整改情况',
    contactedOnTime: '按时回访率', rectifiedOnTime: '按时整改率', followUpSatisfied: '追评满意率',
    'count.cases': '差评案件', 'count.open': '未结', 'count.overdue': '逾期', 'count.contacted': '已回访',
    'count.reported': '已报告整改', 'count.followUps': '已追评', 'count.closed': '已结案', appealsUpheld: '申诉（成立）',
    rectNote: '未结与逾期为当前数；其余为累计数（曾到达该步骤的案件，之后结案、重开或申诉成立的仍计入）。按时回访率与按时整改率的 n 为已回访（或整改）及已记录逾期的案件；追评满意率的 n 为已追评的案件。这些数字统计案件的办理，不涉及受访企业，不作隐去处理。',
    publicRectTitle: '差评整改公示', rectifiedRate: '整改率', onTimeRate: '按时整改率',
    'view.requests': '企业诉求', requestsTitle: '企业诉求办理（全部时间）', category: '类别', total: '合计',
    'request.dispatchedOnTime': '按时派单率', 'request.resolvedOnTime': '按时办结率', 'request.satisfied': '满意率',
    'count.received': '受理', 'count.resolved': '已办结', 'count.rated': '已评价', 'count.returned': '退回', 'count.escalated': '督办',
    'req-agencies.title': '各部门诉求办理', 'req-categories.title': '各类别诉求办理',
    'req-months.title': '诉求办理月度趋势', 'req-months.chart': '每月受理与办结', month: '月份', requestsSpanTitle: '企业诉求办理（{from} 至 {to}）',
    'span.from': '起始日', 'span.to': '截止日', 'span.apply': '查看', year: '年度',
    publicReqTitle: '企业诉求办理公示', publicReqNote: '当年受理、办结的企业诉求及按时办结率、满意率（按类别与合计；区间为 95% Wilson 区间）。实时更新；不含企业身份、部门和诉求内容。',
    requestsNote: '未结与逾期为当前数；其余为累计数。按时派单率、按时办结率的 n 为已派单（办结）及已记录逾期的诉求；满意率的 n 为已评价的诉求（未评价的不计为满意）。',
    'category.consultation': '政策咨询', 'category.approval': '审批服务', 'category.operations': '生产经营', 'category.finance': '融资',
    'category.land': '用地规划', 'category.talent': '人才用工', 'category.contracts': '合同履约', 'category.legal': '法律权益', 'category.disturbance': '涉企检查扰企',
    publicRectNote: '每条差评为一件整改案件。整改率为以“已整改”结案的案件占已结案件的比例；按时整改率为在期限内报告整改的比例。此表实时更新，不随公布冻结；不含企业身份和评价内容。',
  },
  en: {
    title: 'Enterprise satisfaction survey', publicTitle: 'Published results', campaign: 'Campaign', switchTo: '中文',
    tokenLabel: 'Staff token', signIn: 'Sign in', signOut: 'Sign out',
    signedIn: 'Signed in ({role}).', tokenKept: 'The token is kept in this tab only.',
    modeAnalyst: 'Analyst view', modePublic: 'Published results',
    footnote: 'Intervals are 95% Wilson intervals; one enterprise rates several agencies, so the overall interval is somewhat too narrow.',
    publicFootnote: 'Figures are frozen when published. Intervals are 95% Wilson intervals.',
    satisfaction: 'Satisfaction', interval: '95% interval', respondents: 'Respondents', evaluations: 'Evaluations',
    meanScore: 'Mean score', badReviewRate: 'Bad reviews', change: 'Change', points: '{p} points',
    significant: 'significant', notSignificant: 'not significant', notComparable: 'not comparable', noPrevious: 'no previous campaign',
    pValue: 'p = {p}', vsPrevious: 'against {year} ({rate})',
    testNote: 'Change on the year before tested with a {test}; significant when p < 0.05.', trend: 'Satisfaction by year', publishedTrend: 'Published satisfaction by year', agencyTrend: '{name}: satisfaction by year', agenciesRanked: 'Agencies ranked by satisfaction',
    badReviewRanking: 'Agencies ranked by bad-review rate (lowest first)', badReviewRank: 'Bad-review rank', rankingTable: 'Rankings in full', rank: 'Rank', agency: 'Agency', agencyPicker: 'Agency',
    chooseAgency: 'Choose an agency…', questions: 'By question', question: 'Question', segments: 'By segment',
    district: 'District', industry: 'Industry section', size: 'Enterprise size', value: 'Segment',
    suppressed: 'suppressed', suppressedNote: 'Cells of fewer than {k} enterprises (and cells suppressed to protect them) are not shown.',
    unknownCampaign: 'There is no campaign {id}.', notPublished: '{id} has no published results.',
    back: 'Back to the overview', publishedAt: 'Published {at}', noPublished: 'No results have been published yet.',
    tokenRejected: 'The token is invalid or expired; signed out.', forbidden: "This token's role may not read analysts' reports.",
    notAvailable: 'Not available ({status})', notAvailableNoAnswer: 'Not available (no answer)', failed: 'Could not load: {detail}', asOf: 'As of log position {position}',
    lowHigh: 'interval low–high', rateSeries: 'Satisfaction %', ciSeries: '95% interval', badSeries: 'Bad-review rate %',
    micro: 'micro', small: 'small', medium: 'medium', large: 'large',
    scheduled: 'scheduled', open: 'open', closed: 'closed', published: 'published',
    modeCentre: 'Service centre view', views: 'Views', 'view.satisfaction': 'Satisfaction', 'view.rectification': 'Rectification',
    allAgencies: 'All agencies', unknownAgency: 'This campaign has no agency {id}.', rectByAgency: 'Rectification by agency',
    contactedOnTime: 'Contacted on time', rectifiedOnTime: 'Rectified on time', followUpSatisfied: 'Follow-ups satisfied',
    'count.cases': 'Cases', 'count.open': 'Open', 'count.overdue': 'Overdue', 'count.contacted': 'Contacted',
    'count.reported': 'Reported', 'count.followUps': 'Follow-ups', 'count.closed': 'Closed', appealsUpheld: 'Appeals (upheld)',
    rectNote: 'Open and overdue are counts as they stand now; the others are cumulative (cases that ever reached the step, whatever happened after). The on-time rates are over the cases contacted (or reported) or recorded as late; follow-ups satisfied is over the cases followed up. These figures count the handling of cases, not respondents: nothing is suppressed.',
    publicRectTitle: 'Rectification of bad reviews', rectifiedRate: 'Rectified', onTimeRate: 'Rectified on time',
    'view.requests': 'Requests', requestsTitle: "Enterprises' requests (all time)", category: 'Category', total: 'Total',
    'request.dispatchedOnTime': 'Dispatched on time', 'request.resolvedOnTime': 'Resolved on time', 'request.satisfied': 'Satisfied',
    'count.received': 'Received', 'count.resolved': 'Resolved', 'count.rated': 'Rated', 'count.returned': 'Returned', 'count.escalated': 'Escalated',
    'req-agencies.title': 'Requests by agency', 'req-categories.title': 'Requests by category',
    'req-months.title': 'Requests by month', 'req-months.chart': 'Received and resolved per month', month: 'Month', requestsSpanTitle: "Enterprises' requests ({from} to {to})",
    'span.from': 'From', 'span.to': 'To', 'span.apply': 'Show', year: 'Year',
    publicReqTitle: "Enterprises' requests", publicReqNote: 'Requests received and resolved in the year, with the rates resolved on time and satisfied (per category and in all; 95% Wilson intervals). Live; no enterprise, agency or text.',
    requestsNote: 'Open and overdue are counts as they stand now; the others are cumulative. The on-time rates are over the requests dispatched (or resolved) or recorded as late; satisfied is over the requests rated (one not rated never counts as satisfied).',
    'category.consultation': 'Policy questions', 'category.approval': 'Approvals', 'category.operations': 'Operations', 'category.finance': 'Finance',
    'category.land': 'Land and planning', 'category.talent': 'Staffing', 'category.contracts': 'Contracts', 'category.legal': 'Legal rights', 'category.disturbance': 'Disturbing inspections',
    publicRectNote: 'Every bad review is a rectification case. Rectified: the share of closed cases closed as rectified; on time: the share reported within the deadline. This table is live, not frozen at publication; it holds no enterprise and no text.',
  },
};

const KEY = 'survey.lang';
// Own properties only: what localStorage holds, or a key a caller passes, may spell `constructor`.
/**
 * @template T
 * @param {Record<string, T>} obj
 * @param {string} key
 * @returns {T | undefined}
 */
const own = (obj, key) => (Object.hasOwn(obj, key) ? obj[key] : undefined);
/** @param {string | null} value @returns {value is Lang} */
const isLang = (value) => value !== null && own(LABELS, value) !== undefined;
const stored = localStorage.getItem(KEY);
/** @type {Lang} */
let lang = isLang(stored) ? stored : 'zh';

export const currentLang = () => lang;

/** @param {Lang} next */
export function setLang(next) {
  lang = next;
  localStorage.setItem(KEY, next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) if (el instanceof HTMLElement) el.textContent = t(el.dataset.i18n ?? '');
}

/**
 * The label for `key` in the current language, `{name}` placeholders filled from `params`.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 */
export function t(key, params = {}) {
  const text = own(LABELS[lang], key) ?? own(LABELS.en, key) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(own(params, name) ?? ''));
}

/**
 * The label for `key` if there is one, else `fallback` (a configurable id such as a request
 * category that has no label is shown as it is).
 * @param {string} key @param {string} fallback
 */
export const label = (key, fallback) => own(LABELS[lang], key) ?? own(LABELS.en, key) ?? fallback;
