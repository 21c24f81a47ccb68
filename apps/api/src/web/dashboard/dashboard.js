// The page's entry point. The dashboard (`/`) shows the analysts' reports to a signed-in analyst
// and, without a token, only published results; the public page (`/public`, `/results/{id}`)
// never uses a token. Location: `#/{campaignId}` or `#/{campaignId}/{agencyId}` (ids encoded).
import { api, ApiError, clearToken, setToken, token, tokenRole } from './api.js';
import { h } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { agenciesSection, agencySections, badReviewSection, dateText, headlineSection, rankingTable, trendSection } from './views.js';

const page = document.body.dataset.page;
const $ = (id) => document.getElementById(id);
const view = $('view');
let campaigns = [];

const signedIn = () => page === 'dashboard' && Boolean(token());

function route() {
  const [campaignId, agencyId] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const fromPath = location.pathname.match(/^\/results\/([^/]+)$/);
  return { campaignId: campaignId || (fromPath ? decodeURIComponent(fromPath[1]) : ''), agencyId: agencyId || '' };
}

const go = (campaignId, agencyId) => {
  location.hash = `#/${encodeURIComponent(campaignId)}${agencyId ? `/${encodeURIComponent(agencyId)}` : ''}`;
};

function say(text) {
  $('message').hidden = !text;
  $('message').textContent = text ?? '';
}

/** 401: the token is no good, so forget it; 403: the role may not read reports. Both fall back to public. */
function tokenTrouble(error) {
  if (!(error instanceof ApiError) || !signedIn() || (error.status !== 401 && error.status !== 403)) return false;
  clearToken();
  showSignIn();
  say(error.status === 401 ? t('tokenRejected') : t('forbidden'));
  return true;
}

async function loadCampaigns() {
  const select = $('campaign');
  const list = signedIn() ? (await api.campaigns()).campaigns : (await api.publishedCampaigns()).campaigns;
  campaigns = list;
  select.replaceChildren(...list.map((c) => h('option', { value: c.id }, `${c.year} · ${c.title}${c.status ? ` (${t(c.status)})` : ''}`)));
}

async function render() {
  const { campaignId, agencyId } = route();
  const campaign = campaigns.find((c) => c.id === campaignId) ?? campaigns[0];
  view.replaceChildren();
  if (!campaign) {
    view.append(h('p', { class: 'empty', id: 'empty' }, t('noPublished')));
    return;
  }
  if (campaignId && campaign.id !== campaignId) say(t(signedIn() ? 'unknownCampaign' : 'notPublished', { id: campaignId }));
  $('campaign').value = campaign.id;
  if (!signedIn()) return renderPublished(campaign);
  return agencyId ? renderAgency(campaign, agencyId) : renderOverview(campaign);
}

async function renderOverview(campaign) {
  const [report, trends] = await Promise.all([api.headline(campaign.id), optional(api.trends())]);
  const agencies = agenciesSection(report, { onPick: (agencyId) => go(campaign.id, agencyId) });
  const parts = [headlineSection(report, { note: t('asOf', { position: report.asOf.position }) })];
  const trend = trends.ok ? trendSection('trend-chart', t('trend'), trends.value) : null;
  parts.push(trend ? trend.card : unavailable('trend-chart', t('trend'), trends.status));
  parts.push(agencies.card);
  const bad = badReviewSection(report);
  parts.push(bad.card);
  view.replaceChildren(...parts);
  trend?.draw();
  agencies.draw();
  bad.draw();
}

async function renderAgency(campaign, agencyId) {
  const [detail, trends] = await Promise.all([optional(api.agency(campaign.id, agencyId)), optional(api.trends(agencyId))]);
  const back = () => go(campaign.id);
  if (!detail.ok) {
    view.replaceChildren(h('p', { class: 'wide' }, h('a', { href: '#', id: 'back', onclick: (e) => { e.preventDefault(); back(); } }, `← ${t('back')}`)), unavailable('agency', agencyId, detail.status));
    return;
  }
  const texts = new Map((campaign.questions ?? []).map((q) => [q.id, q.text]));
  const { sections, draw } = agencySections(detail.value, { questionText: (id) => texts.get(id) ?? id, onBack: back });
  const name = detail.value.name ?? campaign.agencies?.find((a) => a.id === agencyId)?.name ?? agencyId;
  const trend = trends.ok ? trendSection('agency-trend-chart', t('agencyTrend', { name }), trends.value) : null;
  view.replaceChildren(...sections.slice(0, 2), ...(trend ? [trend.card] : []), ...sections.slice(2));
  trend?.draw();
  draw();
}

async function renderPublished(campaign) {
  const results = await api.publicResults(campaign.id);
  const agencies = agenciesSection(results);
  const bad = badReviewSection(results);
  view.replaceChildren(headlineSection(results, { note: t('publishedAt', { at: dateText(results.publishedAt) }) }), agencies.card, bad.card, rankingTable(results));
  agencies.draw();
  bad.draw();
}

/** A section whose route is not there (yet) or fails says so instead of breaking the page. */
async function optional(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401 || error.status === 403) throw error;
    return { ok: false, status: error.status };
  }
}

const unavailable = (id, title, status) => h('section', { class: 'card unavailable', id: `${id}-unavailable` }, h('h2', {}, title), h('p', {}, t('notAvailable', { status })));

function showSignIn() {
  if (page !== 'dashboard') return;
  const role = token() ? tokenRole(token()) : null;
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
    say(t('failed', { detail: error.message }));
  }
}

async function show() {
  try {
    say(null);
    await render();
  } catch (error) {
    if (tokenTrouble(error)) return refresh();
    say(t('failed', { detail: error.message }));
  }
}

$('lang').addEventListener('click', () => {
  setLang(currentLang() === 'zh' ? 'en' : 'zh');
  $('lang').textContent = t('switchTo');
  refresh();
});
$('campaign').addEventListener('change', (e) => go(e.target.value));
window.addEventListener('hashchange', show);
if (page === 'dashboard') {
  $('signin-button').addEventListener('click', () => {
    const value = $('token').value.trim();
    $('token').value = '';
    if (!value) return;
    setToken(value);
    say(null);
    refresh();
  });
  $('token').addEventListener('keydown', (e) => e.key === 'Enter' && $('signin-button').click());
  $('signout-button').addEventListener('click', () => {
    clearToken();
    say(null);
    refresh();
  });
}
setLang(currentLang());
$('lang').textContent = t('switchTo');
refresh();
