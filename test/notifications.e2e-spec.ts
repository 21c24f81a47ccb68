/**
 * The webhook outbox on the built server (docs/notifications.md), against a local receiver: every
 * notice arrives, in order, signed, while the receiver fails, times out and recovers; across a
 * kill -9 nothing is lost and a notice comes twice only under the same key; after 10 failed tries a
 * notice is parked, counted in readiness (still 200), listed for the centre and retried on request.
 * The closed loop's events are appended to the log directly, as the reactor and the case and
 * request commands would (their own suites test those).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RectificationEvent, RequestEvent, streams } from '@survey/domain';
import { caseEvents, requestEvents } from '@survey/domain/testing';
import { NewEvent, SqliteEventStore } from '@survey/event-store';
import { token } from './support/app';
import { call, PROJECTOR_JS, ServerProcess } from './support/server-process';
import { describeOnEmbeddedStores } from './support/stores';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

const SECRET = 'webhook-secret-of-at-least-32-characters';
const centre = token('centre', 'centre-staff-1');
const HOUR = 3600_000;

/** The env of a server whose outbox posts to the receiver, with backoff and timeout short enough for a test. */
// A fixed PUBLIC_URL: the default names the port, which differs between the runs before and after a kill, and the links would too.
const notifyEnv = (receiver: WebhookReceiver) => ({
  PUBLIC_URL: 'https://survey.example', NOTIFY_WEBHOOK_URL: receiver.url, NOTIFY_WEBHOOK_SECRET: SECRET, NOTIFY_BACKOFF_MS: '20,100', NOTIFY_TIMEOUT_MS: '400',
});

function envelope(e: RectificationEvent | RequestEvent): NewEvent {
  return {
    id: randomUUID(), type: e.type, data: e.data,
    metadata: { schemaVersion: 1, recordedAt: new Date().toISOString(), actor: { role: 'system', sub: 'e2e' }, correlationId: randomUUID(), causationId: randomUUID() },
  };
}

/**
 * A case opened now, its deadlines weeks away: the deadline scheduler running in the server has
 * nothing to append and no reminder falls due, so the notices are exactly the appended events'.
 */
const openedNow = (overrides: Parameters<typeof caseEvents.caseOpened>[0] = {}): RectificationEvent => {
  const opened = caseEvents.caseOpened(overrides);
  const inDays = (days: number) => new Date(Date.now() + days * 24 * HOUR).toISOString();
  return { ...opened, data: { ...opened.data, reviewedAt: inDays(0), contactDue: inDays(20), rectifyDue: inDays(40), at: inDays(0) } } as RectificationEvent;
};
/** A case's events under a fresh case id. */
const forCase = (caseId: string, ...events: RectificationEvent[]) => events.map((e) => envelope({ ...e, data: { ...e.data, caseId } } as RectificationEvent));
const forRequest = (requestId: string, ...events: RequestEvent[]) => events.map((e) => envelope({ ...e, data: { ...e.data, requestId } } as RequestEvent));

async function appendTo(dataDir: string, batches: [string, NewEvent[]][]): Promise<void> {
  const store = SqliteEventStore.open(join(dataDir, 'events.db'));
  try {
    for (const [stream, events] of batches) await store.append(stream, events, 'any');
  } finally {
    await store.close();
  }
}

describeOnEmbeddedStores('notifications: the webhook outbox', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const receivers: WebhookReceiver[] = [];

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-notify-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (dir: string, receiver: WebhookReceiver, env: Record<string, string> = {}) => {
    const server = await ServerProcess.start(dir, { env: { ...notifyEnv(receiver), ...env } });
    servers.push(server);
    return server;
  };
  const receiver = async () => {
    const r = await WebhookReceiver.start(SECRET);
    receivers.push(r);
    return r;
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGKILL')));
    await Promise.all(receivers.map((r) => r.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every notice in order, signed, through a failing, hanging and recovering receiver, and reminds of a deadline due', async () => {
    const hook = await receiver();
    // The first notice meets a 500, then no answer, then the receiver recovers; the third fails once more.
    hook.answer = (key, seen) => (hook.deliveredKeys.length === 0 ? (seen === 0 ? 'fail' : seen === 1 ? 'hang' : 'ok') : hook.deliveredKeys.length === 2 && seen === 0 ? 'fail' : 'ok');
    const dir = dataDir();
    const server = await start(dir, hook);

    const caseId = randomUUID();
    const consenting = randomUUID();
    const requestId = randomUUID();
    const soon = randomUUID();
    const opened = forCase(caseId, openedNow(), caseEvents.missed('contact'), caseEvents.contacted());
    const withConsent = forCase(consenting, openedNow({ contactConsent: true }));
    const request = forRequest(requestId, requestEvents.received(), requestEvents.dispatched(), requestEvents.returned());
    // Dispatched now with its accept deadline two hours away: its reminder is due at once.
    const now = Date.now();
    const dueSoon = forRequest(soon, requestEvents.received(), { type: 'RequestDispatched', data: {
      requestId: soon, agencyId: 'tax', round: 1, acceptDue: new Date(now + 2 * HOUR).toISOString(), resolveDue: new Date(now + 240 * HOUR).toISOString(),
      calendar: caseEvents.stamp, at: new Date(now).toISOString(),
    } });
    const appendedAt = Date.now();
    await appendTo(dir, [
      [streams.rectification(caseId), opened], [streams.request(requestId), request], [streams.rectification(consenting), withConsent],
      [streams.request(soon), dueSoon],
    ]);

    const expected = [opened[0].id, opened[1].id, request[1].id, request[2].id, withConsent[0].id, dueSoon[1].id, `${dueSoon[1].id}:due-accept`];
    await hook.waitFor(() => expected.every((k) => hook.deliveredKeys.includes(k)), 30_000, 'every notice delivered');
    // The fixtures' 2019 deadlines passed long ago: the deadline scheduler (which follows requests as
    // well as cases) records them as missed, and those notices come too, wherever they fall among
    // these. What is checked here is the fixtures' own notices, in their order.
    expect(hook.deliveredKeys.filter((k) => expected.includes(k))).toEqual(expected);
    // Tried before it was delivered: a 500, a try that timed out, then the 200.
    expect(hook.received.filter((r) => r.key === opened[0].id).map((r) => r.answer)).toEqual(['fail', 'hang', 'ok']);
    expect(hook.received.filter((r) => r.key === request[1].id).map((r) => r.answer)).toEqual(['fail', 'ok']);
    expect(hook.received.every((r) => r.signed)).toBe(true);
    // In order: no key is tried before the one before it was delivered.
    assertInOrder(hook);
    // A notice sent again is the same bytes under the same key.
    for (const key of expected) expect(new Set(hook.received.filter((r) => r.key === key).map((r) => r.body)).size).toBe(1);

    const bodies = hook.bodies().filter((b) => expected.includes(b.key as string));
    expect(bodies.map((b) => b.kind)).toEqual(['case-opened', 'deadline-missed', 'request-dispatched', 'request-returned', 'case-opened', 'request-dispatched', 'deadline-due']);
    expect(bodies[0]).toMatchObject({ key: opened[0].id, enterprise: null, subject: { type: 'case', id: caseId, agencyId: 'tax', campaignId: 'xz-2019' } });
    // No identity of the enterprise that gave no consent, anywhere in its case's notices.
    const creditCode = (caseEvents.caseOpened().data as { creditCode: string }).creditCode;
    for (const r of hook.received.filter((x) => x.key === opened[0].id || x.key === opened[1].id)) expect(r.body).not.toContain(creditCode);
    expect(bodies[4]).toMatchObject({ enterprise: { creditCode } });
    expect(bodies[6]).toMatchObject({ kind: 'deadline-due', deadline: 'accept', due: new Date(now + 2 * HOUR).toISOString(), eventId: dueSoon[1].id });
    expect(Date.now() - appendedAt).toBeLessThan(30_000);

    // Within 2 s of an append once the receiver answers at once.
    const later = forCase(randomUUID(), openedNow());
    const t0 = Date.now();
    await appendTo(dir, [[streams.rectification((later[0].data as { caseId: string }).caseId), later]]);
    await hook.waitFor(() => hook.deliveredKeys.includes(later[0].id), 2000, 'a new case notified within 2 s');
    expect(Date.now() - t0).toBeLessThan(2000);

    const ready = await call('GET', `${server.url}/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', notifications: { parked: 0 } });
    await server.kill('SIGTERM');
  });

  it('loses nothing across kill -9: every notice arrives, a repeated one under the same key with the same body', async () => {
    const hook = await receiver();
    hook.delayMs = 60;
    const dir = dataDir();
    const cases = Array.from({ length: 30 }, () => forCase(randomUUID(), openedNow()));
    await appendTo(dir, cases.map((c) => [streams.rectification((c[0].data as { caseId: string }).caseId), c]));
    const expected = cases.map((c) => c[0].id);

    // A try that times out is tried again (at least once, by design): on a loaded machine 400 ms can
    // pass before the server reads a 60 ms answer, and that repeat is not the kill's. This test is
    // about the kill, so its tries get time enough that only the notice in flight at the kill repeats.
    const patient = { NOTIFY_TIMEOUT_MS: '10000' };
    const first = await start(dir, hook, patient);
    await hook.waitFor(() => hook.deliveredKeys.length >= 8, 30_000, 'some notices before the kill');
    await first.kill('SIGKILL');
    const beforeKill = hook.deliveredKeys.length;
    expect(beforeKill).toBeLessThan(expected.length);

    await start(dir, hook, patient);
    await hook.waitFor(() => hook.deliveredKeys.length >= expected.length, 30_000, 'every notice after the restart');
    expect(hook.deliveredKeys).toEqual(expected);
    for (const key of expected) expect(new Set(hook.received.filter((r) => r.key === key).map((r) => r.body)).size).toBe(1);
    // At most the notice in flight at the kill comes again (its commit may not have happened).
    expect(hook.received.filter((r) => r.delivered).length - expected.length).toBeLessThanOrEqual(1);
    expect(hook.received.every((r) => r.signed)).toBe(true);
  });

  it('parks a notice after 10 failed tries, counts it in readiness, moves on, lists it for the centre and retries it on request', async () => {
    const hook = await receiver();
    const dir = dataDir();
    const doomed = forCase(randomUUID(), openedNow());
    const next = forCase(randomUUID(), openedNow());
    let down = true;
    hook.answer = (key) => (key === doomed[0].id && down ? 'fail' : 'ok');
    const server = await start(dir, hook);
    await appendTo(dir, [[streams.rectification((doomed[0].data as { caseId: string }).caseId), doomed], [streams.rectification((next[0].data as { caseId: string }).caseId), next]]);

    await hook.waitFor(() => hook.deliveredKeys.includes(next[0].id), 20_000, 'the next notice after the parked one');
    expect(hook.received.filter((r) => r.key === doomed[0].id)).toHaveLength(10);
    expect(hook.received.findIndex((r) => r.key === next[0].id)).toBeGreaterThan(hook.received.map((r) => r.key).lastIndexOf(doomed[0].id));

    const ready = await call('GET', `${server.url}/v1/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', notifications: { parked: 1 } });

    const listed = await call('GET', `${server.url}/v1/notifications/parked`, { token: centre });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      parked: [expect.objectContaining({ key: doomed[0].id, kind: 'case-opened', tries: 10, lastError: 'HTTP 500', notice: expect.objectContaining({ key: doomed[0].id }) })],
      next: null,
    });
    expect((await call('GET', `${server.url}/v1/notifications/parked`, { token: token('analyst', 'a-1') })).status).toBe(403);
    expect((await call('GET', `${server.url}/v1/notifications/parked`)).status).toBe(401);
    expect((await call('GET', `${server.url}/v1/notifications/parked?limit=0`, { token: centre })).status).toBe(400);
    expect((await call('POST', `${server.url}/v1/notifications/parked/${randomUUID()}/retry`, { token: centre })).status).toBe(404);

    down = false;
    const retried = await call('POST', `${server.url}/v1/notifications/parked/${doomed[0].id}/retry`, { token: centre });
    expect(retried).toMatchObject({ status: 202, body: { key: doomed[0].id, status: 'retrying' } });
    await hook.waitFor(() => hook.deliveredKeys.includes(doomed[0].id), 10_000, 'the parked notice after its retry');
    const bodies = new Set(hook.received.filter((r) => r.key === doomed[0].id).map((r) => r.body));
    expect(bodies.size).toBe(1);
    await waitForParked(server, 0);
    expect((await call('GET', `${server.url}/v1/notifications/parked`, { token: centre })).body).toEqual({ parked: [], next: null });
  });
});

describeOnEmbeddedStores('notifications from apps/projector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-notify-projector-'));
  let projector: ServerProcess | undefined;
  let hook: WebhookReceiver | undefined;
  afterAll(async () => {
    await projector?.kill('SIGKILL');
    await hook?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the outbox where the projections run, and its health server counts the parked notices', async () => {
    hook = await WebhookReceiver.start(SECRET);
    projector = await ServerProcess.start(dir, { env: notifyEnv(hook), script: PROJECTOR_JS });
    const opened = forCase(randomUUID(), openedNow());
    await appendTo(dir, [[streams.rectification((opened[0].data as { caseId: string }).caseId), opened]]);
    await hook.waitFor(() => hook!.deliveredKeys.includes(opened[0].id), 10_000, 'the projector\'s notice');
    const ready = await call('GET', `${projector.url}/v1/health/ready`);
    expect(ready).toMatchObject({ status: 200, body: { notifications: { parked: 0 } } });
  });
});

function assertInOrder(hook: WebhookReceiver): void {
  const delivered = new Set<string>();
  let current: string | null = null;
  for (const r of hook.received) {
    if (r.key !== current) {
      if (current !== null) expect(delivered.has(current)).toBe(true);
      current = r.key;
    }
    if (r.delivered) delivered.add(r.key);
  }
}

async function waitForParked(server: ServerProcess, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ready = await call('GET', `${server.url}/v1/health/ready`);
    if ((ready.body as { notifications?: { parked: number } }).notifications?.parked === count) return;
    if (Date.now() > deadline) throw new Error(`parked never became ${count}: ${JSON.stringify(ready.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
