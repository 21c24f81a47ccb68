/// <reference lib="dom" />
/**
 * The enterprises' requests page (/r) in Chromium against the real app, on a 375-px phone with the
 * keyboard alone: the personal link's token taken out of the address; a request filed (a double
 * submit or a retry after a lost answer files once: the form's Idempotency-Key), seen dispatched after the centre dispatches it
 * over the API, followed with its history, and its answer rated; zh and en; the pages' CSP with no
 * violation; a token of another role turned away with no API call. Screenshots: test/artifacts/r-*.png.
 */
import type { Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../apps/api/src/http/page-headers';
import { admin, startApp, TestApp, token } from './support/app';
import { closingHooks, launchChromium, openPage, screenshot, Seen, tabTo } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { openCampaign, registered } from './support/survey';

jest.setTimeout(90_000);

const CENTRE = token('centre', 'staff-1');
const TAX = token('agency', 'tax-officer', { agencyId: 'tax' });
const phone = { width: 375, height: 812 };

describeIfInstalled(chromiumInstalled, 'the requests page /r in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  let code: string;

  const as = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
  const mine = async () => (await t.http().get('/v1/requests').set(as(token('enterprise', code))).expect(200)).body.requests as { requestId: string; status: string; outcome: string | null; title: string }[];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    await openCampaign(t, 'r-2019');
    code = await registered(t, 1, { name: '徐州诉求企业有限公司' });
    await t.http().put('/v1/agencies/tax').set(admin).send({ name: '徐州市税务局' }).expect(201);
  });
  closingHooks(() => ({ t, browser, seen }));

  it('serves the page and its files under the pages\' CSP, with no inline script or style', async () => {
    seen = await openPage(browser);
    const html = await t.http().get('/r').expect(200);
    expect(html.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(html.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    for (const file of ['app.js', 'labels.js', 'app.css', 'shared/api-client.js', 'shared/dom.js']) {
      expect((await t.http().get(`/r/${file}`).expect(200)).headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    await t.http().get('/r/nothing.js').expect(404);
    // A token of another role: turned away, nothing asked of the API.
    await seen.page.goto(`${t.url}/r#t=${token('analyst', 'alice')}`);
    await seen.page.locator('#stopped').filter({ hasText: /链接无效/ }).waitFor();
    expect(seen.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([]);
  });

  it('files a request (a retry after a lost answer, pressed twice, files once), sees it dispatched, follows it and rates the answer, keyboard only at 375 px', async () => {
    seen = await openPage(browser, phone);
    const { page } = seen;
    await page.goto(`${t.url}/r#t=${token('enterprise', code)}`);
    await page.locator('#no-requests').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe(''); // the token left the address at once
    expect(await page.locator('#who').textContent()).toContain(code);

    await tabTo(page, '#category-field');
    await page.keyboard.press('ArrowDown'); // 审批服务 approval
    await page.keyboard.press('Tab');
    await page.keyboard.type('办理施工许可');
    await page.keyboard.press('Tab');
    await page.keyboard.type('材料已齐，希望尽快办理');
    // The first answer is lost on the way back (the server filed it): the page says so, and the
    // retry — pressed twice — sends the same Idempotency-Key, so the request is filed once.
    const keys: string[] = [];
    let lost = false;
    await page.route('**/v1/requests', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      return route.abort('failed');
    });
    await tabTo(page, '#file-submit');
    await page.keyboard.press('Enter');
    await page.locator('#file-status').filter({ hasText: /未能提交/ }).waitFor();
    expect(await mine()).toHaveLength(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('#message').filter({ hasText: /诉求已提交/ }).waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.errors.filter((e) => !/ERR_FAILED|Failed to fetch/.test(e))).toEqual([]);
    seen.errors.length = 0;
    await page.unroute('**/v1/requests');
    await page.locator('#requests li').first().waitFor();
    let filed = await mine();
    expect(filed.map((r) => [r.title, r.status])).toEqual([['办理施工许可', 'received']]);
    const id = filed[0].requestId;
    expect(await page.locator('#requests li').count()).toBe(1);
    expect(await page.locator(`#requests li[data-id="${id}"] .badge`).first().textContent()).toBe('待分派');
    expect(await page.locator('#title-field').inputValue()).toBe(''); // the form is ready for another filing

    // The centre dispatches it (over the API): refresh shows it.
    await t.http().post(`/v1/requests/${id}/dispatch`).set(as(CENTRE)).send({ agencyId: 'tax' }).expect(200);
    await tabTo(page, '#refresh');
    await page.keyboard.press('Enter');
    await page.locator(`#requests li[data-id="${id}"][data-status="dispatched"]`).waitFor();
    expect(await page.locator(`#requests li[data-id="${id}"] .badge`).first().textContent()).toBe('已分派');
    await screenshot(page, 'r-phone-dispatched.png');

    // The agency answers; the enterprise opens it, reads the history and rates.
    await t.http().post(`/v1/requests/${id}/accept`).set(as(TAX)).send({}).expect(200);
    await t.http().post(`/v1/requests/${id}/resolve`).set(as(TAX)).send({ reply: '许可证已核发' }).expect(200);
    await tabTo(page, `#requests li[data-id="${id}"] a`);
    await page.keyboard.press('Enter');
    await page.locator('#rate-form').waitFor();
    expect(await page.locator('#withdraw-form').count()).toBe(0); // answered: too late to withdraw
    expect(await page.locator('#history li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.type))).toEqual(['RequestReceived', 'RequestDispatched', 'RequestAccepted', 'RequestResolved']);
    expect(await page.locator('[data-fact="reply"]').textContent()).toContain('许可证已核发');
    expect(await page.locator('[data-fact="agency"]').textContent()).toBe('徐州市税务局'); // the directory's name
    expect(await page.locator('[data-fact="resolveDue"]').textContent()).toMatch(/ 24:00$/); // the end of its last working day
    await tabTo(page, '#level-field');
    await page.keyboard.press('ArrowDown'); // 满意 satisfied
    await page.keyboard.press('Tab');
    await page.keyboard.type('很快');
    await tabTo(page, '#rate-submit');
    await page.keyboard.press('Enter');
    await page.locator('#message').filter({ hasText: /评价已提交/ }).waitFor();
    await page.locator('#history li[data-type="RequestClosed"]').waitFor();
    expect(await page.locator('#rate-form').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // In English.
    await tabTo(page, '#lang');
    await page.keyboard.press('Enter');
    await page.locator('[data-fact="status"]').filter({ hasText: 'Closed' }).waitFor();
    expect(await page.locator('[data-fact="rating"]').textContent()).toBe('Satisfied · 很快');
    await screenshot(page, 'r-phone-rated-en.png');
    filed = await mine();
    expect(filed.map((r) => [r.requestId, r.status, r.outcome])).toEqual([[id, 'closed', 'satisfied']]);
  });

  it('offers the deployment\'s categories (from the API, in the page\'s language) and withdraws a request not yet answered, keyboard only at 375 px', async () => {
    const categories = (await t.http().get('/v1/public/request-categories').expect(200)).body.categories as { category: string; label: { zh: string; en: string } }[];
    const filing = await t.http().post('/v1/requests').set(as(token('enterprise', code))).send({ category: 'land', title: '厂房用地规划咨询', description: '希望了解用地规划调整进度' }).expect(201);
    const id = filing.body.requestId as string;
    await t.http().post(`/v1/requests/${id}/dispatch`).set(as(CENTRE)).send({ agencyId: 'tax' }).expect(200);
    seen = await openPage(browser, phone);
    const { page } = seen;
    await page.goto(`${t.url}/r#t=${token('enterprise', code)}`);
    await page.locator(`#requests li[data-id="${id}"]`).waitFor();
    const options = () => page.locator('#category-field option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(await options()).toEqual(categories.map((c) => [c.category, c.label.zh]));
    expect(await page.locator(`#requests li[data-id="${id}"] .muted`).textContent()).toContain(categories.find((c) => c.category === 'land')!.label.zh);
    await tabTo(page, '#lang');
    await page.keyboard.press('Enter');
    await page.locator('#mine-title').filter({ hasText: /[A-Za-z]/ }).waitFor();
    expect(await options()).toEqual(categories.map((c) => [c.category, c.label.en]));

    await tabTo(page, `#requests li[data-id="${id}"] a`);
    await page.keyboard.press('Enter');
    await page.locator('#withdraw-form').waitFor();
    expect(await page.locator('[data-fact="category"]').textContent()).toBe(categories.find((c) => c.category === 'land')!.label.en);
    await tabTo(page, '#reason-field');
    await page.keyboard.type('已自行解决');
    // Not confirmed: the browser keeps the form from going out.
    await tabTo(page, '#withdraw-submit');
    await page.keyboard.press('Enter');
    expect((await mine()).find((r) => r.requestId === id)?.status).toBe('dispatched');
    await tabTo(page, '#withdraw-confirm');
    await page.keyboard.press('Space');
    await tabTo(page, '#withdraw-submit');
    await page.keyboard.press('Enter');
    await page.locator('#message').filter({ hasText: /withdrawn/ }).waitFor();
    await page.locator('#history li[data-type="RequestWithdrawn"]').waitFor();
    expect(await page.locator('#withdraw-form').count()).toBe(0);
    expect(await page.locator('[data-fact="status"]').textContent()).toBe('Withdrawn');
    expect(await page.locator('#history li[data-type="RequestWithdrawn"]').textContent()).toContain('已自行解决');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'r-phone-withdrawn-en.png');
    expect((await mine()).find((r) => r.requestId === id)).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
  });
});
