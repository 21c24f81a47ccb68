// @ts-check
// The rectification cases as the workbench's queue shows them (./queue.js): where the queue and a
// case come from (GET /v1/rectification/cases…), what a row and a case show, and the steps, each
// offered only when the API would take it from this reader (the domain's access rules:
// libs/domain/src/rectification/access.ts and steps.ts). Issue 14's requests get a file like this.
import { api, enc } from './api.js';
import { due, labelOr, t, when } from './labels.js';

/**
 * The case as the API answers it (docs/api.md, "Rectification cases").
 * @typedef {{ caseId: string, campaignId: string, agencyId: string, agencyName: string | null,
 *   status: 'open' | 'contacted' | 'reported' | 'escalated' | 'closed', round: number, level: string,
 *   comment: string | null, answers: Record<string, string>, openedAt: string, contactDue: string, rectifyDue: string,
 *   overdue: ('contact' | 'rectify')[], enterprise: { creditCode: string, name: string | null } | null,
 *   report: { round: number, kind: string, actions: string, at: string } | null,
 *   followUp: { round: number, level: string, comment: string | null, at: string } | null,
 *   appeal: { reason: string, at: string, decision: { upheld: boolean, reason: string, at: string } | null } | null,
 *   outcome: string | null, history?: import('./queue.js').Step[] }} Case
 * @typedef {import('./api.js').Staff} Staff
 */

const STATUS_LABEL = new Map([['open', 'statusOpen'], ['contacted', 'statusContacted'], ['reported', 'statusReported'], ['escalated', 'statusEscalated'], ['closed', 'statusClosed']]);
const path = (/** @type {Case} */ c, /** @type {string} */ step) => `/v1/rectification/cases/${enc(c.caseId)}/${step}`;
const isOpen = (/** @type {Case} */ c) => c.status !== 'closed';
const ownAgency = (/** @type {Case} */ c, /** @type {Staff} */ who) => who.role === 'agency' && who.agencyId === c.agencyId;
/** The decider's limits (libs/domain/src/text.ts): free text up to 2,000 characters, reasons up to 500 (an upheld decision's less the "appeal upheld: " it is written with). */
const TEXT = 2000;
const REASON = 500;
const DECISION_REASON = REASON - 'appeal upheld: '.length;

/** @type {import('./queue.js').Kind<Case>} */
export const cases = {
  id: 'cases',
  tab: 'tabCases',
  statuses: ['open', 'contacted', 'reported', 'escalated', 'closed'],
  statusLabel: (status) => t(STATUS_LABEL.get(status) ?? status),
  filters: [
    { id: 'open', label: 'filterOpen', test: isOpen },
    { id: 'overdue', label: 'filterOverdue', test: (c) => c.overdue.length > 0 },
    { id: 'closed', label: 'filterClosed', test: (c) => !isOpen(c) },
    { id: 'all', label: 'all', test: () => true },
  ],
  async page(after) {
    /** @type {{ cases: Case[], next: string | null }} */
    const answer = await api.get(`/v1/rectification/cases?limit=500${after ? `&after=${enc(after)}` : ''}`);
    return { items: answer.cases, next: answer.next };
  },
  get: (id) => api.get(`/v1/rectification/cases/${enc(id)}`),
  key: (c) => c.caseId,
  status: (c) => c.status,
  overdue: (c) => c.overdue.map((d) => t(d === 'contact' ? 'overdueContact' : 'overdueRectify')),
  title: (c) => `${c.agencyName ?? c.agencyId} · ${labelOr(c.level)}`,
  line: (c) => [
    c.comment ?? '',
    c.outcome ? `${t('outcome')}: ${labelOr(`outcome_${c.outcome}`)}` : `${t(c.status === 'open' ? 'contactDue' : 'rectifyDue')} ${due(c.status === 'open' ? c.contactDue : c.rectifyDue)}`,
  ],
  heading: (c) => t('caseTitle', { id: c.caseId }),
  facts: (c, who) => [
    ['status', `${cases.statusLabel(c.status)}${c.outcome ? ` · ${labelOr(`outcome_${c.outcome}`)}` : ''}`],
    ['agency', c.agencyName ?? c.agencyId],
    ['campaign', c.campaignId],
    ['round', String(c.round)],
    ['level', labelOr(c.level)],
    ['comment', c.comment ?? t('none')],
    ...Object.entries(c.answers).map(([question, level]) => /** @type {[string, string]} */ ([`${t('answers')}: ${question}`, labelOr(level)])),
    ['openedAt', when(c.openedAt)],
    ['contactDue', due(c.contactDue)],
    ['rectifyDue', due(c.rectifyDue)],
    // Shown only as the API answers it: an agency gets null unless the enterprise consented.
    ['enterprise', c.enterprise ? `${c.enterprise.name ?? ''} ${c.enterprise.creditCode}`.trim() : who.role === 'agency' ? t('enterpriseHidden') : t('none')],
    ['report', c.report ? t('reportText', { round: c.report.round, kind: t(c.report.kind === 'rectified' ? 'kindRectified' : 'kindExplanation'), at: when(c.report.at), actions: c.report.actions }) : t('none')],
    ['followUp', c.followUp ? t('followUpText', { round: c.followUp.round, level: labelOr(c.followUp.level), comment: c.followUp.comment ? `：${c.followUp.comment}` : '', at: when(c.followUp.at) }) : t('none')],
    ['appeal', c.appeal ? `${t('appealText', { at: when(c.appeal.at), reason: c.appeal.reason })} · ${appealState(c.appeal.decision)}` : t('none')],
  ],
  history: (c) => c.history ?? [],
  actions: [
    {
      id: 'contact', label: 'actContact',
      // The centre, or the case's agency when the enterprise consented (the API shows it who, exactly then).
      allowed: (c, who) => isOpen(c) && (who.role === 'centre' || (ownAgency(c, who) && c.enterprise !== null)),
      fields: [
        { name: 'channel', label: 'channel', type: 'select', choices: ['phone', 'visit', 'online', 'letter'].map((v) => ({ value: v, label: `channel_${v}` })) },
        { name: 'summary', label: 'summary', type: 'text', max: TEXT },
      ],
      send: (c, v) => api.post(path(c, 'contact'), { channel: v.get('channel'), summary: v.get('summary') }),
    },
    {
      id: 'report', label: 'actReport',
      allowed: (c, who) => ownAgency(c, who) && c.status === 'contacted',
      fields: [
        { name: 'kind', label: 'reportKind', type: 'select', choices: [{ value: 'rectified', label: 'kindRectified' }, { value: 'explanation', label: 'kindExplanation' }] },
        { name: 'actions', label: 'actionsText', type: 'text', max: TEXT },
      ],
      send: (c, v) => api.post(path(c, 'report'), { kind: v.get('kind'), actions: v.get('actions') }),
    },
    {
      id: 'appeal', label: 'actAppeal',
      allowed: (c, who) => ownAgency(c, who) && isOpen(c) && c.appeal === null,
      fields: [{ name: 'reason', label: 'reason', type: 'text', max: REASON }],
      send: (c, v) => api.post(path(c, 'appeal'), { reason: v.get('reason') }),
    },
    {
      id: 'decide', label: 'actDecide',
      allowed: (c, who) => who.role === 'centre' && isOpen(c) && c.appeal !== null && c.appeal.decision === null,
      fields: [
        { name: 'upheld', label: 'upheld', type: 'select', choices: [{ value: 'false', label: 'upheld_false' }, { value: 'true', label: 'upheld_true' }] },
        { name: 'reason', label: 'reason', type: 'text', max: DECISION_REASON },
      ],
      send: (c, v) => api.post(path(c, 'appeal/decision'), { upheld: v.get('upheld') === 'true', reason: v.get('reason') }),
    },
    {
      id: 'close', label: 'actClose',
      allowed: (c, who) => who.role === 'centre' && isOpen(c),
      fields: [
        { name: 'outcome', label: 'closeOutcome', type: 'select', choices: ['rectified', 'explained', 'unreachable'].map((v) => ({ value: v, label: `outcome_${v}` })) },
        { name: 'note', label: 'note', type: 'text', max: TEXT },
      ],
      send: (c, v) => api.post(path(c, 'close'), { outcome: v.get('outcome'), note: v.get('note') }),
    },
  ],
};

/** @param {NonNullable<Case['appeal']>['decision']} decision */
function appealState(decision) {
  if (!decision) return t('appealPending');
  return t(decision.upheld ? 'appealUpheld' : 'appealRejected', { reason: decision.reason });
}
