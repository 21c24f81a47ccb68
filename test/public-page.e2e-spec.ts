/// <reference lib="dom" />
/**
 * The public results page in a real browser: only published campaigns, only the published
 * figures (from GET /v1/public/campaigns/{id}/results, never an analysts' route, never a token
 * even when the tab holds one), agencies ranked by satisfaction and by bad-review rate.
 */
import type { Browser } from 'playwright-core';
import { admin, startApp, TestApp, token } from './support/app';
import { chartData, launchChromium, openPage, screenshot, Seen } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { seedTwoCampaigns } from './support/two-campaigns';

type Figure = { rate: number; low: number; high: number; n: number };
type Agency = { agencyId: string; name: string; rank: number; satisfaction: Figure; badReviewRate: number };
type Results = { satisfaction: Figure; agencies: Agency[]; badReviewRanking: { rank: number; agencyId: string; name: string; badReviewRate: number }[] };

const pct = (x: number) => `${x.toFixed(1)}%`;

describeIfInstalled(chromiumInstalled, 'the public results page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  let published: Results;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    await seedTwoCampaigns(t, 30);
    published = (await t.http().get('/v1/public/campaigns/xz-2018/results').expect(200)).body;
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

  it('shows the published figures and both rankings, and sends no token even when the tab holds one', async () => {
    await seen.page.goto(`${t.url}/`, { waitUntil: 'networkidle' });
    await seen.page.evaluate((jwt) => sessionStorage.setItem('survey.token', jwt), token('analyst', 'alice'));
    // Leave the dashboard first: it may still be starting and would use the token it now finds.
    await seen.page.goto('about:blank');
    seen.requests.length = 0;
    await seen.page.goto(`${t.url}/public`);
    await seen.page.waitForSelector('#ranking-table');
    expect(await seen.page.locator('#campaign option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['xz-2018']);
    expect(await seen.page.locator('#headline-rate').innerText()).toBe(pct(published.satisfaction.rate));

    const rows = await seen.page.locator('#ranking-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((td) => td.textContent)));
    const badRank = (agencyId: string) => String(published.badReviewRanking.find((r) => r.agencyId === agencyId)!.rank);
    expect(rows).toEqual(published.agencies.map((a) => [
      String(a.rank), a.name, pct(a.satisfaction.rate), `${a.satisfaction.low.toFixed(1)}–${a.satisfaction.high.toFixed(1)}`, String(a.satisfaction.n), pct(a.badReviewRate), badRank(a.agencyId),
    ]));
    expect((await chartData(seen.page, 'agencies-chart')).datasets[0].data).toEqual(published.agencies.map((a) => a.satisfaction.rate));

    // The bad-review ranking, as the published results give it.
    const bad = await chartData(seen.page, 'bad-review-chart');
    expect(published.badReviewRanking.map((r) => r.agencyId)).toEqual(['tax', 'police', 'housing']);
    expect(bad.labels).toEqual(published.badReviewRanking.map((r) => `${r.rank}. ${r.name}`));
    expect(bad.datasets[0].data).toEqual(published.badReviewRanking.map((r) => r.badReviewRate));

    const calls = seen.requests.filter((r) => r.path.startsWith('/v1/'));
    expect(calls.map((r) => r.path).sort()).toEqual(['/v1/public/campaigns', '/v1/public/campaigns/xz-2018/results', '/v1/public/rectification?campaignId=xz-2018', '/v1/public/requests?year=2018']);
    expect(calls.filter((r) => r.signed)).toEqual([]);
    await screenshot(seen.page, 'public-page.png');
  });

  it.each(['xz-2019', 'nowhere'])('says /results/%s has no published results, and shows no other campaign\'s figures beside it', async (id) => {
    await seen.page.goto(`${t.url}/results/${id}`);
    await seen.page.waitForFunction(() => !document.getElementById('message')!.hidden);
    expect(await seen.page.locator('#message').innerText()).toBe(`${id} 没有公布的结果。`);
    await seen.page.waitForLoadState('networkidle');
    expect(await seen.page.locator('#view').innerText()).toBe('');
    expect(await seen.page.locator('#headline-rate, #ranking-table, canvas').count()).toBe(0);
    expect(await seen.page.locator('#campaign').inputValue()).toBe('');
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/')).map((r) => r.path)).toEqual(['/v1/public/campaigns']);
    // The picker offers the published campaign; choosing it shows its figures, and the message goes.
    await seen.page.locator('#campaign').selectOption('xz-2018');
    await seen.page.waitForSelector('#ranking-table');
    expect(await seen.page.locator('#headline-rate').innerText()).toBe(pct(published.satisfaction.rate));
    expect(await seen.page.locator('#message').isHidden()).toBe(true);
  });

  it('adds a campaign once it is published, with the trend of the published rates', async () => {
    await t.http().post('/v1/campaigns/xz-2019/close').set(admin).expect(200);
    await t.http().post('/v1/campaigns/xz-2019/publish').set(admin).expect(200);
    await t.settle();
    const results: Results[] = await Promise.all(['xz-2018', 'xz-2019'].map(async (id) => (await t.http().get(`/v1/public/campaigns/${id}/results`).expect(200)).body));
    await seen.page.goto(`${t.url}/public`);
    await seen.page.waitForSelector('#ranking-table');
    expect(await seen.page.locator('#campaign option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['xz-2019', 'xz-2018']);
    expect(await seen.page.locator('#headline-rate').innerText()).toBe(pct(results[1].satisfaction.rate));
    const trend = await chartData(seen.page, 'trend-chart');
    expect(trend.labels).toEqual(['2018', '2019']);
    expect(trend.datasets.map((d) => d.data)).toEqual(['rate', 'low', 'high'].map((k) => results.map((r) => r.satisfaction[k as keyof Figure])));
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/') && !r.path.startsWith('/v1/public/'))).toEqual([]);
    await screenshot(seen.page, 'public-page-two-years.png');
  });
});
