// @ts-check
// The enterprises' requests page (/r), phone first: the personal link's token (`#t=…`) is moved into
// this tab's sessionStorage at once, as /q does; then the enterprise's requests (GET /v1/requests),
// a form to file one (its Idempotency-Key made once per filing, so a double submit or a retry files
// once), and one request (`#/{id}`) with its history and, once answered, the rating form.
import { ApiError, apiClient, enc } from './shared/api-client.js';
import { byId, h } from './shared/dom.js';
import { categoryLabel as labelIn, requestCategories } from './shared/request-categories.js';
import { decodeToken } from './shared/token.js';
import { currentLang, due, labelOr, setLang, t, when } from './labels.js';

/**
 * The request as the API answers it (docs/api.md, "Enterprises' requests").
 * @typedef {{ requestId: string, category: string, title: string, description: string, agencyId: string | null,
 *   status: string, round: number, receivedAt: string, resolveDue: string | null, overdue: string[],
 *   reply: { round: number, text: string, at: string } | null, rating: { round: number, level: string, comment: string | null, at: string } | null,
 *   outcome: string | null, history?: { type: string, at: string, by: string, text: string | null }[] }} Request
 */

/** @typedef {import('./shared/request-categories.js').Category} Category */

const KEY = 'survey.requestsLink';
/** Statuses a request may be withdrawn in: before it is resolved (CLOSED-LOOP.md). */
const WITHDRAWABLE = new Set(['received', 'returned', 'dispatched', 'accepted']);
const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
/** The decider's limits (libs/domain/src/text.ts and the request routes): a title up to 100 characters, text up to 2,000. */
const TITLE = 100;
const TEXT = 2000;
/** A withdrawal's reason: up to 500 characters (the withdraw route). */
const REASON = 500;

/** Moves `#t=<token>` from the address bar (and the history entry) into sessionStorage. */
function takeTokenFromLink() {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromLink = params.get('t');
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(KEY);
}

const main = byId('main');
/** @type {ReturnType<typeof apiClient>} */
let api;
/** @type {ReturnType<typeof requestCategories>} the deployment's categories, asked for once */
let categories;
const loadCategories = () => categories.load();

/** A category's label in the page's language. @param {Map<string, Category>} known @param {string} id */
const categoryLabel = (known, id) => labelIn(known, id, currentLang());

/** @param {string | null} text @param {boolean} [problem] */
function say(text, problem = false) {
  const message = byId('message');
  message.hidden = !text;
  message.textContent = text ?? '';
  message.classList.toggle('ok', !problem);
}

/** @param {unknown} error */
function refusal(error) {
  if (!(error instanceof ApiError)) return t('refused', { status: '—', detail: error instanceof Error ? error.message : String(error) });
  const fields = (error.problem?.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return t('refused', { status: error.status, detail: `${error.message}${fields ? ` (${fields})` : ''}` });
}

/** Marks the fields the API names. @param {HTMLFormElement} form @param {unknown} error */
function markFields(form, error) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  if (!(error instanceof ApiError)) return;
  for (const { field } of error.problem?.errors ?? []) form.querySelector(`[name="${CSS.escape(field)}"]`)?.setAttribute('aria-invalid', 'true');
}

/**
 * Sends `form` through `send` when it is submitted, once at a time: "sending" in its status, then
 * `done`; or the API's refusal in the status, with the fields it names marked.
 * @param {HTMLFormElement} form @param {HTMLElement} status
 * @param {(data: FormData) => Promise<unknown>} send @param {() => unknown} done
 */
function sendsWith(form, status, send, done) {
  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    status.className = 'status';
    status.textContent = t('sending');
    try {
      await send(new FormData(form));
      status.textContent = '';
      markFields(form, null);
      await done();
    } catch (error) {
      status.className = 'status error';
      status.textContent = refusal(error);
      markFields(form, error);
    } finally {
      sending = false;
    }
  });
}

/** A text field with its count. @param {string} name @param {string} label @param {number} max @param {boolean} [multiline] @param {boolean} [required] */
function textField(name, label, max, multiline = true, required = true) {
  const id = `${name}-field`;
  const count = h('span', { class: 'muted', id: `${id}-count`, 'aria-live': 'polite' }, t('chars', { n: 0, max }));
  const input = multiline
    ? h('textarea', { id, name, rows: 4, maxlength: max, required, 'aria-describedby': `${id}-count` })
    : h('input', { id, name, type: 'text', maxlength: max, required, autocomplete: 'off', 'aria-describedby': `${id}-count` });
  input.addEventListener('input', () => (count.textContent = t('chars', { n: [...input.value].length, max })));
  return h('label', { for: id }, h('span', {}, t(label)), input, count);
}

/**
 * The filing form, offering the deployment's categories. Its Idempotency-Key is made when the form
 * is drawn and kept until the API has filed the request: a second press, or a retry after a lost
 * answer, names the same filing.
 * @param {Map<string, Category>} known @param {() => void} filed
 */
function fileForm(known, filed) {
  let key = crypto.randomUUID();
  const status = h('p', { class: 'status', id: 'file-status', role: 'alert' });
  const form = h('form', { id: 'file-form' },
    h('label', { for: 'category-field' }, h('span', {}, t('category')),
      h('select', { id: 'category-field', name: 'category' }, [...known.keys()].map((c) => h('option', { value: c }, categoryLabel(known, c))))),
    textField('title', 'subject', TITLE, false),
    textField('description', 'description', TEXT),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'file-submit' }, t('submit'))),
    status);
  sendsWith(form, status, (data) => {
    const body = { category: String(data.get('category')), title: String(data.get('title') ?? ''), description: String(data.get('description') ?? '') };
    return api.call('POST', '/v1/requests', { body, headers: { 'Idempotency-Key': key } });
  }, () => {
    key = crypto.randomUUID();
    form.reset();
    say(t('filed'));
    filed();
  });
  return h('section', { 'aria-labelledby': 'file-title' }, h('h2', { id: 'file-title' }, t('fileTitle')), form);
}

/** @param {Request} r */
const badges = (r) => [h('span', { class: 'badge', dataset: { status: r.status } }, labelOr(`rq_${r.status}`)), r.overdue.length ? h('span', { class: 'badge late' }, '!') : null];

async function showList() {
  /** @type {[{ requests: Request[] }, Map<string, Category>]} */
  const [{ requests }, known] = await Promise.all([api.get('/v1/requests?limit=500'), loadCategories()]);
  const list = h('ol', { class: 'requests', id: 'requests' }, requests.map((r) => h('li', { dataset: { id: r.requestId, status: r.status } },
    h('a', { href: `#/${encodeURIComponent(r.requestId)}` }, h('span', { class: 'title' }, r.title), badges(r), h('span', { class: 'muted' }, `${categoryLabel(known, r.category)} · ${when(r.receivedAt)}`)))));
  main.replaceChildren(
    h('section', { 'aria-labelledby': 'mine-title' },
      h('h2', { id: 'mine-title' }, t('mine')),
      requests.length ? list : h('p', { id: 'no-requests' }, t('none')),
      h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'refresh', onclick: () => render() }, t('refresh')))),
    fileForm(known, () => render()));
}

/** @param {string} id */
async function showOne(id) {
  /** @type {[Request, { agencies: { agencyId: string, name: string }[] }, Map<string, Category>]} */
  const [r, directory, known] = await Promise.all([api.get(`/v1/requests/${enc(id)}`), api.get('/v1/agencies'), loadCategories()]);
  const agency = directory.agencies.find((a) => a.agencyId === r.agencyId);
  const facts = [
    ['status', `${labelOr(`rq_${r.status}`)}`],
    ['category', categoryLabel(known, r.category)],
    ['description', r.description],
    ['agency', agency ? agency.name : r.agencyId ?? t('notDispatched')],
    ['round', String(r.round)],
    ['receivedAt', when(r.receivedAt)],
    ['resolveDue', due(r.resolveDue)],
    ['reply', r.reply ? `${when(r.reply.at)} · ${r.reply.text}` : '—'],
    ['rating', r.rating ? `${labelOr(r.rating.level)}${r.rating.comment ? ` · ${r.rating.comment}` : ''}` : '—'],
  ];
  main.replaceChildren(h('section', { 'aria-labelledby': 'request-title', id: 'request' },
    h('a', { href: '#/', class: 'back', id: 'back' }, t('back')),
    h('h2', { id: 'request-title', tabindex: '-1' }, r.title),
    h('dl', { id: 'facts' }, facts.flatMap(([label, value]) => [h('dt', {}, t(label)), h('dd', { dataset: { fact: label } }, value)])),
    r.status === 'resolved' ? rateForm(r) : null,
    WITHDRAWABLE.has(r.status) ? withdrawForm(r) : null,
    h('h3', {}, t('history')),
    h('ol', { class: 'history', id: 'history' }, (r.history ?? []).map((s) => h('li', { dataset: { type: s.type } },
      h('strong', {}, labelOr(s.type)), ' · ', t(`by_${s.by}`), ' · ', h('time', { datetime: s.at }, when(s.at)), s.text ? h('p', { class: 'text' }, s.text) : null)))));
  byId('request-title').focus();
}

/** The rating of an answer (within its seven days: the API says when it is too late). @param {Request} r */
function rateForm(r) {
  const status = h('p', { class: 'status', id: 'rate-status', role: 'alert' });
  const form = h('form', { id: 'rate-form', 'aria-labelledby': 'rate-title' },
    h('h3', { id: 'rate-title' }, t('rateTitle')),
    h('label', { for: 'level-field' }, h('span', {}, t('level')), h('select', { id: 'level-field', name: 'level' }, LEVELS.map((l) => h('option', { value: l }, t(l))))),
    textField('comment', 'comment', TEXT, true, false),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'rate-submit' }, t('submit'))),
    status);
  sendsWith(form, status, (data) => {
    const comment = String(data.get('comment') ?? '').trim();
    return api.post(`/v1/requests/${enc(r.requestId)}/rating`, { level: String(data.get('level')), ...(comment ? { comment } : {}) });
  }, () => {
    say(t('rated'));
    return render();
  });
  return form;
}

/**
 * Withdrawing a request not yet answered (撤回), with an optional reason; the page asks once more
 * before it sends, since a withdrawn request is closed for good.
 * @param {Request} r
 */
function withdrawForm(r) {
  const status = h('p', { class: 'status', id: 'withdraw-status', role: 'alert' });
  const confirm = h('label', { for: 'withdraw-confirm', class: 'check' },
    h('input', { type: 'checkbox', id: 'withdraw-confirm', name: 'confirm', required: true }), h('span', {}, t('withdrawConfirm')));
  const form = h('form', { id: 'withdraw-form', 'aria-labelledby': 'withdraw-title' },
    h('h3', { id: 'withdraw-title' }, t('withdrawTitle')),
    textField('reason', 'withdrawReason', REASON, true, false),
    confirm,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'withdraw-submit' }, t('withdraw'))),
    status);
  sendsWith(form, status, (data) => {
    const reason = String(data.get('reason') ?? '').trim();
    return api.post(`/v1/requests/${enc(r.requestId)}/withdraw`, reason ? { reason } : {});
  }, () => {
    say(t('withdrawn'));
    return render();
  });
  return form;
}

/** Shows the list, or the request `#/{id}` names. */
async function render() {
  const sub = decodeToken(sessionStorage.getItem(KEY) ?? '')?.sub;
  byId('who').textContent = typeof sub === 'string' ? t('who', { sub }) : '';
  const id = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  try {
    if (id) await showOne(id);
    else await showList();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return stop(/expired/.test(error.message) ? 'expired' : 'invalid');
    if (error instanceof ApiError && error.status === 403) return stop('invalid');
    say(refusal(error), true);
    if (id) location.hash = '#/';
  }
}

/** @param {string} why */
function stop(why) {
  sessionStorage.removeItem(KEY);
  main.replaceChildren(h('p', { id: 'stopped', role: 'alert' }, t(why)));
}

byId('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  byId('lang').textContent = t('switchTo');
  say(null);
  document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  if (api) render();
});
setLang(currentLang());
byId('lang').textContent = t('switchTo');

const token = takeTokenFromLink();
const claims = token ? decodeToken(token) : null;
if (!token) stop('missing');
else if (claims?.role !== 'enterprise' || typeof claims.sub !== 'string') stop('invalid');
else if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) stop('expired');
else {
  api = apiClient(() => token);
  categories = requestCategories(api);
  window.addEventListener('hashchange', () => {
    say(null);
    render();
  });
  render();
}
