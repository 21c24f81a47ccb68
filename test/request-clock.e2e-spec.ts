/**
 * Requests' deadlines and notices on the real app, through the HTTP command path, with a clock moved
 * by hand and a webhook receiver: a dispatch notifies the agency; the accept deadline passes, the
 * scheduler records it once (also after a restart on the same data), the request shows it overdue and
 * heads the overdue queue, and the missed deadline is notified; a return and an escalation are
 * notified; an answer nobody rates in seven days closes `not-rated`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { admin, bearer, startApp, TestApp, token } from './support/app';
import { registered } from './support/survey';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

const SECRET = 'a-webhook-secret-of-at-least-thirty-two-characters';
const DAY = 86_400_000;
const centre = bearer('centre', 'staff-1');
const tax = { authorization: `Bearer ${token('agency', 'tax-officer', { agencyId: 'tax' })}` };
const filing = { category: 'consultation', title: '咨询政策', description: '想了解研发费用加计扣除政策' };

describe('request deadlines and notices with a controllable clock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-request-clock-'));
  const clock = new ManualClock(new Date());
  let hook: WebhookReceiver;
  let t: TestApp;
  const start = async () => {
    t = await startApp({ clock, dataDir, config: { notify: { url: hook.url, secret: SECRET, backoffBaseMs: 50, backoffCapMs: 200, timeoutMs: 2000, maxTries: 10 } } });
  };
  beforeAll(async () => {
    hook = await WebhookReceiver.start(SECRET);
    await start();
    await t.http().put('/v1/agencies/tax').set(admin).send({ name: '市税务局' }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await hook.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const one = async (id: string) => (await t.http().get(`/v1/requests/${id}`).set(centre).expect(200)).body as { overdue: string[]; acceptDue: string; status: string; outcome: string | null; history: { type: string; by: string }[] };
  const missedIn = (history: { type: string }[]) => history.filter((h) => h.type === 'RequestDeadlineMissed');
  const pass = async () => {
    const scheduler = t.app.get(DeadlineScheduler);
    await scheduler.caughtUp();
    await scheduler.tick();
  };
  const notices = () => hook.bodies() as { kind: string; subject: { type: string; id: string; agencyId: string | null }; deadline: string | null }[];
  const noticeOf = async (kind: string, id: string, deadline: string | null = null) => {
    await hook.waitFor(() => notices().some((n) => n.kind === kind && n.subject.id === id && n.deadline === deadline), 10_000, `${kind} of ${id}`);
    return notices().filter((n) => n.kind === kind && n.subject.id === id && n.deadline === deadline);
  };

  it('notifies a dispatch; records a missed accept deadline once, overdue and first in the queue, notified; keeps it across a restart', async () => {
    const code = await registered(t, 1);
    const { requestId } = (await t.http().post('/v1/requests').set(bearer('enterprise', code)).send(filing).expect(201)).body;
    await t.http().post(`/v1/requests/${requestId}/dispatch`).set(centre).send({ agencyId: 'tax' }).expect(200);
    expect(await noticeOf('request-dispatched', requestId)).toEqual([expect.objectContaining({ subject: expect.objectContaining({ type: 'request', agencyId: 'tax' }) })]);
    const dispatched = await one(requestId);
    expect(dispatched.overdue).toEqual([]);

    clock.set(new Date(Date.parse(dispatched.acceptDue) + 1000));
    await pass();
    const late = await one(requestId);
    expect(late.overdue).toEqual(['accept']);
    expect(missedIn(late.history)).toEqual([expect.objectContaining({ by: 'system' })]);
    await t.settle();
    const queue = (await t.http().get('/v1/requests?status=overdue').set(centre).expect(200)).body.requests;
    expect(queue[0]).toMatchObject({ requestId, overdue: ['accept'] });
    expect(await noticeOf('deadline-missed', requestId, 'accept')).toHaveLength(1);

    await t.close();
    clock.set(new Date(Date.parse(dispatched.acceptDue) + 2 * DAY));
    await start();
    await pass();
    await pass();
    expect(missedIn((await one(requestId)).history)).toHaveLength(1);
  });

  it('notifies a return and an escalation; closes an answer nobody rated within seven days not-rated', async () => {
    const code = await registered(t, 2);
    const who = bearer('enterprise', code);
    const { requestId } = (await t.http().post('/v1/requests').set(who).send(filing).expect(201)).body;
    await t.http().post(`/v1/requests/${requestId}/dispatch`).set(centre).send({ agencyId: 'tax' }).expect(200);
    await t.http().post(`/v1/requests/${requestId}/return`).set(tax).send({ reason: '需要先由中心核实' }).expect(200);
    expect(await noticeOf('request-returned', requestId)).toHaveLength(1);
    await t.http().post(`/v1/requests/${requestId}/dispatch`).set(centre).send({ agencyId: 'tax' }).expect(200);
    await t.http().post(`/v1/requests/${requestId}/accept`).set(tax).expect(200);
    await t.http().post(`/v1/requests/${requestId}/resolve`).set(tax).send({ reply: '已答复' }).expect(200);
    await t.http().post(`/v1/requests/${requestId}/rating`).set(who).send({ level: 'dissatisfied' }).expect(200);
    await t.http().post(`/v1/requests/${requestId}/resolve`).set(tax).send({ reply: '再次答复' }).expect(200);
    await t.http().post(`/v1/requests/${requestId}/rating`).set(who).send({ level: 'dissatisfied' }).expect(200);
    expect(await noticeOf('escalated', requestId)).toHaveLength(1);

    const quiet = (await t.http().post('/v1/requests').set(who).send(filing).expect(201)).body.requestId as string;
    await t.http().post(`/v1/requests/${quiet}/dispatch`).set(centre).send({ agencyId: 'tax' }).expect(200);
    await t.http().post(`/v1/requests/${quiet}/accept`).set(tax).expect(200);
    await t.http().post(`/v1/requests/${quiet}/resolve`).set(tax).send({ reply: '已答复' }).expect(200);
    clock.set(new Date(clock.now().getTime() + 7 * DAY - 60_000));
    await pass();
    expect((await one(quiet)).status).toBe('resolved');
    clock.set(new Date(clock.now().getTime() + 2 * DAY));
    await pass();
    const closed = await one(quiet);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'not-rated' });
    expect(closed.history.at(-1)).toMatchObject({ type: 'RequestClosed', by: 'system' });
  });
});
