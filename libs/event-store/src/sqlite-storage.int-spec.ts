/**
 * SqliteEventStore on a disk that fills up (a small tmpfs): the append is refused as
 * StoreUnavailable, nothing of it is stored, the store says it is unwritable, and it recovers by
 * itself (a probe write) once space returns, without an append to show it. (A disk turned read-only
 * under open files cannot be staged: Linux refuses to remount it while the files are open for
 * writing. Its SQLITE_READONLY codes are classified like SQLITE_FULL: store-unavailable.spec.ts.)
 */
import { join } from 'node:path';
import type { StorageStatus } from './store-unavailable';
import { StoreUnavailable } from './store-unavailable';
import { SqliteEventStore } from './sqlite-event-store';
import { anEvent } from './testing/event-builders';
import { describeOnTmpfs, Tmpfs } from './testing/tmpfs';
import { pause } from '@survey/domain/testing';

const until = async (what: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await pause(20);
  }
};

describeOnTmpfs('SqliteEventStore on a full or read-only disk', () => {
  let disk: Tmpfs;
  let store: SqliteEventStore;
  let changes: StorageStatus[];
  beforeEach(() => {
    disk = Tmpfs.mount(1024);
    changes = [];
    store = SqliteEventStore.open(join(disk.dir, 'events.db'), { probeIntervalMs: 50, onStorageChange: (s) => changes.push(s) });
  });
  afterEach(async () => {
    await store.close();
    disk.unmount();
  });

  /** Appends one event at a time until one is refused; returns how many went in, and the refusal. */
  async function appendUntilRefused(stream: string): Promise<{ stored: number; refusal: unknown }> {
    for (let stored = 0; stored < 10_000; stored++) {
      try {
        await store.append(stream, [anEvent('Tested', { text: 'x'.repeat(2000) })], stored === 0 ? 'no_stream' : stored - 1);
      } catch (refusal) {
        return { stored, refusal };
      }
    }
    throw new Error('the disk never filled up');
  }

  it('refuses the append that does not fit, keeps every acknowledged one, and recovers when space returns', async () => {
    await store.append('before', [anEvent()], 'no_stream');
    disk.fill();
    const { stored, refusal } = await appendUntilRefused('s');
    expect(refusal).toBeInstanceOf(StoreUnavailable);
    expect(refusal).toMatchObject({ store: 'events.db', code: expect.stringMatching(/^SQLITE_(FULL|IOERR)/) });
    expect(store.storageStatus()).toEqual({ writable: false, error: { code: (refusal as StoreUnavailable).code, message: (refusal as StoreUnavailable).message, since: expect.any(String) } });
    expect(changes).toHaveLength(1);
    // Still refused while full, still reported once.
    await expect(store.append('s', [anEvent()], stored - 1 < 0 ? 'no_stream' : stored - 1)).rejects.toBeInstanceOf(StoreUnavailable);
    expect(changes).toHaveLength(1);

    disk.free();
    await until(() => store.storageStatus().writable, 5000); // the probe, with no append
    expect(changes.map((c) => c.writable)).toEqual([false, true]);
    const after = await store.append('s', [anEvent()], stored - 1 < 0 ? 'no_stream' : stored - 1);
    expect(after.revision).toBe(stored);
    expect(await store.readStream('s')).toHaveLength(stored + 1);
    expect(await store.readStream('before')).toHaveLength(1);
  });
});
