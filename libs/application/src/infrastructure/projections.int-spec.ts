/**
 * Projections on real SQLite read models with an event store whose subscriptions fail: an error no
 * retry can fix (an EventStoreDB checkpoint that is no position of the log) stops the process with
 * one line and a non-zero exit code; a passing one restarts the projection as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { UnrecoverableStoreError } from '@survey/event-store';
import type { EventStore, Subscription } from '@survey/event-store';
import { SqliteReadModelStore } from '@survey/read-models';
import { loadConfig } from '../config/config';
import { Projections } from './projections';

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
    const projections = new Projections(failingWith(new UnrecoverableStoreError('position 630365 is not the position of an event of this log')), readModels, loadConfig({ SURVEY_JWT_SECRET: 'x'.repeat(32) }));
    await projections.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 50));
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
    const projections = new Projections(failingWith(new Error('14 UNAVAILABLE'), 4), readModels, loadConfig({ SURVEY_JWT_SECRET: 'x'.repeat(32) }));
    await projections.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 1300)); // the restart comes after 1 s
    expect(subscribed).toBe(2 * projections.all.length);
    expect(projections.all.every((p) => !p.error)).toBe(true);
    expect(kill).not.toHaveBeenCalled();
    expect(process.exitCode).toBe(exitCode);
    for (const p of projections.all) await p.stop();
  });
});
