/**
 * An auditor reads a ballot's full history as stored: every event with its type, data and
 * metadata, including the segment copied at the time (a later profile change leaves it alone).
 */
import { ManualClock } from '@survey/application';
import { admin, auditor, startApp, TestApp } from './support/app';
import { aProfile, creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { openCampaign, registered, submit, withdraw } from './support/survey';

const T0 = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('audit: a ballot history', () => {
  const clock = new ManualClock(T0);
  let t: TestApp;
  let acme: string;
  const history = (campaignId: string, code: string) => t.http().get(`/v1/audit/campaigns/${campaignId}/ballots/${code}`).set(auditor);

  beforeAll(async () => {
    t = await startApp({ clock });
    await openCampaign(t, 'xz-2019');
    acme = await registered(t, 1, { district: '鼓楼区', industry: 'C', size: 'small' });
  });
  afterAll(() => t.close());

  it('lists every event in order with type, data and metadata', async () => {
    clock.set(at(1));
    await submit(t, acme, 'xz-2019', 'tax', { rating: 'satisfied', answers: { efficiency: 'very_satisfied' }, comment: '很好' }).expect(201);
    clock.set(at(2));
    await submit(t, acme, 'xz-2019', 'tax', { rating: 'satisfied', answers: { efficiency: 'very_satisfied' }, comment: '很好' }).expect(200);
    await t.http().put(`/v1/enterprises/${acme}`).set(admin).send(aProfile({ district: '贾汪区', industry: 'C', size: 'small' })).expect(200);
    clock.set(at(3));
    await submit(t, acme, 'xz-2019', 'tax', { rating: 'dissatisfied' }).expect(200);
    clock.set(at(4));
    await withdraw(t, acme, 'xz-2019', 'tax').expect(204);
    clock.set(at(5));
    await submit(t, acme, 'xz-2019', 'police', { rating: 'very_satisfied' }).expect(201);

    const res = await history('xz-2019', acme).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ campaignId: 'xz-2019', creditCode: acme });
    const events = res.body.events;
    const key = { campaignId: 'xz-2019', creditCode: acme };
    expect(events.map((e: { type: string; data: unknown }) => [e.type, e.data])).toEqual([
      // The identical resubmission at 2 s recorded nothing. The segment is the profile at the time.
      ['EvaluationSubmitted', { ...key, agencyId: 'tax', rating: 'satisfied', answers: { efficiency: 'very_satisfied' }, comment: '很好', district: '鼓楼区', industry: 'C', size: 'small' }],
      ['EvaluationRevised', { ...key, agencyId: 'tax', rating: 'dissatisfied', answers: {}, comment: null, district: '贾汪区', industry: 'C', size: 'small' }],
      ['EvaluationWithdrawn', { ...key, agencyId: 'tax' }],
      ['EvaluationSubmitted', { ...key, agencyId: 'police', rating: 'very_satisfied', answers: {}, comment: null, district: '贾汪区', industry: 'C', size: 'small' }],
    ]);
    expect(events.map((e: { metadata: { recordedAt: string } }) => e.metadata.recordedAt)).toEqual([at(1), at(3), at(4), at(5)]);
    for (const e of events) {
      expect(e.metadata).toEqual({
        schemaVersion: 1, recordedAt: expect.any(String), actor: { role: 'enterprise', sub: acme },
        correlationId: expect.stringMatching(UUID), causationId: expect.stringMatching(UUID),
      });
      expect(e.id).toMatch(UUID);
    }
    // One command each: distinct correlation ids; revisions count up; positions only grow.
    expect(new Set(events.map((e: { metadata: { correlationId: string } }) => e.metadata.correlationId)).size).toBe(4);
    expect(events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3]);
    const positions = events.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(4);
  });

  it('answers 404 for an enterprise without a ballot, registered or not, and for an unknown campaign', async () => {
    const beta = await registered(t, 2);
    expectProblem(await history('xz-2019', beta), 404, /no ballot/);
    expectProblem(await history('xz-2019', creditCode(77)), 404);
    expectProblem(await history('xz-1999', acme), 404, /xz-1999/);
  });

  it.each([
    ['a wrong check character', '91310110666007217U'],
    ['lower case', '91310110666007217t'],
    ['17 characters', '91310110666007217'],
  ])('answers 422 for a credit code with %s', async (_, code) => {
    expectProblem(await history('xz-2019', code), 422, /credit code/);
  });
});
