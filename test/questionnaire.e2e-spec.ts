/**
 * The questionnaire in a real browser (Debian's Chromium through playwright-core) against the real
 * app, on a phone-sized and a desktop viewport: open an invitation link, rate three agencies,
 * revise one, withdraw one, reload and see the same state, and find the API's ballot agreeing.
 * Also: the token leaves the address bar at once, nothing is requested from another origin, and an
 * expired, revoked or closed link gets its clear page. And the closed loop (CLOSED-LOOP.md "Pages"):
 * beside a bad rating the page asks whether the agency may call (contactConsent, sent with the
 * evaluation); it shows the enterprise its cases (status, deadlines, the agency's report) and takes
 * the follow-up rating (追评) while the case awaits it, by touch at 375 px and by keyboard alone.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { AppConfig, APP_CONFIG, signInvitationToken, systemMeta } from '@survey/application';
import { invite } from '../apps/cli/src/invite/invite';
import { admin, startApp, TestApp, token as staffToken } from './support/app';
import { ARTIFACTS, DESKTOP, freezeReads, launchChromium, PHONE } from './support/browser';
import { chromiumInstalled, describeIfInstalled } from './support/requirements';
import { aCampaign } from './support/fixtures';
import { registered } from './support/survey';

const AGENCIES = [
  { id: 'tax', name: '市税务局' }, { id: 'police', name: '市公安局' }, { id: 'housing', name: '市住房和城乡建设局' },
  { id: 'approval', name: '市行政审批局' }, { id: 'customs', name: '徐州海关' },
];

jest.setTimeout(30_000);

describeIfInstalled(chromiumInstalled, 'questionnaire page in Chromium', () => {
  let t: TestApp;
  let config: AppConfig;
  let browser: Browser;
  let n = 0;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startApp(), launchChromium()]);
    config = t.app.get(APP_CONFIG);
    await t.http().post('/v1/campaigns').set(admin).send(aCampaign('q-2026', { agencies: AGENCIES })).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A newly registered enterprise, invited; returns its link's token and the link on this server. */
  async function invited(campaignId = 'q-2026') {
    const code = await registered(t, ++n);
    const { links } = await invite(t.app, config, campaignId, { filter: {}, graceDays: 7, meta: systemMeta() });
    const token = new URL(links.find((l) => l.enterprise.creditCode === code)!.link).hash.slice('#t='.length);
    return { code, token, link: `${t.url}/q#t=${token}` };
  }

  async function newPage(options: BrowserContextOptions) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.setDefaultTimeout(5000); // a missing element fails with what was awaited, well before the test's timeout
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url)) foreign.push(r.url());
    });
    return { page, foreign, close: () => context.close() };
  }

  const card = (page: Page, name: string) => page.locator('li.agency', { has: page.getByRole('heading', { name, exact: true }) });
  const statusOf = (page: Page, name: string) => card(page, name).getByRole('status');

  async function rate(page: Page, name: string, level: string, extra: { question?: string; comment?: string } = {}) {
    const c = card(page, name);
    await c.getByRole('button', { name: new RegExp(`(Rate|Revise): ${name}`) }).click();
    await c.getByRole('group', { name: /Overall rating/ }).getByRole('radio', { name: new RegExp(`^${level}`) }).check();
    if (extra.question) await c.getByRole('group', { name: /Efficiency/ }).getByRole('radio', { name: new RegExp(`^${extra.question}`) }).check();
    if (extra.comment !== undefined) await c.getByRole('textbox', { name: /Comment/ }).fill(extra.comment);
    await c.getByRole('button', { name: /Save/ }).click();
    await statusOf(page, name).filter({ hasText: /已保存 Saved/ }).waitFor(); // announced in the card's live region
    await c.getByText(/已保存 Saved/).waitFor();
  }

  for (const [device, options] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`${device}: rate three, revise one, withdraw one, reload, and the API's ballot matches`, async () => {
      const { token, link } = await invited();
      const { page, foreign, close } = await newPage(options);
      await page.goto(link);
      await page.getByRole('heading', { name: /Rate the agencies you dealt with/ }).waitFor();
      expect(await page.evaluate<string>('location.href')).toBe(`${t.url}/q`);
      // The entry was replaced, not added: back leads to where the tab was, forward to the page without the token.
      expect(await page.evaluate<number>('history.length')).toBe(2);

      // The search narrows the list; clearing it brings every agency back.
      await page.getByRole('searchbox', { name: /Search agencies/ }).fill('海关');
      expect(await page.locator('li.agency:visible').count()).toBe(1);
      await page.getByRole('searchbox', { name: /Search agencies/ }).fill('');
      expect(await page.locator('li.agency:visible').count()).toBe(AGENCIES.length);

      await rate(page, '市税务局', '非常满意', { question: '满意', comment: '办事很快，态度很好' });
      await rate(page, '市公安局', '满意');
      await rate(page, '徐州海关', '不满意');
      // The comment's live count.
      await card(page, '市公安局').getByRole('button', { name: /Revise/ }).click();
      await card(page, '市公安局').getByRole('textbox', { name: /Comment/ }).fill('排队时间长');
      expect(await card(page, '市公安局').locator('.count').textContent()).toBe('5 / 2000');
      await card(page, '市公安局').screenshot({ path: `${ARTIFACTS}/questionnaire-${device}-form.png` });
      await card(page, '市公安局').getByRole('radio', { name: /^基本满意/ }).first().check();
      await card(page, '市公安局').getByRole('button', { name: /Save/ }).click();
      await card(page, '市公安局').getByText(/基本满意/).first().waitFor();
      await card(page, '徐州海关').getByRole('button', { name: /Revise/ }).click();
      await card(page, '徐州海关').getByRole('button', { name: /Withdraw/ }).click();
      await card(page, '徐州海关').getByText(/已撤回 Withdrawn/).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}/questionnaire-${device}.png`, fullPage: true });
      if (device === 'phone') expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

      await page.reload();
      await page.getByRole('heading', { name: /Rate the agencies you dealt with/ }).waitFor();
      expect(await card(page, '市税务局').locator('.saved').textContent()).toMatch(/已评价：非常满意/);
      expect(await card(page, '市公安局').locator('.saved').textContent()).toMatch(/已评价：基本满意/);
      expect(await card(page, '徐州海关').locator('.saved').textContent()).toMatch(/未评价/);
      expect(await page.getByText(/You have rated 2 agencies/).count()).toBe(1);
      await page.screenshot({ path: `${ARTIFACTS}/questionnaire-${device}-reloaded.png`, fullPage: true });

      const ballot = await t.http().get('/v1/campaigns/q-2026/evaluations').set({ authorization: `Bearer ${token}` }).expect(200);
      expect(ballot.body.evaluations.map((e: { agencyId: string; rating: string; answers: object; comment: string | null }) => [e.agencyId, e.rating, e.answers, e.comment])).toEqual([
        ['police', 'basically_satisfied', {}, '排队时间长'],
        ['tax', 'very_satisfied', { efficiency: 'satisfied' }, '办事很快，态度很好'],
      ].sort());
      expect(foreign).toEqual([]);
      await close();
    });
  }

  it('works with the keyboard alone', async () => {
    const { link } = await invited();
    const { page, close } = await newPage(DESKTOP);
    await page.goto(link);
    await page.getByRole('heading', { name: /Rate the agencies you dealt with/ }).waitFor();
    await page.getByRole('searchbox').focus();
    await page.keyboard.press('Tab'); // the first agency's Rate button
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null")).toBe('评价 Rate: 市税务局');
    await page.keyboard.press('Enter'); // opens the form, focus on the first level
    await page.keyboard.press('ArrowRight'); // 满意
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate<boolean>("!!document.activeElement?.textContent?.includes('Save')")) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await card(page, '市税务局').getByText(/已保存 Saved/).waitFor();
    expect(await card(page, '市税务局').locator('.saved').textContent()).toMatch(/已评价：满意/);
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label') ?? null")).toBe('修改 Revise: 市税务局');
    // An optional question answered by mistake can be left unanswered again.
    await page.keyboard.press('Enter');
    const efficiency = card(page, '市税务局').getByRole('group', { name: /Efficiency/ });
    await efficiency.getByRole('radio', { name: /^满意/ }).check();
    await efficiency.getByRole('button', { name: /Skip this one/ }).press('Enter');
    expect(await efficiency.getByRole('radio', { checked: true }).count()).toBe(0);
    await close();
  });

  it('a campaign whose agency, question and level are called `constructor` reads and saves like any other', async () => {
    const scale = [
      { id: 'constructor', label: '好', score: 100, satisfied: true, negative: false },
      { id: 'poor', label: '差', score: 0, satisfied: false, negative: true },
    ];
    await t.http().post('/v1/campaigns').set(admin)
      .send(aCampaign('q-proto', { agencies: [{ id: 'constructor', name: '构造局' }], questions: [{ id: 'constructor', text: '办事效率 Efficiency' }], scale })).expect(201);
    const { token, link } = await invited('q-proto');
    const { page, close } = await newPage(DESKTOP);
    await page.goto(link);
    await rate(page, '构造局', '好', { question: '好' });
    // The level's English part comes from a table of the default levels: none for this one, and nothing inherited.
    // (the form is hidden once saved, and still holds its labels)
    expect(await card(page, '构造局').locator('fieldset').first().textContent()).toMatch(/好/);
    expect(await card(page, '构造局').textContent()).not.toMatch(/native code|function/);
    const ballot = await t.http().get('/v1/campaigns/q-proto/evaluations').set({ authorization: `Bearer ${token}` }).expect(200);
    expect(ballot.body.evaluations.map((e: { agencyId: string; rating: string; answers: object }) => [e.agencyId, e.rating, e.answers]))
      .toEqual([['constructor', 'constructor', { constructor: 'constructor' }]]);
    await page.reload();
    await card(page, '构造局').getByRole('button', { name: /Revise/ }).click();
    expect(await card(page, '构造局').getByRole('group', { name: /Efficiency/ }).getByRole('radio', { checked: true }).getAttribute('value')).toBe('constructor');
    await close();
  });

  describe('rectification cases', () => {
    const centre = { authorization: `Bearer ${staffToken('centre', 'staff-1')}` };
    const tax = { authorization: `Bearer ${staffToken('agency', 'tax-officer', { agencyId: 'tax' })}` };
    type CaseBody = { caseId: string; agencyId: string; status: string; round: number; outcome: string | null; enterprise: { creditCode: string } | null; followUp: { level: string; comment: string | null } | null };
    const caseOf = async (linkToken: string) => {
      await t.settle();
      const ballot = await t.http().get('/v1/campaigns/q-2026/evaluations').set({ authorization: `Bearer ${linkToken}` }).expect(200);
      return (ballot.body.cases as CaseBody[]).find((c) => c.agencyId === 'tax')!;
    };
    const step = (caseId: string, path: string, who: Record<string, string>, body: object) =>
      t.http().post(`/v1/rectification/cases/${caseId}/${path}`).set(who).send(body).expect(200);
    const caseCard = (page: Page) => page.locator('#cases li.case', { has: page.getByRole('heading', { name: '市税务局', exact: true }) });

    it('phone: asks beside a bad rating whether the agency may call, shows the case and its report, takes the follow-up', async () => {
      const { code, token, link } = await invited();
      const { page, foreign, close } = await newPage(PHONE);
      await page.goto(link);
      const c = card(page, '市税务局');
      await c.getByRole('button', { name: /Rate: 市税务局/ }).click();
      const consent = c.getByRole('checkbox', { name: /may contact me/ });
      const overall = c.getByRole('group', { name: /Overall rating/ });
      expect(await consent.isVisible()).toBe(false);
      await overall.getByRole('radio', { name: /^满意/ }).check();
      expect(await consent.isVisible()).toBe(false); // not for a rating that opens no case
      await overall.getByRole('radio', { name: /^不满意/ }).check();
      await consent.check();
      await c.getByRole('textbox', { name: /Comment/ }).fill('窗口办事拖延');
      await c.getByRole('button', { name: /Save/ }).click();
      await statusOf(page, '市税务局').filter({ hasText: /已保存 Saved/ }).waitFor();

      // The consent went with the evaluation: the agency may see who rated it, and call.
      const opened = await caseOf(token);
      expect((await t.http().get(`/v1/rectification/cases/${opened.caseId}`).set(tax).expect(200)).body.enterprise).toMatchObject({ creditCode: code });
      await page.reload();
      await caseCard(page).getByText(/awaiting the follow-up call/).waitFor();
      expect(await caseCard(page).textContent()).toMatch(/Call-back due.*24:00/);
      expect(await caseCard(page).locator('form').count()).toBe(0); // nothing to rate yet

      await step(opened.caseId, 'contact', tax, { channel: 'phone', summary: '电话回访' });
      await step(opened.caseId, 'report', tax, { kind: 'rectified', actions: '已优化窗口流程，材料一次告知' });
      await page.reload();
      await caseCard(page).getByText(/已优化窗口流程，材料一次告知/).waitFor();
      expect(await caseCard(page).textContent()).toMatch(/please rate it/);
      await page.screenshot({ path: `${ARTIFACTS}/q-cases-phone.png`, fullPage: true });
      const followUp = caseCard(page).getByRole('group', { name: /Rate the rectification/ });
      await followUp.getByRole('radio', { name: /^满意/ }).check();
      await caseCard(page).getByRole('textbox', { name: /Comment/ }).fill('改进明显');
      await caseCard(page).getByRole('button', { name: /Send my rating/ }).click();
      await caseCard(page).getByText(/Your rating was sent/).waitFor();
      expect(await caseCard(page).textContent()).toMatch(/已结束 closed · 已整改 rectified/);
      expect(await caseCard(page).locator('form').count()).toBe(0);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
      await page.screenshot({ path: `${ARTIFACTS}/q-cases-phone-closed.png`, fullPage: true });

      const closed = (await t.http().get(`/v1/rectification/cases/${opened.caseId}`).set(centre).expect(200)).body as CaseBody;
      expect(closed).toMatchObject({ status: 'closed', outcome: 'rectified', followUp: { level: 'satisfied', comment: '改进明显' } });
      expect(foreign).toEqual([]);
      await close();
    });

    it('desktop, keyboard only: no consent unless ticked, and a negative follow-up sends the case back for a second round', async () => {
      const { token, link } = await invited();
      await t.http().put('/v1/campaigns/q-2026/evaluations/tax').set({ authorization: `Bearer ${token}` }).send({ rating: 'very_dissatisfied' }).expect(201);
      const opened = await caseOf(token);
      // Not ticked (the API's default): the agency does not learn who rated it.
      expect((await t.http().get(`/v1/rectification/cases/${opened.caseId}`).set(tax).expect(200)).body.enterprise).toBeNull();
      await step(opened.caseId, 'contact', centre, { channel: 'phone', summary: '中心回访' });
      await step(opened.caseId, 'report', tax, { kind: 'explanation', actions: '政策所限，已向企业说明' });

      const { page, close } = await newPage(DESKTOP);
      // The ballot's cases come from the read model, which may not have folded the follow-up when the
      // page reads again: frozen here as it was before, the page must draw the follow-up's own answer.
      await freezeReads(page, (path) => path === '/v1/campaigns/q-2026/evaluations');
      await page.goto(link);
      await caseCard(page).getByText(/政策所限/).waitFor();
      await page.locator('body').focus();
      for (let i = 0; i < 40 && !(await page.evaluate<boolean>("document.activeElement?.matches('#cases input[type=radio]') ?? false")); i++) await page.keyboard.press('Tab');
      expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('value') ?? null")).toBe('very_satisfied');
      await page.keyboard.press('ArrowRight'); // 满意
      await page.keyboard.press('ArrowRight'); // 基本满意
      await page.keyboard.press('ArrowRight'); // 不满意
      for (let i = 0; i < 10 && !(await page.evaluate<boolean>("!!document.activeElement?.textContent?.includes('Send my rating')")); i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await caseCard(page).getByText(/Your rating was sent/).waitFor();
      expect(await caseCard(page).textContent()).toMatch(/整改中 being rectified/);
      expect(await caseCard(page).locator('form').count()).toBe(0); // round 2 waits for the agency's new report
      await page.screenshot({ path: `${ARTIFACTS}/q-cases-desktop.png`, fullPage: true });
      // With the case open, a bad revision joins it (its consent was settled when it opened): the question is not asked.
      await card(page, '市税务局').getByRole('button', { name: /Revise: 市税务局/ }).click();
      await card(page, '市税务局').getByRole('group', { name: /Overall rating/ }).getByRole('radio', { name: /^不满意/ }).check();
      expect(await card(page, '市税务局').getByRole('checkbox', { name: /may contact me/ }).isVisible()).toBe(false);
      await card(page, '市公安局').getByRole('button', { name: /Rate: 市公安局/ }).click();
      await card(page, '市公安局').getByRole('group', { name: /Overall rating/ }).getByRole('radio', { name: /^非常不满意/ }).check();
      expect(await card(page, '市公安局').getByRole('checkbox', { name: /may contact me/ }).isVisible()).toBe(true);
      // A save reads the ballot again (still the frozen one): the case stays as the follow-up answered it.
      await card(page, '市公安局').getByRole('button', { name: /Save/ }).click();
      await statusOf(page, '市公安局').filter({ hasText: /已保存 Saved/ }).waitFor();
      expect(await caseCard(page).textContent()).toMatch(/整改中 being rectified/);
      expect((await t.http().get(`/v1/rectification/cases/${opened.caseId}`).set(centre).expect(200)).body).toMatchObject({ status: 'contacted', round: 2, followUp: { level: 'dissatisfied' } });
      await close();
    });
  });

  it('an expired link, a revoked one, no link and a closed survey each get a clear page', async () => {
    const { code } = await invited();
    const expired = signInvitationToken({ creditCode: code, campaignId: 'q-2026', issuedAtMs: Date.now(), expiresAt: new Date(Date.now() - 1000).toISOString(), id: 'e' }, config.jwtSecret);
    const { page, close } = await newPage(PHONE);
    await page.goto(`${t.url}/q#t=${expired}`);
    await page.getByRole('heading', { name: /This link has expired/ }).waitFor();
    expect(page.url()).toBe(`${t.url}/q`);
    await page.screenshot({ path: `${ARTIFACTS}/questionnaire-expired.png` });

    const revokedOne = await invited();
    await t.http().post(`/v1/campaigns/q-2026/invitations/${revokedOne.code}/revoke`).set(admin).send({ reason: 'test' }).expect(200);
    await page.goto(revokedOne.link);
    await page.getByRole('heading', { name: /This link was revoked/ }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/questionnaire-revoked.png` });

    const fresh = await (await browser.newContext(PHONE)).newPage();
    await fresh.goto(`${t.url}/q`);
    await fresh.getByRole('heading', { name: /No invitation link/ }).waitFor();

    await t.http().post('/v1/campaigns').set(admin).send(aCampaign('q-closed', { agencies: AGENCIES })).expect(201);
    const closing = await invited('q-closed');
    await t.http().put('/v1/campaigns/q-closed/evaluations/tax').set({ authorization: `Bearer ${closing.token}` }).send({ rating: 'satisfied' }).expect(201);
    await t.http().post('/v1/campaigns/q-closed/close').set(admin).expect(200);
    await page.goto(closing.link);
    await page.getByText(/This survey is closed/).waitFor();
    expect(await card(page, '市税务局').locator('.saved').textContent()).toMatch(/已评价：满意/);
    expect(await page.getByRole('button', { name: /Rate|Revise|Save/ }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/questionnaire-closed.png`, fullPage: true });
    await close();
    await fresh.context().close();
  });
});
