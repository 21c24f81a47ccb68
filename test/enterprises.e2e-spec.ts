/** Registering enterprises: 201 new, 200 unchanged (no event) or changed, 422 for a code failing GB 32100, 400/403. */
import { admin, analyst, bearer, startApp, TestApp } from './support/app';
import { aProfile, creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { head } from './support/survey';

/** The DESIGN's example of a valid code. */
const VALID = '91310110666007217T';

describe('enterprises', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startApp()));
  afterAll(() => t.close());

  const put = (code: string, body: Record<string, unknown>, who = admin) => t.http().put(`/v1/enterprises/${code}`).set(who).send(body);

  it('registers a new enterprise with 201, then answers 200 with no new event for the same profile', async () => {
    const before = await head(t);
    const created = await put(VALID, aProfile()).expect(201);
    expect(created.body).toEqual({ outcome: 'registered', enterprise: { creditCode: VALID, ...aProfile() } });
    expect(await head(t)).toBe(before + 1);

    const again = await put(VALID, aProfile()).expect(200);
    expect(again.body.outcome).toBe('unchanged');
    expect(await head(t)).toBe(before + 1);
  });

  it('changes a profile with 200 and exactly one event', async () => {
    const code = creditCode(2);
    await put(code, aProfile()).expect(201);
    const before = await head(t);
    const changed = await put(code, aProfile({ district: '贾汪区', size: 'medium' })).expect(200);
    expect(changed.body).toEqual({ outcome: 'changed', enterprise: { creditCode: code, ...aProfile({ district: '贾汪区', size: 'medium' }) } });
    expect(await head(t)).toBe(before + 1);
  });

  it.each([
    ['a wrong check character', '91310110666007217U'],
    ['lower case', '91310110666007217t'],
    ['17 characters', '91310110666007217'],
    ['19 characters', '91310110666007217T0'],
    ['a letter outside the set (O)', '91310110666OO7217T'],
  ])('answers 422 for a code in the path with %s, and records nothing', async (_, code) => {
    const before = await head(t);
    const body = expectProblem(await put(code, aProfile()), 422, /credit code/);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'creditCode' })]);
    expect(await head(t)).toBe(before);
  });

  it.each([
    ['industry', { industry: 'Z' }],
    ['industry', { industry: 'c' }],
    ['size', { size: 'huge' }],
    ['name', { name: '' }],
    ['colour', { colour: 'red' }],
  ])('answers 400 naming %s for a bad profile', async (field, override) => {
    expectInvalid(await put(creditCode(3), aProfile(override)), field);
  });

  it('lets only an admin register (403 otherwise, 401 without a token)', async () => {
    const code = creditCode(4);
    expectProblem(await put(code, aProfile(), analyst), 403);
    expectProblem(await put(code, aProfile(), bearer('enterprise', code)), 403);
    expectProblem(await put(code, aProfile(), bearer('auditor', 'auditor-1')), 403);
    expectProblem(await t.http().put(`/v1/enterprises/${code}`).send(aProfile()), 401);
    await put(code, aProfile()).expect(201);
  });
});
