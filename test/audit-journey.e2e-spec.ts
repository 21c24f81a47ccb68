/**
 * An auditor's year, end to end on the built server and the built CLI: a campaign is published
 * (with a seal of the log), the projections are rebuilt while enterprises keep rating another
 * campaign, the published figures are verified against a replay of the log, and three copies of
 * the log, tampered with in three ways (one event's bytes edited, one event deleted, two events
 * swapped), are each caught by `survey verify --chain`, which names the event.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pool } from '@survey/application';
import { token } from './support/app';
import { runCli } from './support/cli-process';
import { aCampaign } from './support/fixtures';
import { call, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(90_000);

const admin = token('admin', 'admin-1');
const analyst = token('analyst', 'analyst-1');
const auditor = token('auditor', 'auditor-1');
const LEVELS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'];

interface Row {
  position: number;
  stream: string;
  revision: number;
}

describeOnEmbeddedStores("an auditor's year: publish, rebuild under load, verify, tamper", () => {
  const root = mkdtempSync(join(tmpdir(), 'survey-audit-journey-'));
  const dataDir = join(root, 'data');
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes with a seal, rebuilds while ratings continue, reproduces the figures, and catches each tampering', async () => {
    mkdirSync(dataDir);
    server = await ServerProcess.start(dataDir);
    const url = server.url;
    const rate = (code: string, campaign: string, agency: string, level: string) =>
      call('PUT', `${url}/v1/campaigns/${campaign}/evaluations/${agency}`, { token: token('enterprise', code), body: { rating: level } });

    // 2019: 40 enterprises rate three agencies; then it is closed and published.
    const codes = await seedCampaign(server, 'audit-2019', 40, admin);
    await pool(codes.flatMap((code, i) => ['tax', 'police', 'housing'].map((agency, j) => ({ code, agency, level: LEVELS[(i + j) % 5] }))), 8, async (r) => {
      expect((await rate(r.code, 'audit-2019', r.agency, r.level)).status).toBe(201);
    });
    expect((await call('POST', `${url}/v1/campaigns/audit-2019/close`, { token: admin })).status).toBe(200);
    const published = await call('POST', `${url}/v1/campaigns/audit-2019/publish`, { token: admin });
    expect(published.status).toBe(200);
    const { published: figures, seal } = published.body as { published: { satisfaction: { rate: number }; evaluations: number }; seal: { position: number; rollingHash: string } };
    expect(figures).toMatchObject({ evaluations: 120, satisfaction: { rate: 40 } }); // levels cycle: 2 of every 5 are satisfied

    // 2020 opens; its ratings go on while every projection is rebuilt beside the live ones.
    const opened = await call('POST', `${url}/v1/campaigns`, { token: admin, body: aCampaign('audit-2020', { year: 2020 }) });
    expect(opened.status).toBe(201);
    let rating = true;
    let acknowledged = 0;
    const rater = (async () => {
      for (let i = 0; rating; i++) {
        const res = await rate(codes[i % codes.length], 'audit-2020', 'tax', LEVELS[i % 5]);
        expect([200, 201]).toContain(res.status);
        acknowledged++;
      }
    })();
    const rebuilt = await runCli(['rebuild', '--json'], { DATA_DIR: dataDir }, 60_000);
    rating = false;
    await rater;
    expect(rebuilt.code).toBe(0);
    const outcomes = (JSON.parse(rebuilt.stdout) as { projections: { projection: string; outcome: string }[] }).projections;
    expect(outcomes.length).toBeGreaterThanOrEqual(3);
    for (const o of outcomes) expect(o.outcome).toBe('switched');
    expect(acknowledged).toBeGreaterThan(0);
    await server.waitUntilCaughtUp();

    // The rebuilt read models still give the published figures, and count every 2020 rating once.
    const live = (await call('GET', `${url}/v1/reports/campaigns/audit-2019`, { token: analyst })).body as { satisfaction: { rate: number }; evaluations: number };
    expect(live).toMatchObject({ evaluations: 120, satisfaction: { rate: 40 } });
    const ballots = new Set(Array.from({ length: acknowledged }, (_, i) => codes[i % codes.length]));
    expect((await call('GET', `${url}/v1/reports/campaigns/audit-2020`, { token: analyst })).body).toMatchObject({ evaluations: ballots.size });

    // The published figures reproduce from the log, over HTTP and with the CLI.
    const verified = await call('GET', `${url}/v1/audit/campaigns/audit-2019/verify`, { token: auditor });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true });
    const cliVerify = await runCli(['verify', 'audit-2019', '--chain', '--seal', `${seal.position}:${seal.rollingHash}`, '--json'], { DATA_DIR: dataDir }, 60_000);
    expect({ code: cliVerify.code, stderr: cliVerify.stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ code: 0, stderr: [] });

    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    server = undefined;

    // Three tamperings, each on its own copy of the log; each is caught and the event named.
    const tampered = (name: string, tamper: (db: Database.Database) => Row) => {
      const dir = join(root, name);
      mkdirSync(dir);
      copyFileSync(join(dataDir, 'events.db'), join(dir, 'events.db'));
      const db = new Database(join(dir, 'events.db'));
      try {
        return { dir, target: tamper(db) };
      } finally {
        db.close();
      }
    };
    const aRating = (db: Database.Database, where = '1 = 1') =>
      db.prepare(`SELECT position, stream, revision FROM events WHERE stream LIKE 'ballot-audit-2019-%' AND ${where} ORDER BY position LIMIT 1 OFFSET 10`).get() as Row;

    const edited = tampered('edited', (db) => {
      const target = aRating(db);
      db.prepare("UPDATE events SET data = replace(data, '\"rating\":\"', '\"rating\":\"very_') WHERE position = ?").run(target.position);
      return target;
    });
    const deleted = tampered('deleted', (db) => {
      const target = aRating(db);
      db.prepare('DELETE FROM events WHERE position = ?').run(target.position);
      return target;
    });
    const swapped = tampered('swapped', (db) => {
      const first = aRating(db);
      const second = db.prepare('SELECT position, stream, revision FROM events WHERE position > ? AND stream != ? ORDER BY position LIMIT 1').get(first.position + 2, first.stream) as Row;
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(first.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(first.position, second.position);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(second.position);
      return first;
    });

    const check = async (dir: string) => {
      const run = await runCli(['verify', '--chain', '--json'], { DATA_DIR: dir }, 60_000);
      return { code: run.code, report: JSON.parse(run.stdout) as { ok: boolean; break: { what: string; position: number; stream: string } | null } };
    };
    expect(await check(edited.dir)).toMatchObject({ code: 1, report: { ok: false, break: { what: 'bytes', position: edited.target.position, stream: edited.target.stream } } });
    expect(await check(deleted.dir)).toMatchObject({ code: 1, report: { ok: false, break: { what: 'presence' } } });
    expect((await check(deleted.dir)).report.break!.position).toBeGreaterThan(deleted.target.position);
    expect(await check(swapped.dir)).toMatchObject({ code: 1, report: { ok: false, break: { what: 'order', position: swapped.target.position } } });
    // The untouched log still passes, printed seal included.
    expect((await runCli(['verify', '--chain', '--seal', `${seal.position}:${seal.rollingHash}`], { DATA_DIR: dataDir }, 60_000)).code).toBe(0);
  });
});
