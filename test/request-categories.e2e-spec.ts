/**
 * The request categories route (GET /v1/public/request-categories) on the real app: the contract's
 * nine by default, with their labels and deadlines; a deployment's own from REQUEST_CATEGORIES_FILE
 * and REQUEST_*_DAYS (config.ts), which filing, the dispatch's deadlines and the public report
 * follow: a category it does not offer is a field error, and nothing is written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REQUEST_CATEGORIES } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { CalendarLoader, requestConfig } from '@survey/application';
import { admin, startApp, TestApp, token } from './support/app';
import { expectInvalid } from './support/problem';
import { registered } from './support/survey';

const CENTRE = { authorization: `Bearer ${token('centre', 'staff-1')}` };

describe('the request categories', () => {
  it('are the contract\'s nine by default, with their labels and deadlines, for anyone', async () => {
    const t = await startApp();
    try {
      const res = await t.http().get('/v1/public/request-categories').expect(200);
      expect(res.body.categories.map((c: { category: string }) => c.category)).toEqual([...DEFAULT_REQUEST_CATEGORIES]);
      expect(res.body.categories[0]).toEqual({ category: 'consultation', label: { zh: '政策咨询', en: 'Policy consultation' }, resolveDays: 5 });
      expect(res.body.categories[1]).toMatchObject({ category: 'approval', resolveDays: 15 });
      expect(res.body).toMatchObject({ dispatchDays: 1, acceptDays: 1, maxExtensionDays: 30, rateDays: 7 });
    } finally {
      await t.close();
    }
  });

  describe('configured', () => {
    let dir: string;
    let t: TestApp;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'request-categories-'));
      const file = join(dir, 'categories.json');
      writeFileSync(file, JSON.stringify([
        { category: 'constructor', zh: '工程建设', en: 'Construction', resolveDays: 3 },
        { category: 'consultation', zh: '政策咨询', en: 'Policy questions' },
      ]));
      t = await startApp({ config: { requests: requestConfig({ REQUEST_CATEGORIES_FILE: file, REQUEST_RESOLVE_DAYS: '8', REQUEST_DISPATCH_DAYS: '2' }) } });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists the deployment\'s categories in its order, with REQUEST_RESOLVE_DAYS for one without its own days', async () => {
      const res = await t.http().get('/v1/public/request-categories').expect(200);
      expect(res.body).toEqual({
        categories: [
          { category: 'constructor', label: { zh: '工程建设', en: 'Construction' }, resolveDays: 3 },
          { category: 'consultation', label: { zh: '政策咨询', en: 'Policy questions' }, resolveDays: 8 },
        ],
        dispatchDays: 2, acceptDays: 1, maxExtensionDays: 30, rateDays: 7,
      });
    });

    it('files under an offered category only, counts its deadlines from the configuration, and reports its categories', async () => {
      const code = await registered(t, 1);
      const enterprise = { authorization: `Bearer ${token('enterprise', code)}` };
      await t.http().put('/v1/agencies/tax').set(admin).send({ name: '市税务局' }).expect(201);
      const events = t.app.get<EventStore>(EVENT_STORE, { strict: false });
      const before = await events.headPosition();
      const refused = await t.http().post('/v1/requests').set(enterprise).send({ category: 'land', title: '用地', description: '用地规划' });
      expectInvalid(refused, 'category');
      expect(await events.headPosition()).toBe(before);

      const filed = await t.http().post('/v1/requests').set(enterprise).send({ category: 'constructor', title: '施工许可', description: '材料已齐' }).expect(201);
      const id = filed.body.requestId as string;
      await t.http().post(`/v1/requests/${id}/dispatch`).set(CENTRE).send({ agencyId: 'tax' }).expect(200);
      // The deadlines as configured, on the app's own working-day calendar: 2 days to dispatch, 3 to resolve a `constructor`.
      const calendar = t.app.get(CalendarLoader, { strict: false }).get();
      const [received, dispatched] = await events.readStream(`request-${id}`);
      expect((received.data as { dispatchDue: string }).dispatchDue).toBe(calendar.withinWorkingDays(new Date((received.data as { at: string }).at), 2).due);
      const request = (await t.http().get(`/v1/requests/${id}`).set(CENTRE).expect(200)).body;
      expect(request.resolveDue).toBe(calendar.withinWorkingDays(new Date((dispatched.data as { at: string }).at), 3).due);

      await t.settle();
      const report = (await t.http().get('/v1/public/requests').expect(200)).body;
      expect(report.categories.map((c: { category: string }) => c.category)).toEqual(['constructor', 'consultation']);
      expect(report.categories[0].received).toBe(1);
    });
  });
});
