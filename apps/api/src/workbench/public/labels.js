// @ts-check
// The workbench's labels in Chinese and English (the shared translator keeps the reader's choice).
import { deadline, moment } from './shared/deadlines.js';
import { translator } from './shared/i18n.js';

/** @type {Record<import('./shared/i18n.js').Lang, Record<string, string>>} */
const LABELS = {
  zh: {
    title: '整改与诉求工作台', switchTo: 'English', tokenLabel: '工作人员令牌', signIn: '登录', signOut: '退出',
    tokenKept: '令牌仅保存在本标签页中。', signedInCentre: '企业服务中心（{sub}）', signedInAgency: '部门 {agencyId}（{sub}）',
    notStaff: '此令牌的角色（{role}）不能使用工作台：请使用企业服务中心或部门工作人员的令牌。',
    tokenRejected: '令牌无效或已过期，已退出。', failed: '加载失败：{detail}', pleaseSignIn: '请粘贴企业服务中心或部门工作人员的令牌登录。',
    tabCases: '差评整改', queue: '队列', refresh: '刷新', filter: '显示', all: '全部', more: '显示更多（还有 {n} 件）', truncated: '只载入了前 {n} 件。',
    counts: '各状态件数', empty: '没有符合条件的事项。', chooseItem: '请从队列中选择一件查看。', back: '返回队列',
    statusOpen: '待回访', statusContacted: '待整改', statusReported: '待追评', statusEscalated: '已督办', statusClosed: '已结束',
    filterOpen: '未结束', filterOverdue: '已超期', filterClosed: '已结束', overdue: '超期',
    overdueContact: '回访超期', overdueRectify: '整改超期',
    caseTitle: '案件 {id}', agency: '部门', campaign: '评议活动', status: '状态', round: '轮次', level: '评价', comment: '意见',
    answers: '分项评价', openedAt: '立案时间', contactDue: '回访期限', rectifyDue: '整改期限', enterprise: '企业',
    enterpriseHidden: '企业未同意部门联系，身份不予显示；由企业服务中心回访。', report: '整改报告', followUp: '追评', appeal: '申诉', outcome: '结果',
    reportText: '第 {round} 轮 · {kind} · {at}：{actions}', followUpText: '第 {round} 轮 · {level}{comment} · {at}',
    appealText: '{at}：{reason}', appealPending: '待中心决定', appealUpheld: '申诉成立：{reason}', appealRejected: '申诉不成立：{reason}',
    history: '办理记录', byRole: '{by}', none: '无',
    kindRectified: '已整改', kindExplanation: '情况说明',
    outcome_rectified: '已整改', outcome_explained: '已说明', 'outcome_appeal-upheld': '申诉成立', 'outcome_rating-improved': '评价已改善',
    'outcome_rating-withdrawn': '评价已撤回', 'outcome_rating-invalidated': '评价已作废', outcome_unreachable: '联系不上',
    by_system: '系统', by_centre: '企业服务中心', by_agency: '部门', by_enterprise: '企业', by_auditor: '审计员', by_admin: '管理员',
    RectificationCaseOpened: '立案', RectificationRatingRevised: '企业修改评价', EnterpriseContacted: '回访', RectificationReported: '整改报告',
    FollowUpRated: '追评', RectificationReopened: '重新整改', RectificationEscalated: '督办', AppealFiled: '申诉', AppealDecided: '申诉决定',
    RectificationDeadlineMissed: '期限超期', RectificationCaseClosed: '结案',
    actions: '可办理的操作', noActions: '您的角色对此事项没有可办理的操作。', submit: '提交', cancel: '取消', sending: '正在提交…', done: '已提交：{action}',
    refused: '未能提交（{status}）：{detail}',
    actContact: '记录回访', actReport: '报告整改', actAppeal: '提出申诉', actDecide: '决定申诉', actClose: '结案',
    channel: '方式', channel_phone: '电话', channel_visit: '上门', channel_online: '网上', channel_letter: '信函', summary: '回访情况',
    reportKind: '类型', actionsText: '整改措施或说明', reason: '理由', upheld: '决定', upheld_true: '申诉成立（作废该评价）', upheld_false: '申诉不成立',
    closeOutcome: '结案结果', note: '说明', chars: '{n} / {max}',
    very_satisfied: '非常满意', satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意', very_dissatisfied: '非常不满意',
    // The requests tab (./requests.js)
    tabRequests: '企业诉求', requestTitle: '诉求 {id} · {title}', category: '类别', requestChannel: '来源', description: '诉求内容',
    notDispatched: '尚未分派', receivedAt: '受理时间', dispatchDue: '分派期限', acceptDue: '签收期限', resolveDue: '办结期限',
    extensionAsk: '延期申请', extensionAskText: '{n} 个工作日 · {at}：{reason}（待中心决定）', reply: '答复', replyText: '第 {round} 轮 · {at}：{text}', rating: '企业评价',
    rq_received: '待分派', rq_returned: '已退回', rq_dispatched: '待签收', rq_accepted: '办理中', rq_resolved: '待评价', rq_escalated: '已督办', rq_closed: '已办结', rq_withdrawn: '已撤回',
    filterNotFinished: '未办结', filterAtCentre: '待中心分派（新受理、退回）', filterDispatched: '待签收', filterAccepted: '办理中', filterExtension: '延期申请待决定', filterEscalated: '已督办', filterFinished: '已办结或撤回',
    overdue_dispatch: '分派超期', overdue_accept: '签收超期', overdue_resolve: '办结超期',
    rqOutcome_satisfied: '满意', rqOutcome_rated: '已评价', 'rqOutcome_not-rated': '未评价', 'rqOutcome_escalated-closed': '督办后办结', rqOutcome_withdrawn: '已撤回',
    rqChannel_12345: '12345 热线', rqChannel_window: '窗口', rqChannel_phone: '电话', rqChannel_online: '网上',
    cat_consultation: '政策咨询', cat_approval: '审批服务', cat_operations: '生产经营', cat_finance: '融资', cat_land: '用地规划', cat_talent: '人才用工', cat_contracts: '合同履约', cat_legal: '法律权益', cat_disturbance: '涉企检查扰企',
    actDispatch: '分派', actDecideExtension: '决定延期', actCloseEscalated: '督办办结', actAccept: '签收', actReturn: '退回', actResolve: '办结答复', actExtension: '申请延期',
    decision: '决定', granted_true: '同意延期', granted_false: '不同意', replyField: '答复内容', workingDays: '延期天数', days: '{n} 个工作日',
    RequestReceived: '受理', RequestDispatched: '分派', RequestAccepted: '签收', RequestReturned: '退回', RequestExtensionAsked: '申请延期', RequestExtensionDecided: '延期决定',
    RequestResolved: '办结答复', ResolutionRated: '企业评价', RequestReopened: '重新办理', RequestEscalated: '督办', RequestWithdrawn: '撤回', RequestDeadlineMissed: '期限超期', RequestClosed: '办结',
  },
  en: {
    title: 'Cases and requests workbench', switchTo: '中文', tokenLabel: 'Staff token', signIn: 'Sign in', signOut: 'Sign out',
    tokenKept: 'The token is kept in this tab only.', signedInCentre: 'Service centre ({sub})', signedInAgency: 'Agency {agencyId} ({sub})',
    notStaff: "This token's role ({role}) does not use the workbench: sign in with a service-centre or agency staff token.",
    tokenRejected: 'The token is invalid or expired; signed out.', failed: 'Could not load: {detail}', pleaseSignIn: 'Paste a service-centre or agency staff token to sign in.',
    tabCases: 'Rectification cases', queue: 'Queue', refresh: 'Refresh', filter: 'Show', all: 'All', more: 'Show more ({n} left)', truncated: 'Only the first {n} were loaded.',
    counts: 'By status', empty: 'Nothing matches.', chooseItem: 'Choose one from the queue.', back: 'Back to the queue',
    statusOpen: 'Awaiting contact', statusContacted: 'Awaiting report', statusReported: 'Awaiting follow-up', statusEscalated: 'Escalated', statusClosed: 'Closed',
    filterOpen: 'Not closed', filterOverdue: 'Overdue', filterClosed: 'Closed', overdue: 'Overdue',
    overdueContact: 'contact overdue', overdueRectify: 'rectification overdue',
    caseTitle: 'Case {id}', agency: 'Agency', campaign: 'Campaign', status: 'Status', round: 'Round', level: 'Rating', comment: 'Comment',
    answers: 'By question', openedAt: 'Opened', contactDue: 'Contact due', rectifyDue: 'Rectification due', enterprise: 'Enterprise',
    enterpriseHidden: 'The enterprise did not consent to be contacted by the agency: not shown; the service centre makes the follow-up call.',
    report: 'Report', followUp: 'Follow-up', appeal: 'Appeal', outcome: 'Outcome',
    reportText: 'Round {round} · {kind} · {at}: {actions}', followUpText: 'Round {round} · {level}{comment} · {at}',
    appealText: '{at}: {reason}', appealPending: 'awaiting the centre', appealUpheld: 'upheld: {reason}', appealRejected: 'rejected: {reason}',
    history: 'History', byRole: '{by}', none: 'none',
    kindRectified: 'rectified', kindExplanation: 'explanation',
    outcome_rectified: 'rectified', outcome_explained: 'explained', 'outcome_appeal-upheld': 'appeal upheld', 'outcome_rating-improved': 'rating improved',
    'outcome_rating-withdrawn': 'rating withdrawn', 'outcome_rating-invalidated': 'rating invalidated', outcome_unreachable: 'unreachable',
    by_system: 'system', by_centre: 'service centre', by_agency: 'agency', by_enterprise: 'enterprise', by_auditor: 'auditor', by_admin: 'admin',
    RectificationCaseOpened: 'Opened', RectificationRatingRevised: 'Rating revised', EnterpriseContacted: 'Contact', RectificationReported: 'Report',
    FollowUpRated: 'Follow-up', RectificationReopened: 'Reopened', RectificationEscalated: 'Escalated', AppealFiled: 'Appeal', AppealDecided: 'Appeal decided',
    RectificationDeadlineMissed: 'Deadline missed', RectificationCaseClosed: 'Closed',
    actions: 'What you may do', noActions: 'Your role has no step to take on this one.', submit: 'Submit', cancel: 'Cancel', sending: 'Submitting…', done: 'Done: {action}',
    refused: 'Not done ({status}): {detail}',
    actContact: 'Record a contact', actReport: 'Report the rectification', actAppeal: 'Appeal', actDecide: 'Decide the appeal', actClose: 'Close the case',
    channel: 'Channel', channel_phone: 'phone', channel_visit: 'visit', channel_online: 'online', channel_letter: 'letter', summary: 'What was said',
    reportKind: 'Kind', actionsText: 'What was fixed, or why nothing can be', reason: 'Reason', upheld: 'Decision', upheld_true: 'Upheld (invalidates the rating)', upheld_false: 'Rejected',
    closeOutcome: 'Outcome', note: 'Note', chars: '{n} / {max}',
    very_satisfied: 'Very satisfied', satisfied: 'Satisfied', basically_satisfied: 'Basically satisfied', dissatisfied: 'Dissatisfied', very_dissatisfied: 'Very dissatisfied',
    // The requests tab (./requests.js)
    tabRequests: "Enterprises' requests", requestTitle: 'Request {id} · {title}', category: 'Category', requestChannel: 'Filed through', description: 'What is asked',
    notDispatched: 'not dispatched yet', receivedAt: 'Received', dispatchDue: 'Dispatch due', acceptDue: 'Acceptance due', resolveDue: 'Resolution due',
    extensionAsk: 'Extension asked', extensionAskText: '{n} working days · {at}: {reason} (awaiting the centre)', reply: 'Reply', replyText: 'Round {round} · {at}: {text}', rating: "Enterprise's rating",
    rq_received: 'To dispatch', rq_returned: 'Returned', rq_dispatched: 'To accept', rq_accepted: 'In hand', rq_resolved: 'Awaiting rating', rq_escalated: 'Escalated', rq_closed: 'Closed', rq_withdrawn: 'Withdrawn',
    filterNotFinished: 'Not finished', filterAtCentre: 'At the centre (new, returned)', filterDispatched: 'To accept', filterAccepted: 'In hand', filterExtension: 'Extension asks to decide', filterEscalated: 'Escalated', filterFinished: 'Closed or withdrawn',
    overdue_dispatch: 'dispatch overdue', overdue_accept: 'acceptance overdue', overdue_resolve: 'resolution overdue',
    rqOutcome_satisfied: 'satisfied', rqOutcome_rated: 'rated', 'rqOutcome_not-rated': 'not rated', 'rqOutcome_escalated-closed': 'closed after escalation', rqOutcome_withdrawn: 'withdrawn',
    rqChannel_12345: '12345 hotline', rqChannel_window: 'window', rqChannel_phone: 'phone', rqChannel_online: 'online',
    cat_consultation: 'Policy consultation', cat_approval: 'Approvals', cat_operations: 'Operations', cat_finance: 'Finance', cat_land: 'Land and planning', cat_talent: 'Staffing', cat_contracts: 'Contracts', cat_legal: 'Legal rights', cat_disturbance: 'Disruptive inspections',
    actDispatch: 'Dispatch', actDecideExtension: 'Decide the extension', actCloseEscalated: 'Close the escalated request', actAccept: 'Accept', actReturn: 'Return to the centre', actResolve: 'Resolve with a reply', actExtension: 'Ask for more time',
    decision: 'Decision', granted_true: 'Grant', granted_false: 'Refuse', replyField: 'Reply', workingDays: 'Working days', days: '{n} working days',
    RequestReceived: 'Received', RequestDispatched: 'Dispatched', RequestAccepted: 'Accepted', RequestReturned: 'Returned', RequestExtensionAsked: 'Extension asked', RequestExtensionDecided: 'Extension decided',
    RequestResolved: 'Resolved', ResolutionRated: 'Rated', RequestReopened: 'Reopened', RequestEscalated: 'Escalated', RequestWithdrawn: 'Withdrawn', RequestDeadlineMissed: 'Deadline missed', RequestClosed: 'Closed',
  },
};

export const { t, has, setLang, currentLang } = translator(LABELS);

/** A moment in Shanghai time, in the page's language (./shared/deadlines.js). @param {string | null | undefined} iso */
export const when = (iso) => moment(iso, currentLang());

/** A deadline as the rules word it (./shared/deadlines.js). @param {string | null | undefined} iso */
export const due = (iso) => deadline(iso, currentLang());

/** A label when there is one for the key, the text itself otherwise (a campaign's own level ids). @param {string} key */
export const labelOr = (key) => (has(key) ? t(key) : key);
