// @ts-check
// The enterprises' requests (诉求) as the workbench's queue shows them (./queue.js): where the queue
// and a request come from (GET /v1/requests…), what a row and a request show, and the steps, each
// offered only when the API would take it from this reader (the domain's rules:
// libs/domain/src/requests/access.ts and the *-steps.ts beside it). The centre dispatches to an
// agency of the directory (GET /v1/agencies), decides extension asks and closes escalated ones; the
// agency it is dispatched to accepts or returns it, asks for more time, and resolves it.
import { api, enc } from './api.js';
import { currentLang, due, labelOr, t, when } from './labels.js';
import { categoryLabel, requestCategories } from './shared/request-categories.js';

/**
 * The request as the API answers it (docs/api.md, "Enterprises' requests").
 * @typedef {{ requestId: string, category: string, title: string, description: string, channel: string,
 *   agencyId: string | null, status: string, round: number, receivedAt: string,
 *   dispatchDue: string | null, acceptDue: string | null, resolveDue: string | null,
 *   overdue: ('dispatch' | 'accept' | 'resolve')[], extensionAsked: number | null, enterprise: { creditCode: string, name: string | null },
 *   reply: { round: number, text: string, at: string } | null,
 *   rating: { round: number, level: string, comment: string | null, at: string } | null,
 *   outcome: string | null, history?: import('./queue.js').Step[],
 *   agencies?: { agencyId: string, name: string }[] }} Request
 * @typedef {import('./api.js').Staff} Staff
 */

const STATUSES = ['received', 'returned', 'dispatched', 'accepted', 'resolved', 'escalated', 'closed', 'withdrawn'];
const isOpen = (/** @type {Request} */ r) => r.status !== 'closed' && r.status !== 'withdrawn';
const atCentre = (/** @type {Request} */ r) => r.status === 'received' || r.status === 'returned';
const ownAgency = (/** @type {Request} */ r, /** @type {Staff} */ who) => who.role === 'agency' && who.agencyId === r.agencyId;
/** The decider's limits (libs/domain/src/text.ts): free text up to 2,000 characters, reasons up to 500. */
const TEXT = 2000;
const REASON = 500;
/** The working days an agency may ask for at once: the API refuses beyond 30 in all. */
const EXTENSION_DAYS = [1, 2, 3, 5, 10, 15, 20, 30];
/** The deployment's categories with their labels, read with the first queue or request shown. */
const categories = requestCategories(api);
/** @type {Map<string, import('./shared/request-categories.js').Category>} */
let known = new Map();
const category = (/** @type {Request} */ r) => categoryLabel(known, r.category, currentLang());

/**
 * A step, answered with the request after it, to which the directory's agencies read with the
 * request are kept (the dispatch form offers them, the facts name the agency).
 * @param {Request} r @param {string} step @param {unknown} body @returns {Promise<Request>}
 */
const take = async (r, step, body) => ({ ...(await api.post(`/v1/requests/${enc(r.requestId)}/${step}`, body)), agencies: r.agencies });

/**
 * The extension ask awaiting the centre (`extensionAsked`, its working days), with its reason and
 * moment from the history when the request was read alone: the last ask.
 * @param {Request} r
 */
function pendingAsk(r) {
  if (r.extensionAsked === null) return null;
  const history = r.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const { type } = history[i];
    if (type === 'RequestExtensionAsked') return history[i];
  }
  return null;
}

/** The deadline the request waits on now, by its status. @param {Request} r @returns {[string, string | null] | null} */
function nextDue(r) {
  if (atCentre(r)) return ['dispatchDue', r.dispatchDue];
  if (r.status === 'dispatched') return ['acceptDue', r.acceptDue];
  if (r.status === 'accepted') return ['resolveDue', r.resolveDue];
  return null;
}

/** @type {import('./queue.js').Kind<Request>} */
export const requests = {
  id: 'requests',
  tab: 'tabRequests',
  statuses: STATUSES,
  statusLabel: (status) => labelOr(`rq_${status}`),
  filters: [
    { id: 'open', label: 'filterNotFinished', test: isOpen },
    { id: 'centre', label: 'filterAtCentre', test: atCentre },
    { id: 'dispatched', label: 'filterDispatched', test: (r) => r.status === 'dispatched' },
    { id: 'accepted', label: 'filterAccepted', test: (r) => r.status === 'accepted' },
    { id: 'extension', label: 'filterExtension', test: (r) => r.extensionAsked !== null },
    { id: 'escalated', label: 'filterEscalated', test: (r) => r.status === 'escalated' },
    { id: 'overdue', label: 'filterOverdue', test: (r) => r.overdue.length > 0 },
    { id: 'finished', label: 'filterFinished', test: (r) => !isOpen(r) },
    { id: 'all', label: 'all', test: () => true },
  ],
  async page(after) {
    /** @type {[{ requests: Request[], next: string | null }, Map<string, import('./shared/request-categories.js').Category>]} */
    const [answer, categoriesKnown] = await Promise.all([api.get(`/v1/requests?limit=500${after ? `&after=${enc(after)}` : ''}`), categories.load()]);
    known = categoriesKnown;
    return { items: answer.requests, next: answer.next };
  },
  async get(id) {
    /** @type {[Request, { agencies: { agencyId: string, name: string }[] }, Map<string, import('./shared/request-categories.js').Category>]} */
    const [request, directory, categoriesKnown] = await Promise.all([api.get(`/v1/requests/${enc(id)}`), api.get('/v1/agencies'), categories.load()]);
    known = categoriesKnown;
    return { ...request, agencies: directory.agencies };
  },
  key: (r) => r.requestId,
  status: (r) => r.status,
  overdue: (r) => r.overdue.map((d) => t(`overdue_${d}`)),
  title: (r) => `${category(r)} · ${r.title}`,
  line: (r) => {
    const next = nextDue(r);
    return [
      r.enterprise.name ?? r.enterprise.creditCode,
      r.agencyId ? `${t('agency')}: ${r.agencyId}` : '',
      r.outcome ? `${t('outcome')}: ${labelOr(`rqOutcome_${r.outcome}`)}` : next ? `${t(next[0])} ${due(next[1])}` : '',
    ];
  },
  heading: (r) => t('requestTitle', { id: r.requestId, title: r.title }),
  facts: (r) => {
    const ask = pendingAsk(r);
    return [
      ['status', `${requests.statusLabel(r.status)}${r.outcome ? ` · ${labelOr(`rqOutcome_${r.outcome}`)}` : ''}`],
      ['category', category(r)],
      ['enterprise', `${r.enterprise.name ?? ''} ${r.enterprise.creditCode}`.trim()],
      ['requestChannel', labelOr(`rqChannel_${r.channel}`)],
      ['description', r.description],
      ['agency', r.agencyId ? agencyName(r, r.agencyId) : t('notDispatched')],
      ['round', String(r.round)],
      ['receivedAt', when(r.receivedAt)],
      ['dispatchDue', due(r.dispatchDue)],
      ['acceptDue', due(r.acceptDue)],
      ['resolveDue', due(r.resolveDue)],
      ['extensionAsk', r.extensionAsked === null ? t('none') : t('extensionAskText', { n: r.extensionAsked, at: ask ? when(ask.at) : '', reason: ask?.text ?? '' })],
      ['reply', r.reply ? t('replyText', { round: r.reply.round, at: when(r.reply.at), text: r.reply.text }) : t('none')],
      ['rating', r.rating ? t('followUpText', { round: r.rating.round, level: labelOr(r.rating.level), comment: r.rating.comment ? `：${r.rating.comment}` : '', at: when(r.rating.at) }) : t('none')],
    ];
  },
  history: (r) => r.history ?? [],
  actions: [
    {
      id: 'dispatch', label: 'actDispatch',
      allowed: (r, who) => who.role === 'centre' && atCentre(r),
      fields: [{
        name: 'agencyId', label: 'agency', type: 'select',
        choices: (r) => (r.agencies ?? []).map((a) => ({ value: a.agencyId, label: '', text: `${a.name} (${a.agencyId})` })),
      }],
      send: (r, v) => take(r, 'dispatch', { agencyId: v.get('agencyId') }),
    },
    {
      id: 'decideExtension', label: 'actDecideExtension',
      allowed: (r, who) => who.role === 'centre' && r.status === 'accepted' && r.extensionAsked !== null,
      fields: [{ name: 'granted', label: 'decision', type: 'select', choices: [{ value: 'true', label: 'granted_true' }, { value: 'false', label: 'granted_false' }] }],
      send: (r, v) => take(r, 'extension/decision', { granted: v.get('granted') === 'true' }),
    },
    {
      id: 'closeEscalated', label: 'actCloseEscalated',
      allowed: (r, who) => who.role === 'centre' && r.status === 'escalated',
      fields: [{ name: 'note', label: 'note', type: 'text', max: TEXT }],
      send: (r, v) => take(r, 'close', { note: v.get('note') }),
    },
    {
      id: 'accept', label: 'actAccept',
      allowed: (r, who) => ownAgency(r, who) && r.status === 'dispatched',
      fields: [],
      send: (r) => take(r, 'accept', {}),
    },
    {
      id: 'return', label: 'actReturn',
      allowed: (r, who) => ownAgency(r, who) && r.status === 'dispatched',
      fields: [{ name: 'reason', label: 'reason', type: 'text', max: REASON }],
      send: (r, v) => take(r, 'return', { reason: v.get('reason') }),
    },
    {
      id: 'resolve', label: 'actResolve',
      allowed: (r, who) => ownAgency(r, who) && r.status === 'accepted',
      fields: [{ name: 'reply', label: 'replyField', type: 'text', max: TEXT }],
      send: (r, v) => take(r, 'resolve', { reply: v.get('reply') }),
    },
    {
      id: 'extension', label: 'actExtension',
      // Before the resolve deadline and with no ask pending (the API refuses otherwise).
      allowed: (r, who) => ownAgency(r, who) && r.status === 'accepted' && r.extensionAsked === null && !r.overdue.includes('resolve'),
      fields: [
        { name: 'workingDays', label: 'workingDays', type: 'select', choices: () => EXTENSION_DAYS.map((n) => ({ value: String(n), label: '', text: t('days', { n }) })) },
        { name: 'reason', label: 'reason', type: 'text', max: REASON },
      ],
      send: (r, v) => take(r, 'extension', { workingDays: Number(v.get('workingDays')), reason: v.get('reason') }),
    },
  ],
};

/** An agency's name from the directory, its id when the directory does not know it. @param {Request} r @param {string} agencyId */
function agencyName(r, agencyId) {
  const found = (r.agencies ?? []).find((a) => a.agencyId === agencyId);
  return found ? `${found.name} (${agencyId})` : agencyId;
}
