/**
 * Every audit read is recorded (who, when, what, and the answer's status) in the audit-read log,
 * per UTC day, and auditors can page through it; listing it is itself an audit read.
 */
import { ManualClock } from '@survey/application';
import { analyst, auditor, bearer, startApp, TestApp } from './support/app';
import { creditCode } from './support/fixtures';
import { expectInvalid, expectProblem } from './support/problem';
import { openCampaign, registered, submit } from './support/survey';

const DAY1 = '2031-03-04';
const DAY2 = '2031-03-05';

describe('the audit-read log', () => {
  const clock = new ManualClock(new Date(`${DAY1}T09:00:00.000Z`));
  let t: TestApp;
  let acme: string;
  const reads = (query = '', who = auditor) => t.http().get(`/v1/audit/reads${query}`).set(who);
  const history = (code: string, who = auditor) => t.http().get(`/v1/audit/campaigns/ar-2031/ballots/${code}`).set(who);

  beforeAll(async () => {
    t = await startApp({ clock });
    await openCampaign(t, 'ar-2031', { opensAt: '2031-03-01T00:00:00.000Z', closesAt: '2031-04-01T00:00:00.000Z', year: 2031 });
    acme = await registered(t, 1);
    await submit(t, acme, 'ar-2031', 'tax', { rating: 'satisfied' }).expect(201);
  });
  afterAll(() => t.close());

  it('records who read what, when, with the status answered; the list is oldest first', async () => {
    clock.set(`${DAY1}T10:00:00.000Z`);
    await history(acme).expect(200);
    clock.set(`${DAY1}T10:00:05.000Z`);
    await history(creditCode(2), bearer('auditor', 'auditor-2')).expect(404);
    await history(acme, analyst).expect(403); // refused by the guard: nothing was read
    await history('91310110666007217U').expect(422); // refused for its input: nothing was read
    const page = (await reads().expect(200)).body;
    expect(page).toEqual({
      date: DAY1,
      reads: [
        {
          position: expect.any(Number), revision: 0, at: `${DAY1}T10:00:00.000Z`, by: { role: 'auditor', sub: 'auditor-1' },
          via: 'http', what: 'ballot-history', request: `GET /v1/audit/campaigns/ar-2031/ballots/${acme}`, status: 200, correlationId: expect.any(String),
        },
        expect.objectContaining({ revision: 1, at: `${DAY1}T10:00:05.000Z`, by: { role: 'auditor', sub: 'auditor-2' }, status: 404 }),
      ],
      next: null,
    });
  });

  it('records the listing itself, and pages with from and limit', async () => {
    const all = (await reads().expect(200)).body.reads;
    expect(all.map((r: { what: string }) => r.what)).toEqual(['ballot-history', 'ballot-history', 'audit-reads']);
    expect(all[2]).toMatchObject({ request: 'GET /v1/audit/reads', status: 200 });
    const first = (await reads(`?date=${DAY1}&limit=2`).expect(200)).body;
    expect(first.reads.map((r: { revision: number }) => r.revision)).toEqual([0, 1]);
    expect(first.next).toEqual({ date: DAY1, from: 2 });
    const second = (await reads(`?date=${DAY1}&from=2&limit=2`).expect(200)).body;
    expect(second.reads.map((r: { revision: number }) => r.revision)).toEqual([2, 3]);
    expect(second.next).toEqual({ date: DAY1, from: 4 });
  });

  it('keeps each UTC day apart, and records concurrent reads one after another, none lost', async () => {
    clock.set(`${DAY2}T00:00:01.000Z`);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => history(acme).then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    const day2 = (await reads(`?date=${DAY2}`).expect(200)).body.reads;
    expect(day2.map((r: { revision: number }) => r.revision)).toEqual([...Array(20).keys()]);
    expect((await reads(`?date=${DAY1}`).expect(200)).body.reads).toHaveLength(6); // two histories, four listings
    expect((await reads('?date=2031-03-06').expect(200)).body).toEqual({ date: '2031-03-06', reads: [], next: null });
  });

  it.each([
    ['a date that is no calendar day', '?date=2031-02-30', 'date'],
    ['a date in another format', '?date=yesterday', 'date'],
    ['limit 0', '?limit=0', 'limit'],
    ['limit over 1000', '?limit=1001', 'limit'],
    ['a negative from', '?from=-1', 'from'],
    ['a from that is not a number', '?from=abc', 'from'],
    ['an unknown parameter', '?who=me', 'who'],
  ])('answers 400 for %s', async (_, query, field) => {
    expectInvalid(await reads(query), field);
  });

  it('is for auditors only', async () => {
    expectProblem(await t.http().get('/v1/audit/reads'), 401);
    expectProblem(await reads('', analyst), 403);
  });
});
