// @ts-check
// The workbench's entry point: sign-in with a pasted staff token, the tabs (one per kind of work
// item: the rectification cases today), and the route `#/{kind}` or `#/{kind}/{id}` (id encoded).
// Nothing is shown without a centre or agency token; a 401 forgets the token.
import { ApiError, claimedRole, staffOf, staffToken } from './api.js';
import { cases } from './cases.js';
import { currentLang, setLang, t } from './labels.js';
import { refusal, showQueue } from './queue.js';
import { byId, h } from './shared/dom.js';

/** The kinds of work item, one tab each, in this order (issue 14 adds the requests here). */
const KINDS = [cases];

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

/** @param {string | null} [done] said once the page is drawn again */
async function render(done = null) {
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
    return;
  }
  const { kind, id } = route();
  drawTabs(kind.id);
  try {
    await showQueue(kind, id, {
      view, who, stale: () => mine !== generation,
      go: (path, message) => {
        if (location.hash === `#/${path}`) render(message);
        else {
          pending = message;
          location.hash = `#/${path}`;
        }
      },
    });
    if (mine === generation) say(done);
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
      location.hash = `#/${kind.id}`;
      return say(refusal(error), true);
    }
    say(t('failed', { detail: error instanceof Error ? error.message : String(error) }), true);
  }
}

/** A message to say after the next hashchange's render (a step's confirmation). @type {string | null} */
let pending = null;

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
  render();
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
window.addEventListener('hashchange', () => {
  const message = pending;
  pending = null;
  render(message);
});
setLang(currentLang());
byId('lang').textContent = t('switchTo');
render();
