// @ts-check
// The page's entry point. The dashboard (`/`) shows the analysts' reports to a signed-in analyst
// and, without a token, only published results; the public page (`/public`, `/results/{id}`)
// never uses a token. Location: `#/{campaignId}` or `#/{campaignId}/{agencyId}` (ids encoded).
import { api, ApiError, clearToken, setToken, token, tokenRole } from './api.js';
import { byId, h } from './shared/dom.js';
import { currentLang, setLang, t } from './i18n.js';
import * as screens from './screens.js';

const page = document.body.dataset.page;
const $ = byId;
const view = $('view');
const picker = $('campaign', HTMLSelectElement);
/** @type {import('./api.js').Campaign[]} */
let campaigns = [];
/** Bumped by every render: a render whose answers arrive after a newer one started draws nothing. */
let generation = 0;

const signedIn = () => page === 'dashboard' && Boolean(token());

function route() {
  const [campaignId, agencyId] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const fromPath = location.pathname.match(/^\/results\/([^/]+)$/);
  return { campaignId: campaignId || (fromPath ? decodeURIComponent(fromPath[1]) : ''), agencyId: agencyId || '' };
}

/** @param {string} campaignId @param {string} [agencyId] */
const go = (campaignId, agencyId) => {
  location.hash = `#/${encodeURIComponent(campaignId)}${agencyId ? `/${encodeURIComponent(agencyId)}` : ''}`;
};

/** @param {string | null} text */
function say(text) {
  $('message').hidden = !text;
  $('message').textContent = text ?? '';
}

/**
 * 401: the token is no good, so forget it; 403: the role may not read reports. Both fall back to public.
 * @param {unknown} error
 */
function tokenTrouble(error) {
  if (!(error instanceof ApiError) || !signedIn() || (error.status !== 401 && error.status !== 403)) return false;
  clearToken();
  showSignIn();
  say(error.status === 401 ? t('tokenRejected') : t('forbidden'));
  return true;
}

async function loadCampaigns() {
  const select = picker;
  const list = signedIn() ? (await api.campaigns()).campaigns : (await api.publishedCampaigns()).campaigns;
  campaigns = list;
  select.replaceChildren(...list.map((c) => h('option', { value: c.id }, `${c.year} · ${c.title}${c.status ? ` (${t(c.status)})` : ''}`)));
}

async function render() {
  const mine = ++generation;
  const ctx = { view, go, campaigns, stale: () => mine !== generation };
  const { campaignId, agencyId } = route();
  view.replaceChildren();
  if (campaignId && !campaigns.some((c) => c.id === campaignId)) {
    // Say so, and show no other campaign's figures: beside this message they would read as its own.
    // The picker, left on no campaign, offers the ones there are.
    say(t(signedIn() ? 'unknownCampaign' : 'notPublished', { id: campaignId }));
    picker.selectedIndex = -1;
    if (campaigns.length === 0) view.append(h('p', { class: 'empty', id: 'empty' }, t('noPublished')));
    return;
  }
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  if (!campaign) {
    view.append(h('p', { class: 'empty', id: 'empty' }, t('noPublished')));
    return;
  }
  picker.value = campaign.id;
  if (!signedIn()) return screens.published(campaign, ctx);
  return agencyId ? screens.agency(campaign, agencyId, ctx) : screens.overview(campaign, ctx);
}

function showSignIn() {
  if (page !== 'dashboard') return;
  const held = token();
  const role = held ? tokenRole(held) : null;
  $('token').hidden = $('signin-button').hidden = Boolean(token());
  $('signout-button').hidden = !token();
  $('signin-note').textContent = token() ? `${t('signedIn', { role: role ?? '?' })} ${t('tokenKept')}` : t('tokenKept');
  $('mode').textContent = token() ? t('modeAnalyst') : t('modePublic');
}

async function refresh() {
  showSignIn();
  try {
    await loadCampaigns();
    await render();
  } catch (error) {
    if (tokenTrouble(error)) return refresh();
    say(t('failed', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

async function show() {
  try {
    say(null);
    await render();
  } catch (error) {
    if (tokenTrouble(error)) return refresh();
    say(t('failed', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

$('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  $('lang').textContent = t('switchTo');
  refresh();
});
picker.addEventListener('change', () => go(picker.value));
window.addEventListener('hashchange', show);
if (page === 'dashboard') {
  const tokenInput = $('token', HTMLInputElement);
  $('signin-button').addEventListener('click', () => {
    const value = tokenInput.value.trim();
    tokenInput.value = '';
    if (!value) return;
    setToken(value);
    say(null);
    refresh();
  });
  tokenInput.addEventListener('keydown', (e) => e.key === 'Enter' && $('signin-button').click());
  $('signout-button').addEventListener('click', () => {
    clearToken();
    say(null);
    refresh();
  });
}
setLang(currentLang());
$('lang').textContent = t('switchTo');
refresh();
