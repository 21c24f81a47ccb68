/** Small test doubles and timing helpers for projector specs. */
import type { ReadModelStore } from '../read-model-store.port';

/** The store with its commit replaced (to hold or fail one); every other method goes to the store itself. */
export function withCommit(store: ReadModelStore, commit: ReadModelStore['commit']): ReadModelStore {
  return new Proxy(store, {
    get: (target, key) => {
      if (key === 'commit') return commit;
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  return { promise: new Promise<void>((r) => (resolve = r)), resolve };
}

/** Lets timers and I/O run, so something that should not happen has had its chance to. */
export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
