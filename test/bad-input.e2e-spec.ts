/**
 * Bodies the HTTP edge must refuse before any rule runs: too large (413), not JSON (415),
 * malformed or not an object (400). Every refusal is problem+json and records nothing.
 */
import { connect } from 'node:net';
import { admin, auditor, bearer, startApp, TestApp } from './support/app';
import { aCampaign, aProfile, creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
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

  describe('bodies that made the validation pipe fail or answer megabytes', () => {
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    it.each([
      ['the whole body', deep(10_000)],
      ['the answers', `{"rating":"satisfied","answers":${deep(10_000)}}`],
      ['a string full of brackets beside it', `{"rating":"satisfied","comment":"${'['.repeat(5000)}","answers":${deep(10_000)}}`],
    ])('answers 400, not 500, for an array nested 10,000 deep (20 KB) as %s', async (_, body) => {
      expect(body.length).toBeLessThan(LIMIT);
      expectProblem(await raw(body), 400, /nests deeper than 32 levels/);
    });

    it('answers 400 for a campaign whose agencies nest 10,000 deep', async () => {
      const body = `{"id":"deep","year":2019,"title":"t","opensAt":"2019-01-01T00:00:00Z","closesAt":"2019-02-01T00:00:00Z","agencies":${deep(10_000)}}`;
      expectProblem(await t.http().post('/v1/campaigns').set(admin).set('content-type', 'application/json').send(body), 400, /nests deeper/);
    });

    it('reads a body nested exactly as deep as the limit (then the DTO refuses what is inside)', async () => {
      const body = `{"rating":"satisfied","answers":{"a":${deep(30)}}}`;
      expectProblem(await raw(body), 400, /answers must map question ids/);
    });

    it('answers a campaign of 16,000 empty agencies (6.4 MB of errors before) with the one error that matters', async () => {
      const body = { ...aCampaign('empties'), agencies: Array.from({ length: 16_000 }, () => ({})) };
      const res = await t.http().post('/v1/campaigns').set(admin).send(body);
      const problem = expectInvalid(res, 'agencies');
      expect(problem.errors).toEqual([{ field: 'agencies', message: 'agencies must contain no more than 500 elements' }]);
      expect(Buffer.byteLength(res.text)).toBeLessThan(1024);
      await t.http().get('/v1/campaigns/empties').set(admin).expect(404);
    });

    it('lists at most 100 field errors, with the count, for 500 empty agencies (1,000 errors)', async () => {
      const body = { ...aCampaign('empties'), agencies: Array.from({ length: 500 }, () => ({})) };
      const res = await t.http().post('/v1/campaigns').set(admin).send(body);
      const problem = expectInvalid(res, 'agencies.0.id', 'agencies.49.name');
      expect(problem.errors).toHaveLength(100);
      expect((problem as { errorCount?: number }).errorCount).toBe(1000);
      expect(problem.detail).toMatch(/^invalid request body: (id must [^;]+; name must [^;]+; ){5}and 990 more$/);
      expect(Buffer.byteLength(res.text)).toBeLessThan(16 * 1024);
      await t.http().get('/v1/campaigns/empties').set(admin).expect(404);
    });

    it('lists every error, with no count, when there are 100 or fewer', async () => {
      const body = { ...aCampaign('few'), agencies: Array.from({ length: 3 }, () => ({})) };
      const problem = expectInvalid(await t.http().post('/v1/campaigns').set(admin).send(body), 'agencies.0.id', 'agencies.2.name');
      expect(problem.errors).toHaveLength(6); // id and name of each, the first failure of each
      expect(problem).not.toHaveProperty('errorCount');
    });
  });

  describe('query parameters', () => {
    const nonRespondents = (query: string) => t.http().get(`/v1/admin/campaigns/xz-2019/non-respondents?${query}`).set(admin);

    it('says a bad query parameter is a bad query parameter, not a bad body', async () => {
      const problem = expectInvalid(await nonRespondents('limit=abc'), 'limit');
      expect(problem.detail).toMatch(/^invalid query parameters: limit /);
      expect(problem.detail).not.toMatch(/body/);
      expectProblem(await t.http().get('/v1/audit/reads?limit=5000').set(auditor), 400, /^invalid query parameters: limit must not be greater than 1000$/);
    });

    it.each(['0x10', '1e3', '16.0', '+16', ' 16', '16 ', '0b11', 'Infinity', '١٦'])('refuses limit=%p: decimal digits only', async (limit) => {
      expectInvalid(await nonRespondents(`limit=${encodeURIComponent(limit)}`), 'limit');
    });

    it('takes limit=16, and says what is wrong with a negative from', async () => {
      await nonRespondents('limit=16').expect(200);
      expectProblem(await t.http().get('/v1/audit/reads?from=-1').set(auditor), 400, /from must not be less than 0/);
    });
  });
});
