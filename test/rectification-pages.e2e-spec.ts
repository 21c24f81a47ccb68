/// <reference lib="dom" />
/**
 * The rectification figures on the pages, in a real browser against the real app: the dashboard's
 * rectification view (the centre's first view, without the satisfaction reports; a second view for
 * analysts) and the public page's table of a published campaign; and the requests: the dashboard's
 * requests view (offered once the API describes its route) and the public page's yearly totals. The
 * cases are opened by the reactor from bad reviews submitted over HTTP and worked through the case
 * routes (support/worked-cases.ts); the requests' and the directory's events are appended to the
 * app's event store as test/request-reports.e2e-spec.ts does. Every figure on a page is compared with
 * the API's answer of the moment. At desktop size and 375 px, keyboard only, zh and en, under the
 * pages' Content-Security-Policy.
 */
import type { Browser, Page } from 'playwright-core';
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { RequestEvent } from '@survey/domain';
import { cityRequests } from '@survey/read-models/testing';
import { analyst, bearer, startApp, TestApp, token, withoutRateLimits } from './support/app';
import { chartData, closingHooks, launchChromium, openPage, screenshot, Seen } from './support/browser';
import { agencyRegistered, appendHistory } from './support/hand-made-history';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { seedTwoCampaigns } from './support/two-campaigns';
import { workCases } from './support/worked-cases';

type Figure = { rate: number | null; low: number | null; high: number | null; n: number };
type Figures = {
  cases: number; contacted: number; reported: number; followUps: number; appeals: number; appealsUpheld: number; open: number; overdue: number;
  rates: { contactedOnTime: Figure; rectifiedOnTime: Figure; followUpSatisfied: Figure };
};
type Report = { campaignId: string; agencies: (Figures & { agencyId: string; name: string })[]; total: Figures };
type PublicFigures = { cases: number; closed: number; rectifiedRate: Figure; onTimeRate: Figure };
type PublicTable = { agencies: (PublicFigures & { agencyId: string; name: string })[]; total: PublicFigures };

// How the pages print the API's (already rounded) figures.
const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);
const interval = (f: Figure) => `${f.low === null || f.high === null ? '—' : `${f.low.toFixed(1)}–${f.high.toFixed(1)}`} · n = ${f.n}`;
const rate = (f: Figure) => [pct(f.rate), interval(f)];
const RATES = ['contactedOnTime', 'rectifiedOnTime', 'followUpSatisfied'] as const;
const staffRow = (f: Figures) => [String(f.cases), String(f.open), String(f.overdue), ...RATES.map((k) => rate(f.rates[k])), `${f.appeals} (${f.appealsUpheld})`];
const publicRow = (f: PublicFigures) => [String(f.cases), String(f.closed), rate(f.rectifiedRate), rate(f.onTimeRate)];

const centreToken = () => token('centre', 'centre-staff');
const centre = bearer('centre', 'centre-staff');

/** A table's rows as text: a rate cell as [rate, interval · n], any other cell as its text. */
const rowsOf = (page: Page, selector: string) => page.locator(selector).evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((cell) => {
  const [r, ci] = [cell.querySelector('.rate'), cell.querySelector('.ci')];
  return r && ci ? [r.textContent, ci.textContent] : cell.textContent;
})));

describeIfInstalled(chromiumInstalled, 'the rectification figures on the pages', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  const text = (selector: string) => seen.page.locator(selector).innerText();
  const staffReport = async (campaignId: string, who = analyst): Promise<Report> =>
    (await t.http().get(`/v1/reports/rectification?campaignId=${campaignId}`).set(who).expect(200)).body;
  const publicTable = async (campaignId: string): Promise<PublicTable> => (await t.http().get(`/v1/public/rectification?campaignId=${campaignId}`).expect(200)).body;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp({ clock, config: withoutRateLimits('staffWrites', 'enterpriseWrites') }), launchChromium()]);
    await seedTwoCampaigns(t, 30);
    await workCases(t, clock, ['xz-2018', 'xz-2019']);
    // The requests below are the hand-made history of December 2019 and January 2020; the app's
    // scheduler, on a clock in the present, would record their deadlines missed and close them
    // not-rated today (test/request-clock.e2e-spec.ts tests that), so it stops once the cases are worked.
    await t.app.get(DeadlineScheduler, { strict: false }).stop();
    // The city's requests of December 2019 and January 2020 (libs/read-models/src/testing/request-history.ts), and
    // a prototype-named request (of a category without a label) in the same days.
    await appendHistory(t, [agencyRegistered('tax', '市税务局'), agencyRegistered('police', '市公安局'), ...cityRequests(), ...cityRequests('constructor-')
      .map((e) => (e.data.requestId === 'constructor-h' ? ({ ...e, data: { ...e.data, requestId: '__proto__', category: 'constructor' } } as RequestEvent) : e))]);
  }, 120_000);
  closingHooks(() => ({ t, browser, seen }));

  async function signIn(jwt: string, { enter = false } = {}) {
    await seen.page.goto(`${t.url}/`);
    await seen.page.waitForSelector('#headline-rate');
    await seen.page.fill('#token', jwt);
    if (enter) await seen.page.press('#token', 'Enter');
    else await seen.page.click('#signin-button');
    await seen.page.waitForFunction(() => document.querySelectorAll('#campaign option').length === 2);
  }

  /** The summary card holds these figures, and names its scope. */
  async function expectSummary(scope: string, f: Figures) {
    await seen.page.waitForFunction((name) => document.getElementById('rect-scope')?.textContent === name, scope);
    for (const key of RATES) {
      expect(await text(`#rect-rate-${key}`)).toBe(pct(f.rates[key].rate));
      expect(await text(`#rect-interval-${key}`)).toBe(interval(f.rates[key]));
    }
    for (const key of ['cases', 'open', 'overdue', 'contacted', 'reported', 'followUps'] as const) expect(await text(`#rect-count-${key}`)).toBe(String(f[key]));
    expect(await text('#rect-count-appeals')).toBe(`${f.appeals} (${f.appealsUpheld})`);
  }

  async function expectTable(report: Report) {
    expect(await rowsOf(seen.page, '#rect-table tbody tr')).toEqual(report.agencies.map((a) => [a.name, ...staffRow(a)]));
    expect(await rowsOf(seen.page, '#rect-table tfoot tr')).toEqual([['全部部门', ...staffRow(report.total)]]);
  }

  /** Presses Tab until the focus is on `selector` (at most `limit` presses). */
  async function tabTo(selector: string, limit = 40) {
    for (let i = 0; i < limit; i++) {
      await seen.page.keyboard.press('Tab');
      if (await seen.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${limit} presses of Tab`);
  }

  const focusedId = () => seen.page.evaluate(() => document.activeElement?.id ?? '');
  /** Nothing on the page is wider than the screen; a wide table scrolls inside its own box. */
  const pageWidth = () => seen.page.evaluate(() => document.documentElement.scrollWidth);

  describe('the dashboard', () => {
    it('shows the centre its one view, the rectification cases, in all and per agency, as the API answers them', async () => {
      seen = await openPage(browser);
      await signIn(centreToken());
      await seen.page.waitForSelector('#rect-summary');
      const campaignId = await seen.page.locator('#campaign').inputValue();
      const report = await staffReport(campaignId, centre);
      expect(report.total.cases).toBeGreaterThan(0);
      expect(report.total.overdue).toBeGreaterThan(0);
      expect(report.total.rates.contactedOnTime.rate).toBeLessThan(100);
      await expectSummary('全部部门', report.total);
      await expectTable(report);
      expect(await seen.page.locator('#view-satisfaction').count()).toBe(0);
      expect(await text('#mode')).toBe('服务中心视图');
      // The centre may not read the satisfaction reports: the page never asks for them.
      expect(seen.requests.filter((r) => r.path.startsWith('/v1/reports/') && !r.path.startsWith('/v1/reports/rectification'))).toEqual([]);

      await seen.page.selectOption('#rect-agency', 'police');
      await seen.page.waitForFunction((id) => location.hash === `#/${id}/police?view=rectification`, campaignId);
      const police = report.agencies.find((a) => a.agencyId === 'police')!;
      await expectSummary(police.name, police);
      expect(await seen.page.locator('#rect-table tr.selected').getAttribute('data-agency')).toBe('police');
      await screenshot(seen.page, 'dashboard-rectification.png');

      // An agency the campaign does not have is said to be so, with no figures beside it.
      await seen.page.evaluate((id) => (location.hash = `#/${id}/constructor?view=rectification`), campaignId);
      await seen.page.waitForSelector('#rect-unknown');
      expect(await text('#rect-unknown p')).toBe('本评议活动没有部门 constructor。');
      expect(await seen.page.locator('#rect-summary, #rect-table').count()).toBe(0);

      // A campaign from the picker keeps the view.
      const other = campaignId === 'xz-2019' ? 'xz-2018' : 'xz-2019';
      await seen.page.selectOption('#campaign', other);
      await seen.page.waitForFunction((id) => location.hash === `#/${id}?view=rectification`, other);
      await expectSummary('全部部门', (await staffReport(other, centre)).total);
    });

    it('takes an analyst from the satisfaction view to the rectification view and through the agencies with the keyboard alone', async () => {
      seen = await openPage(browser);
      await seen.page.goto(`${t.url}/`);
      await seen.page.waitForSelector('#headline-rate');
      await tabTo('#token');
      await seen.page.keyboard.type(token('analyst', 'alice'));
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForSelector('#views a#view-satisfaction[aria-current="page"]');
      const campaignId = await seen.page.locator('#campaign').inputValue();
      await tabTo('#view-rectification');
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForSelector('#rect-summary');
      expect(await seen.page.locator('#view-rectification').getAttribute('aria-current')).toBe('page');
      const report = await staffReport(campaignId);
      await expectSummary('全部部门', report.total);
      await expectTable(report);

      // The agency picker: each arrow opens the next agency, and the focus stays on the picker.
      await tabTo('#rect-agency');
      for (const a of report.agencies) {
        await seen.page.keyboard.press('ArrowDown');
        await expectSummary(a.name, a);
        expect(await focusedId()).toBe('rect-agency');
      }
      // An agency's name in the table opens it too; the table's box takes the focus to scroll it.
      await tabTo('#rect-link-tax');
      await seen.page.keyboard.press('Enter');
      await expectSummary(report.agencies[0].name, report.agencies[0]);
      await tabTo('#rect-agencies .scroll');
      // And back to the satisfaction view.
      await tabTo('#view-satisfaction');
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForSelector('#headline-rate');
      expect(new URL(seen.page.url()).hash).toBe(`#/${campaignId}`);
    });

    it('fits a 375-px phone and speaks English', async () => {
      seen = await openPage(browser, { width: 375, height: 812 });
      await seen.page.goto(`${t.url}/`);
      await seen.page.waitForSelector('#headline-rate');
      await seen.page.click('#lang');
      await seen.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Enterprise satisfaction survey');
      await seen.page.fill('#token', token('analyst', 'alice'));
      await seen.page.click('#signin-button');
      await seen.page.waitForSelector('#view-rectification');
      await seen.page.click('#view-rectification');
      await seen.page.waitForSelector('#rect-summary');
      const campaignId = await seen.page.locator('#campaign').inputValue();
      const report = await staffReport(campaignId);
      await expectSummary('All agencies', report.total);
      expect(await seen.page.locator('#rect-summary .label').first().innerText()).toBe('Contacted on time');
      expect(await rowsOf(seen.page, '#rect-table tfoot tr')).toEqual([['All agencies', ...staffRow(report.total)]]);
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      await screenshot(seen.page, 'dashboard-rectification-phone-en.png');
    });
  });

  describe('the public page', () => {
    it('shows a published campaign\'s rectification table from the public route alone, never with a token', async () => {
      seen = await openPage(browser);
      const table = await publicTable('xz-2018');
      expect(table.total.closed).toBeGreaterThan(0);
      await seen.page.goto(`${t.url}/public`);
      await seen.page.waitForSelector('#public-rect-table');
      expect(await rowsOf(seen.page, '#public-rect-table tbody tr')).toEqual(table.agencies.map((a) => [a.name, ...publicRow(a)]));
      expect(await rowsOf(seen.page, '#public-rect-table tfoot tr')).toEqual([['全部部门', ...publicRow(table.total)]]);
      const calls = seen.requests.filter((r) => r.path.startsWith('/v1/'));
      expect(calls.map((r) => r.path).sort()).toEqual(['/v1/public/campaigns', '/v1/public/campaigns/xz-2018/results', '/v1/public/rectification?campaignId=xz-2018', '/v1/public/requests?year=2018']);
      expect(calls.filter((r) => r.signed)).toEqual([]);
      // No identity and no text: only names of agencies and figures.
      expect(await seen.page.locator('#public-rectification').innerText()).not.toMatch(/91\d{3}|电话回访|已优化/);
      await screenshot(seen.page, 'public-rectification.png');
    });

    it('fits a 375-px phone in English, its table reached and scrolled with the keyboard', async () => {
      seen = await openPage(browser, { width: 375, height: 812 });
      await seen.page.goto(`${t.url}/public`);
      await seen.page.waitForSelector('#public-rect-table');
      await seen.page.click('#lang');
      await seen.page.waitForFunction(() => document.querySelector('#public-rectification h2')?.textContent === 'Rectification of bad reviews');
      const table = await publicTable('xz-2018');
      expect(await rowsOf(seen.page, '#public-rect-table tfoot tr')).toEqual([['All agencies', ...publicRow(table.total)]]);
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      await tabTo('#public-rectification .scroll');
      const box = seen.page.locator('#public-rectification .scroll');
      const [scrollWidth, clientWidth] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scrollWidth).toBeGreaterThan(clientWidth); // the table is wider than the phone…
      await seen.page.keyboard.press('ArrowRight');
      await seen.page.waitForFunction(() => document.querySelector('#public-rectification .scroll')!.scrollLeft > 0, undefined, { timeout: 5000 }); // …and scrolls with the keyboard
      await screenshot(seen.page, 'public-rectification-phone-en.png');
    });
  });
  describe('the requests', () => {
    type RequestFigures = {
      received: number; resolved: number; rated: number; returned: number; open: number; overdue: number; escalated: number;
      rates: { dispatchedOnTime: Figure; resolvedOnTime: Figure; satisfied: Figure };
    };
    type RequestsReport = {
      from: string | null; to: string | null; agencies: (RequestFigures & { agencyId: string; name: string | null })[];
      categories: (RequestFigures & { category: string })[]; months: (RequestFigures & { month: string })[]; total: RequestFigures;
    };
    type PublicRequestFigures = { received: number; resolved: number; resolvedOnTimeRate: Figure; satisfactionRate: Figure };
    type PublicRequests = { year: number; categories: (PublicRequestFigures & { category: string })[]; total: PublicRequestFigures };
    /** The default categories' labels (CLOSED-LOOP.md); any other category is shown as it is. */
    const CATEGORY: Record<string, [string, string]> = {
      consultation: ['政策咨询', 'Policy questions'], approval: ['审批服务', 'Approvals'], operations: ['生产经营', 'Operations'], finance: ['融资', 'Finance'],
      land: ['用地规划', 'Land and planning'], talent: ['人才用工', 'Staffing'], contracts: ['合同履约', 'Contracts'], legal: ['法律权益', 'Legal rights'],
      disturbance: ['涉企检查扰企', 'Disturbing inspections'],
    };
    const categoryName = (category: string, lang: 0 | 1 = 0) => (Object.hasOwn(CATEGORY, category) ? CATEGORY[category][lang] : category);
    const REQUEST_RATES = ['dispatchedOnTime', 'resolvedOnTime', 'satisfied'] as const;
    const requestRow = (f: RequestFigures) => [String(f.received), String(f.open), String(f.overdue), ...REQUEST_RATES.map((k) => rate(f.rates[k])), String(f.returned), String(f.escalated)];
    const publicRequestRow = (f: PublicRequestFigures) => [String(f.received), String(f.resolved), rate(f.resolvedOnTimeRate), rate(f.satisfactionRate)];
    const staffRequests = async (query = ''): Promise<RequestsReport> => (await t.http().get(`/v1/reports/requests${query}`).set(centre).expect(200)).body;
    const publicRequests = async (year: number): Promise<PublicRequests> => (await t.http().get(`/v1/public/requests?year=${year}`).expect(200)).body;

    /** The requests view shows this report: the summary, then every agency, category and month, the total below each. */
    async function expectRequests(report: RequestsReport) {
      for (const key of REQUEST_RATES) {
        expect(await text(`#req-rate-${key}`)).toBe(pct(report.total.rates[key].rate));
        expect(await text(`#req-interval-${key}`)).toBe(interval(report.total.rates[key]));
      }
      for (const key of ['received', 'open', 'overdue', 'resolved', 'rated', 'returned', 'escalated'] as const) expect(await text(`#req-count-${key}`)).toBe(String(report.total[key]));
      expect(await rowsOf(seen.page, '#req-agencies tbody tr')).toEqual(report.agencies.map((a) => [a.name ?? a.agencyId, ...requestRow(a)]));
      expect(await rowsOf(seen.page, '#req-categories tbody tr')).toEqual(report.categories.map((c) => [categoryName(c.category), ...requestRow(c)]));
      expect(await rowsOf(seen.page, '#req-months tbody tr')).toEqual(report.months.map((m) => [m.month, ...requestRow(m)]));
      for (const table of ['req-agencies', 'req-categories', 'req-months']) expect(await rowsOf(seen.page, `#${table} tfoot tr`)).toEqual([['合计', ...requestRow(report.total)]]);
      const chart = await chartData(seen.page, 'req-months-chart');
      expect(chart.labels).toEqual(report.months.map((m) => m.month));
      expect(chart.datasets.map((d) => [d.label, d.data])).toEqual([['受理', report.months.map((m) => m.received)], ['已办结', report.months.map((m) => m.resolved)]]);
    }

    it('is offered on the dashboard, the API describing GET /v1/reports/requests', async () => {
      seen = await openPage(browser);
      expect(Object.keys((await t.http().get('/docs/openapi.json').expect(200)).body.paths)).toContain('/v1/reports/requests');
      await signIn(token('analyst', 'alice'));
      await seen.page.waitForSelector('#view-requests');
      expect(await seen.page.locator('#views a').evaluateAll((as) => as.map((a) => a.id))).toEqual(['view-satisfaction', 'view-rectification', 'view-requests']);
    });

    it('shows the report as the API answers it, in all, per agency, category and month, and over a span of days chosen with the keyboard', async () => {
      seen = await openPage(browser);
      await signIn(centreToken());
      await tabTo('#view-requests');
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForSelector('#req-summary');
      expect(await text('#req-title')).toBe('企业诉求办理（全部时间）');
      const all = await staffRequests();
      // The requests appended are there: two months of them, open and overdue ones, a category without a label.
      expect(all.months.map((m) => m.month)).toEqual(['2019-12', '2020-01']);
      expect(all.total.overdue).toBeGreaterThan(0);
      expect(all.categories.map((c) => c.category)).toContain('constructor');
      await expectRequests(all);
      expect(seen.requests.filter((r) => r.path.startsWith('/v1/reports/requests')).map((r) => [r.path, r.signed])).toEqual([['/v1/reports/requests', true]]);
      await screenshot(seen.page, 'dashboard-requests.png');

      // December alone: the day pickers, then the button, from the keyboard; the focus stays on the button.
      await tabTo('#req-from');
      await seen.page.locator('#req-from').fill('2019-12-01');
      await tabTo('#req-to');
      await seen.page.locator('#req-to').fill('2019-12-31');
      await tabTo('#req-span-apply');
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForFunction(() => document.getElementById('req-title')?.textContent === '企业诉求办理（2019-12-01 至 2019-12-31）');
      expect(new URL(seen.page.url()).hash).toMatch(/\?view=requests&from=2019-12-01&to=2019-12-31$/);
      const december = await staffRequests('?from=2019-12-01&to=2019-12-31');
      expect(december.total.resolved).toBeLessThan(all.total.resolved); // f was resolved in January
      await expectRequests(december);
      expect(await focusedId()).toBe('req-span-apply');
      expect(await seen.page.locator('#req-from').inputValue()).toBe('2019-12-01');

      // A span the API refuses says so, with the pickers to choose another.
      await seen.page.locator('#req-from').fill('2020-01-31');
      await seen.page.click('#req-span-apply');
      await seen.page.waitForSelector('#requests-unavailable');
      expect(await text('#requests-unavailable p')).toBe('暂不可用（400）');
      expect(seen.errors).toEqual([expect.stringMatching(/status of 400.*\/v1\/reports\/requests\?from=2020-01-31&to=2019-12-31$/)]);
      seen.errors = [];
      await seen.page.locator('#req-from').fill('');
      await seen.page.locator('#req-to').fill('');
      await seen.page.click('#req-span-apply');
      await seen.page.waitForSelector('#req-summary');
      await expectRequests(await staffRequests());
    });

    it('shows on the public page the totals of the year chosen, per category and in all, from the public route alone', async () => {
      seen = await openPage(browser);
      await seen.page.goto(`${t.url}/public`);
      await seen.page.waitForSelector('#public-req-table');
      // The published campaign's year first: no request that year.
      const campaignYear = await publicRequests(2018);
      expect(await seen.page.locator('#public-req-year').inputValue()).toBe('2018');
      expect(await rowsOf(seen.page, '#public-req-table tbody tr')).toEqual(campaignYear.categories.map((c) => [categoryName(c.category), ...publicRequestRow(c)]));
      expect(await rowsOf(seen.page, '#public-req-table tfoot tr')).toEqual([['合计', ...publicRequestRow(campaignYear.total)]]);
      // 2019 with the keyboard (the picker lists this year first, back to the earliest published campaign's).
      const years = await seen.page.locator('#public-req-year option').evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)));
      expect(years[0]).toBe(new Date().getFullYear());
      expect(years.at(-1)).toBe(2018);
      await tabTo('#public-req-year');
      await seen.page.keyboard.press('ArrowUp');
      await seen.page.waitForSelector('#public-req-table[data-year="2019"]');
      const totals = await publicRequests(2019);
      expect(totals.total.received).toBeGreaterThan(0);
      expect(await rowsOf(seen.page, '#public-req-table tbody tr')).toEqual(totals.categories.map((c) => [categoryName(c.category), ...publicRequestRow(c)]));
      expect(await rowsOf(seen.page, '#public-req-table tfoot tr')).toEqual([['合计', ...publicRequestRow(totals.total)]]);
      expect(await focusedId()).toBe('public-req-year');
      // No identity and no text: categories and figures only; no token, no staff route.
      expect(await seen.page.locator('#public-requests').innerText()).not.toMatch(/91\d{3}|税务|公安|acme/i);
      expect(seen.requests.filter((r) => r.path.startsWith('/v1/') && (r.signed || !r.path.startsWith('/v1/public/')))).toEqual([]);
      await screenshot(seen.page, 'public-requests.png');
    });

    it('fits the public totals to a 375-px phone in English, its table reached and scrolled with the keyboard', async () => {
      seen = await openPage(browser, { width: 375, height: 812 });
      await seen.page.goto(`${t.url}/public`);
      await seen.page.waitForSelector('#public-req-table');
      await seen.page.click('#lang');
      await seen.page.waitForFunction(() => document.querySelector('#public-requests h2')?.textContent === "Enterprises' requests");
      await tabTo('#public-req-year');
      await seen.page.keyboard.press('ArrowUp');
      await seen.page.waitForSelector('#public-req-table[data-year="2019"]');
      const totals = await publicRequests(2019);
      expect(await rowsOf(seen.page, '#public-req-table tbody tr')).toEqual(totals.categories.map((c) => [categoryName(c.category, 1), ...publicRequestRow(c)]));
      expect(await rowsOf(seen.page, '#public-req-table tfoot tr')).toEqual([['Total', ...publicRequestRow(totals.total)]]);
      expect(await pageWidth()).toBeLessThanOrEqual(375);
      await tabTo('#public-requests .scroll');
      const box = seen.page.locator('#public-requests .scroll');
      const [scrollWidth, clientWidth] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scrollWidth).toBeGreaterThan(clientWidth);
      await seen.page.keyboard.press('ArrowRight');
      await seen.page.waitForFunction(() => document.querySelector('#public-requests .scroll')!.scrollLeft > 0, undefined, { timeout: 5000 });
      await screenshot(seen.page, 'public-requests-phone-en.png');
    });

    it.each([
      ['answers 503', '暂不可用（503）', /status of 503/],
      ['gives no answer', '暂不可用（无应答）', /net::ERR_FAILED/],
    ] as const)('says on the public page that the totals are not available when their route %s, and shows the rest', async (how, said, logged) => {
      seen = await openPage(browser);
      await seen.page.route('**/v1/public/requests?**', (route) => (how === 'answers 503'
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', json: { title: 'Service Unavailable', status: 503 } })
        : route.abort()));
      await seen.page.goto(`${t.url}/public`);
      await seen.page.waitForSelector('#public-requests-unavailable');
      expect(await text('#public-requests-unavailable')).toBe(said);
      expect(await seen.page.locator('#public-req-table').count()).toBe(0);
      expect(await seen.page.locator('#headline-rate, #ranking-table, #public-rect-table').count()).toBe(3);
      // Another year fails the same way, in its card only, the picker still there.
      await seen.page.selectOption('#public-req-year', '2019');
      for (let i = 0; i < 100 && !seen.errors.some((e) => e.endsWith('/v1/public/requests?year=2019')); i++) await seen.page.waitForTimeout(100);
      expect(seen.errors.some((e) => e.endsWith('/v1/public/requests?year=2019'))).toBe(true);
      expect(await text('#public-requests-unavailable')).toBe(said);
      expect(await seen.page.locator('#public-req-year').inputValue()).toBe('2019');
      // The failed calls are the only errors in the console.
      expect(seen.errors.length).toBeGreaterThan(0);
      expect(seen.errors.filter((e) => !(logged.test(e) && e.includes('/v1/public/requests?year=')))).toEqual([]);
      seen.errors = [];
    });
  });
});
