/**
 * Concurrent writers over HTTP: one enterprise sending the same evaluation 50 times at once gets
 * one 201, forty-nine 200s and one stored event; 50 enterprises at once all get 201 and all count.
 */
import { analyst, auditor, startApp, TestApp, withoutRateLimits } from './support/app';
import { openCampaign, registered, submit } from './support/survey';

const N = 50;

describe('concurrent submissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ config: withoutRateLimits('enterpriseWrites') }); // 50 writes of one enterprise at once
    await openCampaign(t, 'race');
  });
  afterAll(() => t.close());

  it('stores one event for 50 identical submissions from one enterprise: one 201, forty-nine 200', async () => {
    const acme = await registered(t, 1);
    const body = { rating: 'satisfied', answers: { efficiency: 'very_satisfied' }, comment: '并发' };
    const responses = await Promise.all(Array.from({ length: N }, () => submit(t, acme, 'race', 'tax', body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(N - 1);
    expect(responses.filter((r) => r.status === 200).every((r) => r.body.outcome === 'unchanged')).toBe(true);

    const history = await t.http().get(`/v1/audit/campaigns/race/ballots/${acme}`).set(auditor).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['EvaluationSubmitted']);
    expect(history.body.events[0].data).toMatchObject({ agencyId: 'tax', rating: 'satisfied', comment: '并发' });
  });

  it('takes 50 submissions from 50 enterprises at once: fifty 201, and the report counts 50 of each', async () => {
    const codes = await Promise.all(Array.from({ length: N }, (_, i) => registered(t, 100 + i)));
    const responses = await Promise.all(codes.map((code, i) => submit(t, code, 'race', 'police', { rating: i % 5 === 0 ? 'dissatisfied' : 'very_satisfied' })));
    expect(responses.map((r) => r.status)).toEqual(Array(N).fill(201));
    await t.settle();
    const report = (await t.http().get('/v1/reports/campaigns/race').set(analyst).expect(200)).body;
    const police = report.agencies.find((a: { agencyId: string }) => a.agencyId === 'police');
    // 40 of the 50 are very satisfied; the one enterprise of the first test adds its tax rating.
    expect(police).toMatchObject({ evaluations: N, satisfaction: { rate: 80, n: N } });
    expect(report).toMatchObject({ respondents: N + 1, evaluations: N + 1 });
  });

  it('keeps one current evaluation per agency when one enterprise revises it concurrently', async () => {
    const beta = await registered(t, 2);
    const ratings = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => submit(t, beta, 'race', 'housing', { rating: ratings[i % 5] })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    const history = (await t.http().get(`/v1/audit/campaigns/race/ballots/${beta}`).set(auditor).expect(200)).body.events;
    expect(history[0].type).toBe('EvaluationSubmitted');
    expect(history.slice(1).every((e: { type: string }) => e.type === 'EvaluationRevised')).toBe(true);
    expect(history.map((e: { revision: number }) => e.revision)).toEqual(history.map((_: unknown, i: number) => i));
    await t.settle();
    const report = (await t.http().get('/v1/reports/campaigns/race').set(analyst).expect(200)).body;
    expect(report.agencies.find((a: { agencyId: string }) => a.agencyId === 'housing').evaluations).toBe(1);
    expect(report).toMatchObject({ respondents: N + 2, evaluations: N + 2 });
  });

  it('counts one respondent for one enterprise rating three agencies at once', async () => {
    const gamma = await registered(t, 3);
    const responses = await Promise.all(['tax', 'police', 'housing'].map((agency) => submit(t, gamma, 'race', agency, { rating: 'satisfied' })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const history = (await t.http().get(`/v1/audit/campaigns/race/ballots/${gamma}`).set(auditor).expect(200)).body.events;
    expect(history.map((e: { data: { agencyId: string } }) => e.data.agencyId).sort()).toEqual(['housing', 'police', 'tax']);
    await t.settle();
    expect((await t.http().get('/v1/reports/campaigns/race').set(analyst).expect(200)).body).toMatchObject({ respondents: N + 3, evaluations: N + 5 });
  });
});
