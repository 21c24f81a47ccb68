/** Keyed: own-property reads and writes that hold for any key, on new objects and on JSON.parse's. */
import { addTo, asKeyed, deleteOwn, getOwn, hasOwnKey, keyed, Keyed, ownEntries, ownKeys, setOwn, toMap } from './keyed';

const PROTOTYPE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype'])];
const parsed = <V>(obj: Keyed<V>): Keyed<V> => JSON.parse(JSON.stringify(obj)) as Keyed<V>;

describe('Keyed', () => {
  it('the prototype names include the ones that broke the read models', () => {
    expect(PROTOTYPE_NAMES).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'length', 'name']));
  });

  it.each([['a new one', () => keyed<number>()], ['one JSON.parse made', () => parsed(keyed<number>())]])('reads nothing inherited from %s', (_, make) => {
    const obj = make();
    for (const name of PROTOTYPE_NAMES) {
      expect({ name, value: getOwn(obj, name), has: hasOwnKey(obj, name) }).toEqual({ name, value: undefined, has: false });
    }
    expect(ownEntries(obj)).toEqual([]);
  });

  it.each([['a new one', () => keyed<number>()], ['one JSON.parse made', () => parsed(keyed<number>())]])('counts under every prototype name on %s, and JSON keeps them', (_, make) => {
    const obj = make();
    const prototypeBefore = Object.getPrototypeOf(obj);
    PROTOTYPE_NAMES.forEach((name, i) => addTo(obj, name, i + 1));
    PROTOTYPE_NAMES.forEach((name, i) => addTo(obj, name, i + 1));
    expect(Object.getPrototypeOf(obj)).toBe(prototypeBefore);
    const expected = new Map(PROTOTYPE_NAMES.map((name, i) => [name, 2 * (i + 1)]));
    expect(toMap(obj)).toEqual(expected);
    expect(toMap(parsed(obj))).toEqual(expected);
    expect(new Set(ownKeys(parsed(obj)))).toEqual(new Set(PROTOTYPE_NAMES));
  });

  it('sets, overwrites and deletes `__proto__` as an own property of an object JSON.parse made', () => {
    const obj = parsed(keyed<string>());
    setOwn(obj, '__proto__', 'a');
    setOwn(obj, '__proto__', 'b');
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(getOwn(obj, '__proto__')).toBe('b');
    expect(JSON.stringify(obj)).toBe('{"__proto__":"b"}');
    deleteOwn(obj, '__proto__');
    expect(hasOwnKey(obj, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
  });

  it('builds from entries (the later entry for a key wins) and reads a JSON object from elsewhere', () => {
    expect(toMap(keyed([['constructor', 1], ['x', 2], ['constructor', 3]]))).toEqual(new Map([['constructor', 3], ['x', 2]]));
    const answers = asKeyed<string>(JSON.parse('{"constructor":"satisfied","__proto__":"dissatisfied"}'));
    expect(ownEntries(answers)).toEqual([['constructor', 'satisfied'], ['__proto__', 'dissatisfied']]);
    expect(getOwn(asKeyed<string>({}), 'toString')).toBeUndefined();
    expect(toMap(undefined)).toEqual(new Map());
  });
});
