/**
 * The built server with DATA_DIR on a small tmpfs that fills up: submissions answer 503 with
 * Retry-After (problem+json), each logged with its request id; readiness is 503 and says why; reads
 * and liveness go on; once space returns the server recovers by itself (no restart), takes the
 * refused submissions, and every acknowledged one is stored and counted once, also after kill -9.
 */
import { token } from './support/app';
import { call, HttpResult, seedCampaign, ServerProcess, storedBallots } from './support/server-process';
import { logLines } from './support/log-lines';
import { describeOnEmbeddedStores } from './support/stores';
import { describeOnTmpfs, Tmpfs } from '../libs/event-store/src/testing/tmpfs';
import { pause } from '@survey/domain/testing';

jest.setTimeout(90_000);

const CAMPAIGN = 'full-2019';
const ENTERPRISES = 30;
const adminToken = token('admin', 'admin-1');
const analystToken = token('analyst', 'analyst-1');
const auditorToken = token('auditor', 'auditor-1');

async function eventually<T>(what: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (done(value) || Date.now() > deadline) return value;
    await pause(200);
  }
}

describeOnEmbeddedStores('a full disk under the built server', () => {
  describeOnTmpfs('DATA_DIR on a tmpfs that fills up', () => {
    let disk: Tmpfs;
    const servers: ServerProcess[] = [];
    beforeAll(() => (disk = Tmpfs.mount(16 * 1024)));
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      disk?.unmount();
    });

    it('answers 503 with Retry-After, turns readiness red, and recovers by itself when space returns', async () => {
      const server = await ServerProcess.start(disk.dir);
      servers.push(server);
      const codes = await seedCampaign(server, CAMPAIGN, ENTERPRISES, adminToken);
      await server.waitUntilCaughtUp();
      const submit = (code: string) => call('PUT', `${server.url}/v1/campaigns/${CAMPAIGN}/evaluations/tax`, { token: token('enterprise', code), body: { rating: 'satisfied', comment: '满意'.repeat(200) } });

      const acknowledged: string[] = [];
      for (const code of codes.slice(0, 10)) {
        expect((await submit(code)).status).toBe(201);
        acknowledged.push(code);
      }
      disk.fill();
      let refused: HttpResult | undefined;
      let refusedCode = '';
      for (const code of codes.slice(10)) {
        const answer = await submit(code);
        if (answer.status === 201) acknowledged.push(code);
        else {
          refused = answer;
          refusedCode = code;
          break;
        }
      }
      expect(refused).toBeDefined(); // the disk filled up before every enterprise had rated
      expect(refused!.status).toBe(503);
      expect(refused!.contentType).toMatch(/^application\/problem\+json/);
      expect(refused!.headers['retry-after']).toBe('5');
      const problem = refused!.body as { status: number; detail: string; requestId: string };
      expect(problem).toMatchObject({ status: 503, detail: expect.stringMatching(/^storage is unavailable \(SQLITE_(FULL|IOERR\w*) on events\.db\): the request was not acknowledged; try again in 5 s$/) });
      expect(problem.requestId).toBe(refused!.headers['x-request-id']);
      // The server's logs (JSON lines on stdout) arrive through a pipe: wait for the lines rather than read them at once.
      const logged = (level: string, pattern: RegExp) =>
        eventually(async () => logLines(server.stdout).find((l) => l.level === level && pattern.test(l.msg ?? '')), (line) => line !== undefined, 10_000);
      // One line, no stack: a full disk is an operating condition, not a bug; it carries the request's id as a field too.
      expect(await logged('error', new RegExp(`^request ${problem.requestId} PUT /v1/campaigns/${CAMPAIGN}/evaluations/tax answered 503: StoreUnavailable: events\\.db cannot be written \\(SQLITE_\\w+: [^)]+\\)$`)))
        .toMatchObject({ context: 'HTTP', reqId: problem.requestId });
      expect(await logged('error', /events\.db cannot be written \(SQLITE_\w+\): appends answer 503 until it can/)).toMatchObject({ context: 'EventStore' });

      const red = await call('GET', `${server.url}/v1/health/ready`);
      expect(red.status).toBe(503);
      expect(red.body).toMatchObject({ status: 'unavailable', eventStore: 'unavailable', eventStoreError: { code: expect.stringMatching(/^SQLITE_/), since: expect.any(String) } });
      expect((await call('GET', `${server.url}/v1/health`)).status).toBe(200);
      expect((await call('GET', `${server.url}/v1/campaigns/${CAMPAIGN}`, { token: adminToken })).status).toBe(200); // reads go on
      expect((await submit(refusedCode)).status).toBe(503); // still full: still refused

      disk.free();
      const ready = await eventually(() => call('GET', `${server.url}/v1/health/ready`), (r) => r.status === 200, 30_000);
      expect(ready.body).toMatchObject({ status: 'ready', eventStore: 'ok' });
      expect(await logged('warn', /^events\.db can be written again: appends are accepted$/)).toMatchObject({ context: 'EventStore' });

      // The refused ones go in now; every enterprise's rating is stored once.
      for (const code of codes.filter((c) => !acknowledged.includes(c))) expect((await submit(code)).status).toBe(201);
      await server.waitUntilCaughtUp(30_000);
      const expectCounted = async (s: ServerProcess) => {
        const stored = await storedBallots(s, CAMPAIGN, codes, { enterprise: (code) => token('enterprise', code), auditor: auditorToken });
        expect([...stored.keys()].sort()).toEqual([...codes].sort());
        expect([...stored.values()].every((b) => b.events === 1)).toBe(true);
        const report = await call('GET', `${s.url}/v1/reports/campaigns/${CAMPAIGN}`, { token: analystToken });
        expect(report.body).toMatchObject({ respondents: ENTERPRISES, evaluations: ENTERPRISES });
      };
      await expectCounted(server);

      // And after kill -9 and a restart on the same disk.
      await server.kill('SIGKILL');
      const again = await ServerProcess.start(disk.dir);
      servers.push(again);
      await again.waitUntilCaughtUp(30_000);
      await expectCounted(again);
    });
  });
});
