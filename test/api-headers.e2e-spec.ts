/**
 * The API's answers to a request with credentials are never stored by a cache (Cache-Control:
 * no-store) and never sniffed (X-Content-Type-Options: nosniff): JSON, CSV and problems alike.
 * Public answers are not sniffed either, and keep their own caching.
 */
import { admin, analyst, bearer, startApp, TestApp } from './support/app';
import { openCampaign, registered } from './support/survey';

describe('headers of the API answers', () => {
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2019');
    acme = await registered(t, 1);
    await t.settle();
  });
  afterAll(() => t.close());

  it.each([
    ['a campaign list', () => t.http().get('/v1/campaigns').set(admin), 200],
    ['a report', () => t.http().get('/v1/reports/campaigns/xz-2019').set(analyst), 200],
    ['a CSV export', () => t.http().get('/v1/reports/campaigns/xz-2019.csv').set(analyst), 200],
    ["an enterprise's ballot", () => t.http().get('/v1/campaigns/xz-2019/evaluations').set(bearer('enterprise', acme)), 200],
    ['a submission', () => t.http().put('/v1/campaigns/xz-2019/evaluations/tax').set(bearer('enterprise', acme)).send({ rating: 'satisfied' }), 201],
    ['a 404 problem', () => t.http().get('/v1/campaigns/nowhere').set(admin), 404],
    ['a 400 problem', () => t.http().post('/v1/campaigns').set(admin).send({}), 400],
    ['a 401 for a bad token', () => t.http().get('/v1/campaigns').set({ authorization: 'Bearer x.y.z' }), 401],
    ['a 403', () => t.http().get('/v1/reports/campaigns/xz-2019').set(bearer('enterprise', acme)), 403],
  ])('%s with credentials: no-store and nosniff', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('public answers are not sniffed either, and not marked no-store', async () => {
    for (const path of ['/v1/health', '/v1/public/campaigns', '/v1/campaigns']) {
      const res = await t.http().get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBeUndefined();
    }
  });
});
