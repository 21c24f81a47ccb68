/// <reference lib="dom" />
/**
 * The workbench's requests tab (/workbench#/requests) in Chromium against the real app: a request
 * filed over the API is worked on the page to resolved by the centre (dispatch to a directory
 * agency, decide an extension ask) and the agency (accept, ask for more time, resolve), with the
 * keyboard alone; at 375 px in English, a return to the centre and the centre closing an escalated
 * request; exactly the steps each role may take offered; another agency's request a 404 with
 * nothing of it shown; the API's field errors when it refuses; the pages' CSP with no violation.
 * Screenshots: test/artifacts/workbench-requests-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { admin, startApp, TestApp, token } from './support/app';
import { closingHooks, launchChromium, openPage, screenshot, Seen, tabTo } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { openCampaign, registered } from './support/survey';

jest.setTimeout(90_000);

const CENTRE = token('centre', 'staff-1');
const TAX = token('agency', 'tax-officer', { agencyId: 'tax' });
const POLICE = token('agency', 'police-officer', { agencyId: 'police' });
type RequestBody = { requestId: string; status: string; agencyId: string | null; outcome: string | null; resolveDue: string | null; history: { type: string; by: string }[] };

describeIfInstalled(chromiumInstalled, 'the workbench\'s requests in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let seen: Seen;
  let codes: string[];

  const as = (jwt: string) => ({ authorization: `Bearer ${jwt}` });
  const read = async (requestId: string) => (await t.http().get(`/v1/requests/${requestId}`).set(as(CENTRE)).expect(200)).body as RequestBody;
  const file = async (code: string, title: string, category = 'approval') =>
    (await t.http().post('/v1/requests').set(as(token('enterprise', code))).send({ category, title, description: `${title}：材料已齐，希望尽快办理` }).expect(201)).body.requestId as string;
  const step = (requestId: string, path: string, jwt: string, body: object = {}) => t.http().post(`/v1/requests/${requestId}/${path}`).set(as(jwt)).send(body).expect(200);

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    await openCampaign(t, 'wr-2019');
    await t.http().put('/v1/agencies/tax').set(admin).send({ name: '徐州市税务局' }).expect(201);
    codes = await Promise.all([1, 2, 3].map((n) => registered(t, n, { name: `徐州诉求企业${n}有限公司` })));
  });
  closingHooks(() => ({ t, browser, seen }));

  const offered = (page: Page) => page.locator('#actions button.action').evaluateAll((bs) => bs.map((b) => b.id.replace('action-', '')));
  const steps = (page: Page) => page.locator('#history li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.type));
  const rowsOf = (page: Page) => page.locator('#items li.item').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.id));

  /** Signs in with the keyboard and opens the requests tab and, if given, one request. */
  async function keyboardTo(page: Page, jwt: string, requestId: string) {
    await page.goto(`${t.url}/workbench`);
    await tabTo(page, '#token');
    await page.keyboard.type(jwt);
    await page.keyboard.press('Enter');
    await page.locator('#items').waitFor();
    await tabTo(page, '#tabs a[href="#/requests"]');
    await page.keyboard.press('Enter');
    await page.locator(`#items li[data-id="${requestId}"] a`).waitFor();
    await tabTo(page, `#items li[data-id="${requestId}"] a`);
    await page.keyboard.press('Enter');
    await page.locator('#detail-title').filter({ hasText: requestId }).waitFor();
  }
  /** Opens a step's form with the keyboard (focus lands in its first field, or on submit), fills it by `fill`, submits, waits for the confirmation. */
  async function keyboardStep(page: Page, action: string, fill: () => Promise<void>, done: RegExp) {
    await tabTo(page, `#action-${action}`);
    await page.keyboard.press('Space');
    await fill();
    await tabTo(page, `#form-${action} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await page.locator('#message').filter({ hasText: done }).waitFor();
  }

  it('a filed request worked to resolved by the centre and the agency, keyboard only, in Chinese', async () => {
    const id = await file(codes[0], '办理施工许可');
    // The centre: the request at the centre, its facts and history, and dispatch as the one step.
    seen = await openPage(browser);
    let { page } = seen;
    await keyboardTo(page, CENTRE, id);
    expect(await page.locator(`#items li[data-id="${id}"] .badge`).first().textContent()).toBe('待分派');
    expect(await page.locator('#detail').textContent()).toContain('徐州诉求企业1有限公司');
    expect(await page.locator('#detail').textContent()).toContain('审批服务');
    expect(await steps(page)).toEqual(['RequestReceived']);
    expect(await offered(page)).toEqual(['dispatch']);
    // The directory's agencies are the choices: the registered name shown, the id sent.
    const choices = await page.locator('#dispatch-agencyId option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(choices).toContain('tax');
    expect(await page.locator('#dispatch-agencyId option[value="tax"]').textContent()).toBe('徐州市税务局 (tax)');
    await keyboardStep(page, 'dispatch', async () => {
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('dispatch-agencyId');
      for (let i = 0; i < choices.indexOf('tax'); i++) await page.keyboard.press('ArrowDown');
    }, /已提交：分派/);
    expect(await page.locator('#no-actions').count()).toBe(1);
    expect((await read(id)).agencyId).toBe('tax');
    await page.context().close();

    // The agency: accept, then ask for more time (the centre's to decide: no second ask meanwhile).
    seen = await openPage(browser);
    page = seen.page;
    await keyboardTo(page, TAX, id);
    expect(await offered(page)).toEqual(['accept', 'return']);
    await keyboardStep(page, 'accept', async () => {
      expect(await page.evaluate(() => document.activeElement?.matches('#form-accept button[type="submit"]'))).toBe(true);
    }, /已提交：签收/);
    expect(await offered(page)).toEqual(['resolve', 'extension']);
    await keyboardStep(page, 'extension', async () => {
      await page.keyboard.press('ArrowDown'); // 2 working days
      await page.keyboard.press('Tab');
      await page.keyboard.type('需现场核查');
    }, /已提交：申请延期/);
    expect(await offered(page)).toEqual(['resolve']);
    await page.locator('#detail').getByText(/2 个工作日 · .*需现场核查（待中心决定）/).waitFor();
    await page.context().close();
    const asked = await read(id);

    // The centre grants it: the resolve deadline moves.
    seen = await openPage(browser);
    page = seen.page;
    await keyboardTo(page, CENTRE, id);
    expect(await offered(page)).toEqual(['decideExtension']);
    // The centre's queue of extension asks to decide holds it.
    await page.locator('#filter').selectOption('extension');
    expect(await rowsOf(page)).toEqual([id]);
    await page.locator('#filter').selectOption('open');
    await keyboardStep(page, 'decideExtension', async () => undefined, /已提交：决定延期/);
    expect(await page.locator('#no-actions').count()).toBe(1);
    const granted = await read(id) as RequestBody & { extensionAsked: number | null };
    expect(granted.extensionAsked).toBeNull();
    expect((asked as RequestBody & { extensionAsked: number | null }).extensionAsked).toBe(2);
    expect(Date.parse(granted.resolveDue!)).toBeGreaterThan(Date.parse(asked.resolveDue!));
    await page.context().close();

    // The agency resolves with its reply.
    seen = await openPage(browser);
    page = seen.page;
    await keyboardTo(page, TAX, id);
    expect(await offered(page)).toEqual(['resolve', 'extension']);
    await keyboardStep(page, 'resolve', async () => page.keyboard.type('已现场核查，许可证已于今日核发'), /已提交：办结答复/);
    await page.locator('#detail').getByText(/许可证已于今日核发/).first().waitFor();
    expect(await page.locator('#no-actions').count()).toBe(1);
    expect(await steps(page)).toEqual(['RequestReceived', 'RequestDispatched', 'RequestAccepted', 'RequestExtensionAsked', 'RequestExtensionDecided', 'RequestResolved']);
    await screenshot(page, 'workbench-requests-desktop-agency.png');

    const resolved = await read(id);
    expect(resolved.status).toBe('resolved');
    expect(resolved.history.map((h) => [h.type, h.by])).toEqual([
      ['RequestReceived', 'enterprise'], ['RequestDispatched', 'centre'], ['RequestAccepted', 'agency'],
      ['RequestExtensionAsked', 'agency'], ['RequestExtensionDecided', 'centre'], ['RequestResolved', 'agency'],
    ]);
  });

  it('at 375 px in English: a return to the centre, and the centre closing an escalated request', async () => {
    const phone = { width: 375, height: 812 };
    const returned = await file(codes[1], 'Loan guarantee', 'finance');
    await step(returned, 'dispatch', CENTRE, { agencyId: 'tax' });
    const escalated = await file(codes[2], 'Land use', 'land');
    await step(escalated, 'dispatch', CENTRE, { agencyId: 'tax' });
    await step(escalated, 'accept', TAX);
    for (const level of ['dissatisfied', 'very_dissatisfied']) {
      await step(escalated, 'resolve', TAX, { reply: 'Answered' });
      await step(escalated, 'rating', token('enterprise', codes[2]), { level });
    }
    expect((await read(escalated)).status).toBe('escalated');

    seen = await openPage(browser, phone);
    let { page } = seen;
    await page.goto(`${t.url}/workbench#/requests/${encodeURIComponent(returned)}`);
    await page.locator('#token').fill(TAX);
    await page.locator('#signin-button').click();
    await page.locator('#lang').click();
    // On a phone the request takes the screen (the queue is one link back).
    await page.locator('#detail-title').filter({ hasText: `Request ${returned}` }).waitFor();
    expect(await page.locator('#tabs a[aria-current="page"]').textContent()).toBe("Enterprises' requests");
    expect(await offered(page)).toEqual(['accept', 'return']);
    await page.locator('#action-return').click();
    await page.locator('#return-reason').fill('Guarantees are the finance bureau\'s');
    await page.locator('#form-return button[type="submit"]').click();
    await page.locator('#message').filter({ hasText: /Done: Return to the centre/ }).waitFor();
    // It was dispatched to this agency, so it still reads it, with no step left.
    expect(await page.locator('#no-actions').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();

    seen = await openPage(browser, phone);
    page = seen.page;
    await page.goto(`${t.url}/workbench#/requests`);
    await page.locator('#token').fill(CENTRE);
    await page.locator('#signin-button').click();
    await page.locator('#items li.item').first().waitFor();
    await page.locator('#lang').click(); // each browser context starts in Chinese
    await page.locator('#queue-title').filter({ hasText: "Enterprises' requests" }).waitFor();
    await page.locator('#filter').selectOption('centre');
    expect(await rowsOf(page)).toEqual([returned]);
    expect(await page.locator(`#items li[data-id="${returned}"] .badge`).first().textContent()).toBe('Returned');
    await page.locator('#filter').selectOption('escalated');
    expect(await rowsOf(page)).toEqual([escalated]);
    await page.locator(`#items li[data-id="${escalated}"] a`).click();
    await page.locator('#detail-title').filter({ hasText: escalated }).waitFor();
    expect(await offered(page)).toEqual(['closeEscalated']);
    await page.locator('#action-closeEscalated').click();
    await page.locator('#closeEscalated-note').fill('Land plan explained in person with the planning bureau');
    await page.locator('#form-closeEscalated button[type="submit"]').click();
    await page.locator('#message').filter({ hasText: /Done: Close the escalated request/ }).waitFor();
    expect(await page.locator('#history li .step').last().textContent()).toBe('Closed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'workbench-requests-phone-centre-en.png');
    expect(await read(escalated)).toMatchObject({ status: 'closed', outcome: 'escalated-closed' });
    expect((await read(returned)).status).toBe('returned');
  });

  it('shows the API\'s field errors, and another agency\'s request as a 404 with nothing of it', async () => {
    const id = await file(codes[0], '用工登记', 'talent');
    await step(id, 'dispatch', CENTRE, { agencyId: 'tax' });
    await step(id, 'accept', TAX);
    seen = await openPage(browser);
    const { page } = seen;
    await page.goto(`${t.url}/workbench#/requests/${encodeURIComponent(id)}`);
    await page.locator('#token').fill(TAX);
    await page.locator('#signin-button').click();
    await page.locator('#lang').click(); // back to Chinese: the choice is kept per browser
    await page.locator('#detail-title').filter({ hasText: id }).waitFor();
    // Blank text passes the browser's `required` but not the API: its field errors are shown and marked.
    await page.locator('#action-resolve').click();
    await page.locator('#resolve-reply').fill('   ');
    await page.locator('#form-resolve button[type="submit"]').click();
    await page.locator('#status-resolve').filter({ hasText: /400/ }).waitFor();
    expect(await page.locator('#status-resolve').textContent()).toMatch(/reply/);
    expect(await page.locator('#resolve-reply').getAttribute('aria-invalid')).toBe('true');
    expect((await read(id)).history.map((h) => h.type)).toEqual(['RequestReceived', 'RequestDispatched', 'RequestAccepted']);
    expect(seen.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    seen.errors.length = 0;

    // The police never had it: a 404 like an unknown one, the queue kept, nothing of the request shown.
    await page.locator('#signout-button').click();
    await page.goto(`${t.url}/workbench#/requests/${encodeURIComponent(id)}`);
    await page.locator('#token').fill(POLICE);
    await page.locator('#signin-button').click();
    await page.locator('#message').filter({ hasText: /404/ }).waitFor();
    expect(await page.locator('#detail-title').count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe('#/requests');
    expect(await page.locator('#view').textContent()).not.toContain('用工登记');
    expect(seen.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    seen.errors.length = 0;
  });
});
