/**
 * JSON objects keyed by user text: the read-model documents' counters by level, question,
 * district or agency id, stored as the JSON text `JSON.stringify` gives. Such a key may spell
 * `constructor`, `toString` or `__proto__`, and `JSON.parse` hands back ordinary objects, so on
 * them `obj[key]` would read Object.prototype's member for a key the object lacks, and
 * `obj['__proto__'] = …` would set the prototype instead of a property. Hence `Keyed<V>`: an
 * opaque type (no index signature, so `obj[key]` does not compile) read and written only through
 * the functions here, which look at own properties alone. New ones have no prototype at all.
 * The stored format is the plain JSON object it always was: documents written before read the same.
 *
 * In memory, away from stored JSON, use a Map; `toMap` turns a Keyed into one.
 */
declare const KEYED: unique symbol;

/**
 * A JSON object from user-text keys to `V`; see the module comment. The optional member with a
 * name no code would type keeps it from passing silently for a `Record<string, V>`.
 */
export type Keyed<V> = { readonly [KEYED]: V; readonly ' read through keyed.ts'?: never };

// own-keys: the representation behind Keyed; only this module looks at it this way.
type Dictionary<V> = { [key: string]: V };
const raw = <V>(obj: Keyed<V>) => obj as unknown as Dictionary<V>;

/** A new one, without a prototype, holding `entries` (a later entry for the same key wins). */
export function keyed<V>(entries: Iterable<readonly [string, V]> = []): Keyed<V> {
  const obj = Object.create(null) as Keyed<V>;
  for (const [key, value] of entries) setOwn(obj, key, value);
  return obj;
}

/** A JSON object from elsewhere (an event's `answers`) seen as a Keyed: read through the same functions. */
export const asKeyed = <V>(json: Readonly<Record<string, V>>): Keyed<V> => json as unknown as Keyed<V>;

export function hasOwnKey(obj: Keyed<unknown>, key: string): boolean {
  return Object.hasOwn(obj, key);
}

export function getOwn<V>(obj: Keyed<V>, key: string): V | undefined {
  return Object.hasOwn(obj, key) ? raw(obj)[key] : undefined;
}

export function setOwn<V>(obj: Keyed<V>, key: string, value: V): void {
  // An assignment creates an own property for every key but `__proto__`, whose inherited setter
  // would change the prototype of an ordinary object (one that JSON.parse made) instead.
  if (Object.hasOwn(obj, key) || key !== '__proto__') raw(obj)[key] = value;
  else Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

export function deleteOwn(obj: Keyed<unknown>, key: string): void {
  delete raw(obj)[key];
}

/** Adds `delta` to the count under `key` (0 when absent) and returns the new count; a count that reaches 0 stays. */
export function addTo(obj: Keyed<number>, key: string, delta: number): number {
  const counts = raw(obj);
  if (Object.hasOwn(counts, key)) return (counts[key] += delta); // the usual case, on the projections' hot path
  setOwn(obj, key, delta);
  return delta;
}

export function ownEntries<V>(obj: Keyed<V>): [string, V][] {
  return Object.entries(raw(obj));
}

export function ownKeys(obj: Keyed<unknown>): string[] {
  return Object.keys(obj);
}

export function toMap<V>(obj: Keyed<V> | undefined): Map<string, V> {
  return new Map(obj ? ownEntries(obj) : []);
}
