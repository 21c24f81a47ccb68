// @ts-check
// The workbench's entry point: sign-in with a pasted staff token, the tabs (one per kind of work
// item: the rectification cases today), and the route `#/{kind}` or `#/{kind}/{id}` (id encoded).
// Nothing is shown without a centre or agency token; a 401 forgets the token.
import { ApiError, claimedRole, staffOf, staffToken } from './api.js';
import { cases } from './cases.js';
import { requests } from './requests.js';
import { currentLang, setLang, t } from './labels.js';
import { refusal, showQueue } from './queue.js';
import { byId, h } from './shared/dom.js';

/** The kinds of work item, one tab each, in this order (each its own item type). @type {import('./queue.js').Kind<any>[]} */
const KINDS = [cases, requests];

const view = byId('view');
const tokenInput = byId('token', HTMLInputElement);
/** Bumped by every render: a render whose answers arrive after a newer one started draws nothing. */
let generation = 0;

/** @param {string | null} text @param {boolean} [problem] */
function say(text, problem = false) {
  const message = byId('message');
  message.hidden = !text;
  message.textContent = text ?? '';
  message.classList.toggle('ok', !problem);
}

function route() {
  const [kindId = '', id] = location.hash.replace(/^#\/?/, '').split('/');
  const kind = KINDS.find((k) => k.id === kindId) ?? KINDS[0];
  return { kind, id: id === undefined || id === '' ? null : decodeURIComponent(id) };
}

/**
 * @param {Message | null} [done] said once the page is drawn again
 * @param {boolean} [fresh] read the queue again (after a step, a sign-in, "refresh"), not only the item
 * @param {unknown} [answered] the item as a step just answered it (queue.js showQueue)
 * @returns {Promise<void>}
 */
async function render(done = null, fresh = true, answered = null) {
  const mine = ++generation;
  const held = staffToken.get();
  const who = held ? staffOf(held) : null;
  showSignIn(who);
  if (!held || !who) {
    view.replaceChildren();
    byId('tabs').hidden = true;
    if (held && !who) {
      staffToken.clear();
      showSignIn(null);
      say(t('notStaff', { role: claimedRole(held) }), true);
    } else if (!done) say(t('pleaseSignIn'));
    else say(done.text, done.problem);
    return;
  }
  const { kind, id } = route();
  drawTabs(kind.id);
  try {
    await showQueue(kind, id, {
      view, who, stale: () => mine !== generation,
      go: (path, text, item) => goTo(path, { text, problem: false }, item),
      refresh: () => render(null, true),
    }, fresh, answered);
    if (mine === generation) say(done?.text ?? null, done?.problem);
  } catch (error) {
    if (mine !== generation) return;
    if (error instanceof ApiError && error.status === 401) {
      staffToken.clear();
      showSignIn(null);
      view.replaceChildren();
      return say(t('tokenRejected'), true);
    }
    // An item the reader may not know of is a 404 like an unknown one: show the queue and the API's word.
    if (id !== null && error instanceof ApiError && error.status === 404) {
      goTo(kind.id, { text: refusal(error), problem: true });
      return;
    }
    say(t('failed', { detail: error instanceof Error ? error.message : String(error) }), true);
  }
}

/** @typedef {{ text: string, problem: boolean }} Message */
/**
 * A message to say after the next hashchange's render (a step's confirmation), which also reads the
 * queue again, and the item the step answered. @type {{ message: Message, answered: unknown } | null}
 */
let pending = null;

/**
 * Shows `#/{path}`, read afresh but for the item a step answered, then says `message`.
 * @param {string} path @param {Message} message @param {unknown} [answered] @returns {void}
 */
function goTo(path, message, answered = null) {
  if (location.hash === `#/${path}`) {
    render(message, true, answered);
    return;
  }
  pending = { message, answered };
  location.hash = `#/${path}`;
}

/** @param {string} current */
function drawTabs(current) {
  const tabs = byId('tabs');
  tabs.hidden = false;
  tabs.replaceChildren(...KINDS.map((k) => h('a', { href: `#/${k.id}`, class: 'tab', 'aria-current': k.id === current ? 'page' : null }, t(k.tab))));
}

/** @param {import('./api.js').Staff | null} who */
function showSignIn(who) {
  tokenInput.hidden = byId('signin-button').hidden = Boolean(who);
  byId('signout-button').hidden = !who;
  byId('who').textContent = !who ? '' : who.role === 'centre' ? t('signedInCentre', { sub: who.sub }) : t('signedInAgency', { agencyId: who.agencyId, sub: who.sub });
}

byId('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  byId('lang').textContent = t('switchTo');
  render(null, false);
});
byId('signin-button').addEventListener('click', () => {
  const value = tokenInput.value.trim();
  tokenInput.value = '';
  if (!value) return;
  staffToken.set(value);
  say(null);
  render();
});
tokenInput.addEventListener('keydown', (e) => e.key === 'Enter' && byId('signin-button').click());
byId('signout-button').addEventListener('click', () => {
  staffToken.clear();
  view.replaceChildren();
  render();
  tokenInput.focus();
});
// Moving between items reuses the queue read last; a step's own move reads it again.
window.addEventListener('hashchange', () => {
  const step = pending;
  pending = null;
  render(step?.message ?? null, step !== null, step?.answered ?? null);
});
setLang(currentLang());
byId('lang').textContent = t('switchTo');
render();
