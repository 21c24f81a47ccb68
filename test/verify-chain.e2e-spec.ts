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
import { describeOnEmbeddedStores } from './support/stores';
import { pause } from '@survey/domain/testing';

const CLI_JS = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const root = mkdtempSync(join(tmpdir(), 'verify-chain-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function survey(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, [CLI_JS, ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describeOnEmbeddedStores('survey verify --chain on a log the app wrote', () => {
  const dataDir = join(root, 'data');
  let published: number;
  let seals: Seal[];
  let publishedSeal: { position: number; count: number; rollingHash: string; sealedAt: string };
  let publicSeal: unknown;

  beforeAll(async () => {
    if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run npm run build first`);
    const t: TestApp = await startApp({ dataDir });
    try {
      await openCampaign(t, 'xz-2019');
      const codes = await Promise.all([1, 2, 3].map((n) => registered(t, n)));
      for (const code of codes) await submit(t, code, 'xz-2019', 'tax', { rating: 'satisfied' }).expect(201);
      await t.http().post('/v1/campaigns/xz-2019/close').set(admin).expect(200);
      publishedSeal = (await t.http().post('/v1/campaigns/xz-2019/publish').set(admin).expect(200)).body.seal;
      publicSeal = (await t.http().get('/v1/public/campaigns/xz-2019/results').expect(200)).body.seal;
      const store = t.app.get<EventStore>(EVENT_STORE);
      published = (await store.readStream('campaign-xz-2019')).at(-1)!.position;
      for (let i = 0; i < 100 && (await store.readStream(SEALS_STREAM)).length < 2; i++) await pause(20);
      seals = (await store.readStream(SEALS_STREAM)).map((e) => e.data as Seal);
    } finally {
      await t.close();
    }
  }, 30_000);

  it('seals before publishing (the seal is published with the figures) and right after, and the untouched log passes', () => {
    // The published seal covers every event before the publication (the seal event itself comes next).
    expect(publishedSeal).toEqual({ position: published - 2, count: published - 2, rollingHash: expect.stringMatching(/^[0-9a-f]{64}$/), sealedAt: expect.any(String) });
    expect(publicSeal).toEqual(publishedSeal);
    expect(seals.map((x) => x.position)).toEqual([published - 2, published]);
    expect(seals[0].rollingHash).toBe(publishedSeal.rollingHash);
    const { code, stdout } = survey(['verify', '--chain', '--json'], dataDir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, seals: 2, latestSeal: { position: published, rollingHash: seals[1].rollingHash }, break: null });
    expect(survey(['verify', '--chain'], dataDir).stdout).toContain(`rolling hash ${seals[1].rollingHash}`);
  });

  it('checks the published seal as printed in an annual report', () => {
    expect(survey(['verify', '--chain', '--seal', `${publishedSeal.position}:${publishedSeal.rollingHash}`], dataDir).code).toBe(0);
    const wrong = publishedSeal.rollingHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(survey(['verify', '--chain', '--seal', `${publishedSeal.position}:${wrong}`], dataDir).code).toBe(1);
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
    expect(survey(['verify', 'xz-2019', '--seal', '1:ab'], dataDir)).toMatchObject({ code: 2, stderr: expect.stringContaining('--seal goes with --chain') });
    expect(survey(['verify', '--chain'], join(root, 'nowhere'))).toMatchObject({ code: 2, stderr: expect.stringContaining('no event log') });
  });
});
