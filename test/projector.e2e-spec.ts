/**
 * API processes with PROJECTIONS=external and apps/projector as its own process, on the same
 * files: the API acknowledges writes without folding them, the projector folds them and shows
 * its lag, and SIGTERM stores its checkpoint and exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { token } from './support/app';
import { call, PROJECTOR_JS, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';

// Two child processes, each starting two projections: more than jest's 5 s on a loaded 2-core machine.
jest.setTimeout(60_000);

const admin = token('admin', 'admin-1');
const analyst = token('analyst', 'analyst-1');

describeOnEmbeddedStores('a separate projector process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-projector-'));
  const started: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of started) if (s.running) await s.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('folds what stateless API processes append, reports its lag, and stops cleanly', async () => {
    const api = await ServerProcess.start(dataDir, { env: { PROJECTIONS: 'external' } });
    started.push(api);
    const codes = await seedCampaign(api, 'xz-2019', 5, admin);
    for (const code of codes) {
      const put = await call('PUT', `${api.url}/v1/campaigns/xz-2019/evaluations/tax`, { token: token('enterprise', code), body: { rating: 'satisfied' } });
      expect(put.status).toBe(201);
    }
    const behind = await call('GET', `${api.url}/v1/health/ready`);
    const behindList = (behind.body as { projections: { name: string }[] }).projections;
    expect(behindList.map((p) => p.name)).toEqual(expect.arrayContaining(['reports', 'segments', 'progress']));
    for (const p of behindList) expect(p).toMatchObject({ position: 0, status: 'external' });
    expect((await call('GET', `${api.url}/v1/reports/campaigns/xz-2019`, { token: analyst })).status).toBe(404); // nothing folded yet

    const projector = await ServerProcess.start(dataDir, { script: PROJECTOR_JS });
    started.push(projector);
    await projector.waitUntilCaughtUp();
    const report = await call('GET', `${api.url}/v1/reports/campaigns/xz-2019`, { token: analyst });
    expect(report.body).toMatchObject({ respondents: 5, evaluations: 5, satisfaction: { rate: 100, n: 5 } });
    const ready = await call('GET', `${projector.url}/v1/health/ready`);
    const { head } = ready.body as { head: number };
    const readyList = (ready.body as { projections: { name: string }[] }).projections;
    expect(ready.body).toMatchObject({ status: 'ready' });
    expect(readyList.length).toBe(behindList.length);
    for (const p of readyList) expect(p).toMatchObject({ position: head, lag: 0, lagUnit: 'events', status: 'running' });

    expect(await projector.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const after = await call('GET', `${api.url}/v1/health/ready`);
    const afterList = (after.body as { head: number; projections: unknown[] }).projections;
    expect(after.body).toMatchObject({ head });
    for (const p of afterList) expect(p).toMatchObject({ position: head, lag: 0 }); // its checkpoints are stored
    expect(await api.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 20_000); // three node processes start and stop: 5 s is too tight on a busy 2-core machine
});
