/**
 * Deadlines on the real app with a clock moved by hand: a contact deadline passes, the scheduler
 * records it, the case shows it as overdue and heads the centre's queue; after a restart on the same
 * data directory nothing is lost and nothing is recorded twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { bearer, startApp, TestApp } from './support/app';
import { myBallot, openCampaign, registered, submit } from './support/survey';

jest.setTimeout(60_000);

const centre = bearer('centre', 'staff-1');
const DAY = 86_400_000;

describe('case deadlines with a controllable clock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'survey-case-clock-'));
  const clock = new ManualClock(new Date());
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const caseOf = async (code: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const [found] = (await myBallot(t, code, 'clk-2019').expect(200)).body.cases as { caseId: string }[];
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no case within 5 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const missedIn = (history: { type: string }[]) => history.filter((h) => h.type === 'RectificationDeadlineMissed');

  it('records a missed contact deadline once, shows it overdue first in the queue, and keeps it across a restart', async () => {
    t = await startApp({ clock, dataDir });
    await openCampaign(t, 'clk-2019');
    const code = await registered(t, 1);
    await submit(t, code, 'clk-2019', 'tax', { rating: 'dissatisfied' }).expect(201);
    const { caseId } = await caseOf(code);
    const opened = (await t.http().get(`/v1/rectification/cases/${caseId}`).set(centre).expect(200)).body;
    expect(opened.overdue).toEqual([]);

    clock.set(new Date(Date.parse(opened.contactDue) + 1000));
    await t.app.get(DeadlineScheduler).caughtUp();
    await t.app.get(DeadlineScheduler).tick();
    await t.settle();
    const late = (await t.http().get(`/v1/rectification/cases/${caseId}`).set(centre).expect(200)).body;
    expect(late.overdue).toEqual(['contact']);
    expect(missedIn(late.history)).toEqual([expect.objectContaining({ by: 'system' })]);
    const queue = (await t.http().get('/v1/rectification/cases?status=overdue').set(centre).expect(200)).body.cases;
    expect(queue[0]).toMatchObject({ caseId, overdue: ['contact'] });

    await t.close();
    clock.set(new Date(Date.parse(opened.contactDue) + 2 * DAY));
    t = await startApp({ clock, dataDir });
    await t.app.get(DeadlineScheduler).caughtUp();
    await t.app.get(DeadlineScheduler).tick();
    await t.settle();
    const after = (await t.http().get(`/v1/rectification/cases/${caseId}`).set(centre).expect(200)).body;
    expect(after.history.map((h: { type: string }) => h.type)).toEqual(late.history.map((h: { type: string }) => h.type));
    expect((await t.http().post(`/v1/rectification/cases/${caseId}/contact`).set(centre).send({ channel: 'phone', summary: '迟到的回访' }).expect(200)).body.overdue).toEqual([]);
  });
});
