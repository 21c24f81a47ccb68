/// <reference lib="dom" />
/**
 * The staff workbench (/workbench) in Chromium against the real app: an agency and the centre work
 * cases to their end on the page, with the keyboard alone on a desktop and by touch at 375 px; the
 * queue (overdue first as the API orders it, counts per status, another agency's cases absent); a
 * case's history; exactly the steps the role may take offered (contact only with consent for an
 * agency, the centre's steps only to the centre); the enterprise shown only when the API gives it;
 * the API's problem detail when it refuses a step anyway; zh and en; the pages' CSP, with no
 * violation reported. Screenshots: test/artifacts/workbench-*.png (copied to docs/screenshots/).
 */
import type { Browser, Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../apps/api/src/http/page-headers';
import { ManualClock } from '@survey/application';
import { startApp, TestApp, token } from './support/app';
import { closingHooks, freezeReads, launchChromium, openPage, screenshot, Seen, tabTo } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { myBallot, openCampaign, registered, submit } from './support/survey';

jest.setTimeout(60_000);

const CENTRE = token('centre', 'staff-1');
const TAX = token('agency', 'tax-officer', { agencyId: 'tax' });
type CaseBody = { caseId: string; agencyId: string; status: string; outcome: string | null; enterprise: unknown; history: { type: string; by: string }[] };

describeIfInstalled(chromiumInstalled, 'the staff workbench in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  let codes: string[];
  /** The cases by what they are for: the tax bureau's with and without consent, the police's. */
  let withConsent: string;
  let withoutConsent: string;
  let police: string;
  /** The app's clock: the last test moves it past a deadline. */
  const clock = new ManualClock(new Date());

  const caseOf = async (code: string, agencyId: string) => {
    await t.settle();
    const cases = (await myBallot(t, code, 'wb-2019').expect(200)).body.cases as CaseBody[];
    return cases.find((c) => c.agencyId === agencyId)!.caseId;
  };
  const read = async (caseId: string, jwt = CENTRE) => (await t.http().get(`/v1/rectification/cases/${caseId}`).set({ authorization: `Bearer ${jwt}` }).expect(200)).body as CaseBody;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp({ clock }), launchChromium()]);
    await openCampaign(t, 'wb-2019');
    codes = await Promise.all([1, 2, 3, 4].map((n) => registered(t, n, { name: `徐州企业${n}有限公司` })));
    await submit(t, codes[0], 'wb-2019', 'tax', { rating: 'dissatisfied', comment: '窗口办事拖延', contactConsent: true }).expect(201);
    await submit(t, codes[1], 'wb-2019', 'tax', { rating: 'very_dissatisfied', comment: '材料要求反复变化' }).expect(201);
    await submit(t, codes[2], 'wb-2019', 'police', { rating: 'dissatisfied', comment: '排队太久' }).expect(201);
    [withConsent, withoutConsent, police] = await Promise.all([caseOf(codes[0], 'tax'), caseOf(codes[1], 'tax'), caseOf(codes[2], 'police')]);
  });
  closingHooks(() => ({ t, browser, seen }));

  const offered = (page: Page) => page.locator('#actions button.action').evaluateAll((bs) => bs.map((b) => b.id.replace('action-', '')));
  const detailSays = (page: Page, text: RegExp) => page.locator('#detail').getByText(text).first().waitFor();
  const caseLink = (page: Page, caseId: string) => page.locator(`#items li[data-id="${caseId}"] a`);

  it('serves the page and its files under the pages\' CSP, with no inline script or style', async () => {
    seen = await openPage(browser);
    const html = await t.http().get('/workbench').expect(200);
    expect(html.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(html.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    for (const file of ['workbench.js', 'queue.js', 'cases.js', 'requests.js', 'labels.js', 'api.js', 'workbench.css', 'shared/i18n.js', 'shared/token.js']) {
      const res = await t.http().get(`/workbench/${file}`).expect(200);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    await t.http().get('/workbench/nothing.js').expect(404);
    // Without a token: nothing but the sign-in, and no API call.
    await seen.page.goto(`${t.url}/workbench`);
    await seen.page.locator('#message').filter({ hasText: /令牌/ }).waitFor();
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  });

  it('an agency, keyboard only on a desktop: its queue, the steps it may take, contact and report', async () => {
    seen = await openPage(browser);
    const { page } = seen;
    await page.goto(`${t.url}/workbench`);
    await tabTo(page, '#token');
    await page.keyboard.type(TAX);
    await page.keyboard.press('Enter');
    await page.locator('#items li.item').first().waitFor();
    // Its own cases only, counted per status.
    expect(await page.locator('#items li.item').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id).sort())).toEqual([withConsent, withoutConsent].sort());
    expect(await page.locator('#counts li[data-status="open"] .n').textContent()).toBe('2');
    expect(await page.locator('#counts li[data-status="closed"] .n').textContent()).toBe('0');
    expect(await page.locator('#who').textContent()).toMatch(/tax/);

    // Without consent: no enterprise, and no contact offered (the centre calls); the appeal is.
    await tabTo(page, `#items li[data-id="${withoutConsent}"] a`);
    await page.keyboard.press('Enter');
    await detailSays(page, /企业未同意部门联系/);
    expect(await page.locator('#detail').textContent()).not.toContain(codes[1]);
    expect(await offered(page)).toEqual(['appeal']);
    expect(await page.locator('#history li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.type))).toEqual(['RectificationCaseOpened']);

    // With consent: who it is, and the contact.
    await tabTo(page, `#items li[data-id="${withConsent}"] a`);
    await page.keyboard.press('Enter');
    await detailSays(page, new RegExp(codes[0]));
    expect(await page.locator('#detail').textContent()).toContain('徐州企业1有限公司');
    expect(await offered(page)).toEqual(['contact', 'appeal']);
    await tabTo(page, '#action-contact');
    await page.keyboard.press('Space'); // opens the form, focus on its first field
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-channel');
    await page.keyboard.press('ArrowDown'); // 上门 visit
    await page.keyboard.press('Tab');
    await page.keyboard.type('上门了解情况，企业同意整改方案');
    await tabTo(page, '#form-contact button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.locator('#message').filter({ hasText: /已提交/ }).waitFor();
    // Further contacts may be recorded while the case is open.
    expect(await offered(page)).toEqual(['contact', 'report', 'appeal']);

    await tabTo(page, '#action-report');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('已优化窗口流程，材料一次告知');
    await tabTo(page, '#form-report button[type="submit"]');
    await page.keyboard.press('Enter');
    await detailSays(page, /已优化窗口流程/);
    expect(await offered(page)).toEqual(['contact', 'appeal']);
    await screenshot(page, 'workbench-desktop-agency.png');

    // Another agency's case is a 404 like an unknown one: the queue stays, the API's word is said, nothing of the case is shown.
    await page.goto(`${t.url}/workbench#/cases/${police}`);
    await page.locator('#message').filter({ hasText: /404/ }).waitFor();
    expect(await page.locator('#detail-title').count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe('#/cases');
    expect(seen.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    seen.errors.length = 0;

    const after = await read(withConsent);
    expect(after.status).toBe('reported');
    expect(after.history.map((h) => [h.type, h.by])).toEqual([['RectificationCaseOpened', 'system'], ['EnterpriseContacted', 'agency'], ['RectificationReported', 'agency']]);
  });

  it('a case worked from opened to closed by the centre and the agency, at 375 px, in Chinese and English', async () => {
    const phone = { width: 375, height: 812 };
    // The centre contacts.
    seen = await openPage(browser, phone);
    let { page } = seen;
    await signIn(page, CENTRE);
    // The centre sees every agency's cases, and who gave each review.
    expect(await page.locator('#items li.item').count()).toBe(3);
    await caseLink(page, withoutConsent).click();
    await detailSays(page, new RegExp(codes[1]));
    expect(await offered(page)).toEqual(['contact', 'close']);
    await act(page, 'contact', { text: '电话回访，企业反映材料清单不一致' });
    expect(await offered(page)).toEqual(['contact', 'close']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'workbench-phone-centre.png');
    await page.context().close();

    // The agency reports and appeals.
    seen = await openPage(browser, phone);
    page = seen.page;
    await signIn(page, TAX);
    await caseLink(page, withoutConsent).click();
    await act(page, 'report', { select: 'explanation', text: '材料清单由省厅统一规定，已向企业说明' });
    expect(await offered(page)).toEqual(['appeal']);
    await act(page, 'appeal', { text: '企业所述材料变化系政策调整，非本局原因' });
    expect(await page.locator('#no-actions').count()).toBe(1);
    await page.context().close();

    // The centre, in English: rejects the appeal, then closes the case.
    seen = await openPage(browser, phone);
    page = seen.page;
    await signIn(page, CENTRE);
    await page.locator('#lang').click();
    await page.locator('#queue-title').filter({ hasText: 'Rectification cases' }).waitFor();
    await caseLink(page, withoutConsent).click();
    await detailSays(page, /awaiting the centre/);
    expect(await offered(page)).toEqual(['contact', 'decide', 'close']);
    await act(page, 'decide', { select: 'false', text: 'The rating stands: the list changed twice in a month' }, /Done: Decide the appeal/);
    expect(await offered(page)).toEqual(['contact', 'close']);
    await act(page, 'close', { select: 'explained', text: 'Explained to the enterprise by phone' }, /Done: Close the case/);
    expect(await page.locator('#no-actions').textContent()).toMatch(/no step to take/);
    expect(await page.locator('#history li .step').allTextContents()).toEqual(['Opened', 'Contact', 'Report', 'Appeal', 'Appeal decided', 'Closed']);
    await page.locator('.back').click();
    await page.locator('#filter').selectOption('closed');
    expect(await page.locator('#items li.item').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id))).toEqual([withoutConsent]);
    expect(await page.locator('#counts li[data-status="closed"] .n').textContent()).toBe('1');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'workbench-phone-centre-en.png');

    const closed = await read(withoutConsent);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'explained' });
    expect(closed.history.map((h) => [h.type, h.by])).toEqual([
      ['RectificationCaseOpened', 'system'], ['EnterpriseContacted', 'centre'], ['RectificationReported', 'agency'],
      ['AppealFiled', 'agency'], ['AppealDecided', 'centre'], ['RectificationCaseClosed', 'centre'],
    ]);
  });

  it('shows the API\'s problem when it refuses a step the page offered (the case closed meanwhile), and the field errors', async () => {
    seen = await openPage(browser);
    const { page } = seen;
    await signIn(page, CENTRE);
    await page.locator('#lang').click(); // back to Chinese: the choice is kept per browser, this context starts in Chinese
    await caseLink(page, police).click();
    // Blank text passes the browser's `required` but not the API: its field errors are shown and marked.
    await page.locator('#action-contact').click();
    await page.locator('#contact-summary').fill('   ');
    await page.locator('#form-contact button[type="submit"]').click();
    await page.locator('#status-contact').filter({ hasText: /400/ }).waitFor();
    expect(await page.locator('#status-contact').textContent()).toMatch(/summary/);
    expect(await page.locator('#contact-summary').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#action-close').click();
    await page.locator('#close-note').fill('企业联系不上');
    // Someone else closes it first.
    await t.http().post(`/v1/rectification/cases/${police}/close`).set({ authorization: `Bearer ${CENTRE}` }).send({ outcome: 'unreachable', note: '三次电话未接' }).expect(200);
    await page.locator('#form-close button[type="submit"]').click();
    await page.locator('#status-close').filter({ hasText: /409/ }).waitFor();
    expect(await page.locator('#status-close').textContent()).toMatch(/is closed/);
    expect((await read(police)).history.map((h) => h.type)).toEqual(['RectificationCaseOpened', 'RectificationCaseClosed']);
    // The browser logs the refused request itself; nothing else went wrong.
    expect(seen.errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
    seen.errors.length = 0;
    await screenshot(page, 'workbench-desktop-refused.png');
  });

  it('keeps out a token of another role, and forgets a rejected one', async () => {
    seen = await openPage(browser);
    const { page } = seen;
    await page.goto(`${t.url}/workbench`);
    await page.locator('#token').fill(token('analyst', 'alice'));
    await page.locator('#signin-button').click();
    await page.locator('#message').filter({ hasText: /analyst/ }).waitFor();
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
    await page.locator('#token').fill(token('centre', 'x', {}, 'another-secret-of-at-least-thirty-two-chars'));
    await page.locator('#signin-button').click();
    await page.locator('#message').filter({ hasText: /令牌无效/ }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('survey.staffToken'))).toBeNull();
    expect(seen.errors.filter((e) => !/401/.test(e))).toEqual([]);
    seen.errors.length = 0; // the browser logs the refused request itself
  });

  it('puts an overdue case first, marked, counted, and under the overdue filter; refresh reads the queue again', async () => {
    seen = await openPage(browser);
    const { page } = seen;
    await signIn(page, CENTRE);
    const before = await page.locator('#items li.item').count();
    await submit(t, codes[3], 'wb-2019', 'housing', { rating: 'dissatisfied', comment: '审批材料多' }).expect(201);
    const late = await caseOf(codes[3], 'housing');
    clock.set(new Date(Date.parse((await read(late) as unknown as { contactDue: string }).contactDue) + 60_000));
    await page.locator('#refresh').click();
    await page.locator(`#items li[data-id="${late}"]`).waitFor();
    expect(await page.locator('#items li.item').count()).toBe(before + 1);
    expect(await page.locator('#items li.item').first().getAttribute('data-id')).toBe(late);
    expect(await page.locator('#items li.item').first().getAttribute('class')).toMatch(/late/);
    expect(await page.locator('#items li.item').first().textContent()).toMatch(/回访超期/);
    expect(await page.locator('#counts li[data-status="overdue"] .n').textContent()).toBe('1');
    await page.locator('#filter').selectOption('overdue');
    expect(await page.locator('#items li.item').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id))).toEqual([late]);
    await screenshot(page, 'workbench-desktop-overdue.png');
  });

  it('shows a step as its route answered it while the queue and the case read behind (a lagging read model)', async () => {
    await submit(t, codes[0], 'wb-2019', 'police', { rating: 'dissatisfied', comment: '证件办理慢' }).expect(201);
    const lagging = await caseOf(codes[0], 'police');
    seen = await openPage(browser);
    const { page } = seen;
    await freezeReads(page, (path) => path.startsWith('/v1/rectification/cases'));
    await signIn(page, CENTRE);
    await caseLink(page, lagging).click();
    await detailSays(page, new RegExp(codes[0]));
    await act(page, 'contact', { text: '电话回访，企业说明情况' });
    expect(await page.locator('#history li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.type))).toEqual(['RectificationCaseOpened', 'EnterpriseContacted']);
    expect(await page.locator(`#items li[data-id="${lagging}"]`).getAttribute('data-status')).toBe('contacted');
    await act(page, 'close', { select: 'rectified', text: '已当场办结' });
    expect(await page.locator('#no-actions').count()).toBe(1);
    expect(await page.locator(`#items li[data-id="${lagging}"]`).count()).toBe(0); // the queue shows the open cases
    await page.locator('#filter').selectOption('closed');
    expect(await page.locator(`#items li[data-id="${lagging}"]`).getAttribute('data-status')).toBe('closed');
    // The counts are of the queue as shown: the frozen read, with this case as the step answered it.
    await t.settle();
    const closed = (await t.http().get('/v1/rectification/cases?status=closed&limit=500').set({ authorization: `Bearer ${CENTRE}` }).expect(200)).body.cases as CaseBody[];
    expect(await page.locator('#counts li[data-status="closed"] .n').textContent()).toBe(String(closed.length));
  });

  async function signIn(page: Page, jwt: string) {
    await page.goto(`${t.url}/workbench`);
    await page.locator('#token').fill(jwt);
    await page.locator('#signin-button').click();
    await page.locator('#items li.item').first().waitFor();
  }

  /** Opens the step's form, picks `select` in its first list if given, writes `text`, submits, and waits for the step's own confirmation. */
  async function act(page: Page, step: string, { select, text }: { select?: string; text: string }, done?: RegExp) {
    const label = (await page.locator(`#action-${step}`).textContent())!;
    done ??= new RegExp(`已提交：${label}`);
    await page.locator(`#action-${step}`).click();
    if (select) await page.locator(`#form-${step} select`).first().selectOption(select);
    await page.locator(`#form-${step} textarea`).fill(text);
    await page.locator(`#form-${step} button[type="submit"]`).click();
    await page.locator('#message').filter({ hasText: done }).waitFor();
  }
});
