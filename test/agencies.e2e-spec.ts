/**
 * The agency directory over HTTP: an admin registers and renames (201, 200, 200 unchanged); every
 * role reads it, with every agency of any campaign in it too; a bad id or name is a 400 with its
 * field and writes nothing; a role other than admin may not write.
 */
import { admin, analyst, bearer, startApp, TestApp, token } from './support/app';
import { expectInvalid, expectProblem } from './support/problem';
import { creditCode } from './support/fixtures';
import { head, openCampaign } from './support/survey';

jest.setTimeout(60_000);

describe('agency directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const put = (agencyId: string, body: object, who = admin) => t.http().put(`/v1/agencies/${agencyId}`).set(who).send(body);
  const list = async (who: Record<string, string> = analyst) => (await t.http().get('/v1/agencies').set(who).expect(200)).body.agencies as { agencyId: string; name: string; registered: boolean }[];

  it('registers, renames, and leaves an agency as it is', async () => {
    expect((await put('water-works', { name: '市住建局' }).expect(201)).body).toEqual({ outcome: 'registered', agency: { agencyId: 'water-works', name: '市住建局' } });
    expect((await put('water-works', { name: '市住房和城乡建设局' }).expect(200)).body.outcome).toBe('renamed');
    const before = await head(t);
    expect((await put('water-works', { name: '市住房和城乡建设局' }).expect(200)).body.outcome).toBe('unchanged');
    expect(await head(t)).toBe(before);
  });

  it('holds every agency of any campaign, the directory\'s own name first, for every role', async () => {
    const campaign = await openCampaign(t, 'ag-2019');
    await put('tax', { name: '国家税务总局徐州市税务局' }).expect(201);
    await t.settle();
    const agencies = await list(bearer('enterprise', creditCode(1)));
    for (const a of campaign.agencies as { id: string; name: string }[]) {
      expect(agencies.find((x) => x.agencyId === a.id)).toEqual(
        a.id === 'tax' ? { agencyId: 'tax', name: '国家税务总局徐州市税务局', registered: true } : { agencyId: a.id, name: a.name, registered: false },
      );
    }
    expect(agencies.find((x) => x.agencyId === 'water-works')).toEqual({ agencyId: 'water-works', name: '市住房和城乡建设局', registered: true });
    expect(agencies.map((a) => a.agencyId)).toEqual([...agencies.map((a) => a.agencyId)].sort());
    for (const who of [bearer('centre', 'c-1'), { authorization: `Bearer ${token('agency', 'o-1', { agencyId: 'tax' })}` }, bearer('auditor', 'a-1')]) {
      expect(await list(who)).toEqual(agencies);
    }
  });

  it('refuses a bad id or name with its field, a role other than admin, and writes nothing', async () => {
    const before = await head(t);
    expectInvalid(await put('Bad_Id', { name: '某局' }), 'agencyId');
    expectInvalid(await put('__proto__', { name: '某局' }), 'agencyId');
    expectInvalid(await put('ok-id', { name: '  ' }), 'name');
    expectInvalid(await put('ok-id', { name: '局'.repeat(101) }), 'name');
    expectInvalid(await put('ok-id', { name: '某局', extra: 1 }));
    expectProblem(await put('ok-id', { name: '某局' }, bearer('centre', 'c-1')), 403);
    expectProblem(await t.http().get('/v1/agencies'), 401);
    expect(await head(t)).toBe(before);
  });
});
