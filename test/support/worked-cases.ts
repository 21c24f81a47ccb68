/**
 * Works the rectification cases of a campaign over HTTP, as the centre, the agencies and the
 * enterprises would, so that every figure of the rectification reports has something in it: cases
 * left open, contacted, rectified and followed up satisfied, explained and followed up dissatisfied
 * (a round 2), appealed (one upheld); then, the clock moved past every first deadline, a few
 * contacted and reported late, and the missed deadlines recorded by the scheduler. Which case gets
 * which treatment goes by its place in the centre's queue; the tests compare the pages with the
 * API's answers, never with figures of their own.
 */
import { DeadlineScheduler, ManualClock } from '@survey/application';
import { bearer, TestApp, token } from './app';

const DAY = 86_400_000;
const centre = bearer('centre', 'centre-staff');
const agency = (agencyId: string) => ({ authorization: `Bearer ${token('agency', `${agencyId}-officer`, { agencyId })}` });

type Case = { caseId: string; agencyId: string; enterprise: { creditCode: string } | null };

/** Every case of the campaign, as the centre lists them (it sees each enterprise). */
async function casesOf(t: TestApp, campaignId: string): Promise<Case[]> {
  const res = await t.http().get(`/v1/rectification/cases?campaignId=${campaignId}&limit=500`).set(centre).expect(200);
  return res.body.cases as Case[];
}

async function step(t: TestApp, c: Case, path: string, who: Record<string, string>, body: object): Promise<void> {
  const res = await t.http().post(`/v1/rectification/cases/${c.caseId}/${path}`).set(who).send(body);
  if (res.status !== 200) throw new Error(`${path} on case ${c.caseId}: ${res.status} ${res.text}`);
}

const contact = (t: TestApp, c: Case) => step(t, c, 'contact', centre, { channel: 'phone', summary: '电话回访' });
const report = (t: TestApp, c: Case, kind: 'rectified' | 'explanation') => step(t, c, 'report', agency(c.agencyId), { kind, actions: '已优化办理流程' });
const followUp = (t: TestApp, c: Case, level: string) => step(t, c, 'follow-up', bearer('enterprise', c.enterprise!.creditCode), { level });

/**
 * Works the campaigns' cases (the reactor must have opened them: `t.settle()` first), moves the
 * clock 30 days on, works a few more late, records the missed deadlines, and settles.
 */
export async function workCases(t: TestApp, clock: ManualClock, campaignIds: string[]): Promise<void> {
  const untouched: Case[] = [];
  for (const campaignId of campaignIds) {
    const cases = await casesOf(t, campaignId);
    if (cases.length < 10) throw new Error(`${campaignId} has ${cases.length} cases: too few to work`);
    let appeals = 0;
    for (const [i, c] of cases.entries()) {
      switch (i % 5) {
        case 0: untouched.push(c); break;
        case 1: await contact(t, c); break;
        case 2: await contact(t, c); await report(t, c, 'rectified'); await followUp(t, c, 'very_satisfied'); break;
        case 3: await contact(t, c); await report(t, c, 'explanation'); await followUp(t, c, 'dissatisfied'); break;
        case 4:
          await step(t, c, 'appeal', agency(c.agencyId), { reason: '评价与所办事项无关' });
          await step(t, c, 'appeal/decision', centre, { upheld: appeals++ === 0, reason: '核实' });
          break;
      }
    }
  }
  await t.settle();
  clock.set(new Date(clock.now().getTime() + 30 * DAY));
  for (const [i, c] of untouched.entries()) {
    if (i % 2 === 0) continue;
    await contact(t, c);
    await report(t, c, 'rectified');
  }
  const scheduler = t.app.get(DeadlineScheduler);
  await scheduler.caughtUp();
  await scheduler.tick();
  await t.settle();
}
