/**
 * Tamper evidence end to end: ratings and a publication go through the real app over HTTP, the
 * sealer seals right after the publication, and the built CLI (`survey verify --chain`) passes the
 * log, names an event edited in a copy of events.db, and exits 2 on a usage error.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEALS_STREAM } from '@survey/domain';
import { EVENT_STORE, EventStore, Seal } from '@survey/event-store';
import { admin, startApp, TestApp } from './support/app';
import { openCampaign, registered, submit } from './support/survey';

const CLI_JS = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const root = mkdtempSync(join(tmpdir(), 'verify-chain-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function survey(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, [CLI_JS, ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('survey verify --chain on a log the app wrote', () => {
  const dataDir = join(root, 'data');
  let published: number;
  let seal: Seal;

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first`);
    const t: TestApp = await startApp({ dataDir });
    try {
      await openCampaign(t, 'xz-2019');
      const codes = await Promise.all([1, 2, 3].map((n) => registered(t, n)));
      for (const code of codes) await submit(t, code, 'xz-2019', 'tax', { rating: 'satisfied' }).expect(201);
      await t.http().post('/v1/campaigns/xz-2019/close').set(admin).expect(200);
      await t.http().post('/v1/campaigns/xz-2019/publish').set(admin).expect(200);
      const store = t.app.get<EventStore>(EVENT_STORE);
      published = (await store.readStream('campaign-xz-2019')).at(-1)!.position;
      for (let i = 0; i < 100 && (await store.readStream(SEALS_STREAM)).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      seal = (await store.readStream(SEALS_STREAM))[0].data as Seal;
    } finally {
      await t.close();
    }
  }, 30_000);

  it('seals right after the publication, and the untouched log passes', () => {
    expect(seal).toMatchObject({ position: published, count: published });
    const { code, stdout } = survey(['verify', '--chain', '--json'], dataDir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, seals: 1, latestSeal: { position: published, rollingHash: seal.rollingHash }, break: null });
    expect(survey(['verify', '--chain'], dataDir).stdout).toContain(`rolling hash ${seal.rollingHash}`);
  });

  it('names the edited event and exits 1', () => {
    const copy = join(root, 'edited');
    mkdirSync(copy);
    copyFileSync(join(dataDir, 'events.db'), join(copy, 'events.db'));
    const db = new Database(join(copy, 'events.db'));
    const target = db.prepare("SELECT position, stream, revision FROM events WHERE type = 'EvaluationSubmitted' ORDER BY position LIMIT 1").get() as { position: number; stream: string; revision: number };
    db.prepare("UPDATE events SET data = replace(data, '\"satisfied\"', '\"very_satisfied\"') WHERE position = ?").run(target.position);
    db.close();
    const { code, stdout } = survey(['verify', '--chain'], copy);
    expect(code).toBe(1);
    expect(stdout).toContain(`chain BROKEN in ${join(copy, 'events.db')}: ${target.stream} revision ${target.revision} at position ${target.position}: bytes:`);
  });

  it('exits 2 on a usage error', () => {
    expect(survey(['verify'], dataDir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--chain') });
    expect(survey(['verify', '--chain'], join(root, 'nowhere'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no event log') });
  });
});
