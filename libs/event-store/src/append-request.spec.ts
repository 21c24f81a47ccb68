/** The pure rules behind the SQLite adapter's appends: what is refused before queueing, and what counts as a retry. */
import { Conflict } from '@survey/domain';
import { earlierResult, serializeAppend } from './append-request';
import type { ExpectedRevision, NewEvent } from './event-store.port';
import { anEvent } from './testing/event-builders';

describe('serializeAppend', () => {
  it('keeps data and metadata as the exact JSON.stringify text', () => {
    const event = anEvent('T', { district: '鼓楼区', n: 1.5 });
    const [serialized] = serializeAppend('s', [event], 'any').events;
    expect(serialized.data).toBe(JSON.stringify(event.data));
    expect(serialized.metadata).toBe(JSON.stringify(event.metadata));
  });

  it.each([-1, 1.5, 'latest', Number.NaN])('refuses the expected revision %p', (expected) => {
    expect(() => serializeAppend('s', [anEvent()], expected as ExpectedRevision)).toThrow(TypeError);
  });

  it('refuses data JSON cannot carry, and an empty stream name', () => {
    expect(() => serializeAppend('s', [{ ...anEvent(), data: undefined }], 'any')).toThrow(/not JSON-serialisable/);
    expect(() => serializeAppend('', [anEvent()], 'any')).toThrow(TypeError);
  });

  it('refuses the same id twice in one append as a Conflict', () => {
    const event = anEvent();
    expect(() => serializeAppend('s', [event, event], 'any')).toThrow(Conflict);
  });
});

describe('earlierResult', () => {
  const [a, b]: NewEvent[] = [anEvent(), anEvent()];
  const request = (expected: ExpectedRevision, stream = 's') => serializeAppend(stream, [a, b], expected);
  const at = (revision: number, stream = 's') => ({ stream, revision, position: 100 + revision });

  it('is undefined when no id is stored yet', () => {
    expect(earlierResult(request('no_stream'), [undefined, undefined])).toBeUndefined();
  });

  it.each([
    ['no_stream', [0, 1]],
    [4, [5, 6]],
    ['any', [7, 8]],
  ] as const)('recognises a retry at %p stored at revisions %p', (expected, [r0, r1]) => {
    expect(earlierResult(request(expected), [at(r0), at(r1)])).toEqual({ revision: r1, position: 100 + r1 });
  });

  it.each([
    ['another expectation', request(3), [at(0), at(1)]],
    ['another stream', request('no_stream', 't'), [at(0), at(1)]],
    ['a partial match', request('no_stream'), [at(0), undefined]],
    ['ids out of order', request('any'), [at(1), at(0)]],
  ])('throws a Conflict for %s', (_, req, found) => {
    expect(() => earlierResult(req, found)).toThrow(/already used/);
  });
});
