/**
 * An invitation link (a token with `cid`) on the case routes: it reads and rates the follow-up of
 * its enterprise's cases in its own campaign only. The same enterprise's case in another campaign
 * is a 404 to it (no existence leak), as for another enterprise; the staff's routes (the queues,
 * contact, report, appeal, decision, close) are a 403 whatever the case; nothing refused appends.
 */
import { APP_CONFIG, systemMeta } from '@survey/application';
import { invite } from '../apps/cli/src/invite/invite';
import { bearer, startApp, TestApp, token } from './support/app';
import { expectProblem } from './support/problem';
import { head, myBallot, openCampaign, registered, submit } from './support/survey';

jest.setTimeout(60_000);

const centre = bearer('centre', 'staff-1');
const contact = { channel: 'phone', summary: '电话回访' };
const report = { kind: 'rectified', actions: '优化流程' };

describe('an invitation token on the case routes', () => {
  let t: TestApp;
  let own: string;
  let other: string;
  let ownCase: string;
  let otherCampaignCase: string;
  let invitation: Record<string, string>;

  /** The case the reactor opens for this review, polled for up to 5 s. */
  async function caseOf(code: string, campaignId: string): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const [found] = (await myBallot(t, code, campaignId).expect(200)).body.cases as { caseId: string }[];
      if (found) return found.caseId;
      if (Date.now() > deadline) throw new Error(`no case for ${code} in ${campaignId} within 5 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'inv-a');
    await openCampaign(t, 'inv-b');
    [own, other] = await Promise.all([registered(t, 1), registered(t, 2)]);
    await submit(t, own, 'inv-a', 'tax', { rating: 'dissatisfied' }).expect(201);
    await submit(t, own, 'inv-b', 'tax', { rating: 'very_dissatisfied' }).expect(201);
    [ownCase, otherCampaignCase] = [await caseOf(own, 'inv-a'), await caseOf(own, 'inv-b')];
    // A real invitation of campaign inv-a, issued as `survey invite` issues it.
    const { links } = await invite(t.app, t.app.get(APP_CONFIG), 'inv-a', { filter: {}, graceDays: 7, meta: systemMeta() });
    invitation = { authorization: `Bearer ${new URL(links.find((l) => l.enterprise.creditCode === own)!.link).hash.slice('#t='.length)}` };
    // Each case is ready for the enterprise's follow-up, so a refusal below is about the token, not the step.
    for (const caseId of [ownCase, otherCampaignCase]) {
      await t.http().post(`/v1/rectification/cases/${caseId}/contact`).set(centre).send(contact).expect(200);
      await t.http().post(`/v1/rectification/cases/${caseId}/report`).set({ authorization: `Bearer ${token('agency', 'tax-officer', { agencyId: 'tax' })}` }).send(report).expect(200);
    }
    await t.settle();
  });
  afterAll(() => t.close());

  const one = (caseId: string) => t.http().get(`/v1/rectification/cases/${caseId}`).set(invitation);
  const step = (caseId: string, path: string, body: object) => t.http().post(`/v1/rectification/cases/${caseId}/${path}`).set(invitation).send(body);
  async function refused(request: Promise<import('supertest').Response>, status: number) {
    const before = await head(t);
    expectProblem(await request, status);
    expect(await head(t)).toBe(before);
  }

  it('reads its own campaign’s case, and its ballot of that campaign lists it', async () => {
    expect((await one(ownCase).expect(200)).body).toMatchObject({ caseId: ownCase, campaignId: 'inv-a', enterprise: { creditCode: own } });
    const ballot = (await t.http().get('/v1/campaigns/inv-a/evaluations').set(invitation).expect(200)).body;
    expect(ballot.cases.map((c: { caseId: string }) => c.caseId)).toEqual([ownCase]);
  });

  it('gets a 404 for its enterprise’s case of another campaign, for reading and for the follow-up', async () => {
    await refused(one(otherCampaignCase), 404);
    await refused(step(otherCampaignCase, 'follow-up', { level: 'satisfied' }), 404);
    // The enterprise's own token (no cid) reads it: the 404 is the invitation's scope.
    await t.http().get(`/v1/rectification/cases/${otherCampaignCase}`).set(bearer('enterprise', own)).expect(200);
  });

  it('gets a 404 for another enterprise’s case, and for an unknown one', async () => {
    await submit(t, other, 'inv-a', 'police', { rating: 'dissatisfied' }).expect(201);
    const othersCase = await caseOf(other, 'inv-a');
    for (const caseId of [othersCase, 'no-such-case']) {
      await refused(one(caseId), 404);
      await refused(step(caseId, 'follow-up', { level: 'satisfied' }), 404);
    }
  });

  it('gets a 403 on every case route it may not use, on its own case too', async () => {
    await refused(t.http().get('/v1/rectification/cases').set(invitation), 403);
    await refused(t.http().get('/v1/rectification/cases?campaignId=inv-a').set(invitation), 403);
    for (const [path, body] of [
      ['contact', contact], ['report', report], ['appeal', { reason: '申诉' }],
      ['appeal/decision', { upheld: false, reason: '驳回' }], ['close', { outcome: 'unreachable', note: '无法联系' }],
    ] as const) {
      await refused(step(ownCase, path, body), 403);
    }
  });

  it('rates the follow-up of its own campaign’s case, once', async () => {
    expect((await step(ownCase, 'follow-up', { level: 'satisfied' }).expect(200)).body).toMatchObject({ status: 'closed', outcome: 'rectified' });
    await refused(step(ownCase, 'follow-up', { level: 'satisfied' }), 409);
  });
});
