/**
 * Projections on real SQLite read models. With an event store whose subscriptions fail: an error no
 * retry can fix (an EventStoreDB checkpoint that is no position of the log) stops the process with
 * one line and a non-zero exit code; a passing one restarts the projection. With a projection whose
 * fold throws on one event, beside a healthy one: only the failing one is started again, after
 * delays that double up to the cap; each failure is logged with the event's position; its status
 * shows the error; the other folds the whole log meanwhile; and once the fold no longer throws it
 * goes past the event and is running again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { SqliteEventStore, UnrecoverableStoreError } from '@survey/event-store';
import type { EventStore, Subscription } from '@survey/event-store';
import { Projection, PROJECTIONS, reportsProjection, SqliteReadModelStore } from '@survey/read-models';
import { acme, globex, opened, pause, registered, submitted } from '@survey/domain/testing';
import { streamOf, toNew } from '@survey/event-store/testing';
import { RunningProjections } from './running-projections';

describe('Projections when the event store fails', () => {
  let dir: string;
  let readModels: SqliteReadModelStore;
  const exitCode = process.exitCode;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projections-'));
    readModels = SqliteReadModelStore.open(join(dir, 'read-models.db'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    process.exitCode = exitCode;
    await readModels.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let subscribed = 0;
  /** A store whose first `failing` subscriptions report `error` at once (all of them by default). */
  const failingWith = (error: unknown, failing = Infinity): EventStore => ({
    positionUnit: 'bytes',
    append: async () => ({ revision: 0, position: 0 }),
    readStream: async () => [],
    readAll: async () => [],
    headPosition: async () => 0,
    subscribeToAll: (_options, _handler, onError): Subscription => {
      if (++subscribed <= failing) setImmediate(() => onError?.(error));
      return { stop: async () => undefined, caughtUp: async () => undefined };
    },
    close: async () => undefined,
  });

  it('stops the process, non-zero and through the drain, on an unrecoverable store error, saying it once', async () => {
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const projections = new RunningProjections(failingWith(new UnrecoverableStoreError('position 630365 is not the position of an event of this log')), readModels);
    await projections.onApplicationBootstrap();
    await pause(50);
    expect(kill).toHaveBeenCalledTimes(1);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGTERM');
    expect(process.exitCode).toBe(1);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toBe('projections stopped: position 630365 is not the position of an event of this log');
    expect((await projections.status()).projections[0]).toMatchObject({ lagUnit: 'bytes' });
  });

  it('restarts after a passing error instead', async () => {
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    subscribed = 0;
    // Each projection's first subscription fails once; each is restarted.
    const projections = new RunningProjections(failingWith(new Error('14 UNAVAILABLE'), PROJECTIONS.length), readModels);
    await projections.onApplicationBootstrap();
    await pause(1300); // the restart comes after 1 s
    expect(subscribed).toBe(2 * projections.all.length);
    expect(projections.all.every((p) => !p.error)).toBe(true);
    expect(kill).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(exitCode);
    for (const p of projections.all) await p.stop();
  });
});

const dir = mkdtempSync(join(tmpdir(), 'projections-failing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (what: () => Promise<boolean> | boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await pause(10);
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
    const projections = new RunningProjections(events, readModels, [reportsProjection, fragile]);
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
        { name: 'reports', generation: 0, position: 5, lag: 0, lagUnit: 'events', status: 'running' },
        {
          name: 'fragile', generation: 0, position: 0, lag: 5, lagUnit: 'events', status: 'failed', // one batch: nothing of it committed
          error: { message: expect.stringMatching(/failed at position 4 \(EnterpriseRegistered/), from: 4, to: 4, attempts: expect.any(Number), nextAttemptAt: expect.any(String) },
        },
      ]);

      broken = false;
      await failing.waitFor(5, 2000).catch(async () => until(async () => failing.position.position === 5));
      // Each attempt folded the uncommitted batch from the checkpoint again; the last one went through.
      expect(folded.slice(-5)).toEqual([1, 2, 3, 4, 5]);
      // Stored: at once, or (its batches change no document) within the deferral of an idle commit.
      await until(async () => (await readModels.checkpoint('fragile')).position === 5, 2000);
      await until(async () => (await projections.status()).projections[1].status === 'running');
      expect(starts.reports).toHaveBeenCalledTimes(1);
    } finally {
      log.mockRestore();
      await projections.stop();
      await events.close();
      await readModels.close();
    }
  });
});
