/** The scheduler's due-time index: takes exactly what is due by a moment, one entry per item however often it moves. */
import { DueIndex } from './due-index';

const at = (iso: string) => new Date(iso);

describe('DueIndex', () => {
  it('takes what is due by the moment, earliest first, and leaves the rest', () => {
    const index = new DueIndex();
    index.set('c', '2019-12-10T16:00:00.000Z');
    index.set('a', '2019-12-09T16:00:00.000Z');
    index.set('b', '2019-12-27T16:00:00.000Z');
    expect(index.takeDue(at('2019-12-09T15:59:59.999Z'))).toEqual([]);
    expect(index.takeDue(at('2019-12-10T16:00:00.000Z'))).toEqual(['a', 'c']);
    expect(index.takeDue(at('2019-12-20T00:00:00.000Z'))).toEqual([]);
    expect(index.size).toBe(1);
    expect(index.next()).toBe(Date.parse('2019-12-27T16:00:00.000Z'));
  });

  it('takes at most the limit, earliest first, and leaves the rest due for the next take', () => {
    const index = new DueIndex();
    for (const [id, day] of [['d', 12], ['a', 9], ['c', 11], ['b', 10]] as const) index.set(id, `2019-12-${String(day).padStart(2, '0')}T16:00:00.000Z`);
    expect(index.takeDue(at('2019-12-11T16:00:00.000Z'), 2)).toEqual(['a', 'b']);
    expect(index.takeDue(at('2019-12-11T16:00:00.000Z'), 2)).toEqual(['c']);
    expect(index.size).toBe(1);
  });

  it('keeps one entry per item: a moved due replaces the old one, null removes it', () => {
    const index = new DueIndex();
    index.set('a', '2019-12-09T16:00:00.000Z');
    index.set('a', '2019-12-27T16:00:00.000Z');
    index.set('b', '2019-12-09T16:00:00.000Z');
    index.set('b', null);
    expect(index.size).toBe(1);
    expect(index.takeDue(at('2019-12-20T00:00:00.000Z'))).toEqual([]);
    expect(index.takeDue(at('2019-12-28T00:00:00.000Z'))).toEqual(['a']);
    expect(index.size).toBe(0);
    expect(index.next()).toBeNull();
  });

  it('orders items due at the same moment by id, and holds ids that are a plain object’s keys', () => {
    const index = new DueIndex();
    for (const id of ['constructor', '__proto__', 'toString']) index.set(id, '2019-12-09T16:00:00.000Z');
    expect(index.takeDue(at('2019-12-10T00:00:00.000Z'))).toEqual(['__proto__', 'constructor', 'toString']);
  });

  it('never indexes a due that is no instant', () => {
    const index = new DueIndex();
    index.set('a', 'soon');
    expect(index.size).toBe(0);
    expect(index.takeDue(at('2100-01-01T00:00:00.000Z'))).toEqual([]);
  });
});
