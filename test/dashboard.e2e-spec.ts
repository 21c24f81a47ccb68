/// <reference lib="dom" />
/**
 * The dashboard and the public page in a real browser (Debian's chromium), against the real app
 * seeded over HTTP: the figures on screen and in the charts are the API's, a visitor without a
 * token sees only published results and never calls an analysts' route, a token is kept in the
 * tab and never in a URL, and nothing breaks the Content-Security-Policy.
 */
import type { Browser } from 'playwright-core';
import { analyst, startApp, TestApp, token } from './support/app';
import { creditCode } from './support/fixtures';
import { chartData, launchChromium, openPage, screenshot, Seen } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { seedTwoCampaigns } from './support/two-campaigns';

type Figure = { rate: number | null; low: number | null; high: number | null; n: number };
type Agency = { agencyId: string; name: string; rank: number; satisfaction: Figure; badReviewRate: number | null };
type Cell = { value: string; suppressed?: true; n?: number; satisfaction?: Figure };
type Detail = { name: string; satisfaction: Figure; questions: { questionId: string; satisfaction?: Figure }[]; segments: Record<string, Cell[]> };
type Trends = { series: { year: number; satisfaction: Figure }[] };
type Report = { satisfaction: Figure; change: { points: number } | null; respondents: number; evaluations: number; agencies: Agency[] };

// How the page prints the API's (already rounded) figures.
const pct = (x: number | null) => `${x!.toFixed(1)}%`;
const range = (f: Figure) => `${f.low!.toFixed(1)}–${f.high!.toFixed(1)}`;
const points = (p: number) => (p > 0 ? `+${p.toFixed(1)}` : p.toFixed(1));

describeIfInstalled(chromiumInstalled, 'the dashboard in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  const text = (selector: string) => seen.page.locator(selector).innerText();
  const api = async (path: string, headers: Record<string, string> = {}) => (await t.http().get(path).set(headers).expect(200)).body;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    await seedTwoCampaigns(t);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => (seen = await openPage(browser)));
  afterEach(async () => {
    expect(seen.errors).toEqual([]);
    expect(seen.violations).toEqual([]);
    await seen.page.context().close();
  });

  /** The headline on screen and the agencies chart hold the report's figures. */
  async function expectReportShown(report: Report) {
    // Waits for this report's headline: the one of a campaign shown before may still be there.
    await seen.page.waitForFunction((rate) => document.getElementById('headline-rate')?.textContent === rate, pct(report.satisfaction.rate));
    expect(await text('#headline-rate')).toBe(pct(report.satisfaction.rate));
    expect(await text('#headline-interval')).toBe(range(report.satisfaction));
    if (report.change) expect(await text('#headline-change')).toContain(points(report.change.points));
    expect(await text('#headline-respondents')).toBe(report.respondents.toLocaleString('en-US'));
    expect(await text('#headline-evaluations')).toBe(report.evaluations.toLocaleString('en-US'));
    const chart = await chartData(seen.page, 'agencies-chart');
    expect(chart.labels).toEqual(report.agencies.map((a) => `${a.rank}. ${a.name}`));
    expect(chart.datasets[0].data).toEqual(report.agencies.map((a) => a.satisfaction.rate));
    expect(chart.datasets[1].data).toEqual(report.agencies.map((a) => [a.satisfaction.low, a.satisfaction.high]));
  }

  /** The line chart on `#id` holds the series' rates and interval bounds, by year. */
  async function expectTrendShown(id: string, trends: Trends) {
    const chart = await chartData(seen.page, id);
    expect(chart.labels).toEqual(trends.series.map((p) => String(p.year)));
    expect(chart.datasets.map((d) => d.data)).toEqual([
      trends.series.map((p) => p.satisfaction.rate), trends.series.map((p) => p.satisfaction.low), trends.series.map((p) => p.satisfaction.high),
    ]);
  }

  it('shows a visitor without a token only the published campaign, from the public routes', async () => {
    const published: Report = await api('/v1/public/campaigns/xz-2018/results');
    await seen.page.goto(`${t.url}/`);
    await expectReportShown(published);
    expect(await seen.page.locator('#campaign option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['xz-2018']);
    const calls = seen.requests.filter((r) => r.path.startsWith('/v1/'));
    expect(calls.map((r) => r.path).sort()).toEqual(['/v1/public/campaigns', '/v1/public/campaigns/xz-2018/results', '/v1/public/rectification?campaignId=xz-2018', '/v1/public/requests?year=2018']);
    expect(seen.requests.filter((r) => r.signed)).toEqual([]);
    await screenshot(seen.page, 'dashboard-public.png');
  });

  it('shows a signed-in analyst the live report, keeping the token in the tab and out of every URL', async () => {
    const jwt = token('analyst', 'alice');
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    await seen.page.fill('#token', jwt);
    await seen.page.click('#signin-button');
    await seen.page.waitForFunction(() => document.querySelectorAll('#campaign option').length === 2);
    await expectReportShown(await api('/v1/reports/campaigns/xz-2019', analyst));
    const trends: Trends = await api('/v1/reports/trends', analyst);
    expect(trends.series.map((p) => p.year)).toEqual([2018, 2019]);
    await expectTrendShown('trend-chart', trends);
    expect(await seen.page.evaluate(() => sessionStorage.getItem('survey.token'))).toBe(jwt);
    expect(seen.requests.some((r) => r.path.includes(jwt))).toBe(false);
    expect(seen.page.url()).not.toContain(jwt);
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/reports')).every((r) => r.signed)).toBe(true);
    await screenshot(seen.page, 'dashboard-analyst.png');

    await seen.page.selectOption('#campaign', 'xz-2018');
    await seen.page.waitForFunction(() => location.hash === '#/xz-2018');
    await expectReportShown(await api('/v1/reports/campaigns/xz-2018', analyst));
    // Nothing changed since publication: the analysts' bad-review ranking is the published one.
    const { badReviewRanking } = await api('/v1/public/campaigns/xz-2018/results');
    const bad = await chartData(seen.page, 'bad-review-chart');
    expect(bad.labels).toEqual(badReviewRanking.map((r: { rank: number; name: string }) => `${r.rank}. ${r.name}`));
    expect(bad.datasets[0].data).toEqual(badReviewRanking.map((r: { badReviewRate: number }) => r.badReviewRate));
  });

  async function signIn(jwt: string) {
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    await seen.page.fill('#token', jwt);
    await seen.page.click('#signin-button');
    await seen.page.waitForFunction(() => document.querySelectorAll('#campaign option').length === 2);
  }

  it('opens an agency: its figures, its questions as a chart, its segments with suppressed cells shown as such', async () => {
    await signIn(token('analyst', 'alice'));
    await seen.page.waitForSelector('#agency');
    await seen.page.selectOption('#agency', 'police');
    await seen.page.waitForSelector('#agency-name');
    expect(new URL(seen.page.url()).hash).toBe('#/xz-2019/police');
    const detail: Detail = await api('/v1/reports/campaigns/xz-2019/agencies/police', analyst);
    expect(await text('#agency-name')).toBe(detail.name);
    expect(await text('#agency-rate')).toBe(pct(detail.satisfaction.rate));
    expect(await text('#agency-interval')).toBe(range(detail.satisfaction));
    await expectTrendShown('agency-trend-chart', await api('/v1/reports/trends?agencyId=police', analyst));
    const questions = await chartData(seen.page, 'questions-chart');
    expect(questions.datasets[0].data).toEqual(detail.questions.map((q) => q.satisfaction?.rate ?? null));
    expect(questions.datasets[1].data).toEqual(detail.questions.map((q) => (q.satisfaction ? [q.satisfaction.low, q.satisfaction.high] : null)));

    const shown = async (dimension: string) => seen.page.locator(`table.segment[data-dimension="${dimension}"] tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => ({ value: (tr as HTMLElement).dataset.value, cells: Array.from(tr.children).slice(1).map((td) => td.textContent) })));
    for (const [dimension, cells] of Object.entries(detail.segments)) {
      expect(await shown(dimension)).toEqual(cells.map((c) => ({
        value: c.value,
        cells: c.suppressed ? ['已隐去'] : [String(c.n), pct(c.satisfaction!.rate), range(c.satisfaction!)],
      })));
    }
    // 贾汪区 has three enterprises, under k = 5.
    expect(detail.segments.district).toContainEqual({ value: '贾汪区', suppressed: true });
    await screenshot(seen.page, 'dashboard-agency.png');
  });

  it('switches between Chinese and English labels', async () => {
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    expect(await text('h1')).toBe('企业满意度评议');
    await seen.page.click('#lang');
    await seen.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Enterprise satisfaction survey');
    // The labels outside the view switch at once; the view follows when it is drawn again.
    await seen.page.waitForFunction(() => document.querySelector('#headline .label')?.textContent === 'Satisfaction');
    expect((await chartData(seen.page, 'agencies-chart')).datasets[0].label).toBe('Satisfaction %');
    await screenshot(seen.page, 'dashboard-public-en.png');
  });

  it('forgets a token the API refuses and falls back to the published results', async () => {
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    await seen.page.fill('#token', 'not-a-jwt');
    await seen.page.click('#signin-button');
    await seen.page.waitForSelector('#message:not([hidden])');
    expect(await text('#message')).toBe('令牌无效或已过期，已退出。');
    expect(await seen.page.evaluate(() => sessionStorage.getItem('survey.token'))).toBeNull();
    await seen.page.waitForSelector('#headline-rate');
    // The refused call is the page's own 401, which the browser logs as a failed resource.
    seen.errors = seen.errors.filter((e) => !/401/.test(e));
  });

  it('tells an enterprise that its token does not open the reports, and shows the published results', async () => {
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    await seen.page.fill('#token', token('enterprise', creditCode(1)));
    await seen.page.click('#signin-button');
    await seen.page.waitForSelector('#message:not([hidden])');
    expect(await text('#message')).toBe('此令牌的角色不能查看分析报告。');
    expect(await seen.page.evaluate(() => sessionStorage.getItem('survey.token'))).toBeNull();
    await expectReportShown(await api('/v1/public/campaigns/xz-2018/results'));
    seen.errors = seen.errors.filter((e) => !/403/.test(e));
  });
});
