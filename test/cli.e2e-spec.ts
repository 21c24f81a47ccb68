/**
 * The CLI conventions, on the built `survey` as a child process: one help listing every command
 * and a help per command, exit codes (0 ok, 2 usage and configuration), --json results alone on
 * stdout, and the API's environment read through the same loadConfig.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool, verifyToken } from '@survey/application';
import { creditCode } from './support/fixtures';
import { runCli } from './support/cli-process';

jest.setTimeout(60_000);

const dataDir = mkdtempSync(join(tmpdir(), 'survey-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir };

describe('survey, the CLI', () => {
  it('lists every command in --help, and each command has its own help, exit 0', async () => {
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['demo', 'token', 'import', 'rebuild', 'help']));
    const own = commands.filter((c) => c !== 'help');
    // Two at a time: ten CLI processes starting at once on a loaded 2-core machine overran
    // runCli's 20 s (killed, code null) while each alone takes about a second.
    const helps: Awaited<ReturnType<typeof runCli>>[] = [];
    await pool(own.map((command, i) => ({ command, i })), 2, async ({ command, i }) => void (helps[i] = await runCli([command, '--help'], env)));
    helps.forEach((run, i) => {
      expect({ command: own[i], code: run.code }).toEqual({ command: own[i], code: 0 });
      expect(run.stdout).toContain(`Usage: survey ${own[i]}`);
    });
  });

  it('exits 2 on a usage error: unknown command, unknown option, bad value, unknown projection', async () => {
    const cases = [['rebuld'], ['rebuild', '--bogus'], ['rebuild', '--max-rate', 'fast'], ['rebuild', 'no-such-projection']];
    const runs = await Promise.all(cases.map((args) => runCli(args, env)));
    runs.forEach((run, i) => {
      expect({ args: cases[i], code: run.code, stdout: run.stdout }).toEqual({ args: cases[i], code: 2, stdout: '' });
    });
    expect(runs[3].stderr.trim()).toMatch(/^no projection named no-such-projection: the projections are reports(, [a-z-]+)+$/);
  });

  it('prints only tokens the API accepts: --ttl up to TOKEN_MAX_LIFETIME_DAYS, --grace-days up to 30', async () => {
    const secret = { ...env, SURVEY_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' };
    const [month, longer, shorter, grace] = await Promise.all([
      runCli(['token', 'analyst', 'alice', '--ttl', String(30 * 86_400)], secret),
      runCli(['token', 'analyst', 'alice', '--ttl', String(30 * 86_400 + 1)], secret),
      runCli(['token', 'analyst', 'alice', '--ttl', String(2 * 86_400)], { ...secret, TOKEN_MAX_LIFETIME_DAYS: '1' }),
      runCli(['invite', 'c1', '--grace-days', '31'], secret),
    ]);
    expect(month.code).toBe(0);
    const claims = JSON.parse(Buffer.from(month.stdout.trim().split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(30 * 86_400);
    expect(longer).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--ttl must be at most 2592000 s \(TOKEN_MAX_LIFETIME_DAYS is 30\)/) });
    expect(shorter).toMatchObject({ code: 2, stderr: expect.stringMatching(/at most 86400 s/) });
    expect(grace).toMatchObject({ code: 2, stderr: expect.stringMatching(/--grace-days.*from 0 to 30/) });
  });

  it('mints centre and agency tokens: an agency one carries --agency as agencyId, and needs it', async () => {
    const secret = { ...env, SURVEY_JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters' };
    const [centre, agency, noAgency, misplaced] = await Promise.all([
      runCli(['token', 'centre', 'staff-1'], secret),
      runCli(['token', 'agency', 'officer-1', '--agency', 'tax'], secret),
      runCli(['token', 'agency', 'officer-1'], secret),
      runCli(['token', 'analyst', 'alice', '--agency', 'tax'], secret),
    ]);
    const claimsOf = (run: { stdout: string }) => JSON.parse(Buffer.from(run.stdout.trim().split('.')[1], 'base64url').toString());
    expect(centre.code).toBe(0);
    expect(claimsOf(centre)).toMatchObject({ role: 'centre', sub: 'staff-1' });
    expect(claimsOf(centre)).not.toHaveProperty('agencyId');
    expect(agency.code).toBe(0);
    expect(claimsOf(agency)).toMatchObject({ role: 'agency', sub: 'officer-1', agencyId: 'tax' });
    expect(noAgency).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/an agency token needs --agency <agencyId>/) });
    expect(misplaced).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--agency is for role agency only/) });
  });

  it('prints an enterprise\'s personal requests link: PUBLIC_URL/r#t=<an enterprise token without a campaign>, as long-lived as the API accepts', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    const config = { ...env, SURVEY_JWT_SECRET: secret, PUBLIC_URL: 'https://survey.example/' };
    const code = creditCode(7);
    const [link, short, tooLong, bad] = await Promise.all([
      runCli(['link', code], config),
      runCli(['link', code, '--ttl', '3600'], config),
      runCli(['link', code, '--ttl', String(30 * 86_400 + 1)], config),
      runCli(['link', '91320300BAD'], config),
    ]);
    expect(link).toMatchObject({ code: 0, stdout: expect.stringMatching(/^https:\/\/survey\.example\/r#t=\S+\n$/) });
    const token = link.stdout.trim().split('#t=')[1];
    const principal = verifyToken(token, secret);
    expect(principal).toEqual({ role: 'enterprise', sub: code });
    const { exp, iat } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(30 * 86_400);
    const shortClaims = JSON.parse(Buffer.from(short.stdout.trim().split('#t=')[1].split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(shortClaims.exp - shortClaims.iat).toBe(3600);
    expect(tooLong).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--ttl must be at most 2592000 s/) });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
  });

  it('reads the API\'s environment through the same loadConfig: a bad variable is one line naming it, exit 2', async () => {
    const [mongo, esdb] = await Promise.all([
      runCli(['rebuild'], { ...env, MONGODB_URL: 'http://db:27017' }),
      runCli(['rebuild'], { ...env, EVENTSTORE_URL: 'tcp://x' }),
    ]);
    expect(mongo.code).toBe(2);
    expect(mongo.stderr.trim()).toMatch(/^configuration: MONGODB_URL must be a mongodb or mongodb\+srv connection string/);
    expect(esdb.code).toBe(2);
    expect(esdb.stderr.trim()).toMatch(/^configuration: EVENTSTORE_URL must be/);
  });

  it('prints --json results as one JSON document on stdout, and uses DATA_DIR', async () => {
    const run = await runCli(['rebuild', 'reports', '--json'], env);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toEqual({ projections: [expect.objectContaining({ projection: 'reports', outcome: 'switched', generation: 1, previous: 0, position: 0 })] });
    const again = JSON.parse((await runCli(['rebuild', '--json'], env)).stdout);
    expect(again.projections[0]).toMatchObject({ projection: 'reports', generation: 2, previous: 1 }); // the same DATA_DIR's read models
  });
});
