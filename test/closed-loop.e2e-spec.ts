/**
 * The whole rectification loop on the built server (CLOSED-LOOP.md's "done when"), with the
 * webhook outbox posting to a local receiver: bad reviews submitted over HTTP become cases; the
 * agency (with consent) calls and reports, the enterprise rates the follow-up; an agency's appeal
 * is upheld and the evaluation leaves the headline; a contact deadline passes and the scheduler
 * records it (the in-process app on the same data directory with a clock moved by hand, as
 * test/case-clock.e2e-spec.ts does: the built server keeps the real clock); the server is stopped
 * with SIGTERM and killed with kill -9 in the middle, and the loop goes on with nothing lost or
 * doubled; the rectification report and the public table show the result; every notice arrives
 * signed, each event's notice under one key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { pause } from '@survey/domain/testing';
import { notifyConfig } from '../libs/application/src/config/notify-config';
import { startApp, token } from './support/app';
import { call, HttpResult, seedCampaign, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(240_000);

const SECRET = 'closed-loop-webhook-secret-of-32-chars!';
const CAMPAIGN = 'loop-2019';
const admin = token('admin', 'admin-1');
const analyst = token('analyst', 'analyst-1');
const auditor = token('auditor', 'auditor-1');
const centre = token('centre', 'centre-staff-1');
const agency = (agencyId: string) => token('agency', `${agencyId}-officer`, { agencyId });
const enterprise = (code: string) => token('enterprise', code);

type Case = { caseId: string; agencyId: string; status: string; outcome: string | null; contactDue: string; overdue: string[]; history: { type: string; by: string }[] };

describeOnEmbeddedStores('the closed loop on the built server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-closed-loop-'));
  const notifyEnv = (hook: WebhookReceiver) => ({
    PUBLIC_URL: 'https://survey.example', NOTIFY_WEBHOOK_URL: hook.url, NOTIFY_WEBHOOK_SECRET: SECRET, NOTIFY_BACKOFF_MS: '20,200', NOTIFY_TIMEOUT_MS: '1000',
  });
  let hook: WebhookReceiver;
  let server: ServerProcess;
  const servers: ServerProcess[] = [];

  const start = async () => {
    server = await ServerProcess.start(dataDir, { env: notifyEnv(hook), timeoutMs: 30_000 });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await hook?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ok = async (method: string, path: string, who: string, body?: unknown, status = 200): Promise<HttpResult> => {
    const res = await call(method, `${server.url}${path}`, { token: who, body });
    expect({ method, path, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ method, path, status, body: undefined });
    return res;
  };
  const step = (caseId: string, path: string, who: string, body: object) => ok('POST', `/v1/rectification/cases/${caseId}/${path}`, who, body);
  /** A case as the queue's read model gives it, once the projections have folded every acknowledged step. */
  const read = async (caseId: string) => {
    await server.waitUntilCaughtUp();
    return (await ok('GET', `/v1/rectification/cases/${caseId}`, centre)).body as Case;
  };
  /** The case the reactor opened for this enterprise's review, polled. */
  async function caseOf(code: string, agencyId: string): Promise<Case> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ballot = (await ok('GET', `/v1/campaigns/${CAMPAIGN}/evaluations`, enterprise(code))).body as { cases: Case[] };
      const found = ballot.cases.find((c) => c.agencyId === agencyId);
      if (found) return read(found.caseId);
      if (Date.now() > deadline) throw new Error(`no case for ${code}'s review of ${agencyId}`);
      await pause(100);
    }
  }
  const headline = async () => {
    await server.waitUntilCaughtUp(30_000);
    return (await ok('GET', `/v1/reports/campaigns/${CAMPAIGN}`, analyst)).body as { evaluations: number; satisfaction: { n: number } };
  };
  const types = (c: Case) => c.history.map((h) => h.type);

  it('plays the loop to its end across a SIGTERM and a kill -9, and shows it in the reports and the public table', async () => {
    hook = await WebhookReceiver.start(SECRET);
    await start();
    const [e1, e2, e3, e4] = await seedCampaign(server, CAMPAIGN, 4, admin);
    await ok('PUT', `/v1/campaigns/${CAMPAIGN}/evaluations/tax`, enterprise(e1), { rating: 'dissatisfied', comment: '办事拖延', contactConsent: true }, 201);
    await ok('PUT', `/v1/campaigns/${CAMPAIGN}/evaluations/police`, enterprise(e2), { rating: 'very_dissatisfied' }, 201);
    await ok('PUT', `/v1/campaigns/${CAMPAIGN}/evaluations/tax`, enterprise(e3), { rating: 'dissatisfied' }, 201);
    await ok('PUT', `/v1/campaigns/${CAMPAIGN}/evaluations/tax`, enterprise(e4), { rating: 'satisfied' }, 201);
    const [fixed, appealed, forgotten] = [await caseOf(e1, 'tax'), await caseOf(e2, 'police'), await caseOf(e3, 'tax')];
    expect([fixed, appealed, forgotten].map((c) => c.status)).toEqual(['open', 'open', 'open']);
    expect((await headline()).evaluations).toBe(4);

    // The agency calls (the enterprise consented), then the server stops gracefully.
    await step(fixed.caseId, 'contact', agency('tax'), { channel: 'phone', summary: '电话回访，了解情况' });
    expect((await server.kill('SIGTERM')).code).toBe(0);
    await start();

    await step(fixed.caseId, 'report', agency('tax'), { kind: 'rectified', actions: '优化流程，限时办结' });
    await step(appealed.caseId, 'appeal', agency('police'), { reason: '该企业未在本局办理业务' });
    const decided = (await step(appealed.caseId, 'appeal/decision', centre, { upheld: true, reason: '评价与事实不符' })).body as Case;
    expect(decided).toMatchObject({ status: 'closed', outcome: 'appeal-upheld' });
    // Killed right after the decision's acknowledgement: the invalidation and the notices must survive it.
    await server.kill('SIGKILL');
    await start();

    const closed = (await step(fixed.caseId, 'follow-up', enterprise(e1), { level: 'satisfied', comment: '满意' })).body as Case;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'rectified' });
    expect(types(await read(fixed.caseId))).toEqual(['RectificationCaseOpened', 'EnterpriseContacted', 'RectificationReported', 'FollowUpRated', 'RectificationCaseClosed']);
    expect(types(await read(appealed.caseId))).toEqual(['RectificationCaseOpened', 'AppealFiled', 'AppealDecided', 'RectificationCaseClosed']);
    // The upheld appeal took the rating out of the figures, once.
    expect((await headline()).evaluations).toBe(3);
    const history = (await ok('GET', `/v1/audit/campaigns/${CAMPAIGN}/ballots/${e2}`, auditor)).body as { events: { type: string; data: { reason?: string } }[] };
    expect(history.events.filter((e) => e.type === 'EvaluationInvalidated').map((e) => e.data.reason)).toEqual(['appeal upheld: 评价与事实不符']);
    expect((await server.kill('SIGTERM')).code).toBe(0);

    // Nobody called the third enterprise: with the clock past its contact deadline, the scheduler records the miss.
    const clock = new ManualClock(new Date(Date.parse(forgotten.contactDue) + 60_000));
    const notify = notifyConfig(notifyEnv(hook));
    const moved = await startApp({ clock, dataDir, config: { publicUrl: 'https://survey.example', notify } });
    try {
      await moved.app.get(DeadlineScheduler).caughtUp();
      await moved.app.get(DeadlineScheduler).tick();
      await moved.settle();
    } finally {
      await moved.close();
    }
    await start();
    const late = await read(forgotten.caseId);
    expect(types(late)).toEqual(['RectificationCaseOpened', 'RectificationDeadlineMissed']);
    // (`overdue` is as of the server's clock, the real one again here: the miss stays recorded in the history.)

    // Three cases in all, each opened once, whatever the restarts.
    const queue = (await ok('GET', `/v1/rectification/cases?campaignId=${CAMPAIGN}`, centre)).body as { cases: Case[] };
    expect(queue.cases.map((c) => c.caseId).sort()).toEqual([fixed.caseId, appealed.caseId, forgotten.caseId].sort());

    // The reports show it: staff's report now, the public table once the results are published.
    await server.waitUntilCaughtUp(30_000);
    const report = (await ok('GET', `/v1/reports/rectification?campaignId=${CAMPAIGN}`, centre)).body as {
      total: Record<string, number>; agencies: { agencyId: string; cases: number }[];
    };
    expect(report.total).toMatchObject({ cases: 3, contacted: 1, contactedOnTime: 1, reported: 1, followUps: 1, followUpSatisfied: 1, appeals: 1, appealsUpheld: 1, open: 1 });
    expect(report.agencies.map((a) => [a.agencyId, a.cases]).sort()).toEqual([['housing', 0], ['police', 1], ['tax', 2]]);
    expect((await call('GET', `${server.url}/v1/public/rectification?campaignId=${CAMPAIGN}`)).status).toBe(404);
    await ok('POST', `/v1/campaigns/${CAMPAIGN}/close`, admin);
    await ok('POST', `/v1/campaigns/${CAMPAIGN}/publish`, admin);
    await server.waitUntilCaughtUp(30_000);
    const table = (await ok('GET', `/v1/public/rectification?campaignId=${CAMPAIGN}`, '')).body as { agencies: { agencyId: string; cases: number; closed: number }[] };
    expect(table.agencies.map((a) => [a.agencyId, a.cases, a.closed]).sort()).toEqual(expect.arrayContaining([['police', 1, 1], ['tax', 2, 1]]));
    expect(JSON.stringify(table)).not.toContain(e1);

    // Notices: each case's opening and the missed deadline arrived, every try signed, one key per event.
    const openings = [fixed, appealed, forgotten].map((c) => c.caseId);
    await hook.waitFor(() => {
      const kinds = hook.bodies().map((b) => `${String(b.kind)}:${(b.subject as { id: string }).id}`);
      return openings.every((id) => kinds.includes(`case-opened:${id}`)) && kinds.includes(`deadline-missed:${forgotten.caseId}`);
    }, 60_000, 'the openings and the missed deadline');
    expect(hook.received.filter((r) => !r.signed)).toEqual([]);
    const notices = hook.bodies() as { key: string; kind: string; eventId: string; deadline: string | null }[];
    const perEvent = new Map<string, Set<string>>();
    for (const n of notices) perEvent.set(`${n.eventId}:${n.kind}:${n.deadline}`, new Set([...(perEvent.get(`${n.eventId}:${n.kind}:${n.deadline}`) ?? []), n.key]));
    expect([...perEvent.values()].filter((keys) => keys.size > 1)).toEqual([]);
    // The consenting enterprise's identity may travel; the others' never does.
    for (const code of [e2, e3]) expect(hook.received.filter((r) => r.body.includes(code))).toEqual([]);
  });
});
