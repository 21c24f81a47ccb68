// @ts-check
// The page's entry point. The dashboard (`/`) shows the analysts' reports to a signed-in analyst
// and, without a token, only published results; the public page (`/public`, `/results/{id}`)
// never uses a token. Location: `#/{campaignId}` or `#/{campaignId}/{agencyId}` (ids encoded),
// with `?view=rectification` (the rectification cases) or `?view=requests` (enterprises'
// requests, with `&from=YYYY-MM-DD&to=YYYY-MM-DD` for a span of days) for the other views (`?`
// is in no id, so it never reads as one). The centre's staff
// may not read the satisfaction reports, so their first view is the rectification cases.
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

/** @typedef {import('./screens.js').ViewName} ViewName */

/**
 * Whether the API has the requests report (another release brings it): asked once per page load,
 * from the API's description, when a token is first used; until then, and without it, no such view.
 */
let requestsRoute = /** @type {boolean | null} */ (null);

/** The views a signed-in token's role may read, the first its default. @returns {ViewName[]} */
function viewsOfRole() {
  /** @type {ViewName[]} */
  const views = tokenRole(token() ?? '') === 'centre' ? ['rectification'] : ['satisfaction', 'rectification'];
  return requestsRoute ? [...views, 'requests'] : views;
}

async function checkRoutes() {
  if (requestsRoute !== null || !signedIn()) return;
  requestsRoute = await api.routes().then((routes) => routes.has('/v1/reports/requests'), () => false);
}

function route() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [campaignId, agencyId] = path.split('/').map(decodeURIComponent);
  const fromPath = location.pathname.match(/^\/results\/([^/]+)$/);
  const asked = new URLSearchParams(query).get('view');
  const views = viewsOfRole();
  /** @type {ViewName} */
  const view = views.find((v) => v === asked) ?? views[0];
  const params = new URLSearchParams(query);
  // The requests view's span of days (`&from=…&to=…`), as given: the API says if it is no span.
  const span = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  return { campaignId: campaignId || (fromPath ? decodeURIComponent(fromPath[1]) : ''), agencyId: agencyId || '', view, span };
}

/** The address of a campaign (and agency) in a view, the current one unless named. @param {string} campaignId @param {string} [agencyId] @param {ViewName} [view] */
const href = (campaignId, agencyId, view = route().view) =>
  `#/${encodeURIComponent(campaignId)}${agencyId ? `/${encodeURIComponent(agencyId)}` : ''}${view === 'satisfaction' ? '' : `?view=${view}`}`;

/** @param {string} campaignId @param {string} [agencyId] @param {ViewName} [view] */
const go = (campaignId, agencyId, view) => {
  location.hash = href(campaignId, agencyId, view);
};

/**
 * The views' links above the view, for a signed-in role that may read more than one: plain links,
 * so the keyboard reaches and follows them as any other; the current one marked as such. None
 * while no campaign is shown.
 * @param {string | null} campaignId @param {ViewName} current
 */
function showViews(campaignId, current) {
  if (page !== 'dashboard') return;
  const views = signedIn() && campaignId !== null ? viewsOfRole() : [];
  const nav = $('views');
  nav.hidden = views.length < 2;
  nav.setAttribute('aria-label', t('views'));
  nav.replaceChildren(...(campaignId === null || views.length < 2 ? [] : views.map((v) =>
    h('a', { href: href(campaignId, '', v), id: `view-${v}`, 'aria-current': v === current ? 'page' : null }, t(`view.${v}`)))));
}

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
  const ctx = { view, go, href, campaigns, stale: () => mine !== generation };
  const { campaignId, agencyId, view: shown, span } = route();
  view.replaceChildren();
  if (campaignId && !campaigns.some((c) => c.id === campaignId)) {
    // Say so, and show no other campaign's figures: beside this message they would read as its own.
    // The picker, left on no campaign, offers the ones there are.
    say(t(signedIn() ? 'unknownCampaign' : 'notPublished', { id: campaignId }));
    picker.selectedIndex = -1;
    showViews(null, shown);
    if (campaigns.length === 0) view.append(h('p', { class: 'empty', id: 'empty' }, t('noPublished')));
    return;
  }
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  if (!campaign) {
    showViews(null, shown);
    view.append(h('p', { class: 'empty', id: 'empty' }, t('noPublished')));
    return;
  }
  picker.value = campaign.id;
  if (!signedIn()) return screens.published(campaign, ctx);
  showViews(campaign.id, shown);
  if (shown === 'rectification') return screens.rectification(campaign, agencyId, ctx);
  if (shown === 'requests') return screens.requests(campaign, span, ctx);
  return agencyId ? screens.agency(campaign, agencyId, ctx) : screens.overview(campaign, ctx);
}

function showSignIn() {
  if (page !== 'dashboard') return;
  const held = token();
  const role = held ? tokenRole(held) : null;
  $('token').hidden = $('signin-button').hidden = Boolean(token());
  $('signout-button').hidden = !token();
  $('signin-note').textContent = token() ? `${t('signedIn', { role: role ?? '?' })} ${t('tokenKept')}` : t('tokenKept');
  $('mode').textContent = token() ? t(role === 'centre' ? 'modeCentre' : 'modeAnalyst') : t('modePublic');
}

async function refresh() {
  showSignIn();
  try {
    await Promise.all([loadCampaigns(), checkRoutes()]);
    await render();
  } catch (error) {
    if (tokenTrouble(error)) return refresh();
    say(t('failed', { detail: error instanceof Error ? error.message : String(error) }));
  }
}

async function show() {
  // A keyboard user who moved with a link or a picker keeps their place: drawing the view again
  // replaces the element that had the focus, so it goes to the one of the same id in the new view.
  const focused = document.activeElement?.id;
  try {
    say(null);
    await render();
    const again = focused && document.activeElement === document.body ? document.getElementById(focused) : null;
    again?.focus();
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
