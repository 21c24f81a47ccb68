/**
 * A projection whose fold throws on one event, beside a healthy one, on real SQLite files: only the
 * failing one is started again, after delays that double up to the cap; each failure is logged with
 * the event's position; its status shows the error; the other folds the whole log meanwhile; and
 * once the fold no longer throws it goes past the event and is running again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@survey/event-store';
import { Projection, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { acme, globex, opened, registered, streamOf, submitted, toNew } from '../../../read-models/src/testing/report-events';
import type { AppConfig } from '../config/config';
import { Projections } from './projections';

const dir = mkdtempSync(join(tmpdir(), 'projections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (what: () => Promise<boolean> | boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Projections with one projection failing', () => {
  it('retries only the failing one, with capped backoff, and keeps the other folding', async () => {
    const events = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    const readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
    const history = [opened(), registered(acme), submitted(acme, 'tax', 'satisfied'), registered(globex), submitted(globex, 'tax', 'dissatisfied')];
    for (const [i, e] of history.entries()) await events.append(streamOf(e), [toNew(e, i)], 'any');
    const poison = 4; // globex's registration
    let broken = true;
    const folded: number[] = [];
    const fragile: Projection = {
      name: 'fragile', collections: ['fragile-docs'], reads: () => [],
      apply: (event) => {
        if (broken && event.position === poison) throw new TypeError("Cannot create property 'NaN' on number 'NaN'");
        folded.push(event.position);
      },
    };
    const logged: string[] = [];
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void logged.push(String(message)));
    const config = { inProcessProjector: true } as AppConfig;
    const projections = new Projections(events, readModels, config, [reportsProjection, fragile]);
    projections.retry = { firstMs: 40, maxMs: 160 };
    const [reports, failing] = projections.all;
    const starts = { reports: jest.spyOn(reports, 'start'), fragile: jest.spyOn(failing, 'start') };
    try {
      await projections.onApplicationBootstrap();
      await until(() => logged.length >= 5); // the first failure and four retries: 40, 80, 160, 160 ms
      await reports.waitFor(5, 2000); // the healthy one has folded the whole log meanwhile
      expect(starts.reports).toHaveBeenCalledTimes(1);
      expect(starts.fragile.mock.calls.length).toBeGreaterThanOrEqual(5);
      const delays = logged.map((line) => Number(line.match(/in (\d+) ms/)![1]));
      expect(delays.slice(0, 5)).toEqual([40, 80, 160, 160, 160]);
      expect(logged[0]).toMatch(
        new RegExp(`^projection fragile stopped at checkpoint 0: projection fragile failed at position 4 \\(EnterpriseRegistered in enterprise-${globex}\\): Cannot create property 'NaN' on number 'NaN'; attempt 2 in 40 ms\\n.*TypeError`, 's'),
      );
      expect(logged[1]).not.toMatch(/\n/); // the stack once, then one line per attempt

      const { projections: statuses } = await projections.status();
      expect(statuses).toEqual([
        { name: 'reports', generation: 0, position: 5, lag: 0, status: 'running' },
        {
          name: 'fragile', generation: 0, position: 0, lag: 5, status: 'failed', // one batch: nothing of it committed
          error: { message: expect.stringMatching(/failed at position 4 \(EnterpriseRegistered/), from: 4, to: 4, attempts: expect.any(Number), nextAttemptAt: expect.any(String) },
        },
      ]);

      broken = false;
      await failing.waitFor(5, 2000).catch(async () => until(async () => failing.position.position === 5));
      // Each attempt folded the uncommitted batch from the checkpoint again; the last one went through.
      expect(folded.slice(-5)).toEqual([1, 2, 3, 4, 5]);
      expect((await readModels.checkpoint('fragile')).position).toBe(5);
      await until(async () => (await projections.status()).projections[1].status === 'running');
      expect(starts.reports).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
      await projections.onApplicationShutdown();
    }
  });
});
