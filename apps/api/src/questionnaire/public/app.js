// @ts-check
// The questionnaire page: takes the invitation token out of the link, then shows the campaign's
// agencies with what this enterprise has saved, and lets it save, revise and withdraw until closing.
// The campaign comes from the token's own `cid` claim, so a link cannot be pointed at another one.
import { ApiError, claimsOf, client, takeTokenFromLink } from './api.js';
import { casesSection } from './cases-view.js';
import { agencyCard } from './rating-form.js';
import { agencyListFrame, both, h, header, notice, NOTICES, showScreen } from './view.js';

/** @param {import('./view.js').NoticeKind} kind */
const show = (kind) => notice(kind, ...NOTICES[kind]);

/**
 * Which clear page a refused request deserves.
 * @param {unknown} error
 * @returns {import('./view.js').NoticeKind}
 */
function refusal(error) {
  if (!(error instanceof ApiError)) return 'failed';
  const detail = error.problem?.detail ?? '';
  if (error.status === 401) return /revoked/.test(detail) ? 'revoked' : /expired/.test(detail) ? 'expired' : 'invalid';
  if (error.status === 403) return 'invalid';
  if (error.status === 404) return 'missingCampaign';
  return 'failed';
}

/** A case's stages in the order it moves through them, round by round (CLOSED-LOOP.md). */
const STAGES = ['open', 'contacted', 'reported', 'escalated', 'closed'];
/** @param {import('./api.js').Case} a @param {import('./api.js').Case} b whether `a` is further along than `b` */
const laterStage = (a, b) => a.round !== b.round ? a.round > b.round : STAGES.indexOf(a.status) > STAGES.indexOf(b.status);

async function main() {
  const token = takeTokenFromLink();
  if (!token) return show('missing');
  const claims = claimsOf(token);
  if (!claims) return show('invalid');
  if (claims.exp * 1000 <= Date.now()) return show('expired');
  const api = client(token);
  let campaign;
  let ballot;
  try {
    [campaign, ballot] = await Promise.all([api.campaign(claims.cid), api.ballot(claims.cid)]);
  } catch (error) {
    return show(refusal(error));
  }
  header(campaign, claims.sub);
  render(api, campaign, ballot);
}

/**
 * @param {ReturnType<typeof client>} api
 * @param {import('./api.js').Campaign} campaign
 * @param {import('./api.js').Ballot} ballot
 */
function render(api, campaign, ballot) {
  const saved = new Map(ballot.evaluations.map((e) => [e.agencyId, e]));
  /**
   * The cases as the follow-ups' own answers left them: the ballot reads its cases from the read
   * model, which may not have folded a step yet, so a case read there at an earlier stage than the
   * page's own answer is shown as answered.
   * @type {Map<string, import('./api.js').Case>}
   */
  const answered = new Map();
  /** @param {import('./api.js').Case[]} read */
  const freshest = (read) => read.map((c) => {
    const mine = answered.get(c.caseId);
    return mine && laterStage(mine, c) ? mine : c;
  });
  /** The cases' section, drawn again from each fresh ballot; after a follow-up, focus goes to its case's status. */
  let cases = casesSection(campaign, ballot.cases, followUp);
  /** The agencies with which a case is open: a bad revision joins it rather than opening another. */
  let openCases = new Set(ballot.cases.filter((c) => c.status !== 'closed').map((c) => c.agencyId));
  let shownCases = ballot.cases;
  const casesPlace = h('div', { id: 'cases-place' }, cases);
  /** @param {import('./api.js').Case[]} read @param {string} [doneCaseId] */
  function showCases(read, doneCaseId) {
    shownCases = freshest(read);
    cases = casesSection(campaign, shownCases, followUp);
    openCases = new Set(shownCases.filter((c) => c.status !== 'closed').map((c) => c.agencyId));
    casesPlace.replaceChildren(...(cases ? [cases] : []));
    if (!doneCaseId || !cases) return;
    const status = [...cases.querySelectorAll('li.case')].find((li) => li instanceof HTMLElement && li.dataset.case === doneCaseId)?.querySelector('.status');
    if (status instanceof HTMLElement) {
      status.textContent = '已提交追评，谢谢 Your rating was sent, thank you';
      status.classList.add('ok');
      status.tabIndex = -1;
      status.focus();
    }
  }
  /** The case is shown as the step answered it (the route reads its stream), not read back. @param {string} caseId @param {{ level: string, comment?: string }} body */
  async function followUp(caseId, body) {
    /** @type {import('./api.js').CaseDetail} */
    const after = await guarded(() => api.followUp(caseId, body))();
    const { history: _history, ...item } = after;
    answered.set(caseId, item);
    showCases(shownCases.map((c) => (c.caseId === caseId ? item : c)), caseId);
  }
  const progress = h('p', { class: 'progress', role: 'status' });
  const showProgress = () => (progress.replaceChildren(...both(`您已评价 ${saved.size} 个单位。`, `You have rated ${saved.size} agencies.`)));
  showProgress();

  /** After each write, what is shown comes from the server's copy of the ballot. */
  const afterWrite = async (/** @type {string} */ agencyId) => {
    const fresh = await api.ballot(campaign.id);
    showCases(fresh.cases);
    saved.clear();
    for (const e of fresh.evaluations) saved.set(e.agencyId, e);
    showProgress();
    return saved.get(agencyId) ?? null;
  };
  /**
   * @template {unknown[]} A
   * @template R
   * @param {(...args: A) => Promise<R>} work
   */
  const guarded = (work) => async (/** @type {A} */ ...args) => {
    try {
      return await work(...args);
    } catch (error) {
      const kind = refusal(error);
      if (kind === 'revoked' || kind === 'expired' || kind === 'invalid') show(kind); // the link stopped working
      throw error;
    }
  };
  const actions = {
    save: guarded(async (/** @type {string} */ agencyId, /** @type {Omit<import('./api.js').Evaluation, 'agencyId'>} */ evaluation) => {
      await api.save(campaign.id, agencyId, evaluation);
      return afterWrite(agencyId);
    }),
    withdraw: guarded(async (/** @type {string} */ agencyId) => {
      await api.withdraw(campaign.id, agencyId);
      return afterWrite(agencyId);
    }),
  };

  const phase = {
    open: null,
    scheduled: h('p', { class: 'banner', 'data-state': 'scheduled' }, ...both('评议尚未开始，开始后即可评价。', 'The survey has not opened yet.')),
    closed: h('p', { class: 'banner', 'data-state': 'closed' }, ...both('本次评议已结束，以下为您已保存的评价，不能再修改。', 'This survey is closed: your saved answers are shown and can no longer be changed.')),
    published: h('p', { class: 'banner', 'data-state': 'closed' }, ...both('本次评议已结束，结果已公布。', 'This survey is closed and its results are published.')),
  }[campaign.status];

  const { frame, list } = agencyListFrame(campaign.agencies.length, (query) => {
    let shown = 0;
    for (const card of list.children) {
      if (!(card instanceof HTMLElement)) continue;
      const match = !query || (card.dataset.name ?? '').includes(query) || (card.dataset.agency ?? '').toLowerCase().includes(query);
      card.hidden = !match;
      if (match) shown++;
    }
    return shown;
  });
  const invalidated = new Map(ballot.invalidated.map((i) => [i.agencyId, i]));
  for (const agency of campaign.agencies) list.append(agencyCard(agency, campaign, saved.get(agency.id) ?? null, actions, invalidated.get(agency.id) ?? null, (id) => openCases.has(id)));
  showScreen(...[phase, casesPlace, progress, frame].filter((node) => node !== null));
}

main().catch((error) => {
  console.error(error);
  show('failed');
});

// Another link opened in this same tab changes only the fragment, which loads nothing: start over with it.
addEventListener('hashchange', () => {
  if (new URLSearchParams(location.hash.slice(1)).has('t')) location.reload();
});
