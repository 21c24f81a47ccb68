/**
 * Bodies the HTTP edge must refuse before any rule runs: too large (413), not JSON (415),
 * malformed or not an object (400). Every refusal is problem+json and records nothing.
 */
import { connect } from 'node:net';
import { admin, auditor, bearer, startApp, TestApp } from './support/app';
import { aCampaign, aProfile, creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { head, myBallot, openCampaign, registered } from './support/survey';

const LIMIT = 64 * 1024;

describe('bad input at the HTTP edge', () => {
  let t: TestApp;
  let acme: string;
  beforeAll(async () => {
    t = await startApp();
    await openCampaign(t, 'xz-2019');
    acme = await registered(t, 1);
  });
  afterAll(() => t.close());

  const raw = (body: string, contentType = 'application/json') =>
    t.http().put('/v1/campaigns/xz-2019/evaluations/tax').set(bearer('enterprise', acme)).set('content-type', contentType).send(body);

  /** A submission whose JSON text is exactly `bytes` long (ASCII padding in the comment). */
  const ofSize = (bytes: number) => {
    const empty = JSON.stringify({ rating: 'satisfied', comment: '' });
    return JSON.stringify({ rating: 'satisfied', comment: 'x'.repeat(bytes - empty.length) });
  };

  let before: number;
  beforeEach(async () => (before = await head(t)));
  afterEach(async () => {
    expect(await head(t)).toBe(before);
    expect((await myBallot(t, acme, 'xz-2019')).body.evaluations).toEqual([]);
  });

  it('answers 413 for a body over 64 KiB, and reads one of exactly 64 KiB (then 400 for its long comment)', async () => {
    expect(Buffer.byteLength(ofSize(LIMIT + 1))).toBe(LIMIT + 1);
    expectProblem(await raw(ofSize(LIMIT + 1)), 413);
    expectProblem(await raw(ofSize(LIMIT * 4)), 413);
    expectProblem(await raw(ofSize(LIMIT)), 400, /comment/);
  });

  it('answers 413 on the admin routes too', async () => {
    const big = { ...aCampaign('huge'), title: 'x'.repeat(LIMIT) };
    expectProblem(await t.http().post('/v1/campaigns').set(admin).send(big), 413);
    expectProblem(await t.http().put(`/v1/enterprises/${creditCode(2)}`).set(admin).send(aProfile({ name: 'x'.repeat(LIMIT) })), 413);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
    'answers 415 for a body sent as %s',
    async (contentType) => {
      expectProblem(await raw(JSON.stringify({ rating: 'satisfied' }), contentType), 415);
    },
  );

  it('answers 415 for a campaign sent as text/plain', async () => {
    const res = await t.http().post('/v1/campaigns').set(admin).set('content-type', 'text/plain').send(JSON.stringify(aCampaign('plain')));
    expectProblem(res, 415);
  });

  it.each([
    ['malformed JSON', '{"rating": "satisfied"', /JSON/],
    ['trailing garbage', '{"rating": "satisfied"} x', /JSON/],
    ['an empty body', '', /empty/],
    ['an array', '[{"rating": "satisfied"}]', /./],
    ['a bare string', '"satisfied"', /./],
    ['null', 'null', /./],
    ['a __proto__ key', '{"rating": "satisfied", "__proto__": {"admin": true}}', /./],
  ])('answers 400 for %s', async (_, body, detail) => {
    expectProblem(await raw(body), 400, detail);
  });

  it('answers 400 for an array where a campaign object is expected', async () => {
    expectProblem(await t.http().post('/v1/campaigns').set(admin).send([aCampaign('listed')]), 400);
    await t.http().get('/v1/campaigns/listed').set(admin).expect(404);
  });

  it('answers problem+json for a path Fastify cannot decode (400)', async () => {
    expectProblem(await t.http().get('/v1/campaigns/%E0%A4%A').set(admin), 400);
  });

  it('lets an overlong path parameter reach its route: 404 for an agency, 422 for a credit code', async () => {
    expectProblem(await t.http().put(`/v1/campaigns/xz-2019/evaluations/${'a'.repeat(200)}`).set(bearer('enterprise', acme)).send({ rating: 'satisfied' }), 404);
    expectProblem(await t.http().get(`/v1/audit/campaigns/xz-2019/ballots/${'9'.repeat(200)}`).set(auditor), 422, /credit code/);
  });

  it('answers problem+json to a request that is not valid HTTP (400)', async () => {
    const { hostname, port } = new URL(t.url);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), hostname, () => socket.write('GET /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk)).on('close', () => resolve(text)).on('error', reject);
    });
    const [head, body] = reply.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(JSON.parse(body)).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) });
  });
});
