/// <reference lib="dom" />
/**
 * The rectification figures on the pages, in a real browser against the real app: the dashboard's
 * rectification view (the centre's first view, without the satisfaction reports; a second view for
 * analysts) and the public page's table of a published campaign; and the dashboard's requests view,
 * offered once the API has its route. The cases are opened by the reactor from bad reviews submitted
 * over HTTP and worked through the case routes (support/worked-cases.ts); every figure on a page is
 * compared with the API's answer of the moment. At desktop size and 375 px, keyboard only, zh and en,
 * under the pages' Content-Security-Policy.
 */
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '@survey/application';
import { rateFigure } from '@survey/reporting';
import { analyst, bearer, startApp, TestApp, token, withoutRateLimits } from './support/app';
import { launchChromium, openPage, screenshot, Seen } from './support/browser';
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
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    expect(seen.errors).toEqual([]);
    expect(seen.violations).toEqual([]);
    await seen.page.context().close();
  });

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
      expect(calls.map((r) => r.path).sort()).toEqual(['/v1/public/campaigns', '/v1/public/campaigns/xz-2018/results', '/v1/public/rectification?campaignId=xz-2018']);
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
  describe('the requests view', () => {
    /** A report of GET /v1/reports/requests's contract shape (CLOSED-LOOP.md), its rates from its counts. */
    const requestFigures = (received: number, onTime: number, resolved: number, satisfied: number, rated: number) => ({
      received, dispatchedOnTime: received - 1, accepted: received - 1, returned: 1, resolved, resolvedOnTime: onTime, rated, satisfied,
      open: received - resolved, overdue: 1, escalated: 0,
      rates: { dispatchedOnTime: rateFigure(received - 1, received), resolvedOnTime: rateFigure(onTime, resolved), satisfied: rateFigure(satisfied, rated) },
    });
    const REPORT = {
      from: null, to: null,
      agencies: [{ agencyId: 'tax', name: '市税务局', ...requestFigures(12, 9, 10, 7, 8) }, { agencyId: 'police', name: '市公安局', ...requestFigures(5, 2, 3, 1, 3) }],
      // `constructor` stands for any category the configuration adds: shown as it is.
      categories: [{ category: 'consultation', ...requestFigures(9, 7, 8, 6, 7) }, { category: 'constructor', ...requestFigures(8, 4, 5, 2, 4) }],
      total: requestFigures(17, 11, 13, 8, 11),
    };
    type RequestRow = ReturnType<typeof requestFigures>;
    const requestRow = (f: RequestRow) => [String(f.received), String(f.open), String(f.overdue), ...(['dispatchedOnTime', 'resolvedOnTime', 'satisfied'] as const).map((k) => rate(f.rates[k])), String(f.returned), String(f.escalated)];

    it('is offered exactly when the API describes GET /v1/reports/requests (another branch brings it)', async () => {
      seen = await openPage(browser);
      const described = Object.keys((await t.http().get('/docs/openapi.json').expect(200)).body.paths).includes('/v1/reports/requests');
      await signIn(token('analyst', 'alice'));
      await seen.page.waitForSelector('#view-rectification');
      expect(await seen.page.locator('#view-requests').count()).toBe(described ? 1 : 0);
      if (described) return;
      // Asked for by its address, the view is not there: the first view is shown, and the route never called.
      const campaignId = await seen.page.locator('#campaign').inputValue();
      await seen.page.evaluate((id) => (location.hash = `#/${id}?view=requests`), campaignId);
      await seen.page.waitForSelector('#headline-rate');
      expect(await seen.page.locator('#view-satisfaction').getAttribute('aria-current')).toBe('page');
      expect(seen.requests.filter((r) => r.path.startsWith('/v1/reports/requests'))).toEqual([]);
    });

    it('shows a report of the contract\'s shape: in all, per agency and per category, with intervals (the route stood in for by the browser until it lands)', async () => {
      seen = await openPage(browser);
      // Until the requests report is merged, the browser answers for it with a report of the contract's shape.
      await seen.page.route('**/docs/openapi.json', async (route) => {
        const answer = await route.fetch();
        const doc = await answer.json();
        await route.fulfill({ response: answer, json: { ...doc, paths: { ...doc.paths, '/v1/reports/requests': {} } } });
      });
      await seen.page.route('**/v1/reports/requests', (route) => route.fulfill({ json: REPORT }));
      await signIn(centreToken());
      await seen.page.waitForSelector('#view-requests');
      await tabTo('#view-requests');
      await seen.page.keyboard.press('Enter');
      await seen.page.waitForSelector('#req-summary');
      for (const key of ['dispatchedOnTime', 'resolvedOnTime', 'satisfied'] as const) {
        expect(await text(`#req-rate-${key}`)).toBe(pct(REPORT.total.rates[key].rate));
        expect(await text(`#req-interval-${key}`)).toBe(interval(REPORT.total.rates[key]));
      }
      for (const key of ['received', 'open', 'overdue', 'resolved', 'rated', 'returned', 'escalated'] as const) expect(await text(`#req-count-${key}`)).toBe(String(REPORT.total[key]));
      expect(await rowsOf(seen.page, '#req-agencies tbody tr')).toEqual(REPORT.agencies.map((a) => [a.name, ...requestRow(a)]));
      expect(await rowsOf(seen.page, '#req-categories tbody tr')).toEqual([['政策咨询', ...requestRow(REPORT.categories[0])], ['constructor', ...requestRow(REPORT.categories[1])]]);
      expect(await rowsOf(seen.page, '#req-categories tfoot tr')).toEqual([['合计', ...requestRow(REPORT.total)]]);
      expect(seen.requests.find((r) => r.path === '/v1/reports/requests')?.signed).toBe(true);
      await screenshot(seen.page, 'dashboard-requests.png');
    });
  });
});
