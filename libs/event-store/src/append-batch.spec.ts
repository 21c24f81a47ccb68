import { packAppends, unpackAppends } from './append-batch';
import type { QueuedAppend } from './append-request';

describe('packAppends / unpackAppends', () => {
  it('carries every append as it was: streams, expectations, events in order, an empty append too', () => {
    const appends: QueuedAppend[] = [
      { stream: 'ballot-xz-2019-91320302130091000T', expected: 'no_stream', events: [{ id: 'a', type: 'EvaluationSubmitted', data: '{"rating":"satisfied"}', metadata: '{"schemaVersion":1}' }] },
      { stream: '__proto__', expected: 'any', events: [] },
      { stream: 'constructor', expected: 0, events: [{ id: 'b', type: 'T', data: '"\\u0000 差评 \\"quoted\\""', metadata: '{}' }, { id: 'c', type: 'U', data: 'null', metadata: '{}' }] },
      { stream: 's', expected: 2 ** 31 + 7, events: [{ id: 'd', type: 'V', data: '[]', metadata: '{}' }] },
    ];
    const packed = packAppends(appends);
    expect(packed.numbers).toEqual(new Float64Array([-1, 1, -2, 0, 0, 2, 2 ** 31 + 7, 1]));
    expect(unpackAppends(structuredClone(packed))).toEqual(appends);
  });

  it('packs nothing into nothing', () => {
    expect(unpackAppends(packAppends([]))).toEqual([]);
  });
});
