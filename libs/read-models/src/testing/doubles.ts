/** Test doubles for projector specs (deferred and pause are @survey/domain/testing's). */
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
