/**
 * `survey backup` and `survey restore` on the built server and the built CLI as processes:
 * enterprises keep submitting while the backup copies (paced, so that the copy takes seconds);
 * the backup is restored into a new directory, whose log passes `survey verify --chain` and whose
 * server reports the original log's figures at the backup's head. Restoring over the directory of
 * the running server is refused; once that server is killed outright, its leftover mark does not
 * stop a restore with --force.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pool } from '@survey/application';
import { ReadOnlySqliteLog } from '@survey/event-store';
import { token } from './support/app';
import { CliProcess, runCli } from './support/cli-process';
import { figuresFromLog, figuresIn, LEVELS, Report } from './support/log-figures';
import { call, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

jest.setTimeout(120_000);

const CAMPAIGN = 'backup-2019';
const AGENCIES = ['tax', 'police', 'housing'];
const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');

interface Manifest {
  log: { head: number; events: number; headRecordedAt: string | null };
  checkpoints: { projection: string; position: number }[];
  files: { name: string; bytes: number; sha256: string; snapshotAt: string }[];
  finishedAt: string;
}

describeOnEmbeddedStores('survey backup while the service takes submissions, then survey restore', () => {
  const root = mkdtempSync(join(tmpdir(), 'survey-backup-'));
  const dataDir = join(root, 'data');
  const backupDir = join(root, 'backup');
  const restoredDir = join(root, 'restored');
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  /** The events of DATA_DIR/events.db after a position: stream, type and the evaluation a case follows. */
  const eventsAfter = async (dir: string, head: number) => {
    const log = ReadOnlySqliteLog.open(join(dir, 'events.db'));
    try {
      const events = await log.readAll(head, 10_000);
      return events.map((e) => ({ position: e.position, stream: e.stream, type: e.type }));
    } finally {
      await log.close();
    }
  };

  const report = async (server: ServerProcess): Promise<Report> => {
    const res = await call('GET', `${server.url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken });
    if (res.status !== 200) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Report;
  };

  it('copies a consistent backup while submissions go on; the restored log verifies and reports the figures at the backup\'s head', async () => {
    const server = await ServerProcess.start(dataDir);
    servers.push(server);
    const codes = await seedCampaign(server, CAMPAIGN, 60, adminToken);
    const tokens = new Map(codes.map((code) => [code, token('enterprise', code)]));
    const acknowledgedAt: number[] = [];
    let step = 0;
    const act = async () => {
      const i = step++;
      const code = codes[(i * 7) % codes.length];
      const agency = AGENCIES[i % AGENCIES.length];
      const path = `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/${agency}`;
      const res = i % 11 === 10
        ? await call('DELETE', path, { token: tokens.get(code) })
        : await call('PUT', path, { token: tokens.get(code), body: { rating: LEVELS[(i * 3) % LEVELS.length] } });
      if (![200, 201, 204, 404].includes(res.status)) throw new Error(`${i}: ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status !== 404) acknowledgedAt.push(Date.now());
    };
    await pool(Array.from({ length: 300 }), 8, act);

    let submitting = true;
    const submitters = Promise.all(Array.from({ length: 3 }, async () => {
      // Paced under the per-enterprise write limit (10 a second): 3 × 100 a second over 60 enterprises.
      while (submitting) await Promise.all([act(), new Promise((resolve) => setTimeout(resolve, 10))]);
    }));
    // Paced to a tenth of a MiB a second, the copy of the files (about 0.4 MiB) takes seconds.
    const backup = CliProcess.start(['backup', backupDir, '--json', '--max-rate', '0.1'], { DATA_DIR: dataDir });
    const done = await backup.exited;
    submitting = false;
    await submitters;
    expect({ code: done.code, stderr: done.stderr }).toMatchObject({ code: 0 });

    const manifest = JSON.parse(done.stdout) as Manifest;
    expect(manifest).toEqual(JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')));
    expect(done.stderr).toMatch(/backup (events|read-models)\.db: [\d,]+\/[\d,]+ pages, [\d,]+ pages\/s, ETA /); // progress on stderr
    // Submissions were acknowledged while the log was being copied, and went on after its snapshot.
    const copying = manifest.files.find((f) => f.name === 'events.db')!;
    const during = acknowledgedAt.filter((t) => t >= Date.parse(copying.snapshotAt) && t <= Date.parse(manifest.finishedAt));
    expect(during.length).toBeGreaterThan(5);
    expect(Date.parse(manifest.finishedAt) - Date.parse(copying.snapshotAt)).toBeGreaterThan(1000);
    await server.waitUntilCaughtUp();
    const live = (await call('GET', `${server.url}/v1/health/ready`)).body as { head: number };
    expect(live.head).toBeGreaterThan(manifest.log.head);
    for (const c of manifest.checkpoints) expect(c.position).toBeLessThanOrEqual(manifest.log.head);

    // Never over the files of a running server, whatever the options: a clear message, exit 1.
    const refused = await runCli(['restore', backupDir, '--force'], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`restore refused: ${dataDir} is in use by pid ${server.child.pid} on `);
    expect(refused.stderr).toContain('stop it before restoring into this directory');

    const restoredRun = await runCli(['restore', backupDir, '--json'], { DATA_DIR: restoredDir });
    expect({ code: restoredRun.code, stderr: restoredRun.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(restoredRun.stdout)).toMatchObject({ outcome: 'restored', dataDir: restoredDir, log: manifest.log });

    const chain = await runCli(['verify', '--chain', '--json'], { DATA_DIR: restoredDir });
    expect({ code: chain.code, stderr: chain.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(chain.stdout)).toMatchObject({ ok: true, events: manifest.log.events, head: manifest.log.head, break: null });

    const restored = await ServerProcess.start(restoredDir);
    servers.push(restored);
    await restored.waitUntilCaughtUp();
    const fromBackup = await report(restored);
    // The restored server's case reactor catches up from the backed-up checkpoint and follows the bad
    // reviews it had not reached: its case events (and nothing else) follow the backup's head, and
    // the report counts every event of the restored log.
    const appended = await eventsAfter(restoredDir, manifest.log.head);
    const reactorTypes = ['RectificationCaseOpened', 'RectificationRatingRevised', 'RectificationCaseClosed'];
    expect(appended.filter((e) => !e.stream.startsWith('rectification-') || !reactorTypes.includes(e.type))).toEqual([]);
    expect(Number(fromBackup.asOf.position)).toBe(manifest.log.head + appended.length);
    // The original log replayed up to the backup's head: what was acknowledged by then, no more.
    expect(figuresIn(fromBackup)).toEqual(await figuresFromLog(dataDir, CAMPAIGN, manifest.log.head));
    expect(figuresIn(fromBackup).evaluations).toBeGreaterThan(0);

    // Killed outright, the first server leaves its mark behind: it no longer counts. The directory
    // holds files, so restoring over it takes --force.
    await server.kill('SIGKILL');
    const notEmpty = await runCli(['restore', backupDir], { DATA_DIR: dataDir });
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.stderr).toContain(`${dataDir} is not empty (`);
    expect(notEmpty.stderr).toContain('pass --force to replace its events.db and read-models.db');
    const forced = await runCli(['restore', backupDir, '--force'], { DATA_DIR: dataDir });
    expect({ code: forced.code, stderr: forced.stderr }).toMatchObject({ code: 0 });
    const again = await ServerProcess.start(dataDir);
    servers.push(again);
    await again.waitUntilCaughtUp();
    // The same backup, the same reactor: the same cases after the head (their times differ, so the
    // head's recordedAt does too), the same report.
    expect(await eventsAfter(dataDir, manifest.log.head)).toEqual(appended);
    const { asOf, ...figures } = await report(again);
    const { asOf: backupAsOf, ...backupFigures } = fromBackup;
    expect(figures).toEqual(backupFigures);
    expect(asOf.position).toBe(backupAsOf.position);
  });
});
