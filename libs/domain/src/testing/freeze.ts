/**
 * deepFreeze for the specs that check a fold never changes the state it is given. Object.freeze
 * alone does not stop a native Map's set or a Set's add, so those refuse their mutators here too.
 * An immutable.js collection is persistent already: its values are frozen, the collection is left
 * as it is (it caches its hash on itself).
 */
import { isImmutable } from 'immutable';

const refuse = (name: string) => () => {
  throw new TypeError(`${name} on a frozen collection`);
};

export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  // A frozen value was frozen here before: states share what a step did not change.
  if (typeof value !== 'object' || value === null || seen.has(value) || Object.isFrozen(value)) return value;
  seen.add(value);
  if (isImmutable(value)) {
    (value as unknown as { forEach(f: (v: unknown, k: unknown) => void): void }).forEach((v, k) => {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    });
    return value;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
    Object.assign(value, { set: refuse('Map.set'), delete: refuse('Map.delete'), clear: refuse('Map.clear') });
  } else if (value instanceof Set) {
    for (const v of value) deepFreeze(v, seen);
    Object.assign(value, { add: refuse('Set.add'), delete: refuse('Set.delete'), clear: refuse('Set.clear') });
  } else {
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  }
  return Object.freeze(value);
}
