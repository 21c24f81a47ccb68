/**
 * The projector's commit pipeline: one commit at a time, in order, each outcome reported once; with
 * idleCommitMs, a change-less batch's checkpoint stored later (by a later commit, the timer or flush).
 */
import { GenerationRetired } from '../generations';
import type { Checkpoint, DocChange, ProjectionWrites } from '../read-model-store.port';
import { deferred, pause } from '@survey/domain/testing';
import { CommitPipeline } from './commit-pipeline';
import { ProjectionFailed } from './projection-failed';

type Call = { position: number; generation: number | undefined; settle: { resolve: () => void; reject: (e: unknown) => void } };

function heldStore(): { store: ProjectionWrites; calls: Call[] } {
  const calls: Call[] = [];
  const store = {
    commit: (_projection: string, _changes: DocChange[], checkpoint: Checkpoint, generation?: number) =>
      new Promise<void>((resolve, reject) => calls.push({ position: checkpoint.position, generation, settle: { resolve, reject } })),
  } as Partial<ProjectionWrites> as ProjectionWrites;
  return { store, calls };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('CommitPipeline', () => {
  it('hands a commit to the store only once the previous one is done, and reports each as it lands', async () => {
    const { store, calls } = heldStore();
    const committed: number[] = [];
    const pipeline = new CommitPipeline(store, 'reports', { committed: (c) => committed.push(c.position), failed: () => undefined });
    await pipeline.commit([], { from: 1, position: 10, recordedAt: null }, 2);
    const second = pipeline.commit([], { from: 11, position: 20, recordedAt: null }, 2);
    await flush();
    expect(calls.map((c) => [c.position, c.generation])).toEqual([[10, 2]]);
    calls[0].settle.resolve();
    await second;
    expect(calls.map((c) => c.position)).toEqual([10, 20]);
    expect(committed).toEqual([10]);
    calls[1].settle.resolve();
    await pipeline.committed();
    expect(committed).toEqual([10, 20]);
  });

  it('reports a failed commit once, named with its batch, and rethrows it to whoever waits', async () => {
    const { store, calls } = heldStore();
    const failures: unknown[] = [];
    const pipeline = new CommitPipeline(store, 'reports', { committed: () => undefined, failed: (e) => failures.push(e) });
    await pipeline.commit([], { from: 11, position: 20, recordedAt: null }, 0);
    calls[0].settle.reject(new Error('disk unplugged'));
    await expect(pipeline.committed()).rejects.toThrow('projection reports failed committing positions 11-20: disk unplugged');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(ProjectionFailed);
    await pipeline.committed(); // reported once: nothing in flight any more
  });

  it('passes a retired generation on as it is, for the projector to follow the switch', async () => {
    const { store, calls } = heldStore();
    const failures: unknown[] = [];
    const pipeline = new CommitPipeline(store, 'reports', { committed: () => undefined, failed: (e) => failures.push(e) });
    await pipeline.commit([], { from: 1, position: 5, recordedAt: null }, 0);
    const retired = new GenerationRetired('generation 0 of projection reports is retired (the active one is 1)');
    calls[0].settle.reject(retired);
    await expect(pipeline.committed()).rejects.toBe(retired);
    expect(failures).toEqual([retired]);
  });

  it('forgets the commit in flight when told (a run that is over): nothing more to wait for', async () => {
    const { store } = heldStore();
    const pipeline = new CommitPipeline(store, 'reports', { committed: () => undefined, failed: () => undefined });
    await pipeline.commit([], { from: 1, position: 5, recordedAt: null }, 0);
    pipeline.forget();
    const waited = deferred();
    void pipeline.committed().then(waited.resolve);
    await expect(waited.promise).resolves.toBeUndefined();
  });

  describe('with idleCommitMs', () => {
    const change: DocChange[] = [{ collection: 'c', id: 'a', doc: { n: 1 } }];

    it('moves the checkpoint of a change-less batch at once and stores it when the time is up, once', async () => {
      const { store, calls } = heldStore();
      const committed: number[] = [];
      const pipeline = new CommitPipeline(store, 'cases', { committed: (c) => committed.push(c.position), failed: () => undefined }, { idleCommitMs: 40 });
      await pipeline.commit([], { from: 1, position: 10, recordedAt: null }, 0);
      await pipeline.commit([], { from: 11, position: 20, recordedAt: 't20' }, 0);
      expect(committed).toEqual([10, 20]);
      expect(calls).toHaveLength(0);
      await pause(100);
      expect(calls.map((c) => c.position)).toEqual([20]);
      calls[0].settle.resolve();
      await pipeline.committed();
      expect(committed).toEqual([10, 20]); // reported once, as it was folded
      await pause(100);
      expect(calls).toHaveLength(1);
    });

    it('stores changes at once, and a later commit carries an earlier deferred checkpoint', async () => {
      const { store, calls } = heldStore();
      const committed: number[] = [];
      const pipeline = new CommitPipeline(store, 'reports', { committed: (c) => committed.push(c.position), failed: () => undefined }, { idleCommitMs: 40 });
      await pipeline.commit([], { from: 1, position: 10, recordedAt: null }, 0);
      await pipeline.commit(change, { from: 11, position: 20, recordedAt: null }, 0);
      expect(calls.map((c) => c.position)).toEqual([20]);
      calls[0].settle.resolve();
      await pipeline.committed();
      await pause(100);
      expect(calls.map((c) => c.position)).toEqual([20]); // the timer found nothing left to store
      expect(committed).toEqual([10, 20]);
    });

    it('a deferred checkpoint waits for the commit before it, and flush() stores it at once', async () => {
      const { store, calls } = heldStore();
      const committed: number[] = [];
      const pipeline = new CommitPipeline(store, 'reports', { committed: (c) => committed.push(c.position), failed: () => undefined }, { idleCommitMs: 60_000 });
      await pipeline.commit(change, { from: 1, position: 10, recordedAt: null }, 0);
      const next = pipeline.commit([], { from: 11, position: 20, recordedAt: null }, 0);
      await pause(10);
      expect(committed).toEqual([]); // its documents are not written yet: readers may not count on position 20
      calls[0].settle.resolve();
      await next;
      expect(committed).toEqual([10, 20]);
      const flushed = pipeline.flush();
      await pause(10);
      expect(calls.map((c) => c.position)).toEqual([10, 20]);
      calls[1].settle.resolve();
      await flushed;
    });

    it('reports a deferred checkpoint that fails to be stored, named with the range it covers', async () => {
      const { store, calls } = heldStore();
      const failures: unknown[] = [];
      const pipeline = new CommitPipeline(store, 'cases', { committed: () => undefined, failed: (e) => failures.push(e) }, { idleCommitMs: 10 });
      await pipeline.commit([], { from: 1, position: 10, recordedAt: null }, 0);
      await pipeline.commit([], { from: 11, position: 20, recordedAt: null }, 0);
      await pause(50);
      calls[0].settle.reject(new Error('disk unplugged'));
      await expect(pipeline.committed()).rejects.toThrow('projection cases failed committing positions 1-20: disk unplugged');
      expect(failures).toHaveLength(1);
    });

    it('forgets a deferred checkpoint with the run', async () => {
      const { store, calls } = heldStore();
      const pipeline = new CommitPipeline(store, 'cases', { committed: () => undefined, failed: () => undefined }, { idleCommitMs: 10 });
      await pipeline.commit([], { from: 1, position: 10, recordedAt: null }, 0);
      pipeline.forget();
      await pause(50);
      await pipeline.flush();
      expect(calls).toHaveLength(0);
    });
  });
});
