/**
 * Published figures are reproducible: ResultsPublished records the figures, the position and the
 * methodology; verification (over HTTP and with the built `survey verify`) replays the log and
 * finds every figure again, still does after an invalidation moved the live figures, and names
 * the figure when the stored ResultsPublished row has been edited.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, analyst, auditor, startApp, TestApp } from './support/app';
import { runCli } from './support/cli-process';
import { expectProblem } from './support/problem';
import { openCampaign, rateAll, registered } from './support/survey';
import { describeOnEmbeddedStores } from './support/stores';

const VS = 'very_satisfied';
jest.setTimeout(30_000); // each run of the built CLI starts a Nest context (1–2 s on a busy 2-core machine)

describeOnEmbeddedStores('verifying published figures', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-verify-'));
  const cli = (...args: string[]) => runCli(['verify', ...args], { DATA_DIR: dataDir });
  let t: TestApp;
  let codes: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back from the log, walked by figure name
  let published: Record<string, any>;
  const verify = async (id = 'v-2019') => (await t.http().get(`/v1/audit/campaigns/${id}/verify`).set(auditor).expect(200)).body;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const editPublished = (edit: (data: Record<string, any>) => void) => {
    const db = new Database(join(dataDir, 'events.db'));
    try {
      const row = db.prepare("SELECT position, data FROM events WHERE type = 'ResultsPublished' AND stream = 'campaign-v-2019'").get() as { position: number; data: string };
      const data = JSON.parse(row.data);
      edit(data);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    t = await startApp({ dataDir });
    await openCampaign(t, 'v-2018', { year: 2018 });
    await openCampaign(t, 'v-2019', { year: 2019 });
    await openCampaign(t, 'v-open', { year: 2020 });
    codes = await Promise.all([1, 2, 3, 4, 5].map((n) => registered(t, n)));
    await rateAll(t, 'v-2018', codes, { tax: [VS, 'dissatisfied', 'satisfied', 'basically_satisfied'], police: ['satisfied', 'satisfied'] });
    await rateAll(t, 'v-2019', codes, { tax: [VS, VS, 'satisfied', 'dissatisfied', 'satisfied'], police: ['satisfied', 'very_dissatisfied', VS], housing: [VS] });
    for (const id of ['v-2018', 'v-2019']) await t.http().post(`/v1/campaigns/${id}/close`).set(admin).expect(200);
    published = (await t.http().post('/v1/campaigns/v-2019/publish').set(admin).expect(200)).body.published;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the figures, their position and the methodology with its hash in ResultsPublished', () => {
    const db = new Database(join(dataDir, 'events.db'), { readonly: true });
    const row = db.prepare("SELECT data FROM events WHERE type = 'ResultsPublished'").get() as { data: string };
    db.close();
    const data = JSON.parse(row.data);
    expect(data).toMatchObject({ campaignId: 'v-2019', position: Number(published.asOf.position), figures: published });
    expect(data.methodology).toMatchObject({ formulaVersion: 1, scale: expect.arrayContaining([expect.objectContaining({ id: 'satisfied', score: 75, satisfied: true })]) });
    expect(data.methodology.questions.map((q: { id: string }) => q.id)).toEqual(['efficiency', 'attitude', 'integrity', 'policy']);
    expect(data.methodologyHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reproduces every published figure, the methodology, and finds the live read models in agreement', async () => {
    const r = await verify();
    expect(r).toMatchObject({ campaignId: 'v-2019', ok: true, failures: [], published: { position: Number(published.asOf.position) } });
    expect(r.methodology).toMatchObject({ matches: true, detail: 'the methodology is the one recorded', currentFormulaVersion: 1 });
    expect(r.methodology.currentHash).toBe(r.methodology.recordedHash);
    expect(r.live).toMatchObject({ agrees: true, lag: 0, differences: [] });
    const figure = (name: string) => r.figures.find((c: { figure: string }) => c.figure === name);
    // 9 current evaluations, 7 satisfied (77.8); tax 4 of 5.
    expect(figure('satisfaction.rate')).toEqual({ figure: 'satisfaction.rate', published: 77.8, replayed: 77.8, reproduces: true });
    expect(figure('change.points')).toMatchObject({ published: published.change.points, reproduces: true });
    expect(figure('agencies[tax].satisfaction.rate')).toMatchObject({ published: 80, reproduces: true });
    expect(r.figures.map((c: { figure: string }) => c.figure).slice(0, 6)).toEqual(['satisfaction.rate', 'respondents', 'evaluations', 'meanScore', 'badReviewRate', 'change.points']);
  });

  it('answers 404 for an unknown campaign, 409 for one not published, 403 for other roles', async () => {
    expectProblem(await t.http().get('/v1/audit/campaigns/nowhere/verify').set(auditor), 404, /nowhere/);
    expectProblem(await t.http().get('/v1/audit/campaigns/v-open/verify').set(auditor), 409, /not published/);
    for (const who of [analyst, admin]) expectProblem(await t.http().get('/v1/audit/campaigns/v-2019/verify').set(who), 403);
  });

  it('after an invalidation: the published figures still reproduce, while the live ones differ from them', async () => {
    await t.http().post(`/v1/audit/campaigns/v-2019/ballots/${codes[0]}/evaluations/tax/invalidate`).set(auditor).send({ reason: 'test ballot' }).expect(200);
    await t.settle();
    const live = (await t.http().get('/v1/reports/campaigns/v-2019').set(analyst).expect(200)).body;
    // 8 left, 6 satisfied: 75.0, 2.8 points under the published 77.8.
    expect(live).toMatchObject({ evaluations: 8, satisfaction: { rate: 75 }, published: { rate: 77.8, differs: true, differsBy: { points: -2.8, respondents: 0, evaluations: -1 } } });
    expect((await t.http().get('/v1/public/campaigns/v-2019/results').expect(200)).body).toMatchObject({ evaluations: 9, satisfaction: { rate: 77.8 } });
    const r = await verify();
    expect(r).toMatchObject({ ok: true, failures: [], live: { agrees: true, lag: 0 } });
  });

  it('survey verify: exit 0, the key figures on stdout, the whole report with --json', async () => {
    const human = await cli('v-2019');
    expect(human).toMatchObject({ code: 0 });
    expect(human.stdout).toMatch(/ok +satisfaction\.rate +77\.8\n/);
    expect(human.stdout).toMatch(/result: every published figure reproduces/);
    const json = await cli('v-2019', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ campaignId: 'v-2019', ok: true, failures: [], methodology: { matches: true } });
    // Both runs are audit reads, recorded as the OS user; so are the verifications over HTTP.
    const log = (await t.http().get('/v1/audit/reads').set(auditor).expect(200)).body.reads;
    expect(log.filter((r: { what: string }) => r.what === 'verify').map((r: { via: string; request: string; status: number; by: { role: string } }) => [r.via, r.request, r.status, r.by.role]))
      .toEqual([
        ['http', 'GET /v1/audit/campaigns/v-2019/verify', 200, 'auditor'], ['http', 'GET /v1/audit/campaigns/nowhere/verify', 404, 'auditor'],
        ['http', 'GET /v1/audit/campaigns/v-open/verify', 409, 'auditor'], ['http', 'GET /v1/audit/campaigns/v-2019/verify', 200, 'auditor'],
        ['cli', 'survey verify v-2019', 0, 'system'], ['cli', 'survey verify v-2019 --json', 0, 'system'],
      ]);
  });

  it('survey verify with a copy of the log alone: the published figures reproduce, the missing read models are all lag', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'survey-verify-log-only-'));
    try {
      const db = new Database(join(dataDir, 'events.db'), { readonly: true });
      db.exec(`VACUUM INTO '${join(copy, 'events.db')}'`);
      const head = (db.prepare('SELECT max(position) AS head FROM events').get() as { head: number }).head;
      db.close();
      const run = await runCli(['verify', 'v-2019', '--json'], { DATA_DIR: copy });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, failures: [], live: { checkpoint: 0, head, lag: head, agrees: true } });
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('survey verify: exit 2 for no campaign, an unknown one, or one not published', async () => {
    for (const args of [[], ['nowhere'], ['v-open']]) {
      const run = await cli(...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/campaign/);
    }
  });

  it('names a tampered published figure (HTTP, and survey verify with exit 1), and a tampered methodology hash', async () => {
    editPublished((data) => (data.figures.satisfaction.rate = 72.5));
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.failures).toEqual([{ figure: 'satisfaction.rate', published: 72.5, replayed: 77.8, reproduces: false }]);
    const run = await cli('v-2019');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL +satisfaction\.rate +published 72\.5, replay gives 77\.8/);
    expect(run.stdout).toMatch(/result: FAILED: 1 published figure does not reproduce: satisfaction\.rate/);
    const json = await cli('v-2019', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).failures.map((f: { figure: string }) => f.figure)).toEqual(['satisfaction.rate']);

    editPublished((data) => {
      data.figures.satisfaction.rate = 77.8;
      data.methodologyHash = `sha256:${'0'.repeat(64)}`;
    });
    const m = await verify();
    expect(m).toMatchObject({ ok: true, methodology: { matches: false, detail: expect.stringMatching(/altered/) } });
    expect((await cli('v-2019')).code).toBe(0); // a methodology mismatch is reported; only figures fail the run

    // Edits that leave no usable position or methodology are failures to report, not server errors.
    editPublished((data) => {
      data.position = -1;
      data.methodology = 'none';
    });
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, methodology: { matches: false, hashOfRecorded: null } });
    // Nothing replayed: each figure's `replayed` is absent, which the JSON shows by leaving it out.
    expect(broken.failures[0]).toEqual({ figure: 'satisfaction.rate', published: 77.8, reproduces: false });
    expect(broken.failures.length).toBe(broken.figures.length);
  });
});
