/** The read-only SQLite log: finding where a time falls by bisection, over gaps in positions, and refusing writes. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadOnlySqliteLog } from './sqlite-read-only-log';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';

const T0 = Date.parse('2019-11-15T08:00:00.000Z');
const minute = (m: number) => new Date(T0 + m * 60_000);
const at = (m: number) => minute(m).toISOString();

describe('ReadOnlySqliteLog', () => {
  let dir: string;
  let file: string;
  let writer: SqliteEventStore;
  let log: ReadOnlySqliteLog;

  /** One event per recordedAt, in this order, each its own stream. */
  const write = async (...times: string[]) => {
    for (const recordedAt of times) {
      const event = anEvent();
      await writer.append(`s-${event.id}`, [{ ...event, metadata: { ...event.metadata, recordedAt } }], 'no_stream');
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-only-log-'));
    file = join(dir, 'events.db');
    writer = SqliteEventStore.open(file);
    log = ReadOnlySqliteLog.open(file);
  });
  afterEach(async () => {
    await log.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing in an empty log', () => {
    expect(log.locate(minute(0))).toEqual({ position: 0, recordedAt: null, next: null });
  });

  it('finds the last event at or before a time, and the one after it, across gaps in positions', async () => {
    await write(...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(at)); // positions 1..10
    const raw = new Database(file);
    raw.prepare('DELETE FROM events WHERE position BETWEEN 4 AND 6').run(); // as rolled-back appends leave gaps
    raw.close();
    expect(log.locate(new Date(T0 + 5.5 * 60_000))).toEqual({ position: 3, recordedAt: at(2), next: { position: 7, recordedAt: at(6) } });
    expect(log.locate(minute(6))).toEqual({ position: 7, recordedAt: at(6), next: { position: 8, recordedAt: at(7) } });
    expect(log.locate(minute(-1))).toEqual({ position: 0, recordedAt: null, next: { position: 1, recordedAt: at(0) } });
    expect(log.locate(minute(60))).toEqual({ position: 10, recordedAt: at(9), next: null });
    for (let m = 0; m <= 9; m++) {
      const expected = m >= 3 && m <= 5 ? 3 : m + 1;
      expect(log.locate(minute(m)).position).toBe(expected);
    }
  });

  it('sees appends made after it was opened, and counts a recordedAt that is no time as later than any', async () => {
    await write(at(0), 'not a time', at(2));
    expect(log.locate(minute(5))).toMatchObject({ position: 1, next: { position: 2 } });
    expect(await log.headPosition()).toBe(3);
    expect((await log.readAll(0, 10)).map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('refuses to write', async () => {
    await expect(log.append()).rejects.toThrow(/read-only/);
    expect(() => log.subscribeToAll()).toThrow(/read-only/);
  });
});
